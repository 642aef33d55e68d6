#!/usr/bin/env bash
# Starts two real OpenSSH servers on loopback for the SSH integration tests: "A" (the bastion) on
# 127.0.0.1:PORT and "B" (the target) on 127.0.0.1:PORT+1, each with its own ed25519 host key, for a non-root
# test user with an authorised key (plain and passphrase-protected), a password, and a key that is NOT
# authorised; the user may become root through sudo with its password and nobody without one. Writes an env file the tests read. Idempotent: a pair from an earlier run that still answers
# is reused; stale servers of this folder are stopped first.
#
#   .ci/ssh-setup.sh            # start (installs openssh-server from Debian when sshd is missing; needs root)
#   .ci/ssh-teardown.sh         # stop the servers, remove the folder and the test user
#
# Environment: SSH_IT_ENV (env file, default .ci/ssh-it.env), SSH_IT_PORT (default derived from DNS_IT_PORT when it
# is set, 22000 + 4 * (DNS_IT_PORT - 5300), else from the checkout's path: each checkout its own pair; when another
# program holds that port or takes it before sshd binds it, another pair of ports is tried, and the env file tells the
# tests which), SSH_IT_DIR (working folder, default /tmp/runbook-ssh-it-PORT, PORT the derived one).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENV_FILE=${SSH_IT_ENV:-$ROOT/.ci/ssh-it.env}
if [ -n "${SSH_IT_PORT:-}" ]; then
  PORT=$SSH_IT_PORT
elif [ -n "${DNS_IT_PORT:-}" ]; then
  PORT=$((22000 + 4 * ((DNS_IT_PORT - 5300) % 1000)))
else
  # each checkout its own pair (test suites of two checkouts side by side must not stop each other's sshd as a
  # leftover), the same one on every run of this checkout (so a running pair is reused)
  PORT=$((22000 + 4 * ($(printf '%s' "$ROOT" | cksum | cut -d' ' -f1) % 1000)))
fi
PORT_B=$((PORT + 1))
DIR=${SSH_IT_DIR:-${TMPDIR:-/tmp}/runbook-ssh-it-$PORT}
USER_NAME=rbssh$PORT
HOST=127.0.0.1

log() { echo "ssh-setup: $*" >&2; }
die() { log "$*"; exit 1; }

alive() { [ -n "${1:-}" ] && [ -r "/proc/$1/status" ] && ! grep -q '^State:.*Z' "/proc/$1/status"; }

install_sshd() {
  [ -x /usr/sbin/sshd ] && command -v ssh-keygen >/dev/null && command -v ssh >/dev/null && return 0
  [ "$(id -u)" = 0 ] || die "sshd is not installed and we are not root: install openssh-server"
  log "installing openssh-server"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends openssh-server >/dev/null
}

# become through sudo: the test user may run anything as root with its password, and as nobody without one
SUDOERS=/etc/sudoers.d/runbook-it-$PORT
make_sudoers() {
  if ! command -v sudo >/dev/null; then
    [ "$(id -u)" = 0 ] || { log "sudo is not installed and we are not root: become tests are skipped"; return 0; }
    log "installing sudo"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sudo >/dev/null \
      || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends sudo >/dev/null; }
  fi
  local tmp
  tmp=$(mktemp)
  printf '%s\n' "Defaults:$USER_NAME lecture=never" "$USER_NAME ALL=(root) ALL" "$USER_NAME ALL=(nobody) NOPASSWD: ALL" > "$tmp"
  visudo -cqf "$tmp" || die "the sudoers rules for $USER_NAME do not check"
  install -m 0440 "$tmp" "$SUDOERS"
  rm -f "$tmp"
}

login() { # $1 = port: a real key login proves the server is up and the user and key work
  ssh -o BatchMode=yes -o ConnectTimeout=2 -o UserKnownHostsFile="$DIR/known_hosts" -o StrictHostKeyChecking=yes \
      -o IdentitiesOnly=yes -i "$DIR/id_ed25519" -p "$1" "$USER_NAME@$HOST" true 2>/dev/null
}

# A pair of this folder reused keeps its ports, whichever attempt found them.
reuse_running() {
  [ -f "$ENV_FILE" ] || return 1
  local kept
  # shellcheck disable=SC1090
  kept=$( . "$ENV_FILE"; [ "$SSH_IT_DIR" = "$DIR" ] && alive "$SSH_IT_PID_A" && alive "$SSH_IT_PID_B" && echo "$SSH_IT_PORT") || return 1
  [ -z "${SSH_IT_PORT:-}" ] || [ "$SSH_IT_PORT" = "$kept" ] || return 1
  PORT=$kept
  PORT_B=$((PORT + 1))
  login "$PORT" && login "$PORT_B"
}

# Servers of this folder left by a run whose env file is gone still hold the ports: stop exactly those.
stop_leftovers() {
  local pid
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    if alive "$pid" && tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -qE "^/usr/sbin/sshd -D -e -f $DIR/sshd_[ab].conf"; then
      log "stopping leftover sshd $pid from $DIR"
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
    fi
  done
}

port_free() { ! ss -lnt | grep -qE "(127\.0\.0\.1|\*|0\.0\.0\.0|\[::\]):$1\b"; }

make_user() {
  if ! id "$USER_NAME" >/dev/null 2>&1; then
    useradd -m -d "/home/$USER_NAME" -s /bin/sh "$USER_NAME"
  fi
  PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  echo "$USER_NAME:$PASSWORD" | chpasswd
}

make_keys() {
  rm -rf "$DIR"
  mkdir -p "$DIR"
  chmod 755 "$DIR"
  ssh-keygen -q -t ed25519 -N '' -C "runbook-it host A" -f "$DIR/host_a"
  ssh-keygen -q -t ed25519 -N '' -C "runbook-it host B" -f "$DIR/host_b"
  ssh-keygen -q -t ed25519 -N '' -C "runbook-it impostor" -f "$DIR/host_other"
  ssh-keygen -q -t ed25519 -N '' -C "runbook-it user" -f "$DIR/id_ed25519"
  PASSPHRASE=$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
  ssh-keygen -q -t ed25519 -N "$PASSPHRASE" -C "runbook-it user (passphrase)" -f "$DIR/id_ed25519_pass"
  ssh-keygen -q -t ed25519 -N '' -C "runbook-it not authorised" -f "$DIR/id_wrong"
  cat "$DIR/id_ed25519.pub" "$DIR/id_ed25519_pass.pub" > "$DIR/authorized_keys"
  chmod 644 "$DIR/authorized_keys"
  # known_hosts written from the host keys themselves: no trust on first use
  { echo "[$HOST]:$PORT $(cut -d' ' -f1,2 "$DIR/host_a.pub")"; echo "[$HOST]:$PORT_B $(cut -d' ' -f1,2 "$DIR/host_b.pub")"; } > "$DIR/known_hosts"
  cp "$DIR/known_hosts" "$DIR/known_hosts.hashed"
  ssh-keygen -q -H -f "$DIR/known_hosts.hashed" >/dev/null 2>&1
  rm -f "$DIR/known_hosts.hashed.old"
  # the same names with another key: what a rebuilt (or forged) host looks like
  { echo "[$HOST]:$PORT $(cut -d' ' -f1,2 "$DIR/host_other.pub")"; echo "[$HOST]:$PORT_B $(cut -d' ' -f1,2 "$DIR/host_other.pub")"; } > "$DIR/known_hosts.changed"
}

write_config() { # $1 = a|b, $2 = port
  cat > "$DIR/sshd_$1.conf" <<EOF
Port $2
ListenAddress $HOST
HostKey $DIR/host_$1
PidFile none
AuthorizedKeysFile $DIR/authorized_keys
StrictModes no
UsePAM no
PubkeyAuthentication yes
PasswordAuthentication yes
KbdInteractiveAuthentication no
PermitRootLogin no
AllowUsers $USER_NAME
AllowTcpForwarding yes
MaxStartups 100:30:200
MaxSessions 50
LogLevel DEBUG1
Subsystem sftp /usr/lib/openssh/sftp-server
EOF
  /usr/sbin/sshd -t -f "$DIR/sshd_$1.conf" || die "sshd_$1.conf does not check"
}

start_sshd() { # $1 = a|b; prints the PID
  /usr/sbin/sshd -D -e -f "$DIR/sshd_$1.conf" > "$DIR/sshd_$1.log" 2>&1 &
  echo $!
}

# Waits for a condition (generously: a loaded machine may take long to start sshd); fails early when the sshd it waits
# for has ended (e.g. its port was taken meanwhile).
wait_for() { # $1 = description, $2 = pid, rest = command
  local what=$1 pid=$2 until=$((SECONDS + 120)); shift 2
  while [ "$SECONDS" -lt "$until" ]; do
    "$@" && return 0
    alive "$pid" || return 1
    sleep 0.1
  done
  "$@" && return 0
  die "$what did not come up within 120 s; see $DIR/sshd_*.log"
}

stop_pid() {
  kill -TERM "$1" 2>/dev/null || true
  for _ in $(seq 1 50); do alive "$1" || return 0; sleep 0.1; done
}

# Starts the pair on $PORT and $PORT_B; STARTED=no when an sshd could not bind its port (another program has it),
# after stopping both.
start_pair() {
  STARTED=no
  make_keys
  write_config a "$PORT"
  write_config b "$PORT_B"
  PID_A=$(start_sshd a)
  PID_B=$(start_sshd b)
  if wait_for "sshd A on $HOST:$PORT" "$PID_A" login "$PORT" && wait_for "sshd B on $HOST:$PORT_B" "$PID_B" login "$PORT_B"; then
    STARTED=yes
    return 0
  fi
  stop_pid "$PID_A"
  stop_pid "$PID_B"
  grep -qh "Address already in use" "$DIR"/sshd_*.log || die "an sshd ended; see $DIR/sshd_*.log"
  log "sshd could not listen: $(grep -h 'Address already in use' "$DIR"/sshd_*.log | head -1)"
}

write_env() {
  mkdir -p "$(dirname "$ENV_FILE")"
  ( umask 077; cat > "$ENV_FILE" <<EOF
SSH_IT_DIR=$DIR
SSH_IT_HOST=$HOST
SSH_IT_PORT=$PORT
SSH_IT_PORT_B=$PORT_B
SSH_IT_USER=$USER_NAME
SSH_IT_HOME=/home/$USER_NAME
SSH_IT_KEY=$DIR/id_ed25519
SSH_IT_KEY_PASS=$DIR/id_ed25519_pass
SSH_IT_PASSPHRASE=$PASSPHRASE
SSH_IT_PASSWORD=$PASSWORD
SSH_IT_WRONG_KEY=$DIR/id_wrong
SSH_IT_KNOWN_HOSTS=$DIR/known_hosts
SSH_IT_KNOWN_HOSTS_HASHED=$DIR/known_hosts.hashed
SSH_IT_KNOWN_HOSTS_CHANGED=$DIR/known_hosts.changed
SSH_IT_LOG_A=$DIR/sshd_a.log
SSH_IT_LOG_B=$DIR/sshd_b.log
SSH_IT_PID_A=$PID_A
SSH_IT_PID_B=$PID_B
SSH_IT_SUDOERS=$( [ -f "$SUDOERS" ] && echo "$SUDOERS" )
EOF
  )
}

main() {
  install_sshd
  if reuse_running && [ -f "$SUDOERS" ]; then log "sshd pair already running ($ENV_FILE)"; exit 0; fi
  [ -f "$ENV_FILE" ] && "$ROOT/.ci/ssh-teardown.sh" --keep-user || true
  stop_leftovers
  mkdir -p -m 0755 /run/sshd
  make_user
  make_sudoers
  local attempt
  for attempt in 1 2 3 4 5; do
    if port_free "$PORT" && port_free "$PORT_B"; then
      start_pair
      if [ "$STARTED" = yes ]; then
        write_env
        log "sshd A $HOST:$PORT (pid $PID_A), B $HOST:$PORT_B (pid $PID_B), user $USER_NAME, env $ENV_FILE"
        return 0
      fi
    fi
    [ -z "${SSH_IT_PORT:-}" ] || die "port $PORT or $PORT_B is in use on loopback; set SSH_IT_PORT to a free port, or leave it unset"
    log "port $PORT or $PORT_B is taken: trying another pair"
    PORT=$((22000 + 4 * (RANDOM % 1000)))
    PORT_B=$((PORT + 1))
  done
  die "sshd could not start on 5 pairs of ports in a row; see $DIR/sshd_*.log"
}

main "$@"
