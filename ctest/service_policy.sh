# Sourced by setup.sh: keeps Debian package installs from starting services (redis-server,
# prometheus would otherwise start on their default ports). invoke-rc.d and deb-systemd-invoke ask
# policy-rc.d before starting anything; its exit status 101 means "action forbidden".

# The policy file (tests point SHIELD_POLICY_RC_D elsewhere).
service_policy_file=${SHIELD_POLICY_RC_D:-/usr/sbin/policy-rc.d}
service_policy_saved=""

# Puts a policy-rc.d that exits 101 in place, keeping an existing one aside.
forbid_service_starts() {
  if [ -e "$service_policy_file" ] || [ -L "$service_policy_file" ]; then
    service_policy_saved="$service_policy_file.shield-saved.$$"
    mv -f "$service_policy_file" "$service_policy_saved"
  fi
  printf '#!/bin/sh\n# Written by shield-stress ctest/setup.sh for the duration of apt-get install.\nexit 101\n' \
    >"$service_policy_file"
  chmod 0755 "$service_policy_file"
}

# Removes our policy-rc.d and puts back the one that was there before, if any.
restore_service_policy() {
  rm -f "$service_policy_file"
  if [ -n "$service_policy_saved" ]; then
    mv -f "$service_policy_saved" "$service_policy_file"
    service_policy_saved=""
  fi
}
