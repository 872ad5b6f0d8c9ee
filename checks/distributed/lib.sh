# Shared by the distributed tests: counter scraping and result checks.

# requests_total URL ENDPOINT STATUS: the backend's own http_requests_total for that endpoint and status.
requests_total() {
  curl -fsS --max-time 5 "$1/metrics" | awk -v ep="endpoint=\"$2\"" -v st="status=\"$3\"" '
    /^http_requests_total\{/ && index($0, ep) && index($0, st) { sum += $NF; found = 1 }
    END { if (!found) sum = 0; printf "%d\n", sum }'
}

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }
# check DESCRIPTION COMMAND...: pass when the command succeeds.
check() { local what=$1; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
