#!/usr/bin/env bash
# Installs the Debian packages the tests start or use (see docs/testing.md), when any is missing,
# and nothing else: no recommended packages (docker.io recommends needrestart, podman buildah and
# uidmap, …), and no upgrade of a package already installed for its own sake (--no-upgrade; issue
# 14: `npm test` as root upgraded login and passwd).
# Does nothing when all are present. Needs root; otherwise prints the command to run and exits 1,
# or, with --optional (how `npm test` calls it), exits 0 so the tests run and the ones whose peer
# is missing skip, saying why.
# Never installs kubernetes-client: it conflicts with the preinstalled kubectl.
set -euo pipefail

packages=(docker-registry apache2-utils skopeo umoci jq docker.io containerd runc podman busybox-static chromium 7zip)

if ! command -v dpkg-query >/dev/null || ! command -v apt-get >/dev/null; then
  echo "install-test-deps: not a Debian-like system; install ${packages[*]} (or their equivalents) yourself" >&2
  [ "${1:-}" = "--optional" ] && exit 0
  exit 1
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$package")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-test-deps: all ${#packages[@]} packages present"
  exit 0
fi

command=(apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends --no-upgrade "${missing[@]}")
if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-deps: missing ${missing[*]}; run as root:" >&2
  echo "  apt-get update && ${command[*]}" >&2
  [ "${1:-}" = "--optional" ] && exit 0
  exit 1
fi

echo "install-test-deps: installing ${missing[*]} (and their dependencies, no recommended packages)"
export DEBIAN_FRONTEND=noninteractive NEEDRESTART_SUSPEND=1
apt-get -o DPkg::Lock::Timeout=600 update
# Say which installed packages a new one's dependencies upgrade ("Inst name [installed] (new …)"):
# apt has no way to refuse those, so they are named rather than done silently.
upgraded=$("${command[@]}" --simulate | awk '/^Inst / && $3 ~ /^\[/ { print $2 }' | tr '\n' ' ')
if [ -n "$upgraded" ]; then
  echo "install-test-deps: the new packages need newer versions of these installed ones: $upgraded"
fi
"${command[@]}"
