#!/usr/bin/env bash
# Installs Debian packages that are not installed yet: `scripts/apt-install.sh PKG…`.
# Runs `apt-get update` once per call, and only when something is missing. Another apt or dpkg
# running at the same time (unattended upgrades, a second checkout's setup) holds a lock: we wait
# for it, up to APT_LOCK_TIMEOUT seconds (default 600), instead of failing at once.
set -euo pipefail
missing=()
for pkg in "$@"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
timeout_s=${APT_LOCK_TIMEOUT:-600}
deadline=$((SECONDS + timeout_s))
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# apt-get waits for the dpkg lock itself (DPkg::Lock::Timeout); the package-list lock that
# `update` takes has no such option, so a busy lock of either kind is retried until the deadline.
apt_get() {
  while :; do
    if DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o "DPkg::Lock::Timeout=$timeout_s" "$@" >"$log" 2>&1; then
      return 0
    fi
    grep -q "Could not get lock\|Unable to lock\|is held by process" "$log" && [ $SECONDS -lt $deadline ] || return 1
    sleep 5
  done
}

echo "ampflux: installing ${missing[*]} from apt"
if ! apt_get update -qq || ! apt_get install -y -qq "${missing[@]}"; then
  reason=$(grep -E '^(E|W):' "$log" | tail -1 || true)
  echo "ampflux: apt could not install ${missing[*]}: ${reason:-$(tail -1 "$log")}" >&2
  echo "ampflux: install them by hand (apt-get install ${missing[*]}) and run the command again" >&2
  exit 1
fi
