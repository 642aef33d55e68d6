#!/usr/bin/env bash
# Stops or starts only the secondary of the BIND pair from .ci/dns-setup.sh, for tests of a lagging
# server. `start` waits until the secondary serves the primary's serial again and updates the env file.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENV_FILE=${DNS_IT_ENV:-$ROOT/.ci/dns-it.env}
[ -f "$ENV_FILE" ] || { echo "dns-secondary: no $ENV_FILE; run .ci/dns-setup.sh first" >&2; exit 1; }
# shellcheck disable=SC1090
. "$ENV_FILE"

alive() { [ -n "${1:-}" ] && [ -r "/proc/$1/status" ] && ! grep -q '^State:.*Z' "/proc/$1/status"; }
# The recorded PID is our secondary only if its command line says so: a PID (or a thread id: /proc has those too)
# may be another process's by now.
ours() { alive "$1" && tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null | grep -q -- "-c $DNS_IT_SECONDARY_CONF"; }
serial() { dig +short +norec +time=1 +tries=1 -p "$DNS_IT_PORT" "@$1" "$DNS_IT_ZONE" SOA 2>/dev/null | awk '{print $3}' || true; }  # nothing yet: not listening

case "${1:-}" in
  stop)
    if ours "$DNS_IT_SECONDARY_PID"; then
      kill -TERM "$DNS_IT_SECONDARY_PID"
      for _ in $(seq 1 50); do ours "$DNS_IT_SECONDARY_PID" || exit 0; sleep 0.1; done
      kill -KILL "$DNS_IT_SECONDARY_PID" 2>/dev/null || true
      until=$((SECONDS + 120))
      while ours "$DNS_IT_SECONDARY_PID" && [ "$SECONDS" -lt "$until" ]; do sleep 0.1; done
    fi
    ;;
  start)
    if ! ours "$DNS_IT_SECONDARY_PID"; then
      # Without its zone copy the secondary transfers at once; with a stale copy it would wait for the
      # refresh timer or the next NOTIFY.
      rm -f "$(dirname "$DNS_IT_SECONDARY_CONF")"/*.db "$(dirname "$DNS_IT_SECONDARY_CONF")"/*.db.jnl
      named -g -4 -n 1 -c "$DNS_IT_SECONDARY_CONF" >> "$(dirname "$DNS_IT_SECONDARY_CONF")/named.log" 2>&1 &
      pid=$!
      sed -i "s/^DNS_IT_SECONDARY_PID=.*/DNS_IT_SECONDARY_PID=$pid/" "$ENV_FILE"
    fi
    # generously: a loaded machine may take long to start named and transfer the zone
    until=$((SECONDS + 120))
    while :; do
      p=$(serial "$DNS_IT_PRIMARY"); s=$(serial "$DNS_IT_SECONDARY")
      [ -n "$p" ] && [ "$p" = "$s" ] && exit 0
      [ "$SECONDS" -lt "$until" ] || break
      sleep 0.1
    done
    echo "dns-secondary: secondary did not catch up within 120 s" >&2; exit 1
    ;;
  *) echo "usage: $0 stop|start" >&2; exit 2 ;;
esac
