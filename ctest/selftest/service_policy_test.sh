#!/usr/bin/env bash
# setup.sh's service policy: during the install a policy-rc.d exits 101 (service starts forbidden);
# afterwards the earlier policy-rc.d is back byte for byte, or none is left when there was none.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

check_forbidding() {
  [ -x "$SHIELD_POLICY_RC_D" ] || fail "no executable policy-rc.d during the install"
  local status=0
  "$SHIELD_POLICY_RC_D" redis-server start || status=$?
  [ "$status" -eq 101 ] || fail "policy-rc.d exits $status, not 101"
}

# Case 1: no policy-rc.d before.
export SHIELD_POLICY_RC_D="$dir/none/policy-rc.d"
mkdir -p "$dir/none"
( . "$here/../service_policy.sh"; forbid_service_starts; check_forbidding; restore_service_policy )
[ ! -e "$SHIELD_POLICY_RC_D" ] || fail "a policy-rc.d was left where there was none"
[ -z "$(ls -A "$dir/none")" ] || fail "files left behind: $(ls -A "$dir/none")"

# Case 2: an existing policy-rc.d (this machine has one) is restored unchanged.
export SHIELD_POLICY_RC_D="$dir/some/policy-rc.d"
mkdir -p "$dir/some"
printf '#!/bin/sh\n# the site policy\nexit 0\n' >"$SHIELD_POLICY_RC_D"
chmod 0750 "$SHIELD_POLICY_RC_D"
cp -p "$SHIELD_POLICY_RC_D" "$dir/original"
( . "$here/../service_policy.sh"; forbid_service_starts; check_forbidding; restore_service_policy )
cmp -s "$SHIELD_POLICY_RC_D" "$dir/original" || fail "the earlier policy-rc.d was not restored"
[ "$(stat -c %a "$SHIELD_POLICY_RC_D")" = 750 ] || fail "mode of the earlier policy-rc.d changed"
[ "$(ls -A "$dir/some")" = policy-rc.d ] || fail "files left behind: $(ls -A "$dir/some")"

# Case 3: the install fails: the EXIT trap setup.sh sets still restores the earlier policy.
( . "$here/../service_policy.sh"; forbid_service_starts; trap restore_service_policy EXIT; false ) || true
cmp -s "$SHIELD_POLICY_RC_D" "$dir/original" || fail "not restored after a failed install"

# setup.sh really uses it around apt-get install.
grep -q '^forbid_service_starts$' "$here/../setup.sh" || fail "setup.sh does not forbid service starts"
echo "PASS: service starts forbidden during the install, earlier policy restored"
