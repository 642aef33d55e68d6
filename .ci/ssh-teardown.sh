#!/usr/bin/env bash
# Stops the sshd pair started by .ci/ssh-setup.sh (by PID, from the env file), removes its folder and the
# test user it created. Safe to run when nothing is running. --keep-user keeps the user (setup restarting).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENV_FILE=${SSH_IT_ENV:-$ROOT/.ci/ssh-it.env}

if [ ! -f "$ENV_FILE" ]; then
  echo "ssh-teardown: no $ENV_FILE, nothing to stop" >&2
  exit 0
fi
# shellcheck disable=SC1090
. "$ENV_FILE"

alive() { [ -n "${1:-}" ] && [ -r "/proc/$1/status" ] && ! grep -q '^State:.*Z' "/proc/$1/status"; }

# Only an sshd started with our config counts: a recycled PID must never be killed.
ours() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- "-f $SSH_IT_DIR/sshd_"; }

stop() {
  local pid=$1
  alive "$pid" && ours "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do alive "$pid" || return 0; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
}

stop "${SSH_IT_PID_A:-}"
stop "${SSH_IT_PID_B:-}"
case "${SSH_IT_DIR:-}" in
  */runbook-ssh-it-*) rm -rf "$SSH_IT_DIR" ;;
esac
if [ "${1:-}" != "--keep-user" ] && [ -n "${SSH_IT_USER:-}" ] && id "$SSH_IT_USER" >/dev/null 2>&1; then
  # the user's own processes (sessions the tests left) end with it
  pkill -KILL -u "$SSH_IT_USER" 2>/dev/null || true
  userdel -r "$SSH_IT_USER" 2>/dev/null || true
fi
case "${SSH_IT_SUDOERS:-}" in
  /etc/sudoers.d/runbook-it-*) rm -f "$SSH_IT_SUDOERS" ;;
esac
rm -f "$ENV_FILE"
echo "ssh-teardown: stopped the sshd pair from ${SSH_IT_DIR:-?}" >&2
