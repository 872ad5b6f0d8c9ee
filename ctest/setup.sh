#!/usr/bin/env bash
# Installs the Debian packages shield-stress needs; a second run finds nothing missing and says so.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
lists=("$here/packages.txt")
for arg in "$@"; do
  case "$arg" in
    --with-peers) lists+=("$here/peer-packages.txt") ;;
    *) echo "setup.sh: unknown option '$arg' (known: --with-peers)" >&2; exit 2 ;;
  esac
done

wanted=()
for list in "${lists[@]}"; do
  while read -r name; do wanted+=("$name"); done < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$list")
done

missing=()
for name in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$name")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#wanted[@]} packages already installed, nothing to do"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "setup: missing packages (${missing[*]}); run as root to install them" >&2
  exit 1
fi
echo "setup: installing ${#missing[@]} missing packages: ${missing[*]}"
apt-get update -qq
# Packages whose postinst would start a system service (redis, prometheus, munge, slurmctld, slurmd)
# are installed without starting it: a policy-rc.d exiting 101 forbids the start during the install
# and the previous policy-rc.d, if any, is restored afterwards. Tests start their own servers.
. "$here/service_policy.sh"
forbid_service_starts
trap restore_service_policy EXIT
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
restore_service_policy
trap - EXIT
echo "setup: done"
