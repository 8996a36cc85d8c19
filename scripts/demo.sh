#!/usr/bin/env bash
# The main job, with no cloud account: set up, build, start the local emulator of every
# installed cloud, then, through the `provision` CLI, create a host and wait until it is
# active (showing the progress a user sees), list it, and delete it until nothing remains.
#   bash scripts/demo.sh            # against the emulator (nothing leaves this machine)
# Environment: DEMO_PROVIDER (default digitalocean), DEMO_LATENCY (default 150ms per request),
# DEMO_SKIP_SETUP=1 (already set up and built: skip both).
# The emulator runs in the background and is stopped on every exit, Ctrl-C included.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
provider=${DEMO_PROVIDER:-digitalocean}
latency=${DEMO_LATENCY:-150ms}

if [ "${DEMO_SKIP_SETUP:-}" != 1 ]; then
  bash scripts/setup.sh
  # shellcheck source=/dev/null
  source .tools/env
  export TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
  echo "== building the CLI and the providers" >&2
  pnpm exec turbo run build --filter=@provision/cli... --filter="@provision/provider-*" --output-logs=errors-only >&2
fi

cli="$root/packages/cli/dist/bin.js"
provision() { node "$cli" "$@"; }

emulator_out=$(mktemp)
# node itself, not the `provision` function: a function in the background runs in a subshell,
# and $! would be that subshell's pid, which `kill` ends while node keeps listening.
node "$cli" emulator --port 0 --latency "$latency" --quiet >"$emulator_out" 2>&1 &
emulator_pid=$!
cleanup() {
  trap - EXIT INT TERM
  # SIGTERM: the emulator closes its port and exits. A background job ignores Ctrl-C's SIGINT.
  kill -TERM "$emulator_pid" 2>/dev/null || true
  wait "$emulator_pid" 2>/dev/null || true
  rm -f "$emulator_out"
}
trap cleanup EXIT
# Without these, a signal ends the script without running the EXIT trap.
trap 'exit 130' INT
trap 'exit 143' TERM
for _ in $(seq 1 100); do
  grep -q '^export ' "$emulator_out" && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$emulator_out" >&2; exit 1; }
  sleep 0.1
done
# The emulator prints `export VAR=value` lines that point each provider at it, with the fakes'
# own credentials. They are applied, not shown.
eval "$(grep '^export ' "$emulator_out")"
echo "== emulator: $(head -n 1 "$emulator_out")"

# Ports 80 and 443 open through the host's own firewall, on a cloud that has one (bare metal and
# OVHcloud have none: the host then keeps the cloud's default networking).
ports=()
if provision providers --output json |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s).providers.find(x=>x.id===process.argv[1]);process.exit(p?.capabilities.includes("inbound")?0:1)})' "$provider"; then
  ports=(--port 80 --port 443)
fi

echo
echo "\$ provision create --provider $provider --name demo-web --user-data examples/user-data/hello-web.sh${ports[*]:+ ${ports[*]}} --ttl 1h --wait"
provision create --provider "$provider" --name demo-web --user-data examples/user-data/hello-web.sh \
  "${ports[@]}" --ttl 1h --wait --timeout 2m

echo
echo "\$ provision list --provider $provider"
provision list --provider "$provider"

host=$(provision list --provider "$provider" --output json |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const j=JSON.parse(s);process.stdout.write(j.hosts.find(x=>x.name==="demo-web").ref)})')

echo
echo "\$ provision delete $host --wait"
provision delete "$host" --wait --timeout 2m

echo
echo "\$ provision list --provider $provider"
provision list --provider "$provider"
