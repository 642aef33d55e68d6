#!/usr/bin/env bash
# Stops the BIND pair started by .ci/dns-setup.sh (by PID, from the env file) and removes the 127.0.0.2
# alias when the setup added it. Safe to run when nothing is running.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENV_FILE=${DNS_IT_ENV:-$ROOT/.ci/dns-it.env}

if [ ! -f "$ENV_FILE" ]; then
  echo "dns-teardown: no $ENV_FILE, nothing to stop" >&2
  exit 0
fi
# shellcheck disable=SC1090
. "$ENV_FILE"

alive() { [ -n "${1:-}" ] && [ -r "/proc/$1/status" ] && ! grep -q '^State:.*Z' "/proc/$1/status"; }

# Only a named started with our config counts: a recycled PID must never be killed.
ours() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- "-c $DNS_IT_DIR/"; }

stop() {
  local pid=$1
  alive "$pid" && ours "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do alive "$pid" || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

stop "${DNS_IT_SECONDARY_PID:-}"
stop "${DNS_IT_PRIMARY_PID:-}"
# another checkout's BIND pair (test suites side by side) may listen on the alias too: it stays until the last goes
others() { pgrep -f -- "named .*-c [^ ]*/runbook-dns-it-" >/dev/null 2>&1; }
if [ "${DNS_IT_ADDED_ALIAS:-no}" = yes ] && ip -4 addr show dev lo | grep -q "inet $DNS_IT_SECONDARY/"; then
  if others; then
    echo "dns-teardown: another BIND test pair still runs: the $DNS_IT_SECONDARY alias stays on lo" >&2
  else
    ip addr del "$DNS_IT_SECONDARY/8" dev lo || true
  fi
fi
rm -f "${DNS_IT_ALIAS_MARKER:-/nonexistent}"
case "$(basename "${DNS_IT_DIR:-}")" in runbook-dns-it-*) rm -rf "$DNS_IT_DIR" ;; esac
rm -f "$ENV_FILE"
echo "dns-teardown: stopped the BIND pair from $DNS_IT_DIR" >&2
