#!/usr/bin/env bash
# The whole test suite from a fresh clone: install what is missing, build, run every CTest label.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ctest/setup.sh
cmake --preset release
cmake --build --preset release
status=0
ctest --preset release "$@" || status=$?
# A log tail (CI keeps only the end) then still says why each failed test failed.
((status == 0)) || bash ctest/failed_summary.sh build/release
exit "$status"
