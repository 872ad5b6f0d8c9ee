#!/usr/bin/env bash
# The error-convention check must fail on each old convention (a header documenting "empty on
# success", an out-parameter error string, optional<string> as the problem, a second result alias)
# and pass on base::result and on a data field that records an error.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/support/base" "$work/support/load"
cat >"$work/support/load/fine.hpp" <<'CPP'
// Starts the server; the failure says why not.
base::result<void> start(const std::string& address);
struct run_record {
  std::string error;  // why the case did not run, empty when it ran (recorded in the results file)
};
CPP
bash "$here/check_errors.sh" "$work" >/dev/null || { echo "FAIL: base::result and a data field rejected"; exit 1; }
expect_failure() {  # CONTENT WORD: the check fails on a header holding CONTENT and names WORD
  printf '%s\n' "$1" >"$work/support/load/bad.hpp"
  if out=$(bash "$here/check_errors.sh" "$work" 2>&1); then echo "FAIL: passed: $1"; exit 1; fi
  grep -q "support/load/bad.hpp:.*$2" <<<"$out" || { echo "FAIL: the message does not name $2: $out"; exit 1; }
  rm "$work/support/load/bad.hpp"
}
expect_failure $'// Binds the port; empty on success, else why not.\nstd::string open();' 'empty string as success'
expect_failure $'// Checks the options; empty string when valid.\nstd::string check(int);' 'empty string as success'
expect_failure 'bool parse(std::string_view text, int& out, std::string& error);' 'error out-parameter'
expect_failure $'// The value, or nullopt with `error` set.\nstd::optional<int> read(int);' 'error out-parameter'
expect_failure 'std::optional<std::string> json_pointer_problem(std::string_view pointer);' 'optional<string> as the problem'
expect_failure $'template <class T>\nusing result = boost::system::result<T, my_error>;' 'second result type'
echo "error-convention check catches each old convention and accepts base::result"
