#!/usr/bin/env bash
# Starts a real BIND 9 pair on loopback for the dns_record integration tests:
# primary 127.0.0.1:PORT (dynamic zone, TSIG update key) and secondary 127.0.0.2:PORT (NOTIFY + IXFR/AXFR
# over a second TSIG key). Writes an env file the tests read. Idempotent: when the pair from a previous run
# still answers, it is reused; stale processes from an earlier run are stopped first.
#
#   .ci/dns-setup.sh            # start (installs bind9 from Debian when named is missing; needs root)
#   .ci/dns-teardown.sh         # stop, remove the 127.0.0.2 alias if this script added it
#   .ci/dns-secondary.sh stop|start   # used by the tests to make the secondary lag
#
# Environment: DNS_IT_ENV (env file, default .ci/dns-it.env, outside target/ so mvn clean keeps it), DNS_IT_PORT
# (default: a free port, so test suites of several checkouts run side by side; the env file tells the tests),
# DNS_IT_DIR (working folder; default /var/lib/bind/runbook-dns-it-PORT for AppArmor, else a temp folder).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ENV_FILE=${DNS_IT_ENV:-$ROOT/.ci/dns-it.env}
PORT=${DNS_IT_PORT:-}
ZONE=dr.example.test
PRIMARY=127.0.0.1
SECONDARY=127.0.0.2
UPDATE_KEY=runbook-update-key
XFER_KEY=runbook-xfer-key

log() { echo "dns-setup: $*" >&2; }
die() { log "$*"; exit 1; }

# A named is alive when its /proc entry exists and is not a zombie.
alive() { [ -n "${1:-}" ] && [ -r "/proc/$1/status" ] && ! grep -q '^State:.*Z' "/proc/$1/status"; }

serial() { dig +short +norec +time=1 +tries=1 -p "$PORT" "@$1" "$ZONE" SOA 2>/dev/null | awk '{print $3}' || true; }  # nothing yet: not listening

primary_up() { [ -n "$(serial "$PRIMARY")" ]; }

in_sync() {
  local p s
  p=$(serial "$PRIMARY"); s=$(serial "$SECONDARY")
  [ -n "$p" ] && [ "$p" = "$s" ]
}

install_bind() {
  command -v named >/dev/null && command -v tsig-keygen >/dev/null && command -v dig >/dev/null && return 0
  [ "$(id -u)" = 0 ] || die "named is not installed and we are not root: install bind9 bind9-dnsutils"
  log "installing bind9 bind9-dnsutils"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends bind9 bind9-dnsutils >/dev/null
}

reuse_running() {
  [ -f "$ENV_FILE" ] || return 1
  local kept
  # shellcheck disable=SC1090
  kept=$( . "$ENV_FILE"; alive "$DNS_IT_PRIMARY_PID" && alive "$DNS_IT_SECONDARY_PID" && echo "$DNS_IT_PORT") || return 1
  [ -z "$PORT" ] || [ "$PORT" = "$kept" ] || return 1
  PORT=$kept
  in_sync
}

# (a Java server listening on 127.0.0.1 through a dual-stack socket shows as [::ffff:127.0.0.1])
in_use() { ss -lntu | grep -qE "(127\.0\.0\.[12]|\[::ffff:127\.0\.0\.[12]\]|\*|0\.0\.0\.0|\[::\]):$1\b"; }

# A port free for UDP and TCP on both addresses, from a random start (another checkout may be picking too;
# start_pair tries again if named then finds it taken).
free_port() {
  local p
  for _ in $(seq 1 200); do
    p=$(( 20000 + RANDOM % 30000 ))
    in_use "$p" || { echo "$p"; return 0; }
  done
  die "no free port found for the BIND pair"
}

# The marker (next to the working folder, which is wiped) remembers that the alias is ours even when an
# earlier env file was lost, so teardown removes only what setup added.
add_alias() {
  local marker="$DIR.added-alias"
  if ! ip -4 addr show dev lo | grep -q "inet $SECONDARY/"; then
    ip addr add "$SECONDARY/8" dev lo || die "cannot add $SECONDARY to lo (needs root): named would not listen there"
    touch "$marker"
  fi
  # an earlier attempt (on another port) added it: this attempt's marker carries that on
  [ "${ADDED_ALIAS:-no}" = yes ] && touch "$marker"
  ADDED_ALIAS=no
  [ -f "$marker" ] && ADDED_ALIAS=yes
  return 0
}

pick_dir() {
  if [ -n "${DNS_IT_DIR:-}" ]; then DIR=$DNS_IT_DIR
  elif [ -d /var/lib/bind ]; then DIR=/var/lib/bind/runbook-dns-it-$PORT
  else DIR=${TMPDIR:-/tmp}/runbook-dns-it-$PORT
  fi
}

# A pair from an earlier run whose env file is gone still holds the port: stop exactly those processes
# (a named whose command line is ours, with this folder's config), nothing else.
stop_leftovers() {
  local pid
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    if alive "$pid" && tr '\0' ' ' 2>/dev/null < "/proc/$pid/cmdline" | grep -qE "^named .*-c $DIR/(primary|secondary)/named.conf"; then
      log "stopping leftover named $pid from $DIR"
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
    fi
  done
}

fresh_dir() {
  rm -rf "$DIR"
  mkdir -p "$DIR/primary" "$DIR/secondary"
}

write_keys() {
  tsig-keygen -a hmac-sha256 "$UPDATE_KEY" > "$DIR/update.key"
  tsig-keygen -a hmac-sha256 "$XFER_KEY" > "$DIR/xfer.key"
  sed -n 's/.*secret "\(.*\)";.*/\1/p' "$DIR/update.key" > "$DIR/update.secret"
  chmod 600 "$DIR"/*.key "$DIR/update.secret"
}

write_zone() {
  cat > "$DIR/primary/$ZONE.db" <<EOF
\$TTL 300
@    IN SOA ns1.$ZONE. hostmaster.$ZONE. ( 1 60 30 3600 30 )
@    IN NS  ns1.$ZONE.
@    IN NS  ns2.$ZONE.
ns1  IN A   $PRIMARY
ns2  IN A   $SECONDARY
mp   IN A   192.0.2.10
EOF
  named-checkzone -q "$ZONE" "$DIR/primary/$ZONE.db" || die "zone file does not check"
}

common_options() { # $1 = listen address, $2 = directory
  cat <<EOF
include "$DIR/update.key";
include "$DIR/xfer.key";
controls { };
options {
  directory "$2";
  listen-on port $PORT { $1; };
  listen-on-v6 { none; };
  pid-file none;
  session-keyfile none;
  recursion no;
  dnssec-validation no;
  notify-delay 0;
};
EOF
}

write_configs() {
  { common_options "$PRIMARY" "$DIR/primary"; cat <<EOF
server $SECONDARY { keys { $XFER_KEY; }; };
zone "$ZONE" {
  type primary;
  file "$ZONE.db";
  allow-update { key $UPDATE_KEY; };
  allow-transfer { key $XFER_KEY; };
  notify explicit;
  also-notify { $SECONDARY port $PORT; };
};
EOF
  } > "$DIR/primary/named.conf"
  { common_options "$SECONDARY" "$DIR/secondary"; cat <<EOF
zone "$ZONE" {
  type secondary;
  file "$ZONE.db";
  primaries { $PRIMARY port $PORT key $XFER_KEY; };
  transfer-source $SECONDARY;
  notify no;
};
EOF
  } > "$DIR/secondary/named.conf"
  named-checkconf "$DIR/primary/named.conf" || die "primary config does not check"
  named-checkconf "$DIR/secondary/named.conf" || die "secondary config does not check"
}

start_named() { # $1 = primary|secondary; prints the PID
  named -g -4 -n 1 -c "$DIR/$1/named.conf" > "$DIR/$1/named.log" 2>&1 &
  echo $!
}

# Waits for a condition (generously: a loaded machine may take long to start named); fails early when the
# named it waits for has died (e.g. its port was taken meanwhile).
wait_for() { # $1 = description, $2 = pid, rest = command
  local what=$1 pid=$2; shift 2
  for _ in $(seq 1 1200); do
    "$@" && return 0
    alive "$pid" || return 1
    sleep 0.1
  done
  die "$what did not come up within 120 s; see the named.log files under $DIR"
}

write_env() {
  mkdir -p "$(dirname "$ENV_FILE")"
  cat > "$ENV_FILE" <<EOF
DNS_IT_DIR=$DIR
DNS_IT_ZONE=$ZONE
DNS_IT_PORT=$PORT
DNS_IT_PRIMARY=$PRIMARY
DNS_IT_SECONDARY=$SECONDARY
DNS_IT_KEY_NAME=$UPDATE_KEY
DNS_IT_KEY_ALGORITHM=hmac-sha256
DNS_IT_KEY_FILE=$DIR/update.key
DNS_IT_KEY_SECRET_FILE=$DIR/update.secret
DNS_IT_PRIMARY_PID=$PRIMARY_PID
DNS_IT_SECONDARY_PID=$SECONDARY_PID
DNS_IT_SECONDARY_CONF=$DIR/secondary/named.conf
DNS_IT_SECONDARY_CTL=$ROOT/.ci/dns-secondary.sh
DNS_IT_ADDED_ALIAS=$ADDED_ALIAS
DNS_IT_ALIAS_MARKER=$DIR.added-alias
EOF
}

# Starts the pair on $PORT in a fresh folder; returns 1 when a named died (its port was taken), after stopping both.
start_pair() {
  pick_dir
  stop_leftovers
  add_alias
  fresh_dir
  write_keys
  write_zone
  write_configs
  PRIMARY_PID=$(start_named primary)
  SECONDARY_PID=
  if wait_for "primary $PRIMARY:$PORT" "$PRIMARY_PID" primary_up; then
    SECONDARY_PID=$(start_named secondary)
    wait_for "secondary $SECONDARY:$PORT" "$SECONDARY_PID" in_sync && return 0
  fi
  log "named could not listen on port $PORT: $(grep -h 'address in use\|could not listen' "$DIR"/*/named.log | head -1)"
  for pid in $SECONDARY_PID $PRIMARY_PID; do kill -TERM "$pid" 2>/dev/null || true; done
  rm -f "$DIR.added-alias"
  return 1
}

main() {
  install_bind
  if reuse_running; then log "BIND pair already running on port $PORT ($ENV_FILE)"; exit 0; fi
  [ -f "$ENV_FILE" ] && "$ROOT/.ci/dns-teardown.sh" || true
  local chosen=$PORT attempt
  for attempt in 1 2 3 4 5; do
    if [ -n "$chosen" ]; then
      PORT=$chosen
      in_use "$PORT" && die "port $PORT is already in use on loopback; set DNS_IT_PORT to a free port, or leave it unset"
    else
      PORT=$(free_port)
    fi
    if start_pair; then
      write_env
      log "primary $PRIMARY:$PORT (pid $PRIMARY_PID), secondary $SECONDARY:$PORT (pid $SECONDARY_PID), env $ENV_FILE"
      return 0
    fi
    [ -n "$chosen" ] && die "the BIND pair could not start on port $PORT; see the named.log files under $DIR"
  done
  die "the BIND pair could not start on 5 free ports in a row; see the named.log files under $DIR"
}

main "$@"
