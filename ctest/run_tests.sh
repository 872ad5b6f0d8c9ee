#!/usr/bin/env bash
# The whole test suite from a fresh clone: install what is missing, build, run every CTest label.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ctest/setup.sh
cmake --preset release
cmake --build --preset release
ctest --preset release "$@"
