#!/usr/bin/env bash
# Fails, listing them, when C++ files differ from what clang-format makes of them with the tree's .clang-format.
# Usage: check_format.sh ROOT [FILE...]   (no FILE: every .cpp/.hpp under ROOT except build directories)
set -euo pipefail
root=$1
shift
command -v clang-format >/dev/null || { echo "check_format: clang-format is not installed (ctest/setup.sh installs it)" >&2; exit 2; }
[ -f "$root/.clang-format" ] || { echo "check_format: no .clang-format in $root" >&2; exit 2; }
cd "$root"
if [ $# -eq 0 ]; then
  mapfile -t files < <(find . -path ./build -prune -o -path ./.git -prune -o \( -name '*.cpp' -o -name '*.hpp' \) -print | sort)
else
  files=("$@")
fi
[ ${#files[@]} -gt 0 ] || { echo "check_format: no C++ files under $root" >&2; exit 2; }
bad=()
for f in "${files[@]}"; do
  clang-format --style=file "$f" | cmp -s - "$f" || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  echo "check_format: ${#bad[@]} of ${#files[@]} files are not formatted (fix: clang-format -i FILE):"
  printf '  %s\n' "${bad[@]}"
  exit 1
fi
echo "check_format: ${#files[@]} files formatted"
