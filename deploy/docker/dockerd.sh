#!/usr/bin/env bash
# A private Docker daemon for building the project's images and running its container tests on a
# machine that has no daemon (the project's Debian 12 VMs and CI). Not needed where a Docker daemon
# already answers (a laptop with Docker, a CI runner): the build script and Testcontainers use
# DOCKER_HOST, or the default socket, as they normally do.
#
#   deploy/docker/dockerd.sh start    install what is missing, start the daemon, print DOCKER_HOST
#   deploy/docker/dockerd.sh stop     stop it by its PID, clean up its network namespace mount
#   deploy/docker/dockerd.sh status   say whether it runs and answers
#   deploy/docker/dockerd.sh env      print the export line only (eval "$(deploy/docker/dockerd.sh env)")
#
# Network rule of these machines (see deploy/README.md): traffic may only go to loopback. The daemon
# therefore runs with bridge networking, iptables and IP forwarding off, and every container must
# use host networking (--network host) on its own 127.0.0.1 ports. Never create a Docker network.
#
# State lives under CHIMERA_DOCKER_DIR (default /var/lib/chimera-docker): socket, data root, exec
# root, pidfile and log. Needs root (dockerd does). Idempotent: start twice = one daemon.
set -euo pipefail

STATE_DIR=${CHIMERA_DOCKER_DIR:-/var/lib/chimera-docker}
SOCKET=$STATE_DIR/docker.sock
DATA_ROOT=$STATE_DIR/data
EXEC_ROOT=$STATE_DIR/exec
PIDFILE=$STATE_DIR/dockerd.pid
LOGFILE=$STATE_DIR/dockerd.log
CONFIG_FILE=$STATE_DIR/daemon.json
DOCKER_HOST_URL=unix://$SOCKET

usage() {
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
}

die() { echo "dockerd.sh: $*" >&2; exit 1; }

# Debian's docker.io would start its own daemon on install, with the default bridge (docker0 on
# 172.17.0.0/16), which the network rule forbids. policy-rc.d exiting 101 stops invoke-rc.d from
# starting any service during the install; /etc/docker/daemon.json keeps even a started default
# daemon off the bridge and iptables.
guard_default_daemon() {
  if [[ ! -x /usr/sbin/policy-rc.d ]] || ! grep -q 'exit 101' /usr/sbin/policy-rc.d; then
    if [[ -e /usr/sbin/policy-rc.d ]]; then
      die "/usr/sbin/policy-rc.d exists but does not exit 101; refusing to install docker.io (it would start Debian's default daemon)"
    fi
    printf '#!/bin/sh\n# chimera deploy/docker/dockerd.sh: no service starts on package install\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
  fi
  if [[ ! -e /etc/docker/daemon.json ]]; then
    mkdir -p /etc/docker
    printf '{"bridge": "none", "iptables": false, "ip6tables": false, "ip-forward": false, "ip-masq": false}\n' \
      > /etc/docker/daemon.json
  fi
}

install_missing() {
  local packages=()
  command -v dockerd >/dev/null || packages+=(docker.io)
  command -v mmdebstrap >/dev/null || packages+=(mmdebstrap)
  if (( ${#packages[@]} )); then
    guard_default_daemon
    echo "installing ${packages[*]} (Debian packages) ..."
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  fi
}

running_pid() {
  [[ -s $PIDFILE ]] || return 1
  local pid
  pid=$(<"$PIDFILE")
  kill -0 "$pid" 2>/dev/null || return 1
  # A recycled PID is not our daemon.
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == dockerd ]] || return 1
  echo "$pid"
}

answers() {
  DOCKER_HOST=$DOCKER_HOST_URL docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

start() {
  [[ $(id -u) == 0 ]] || die "must run as root (dockerd needs it)"
  local launched=""
  if pid=$(running_pid); then
    echo "already running (pid $pid)"
  else
    install_missing
    mkdir -p "$STATE_DIR" "$DATA_ROOT" "$EXEC_ROOT"
    # An empty configuration file: our flags are the whole configuration, so they cannot clash
    # with /etc/docker/daemon.json (dockerd refuses a flag also set in its config file).
    echo '{}' > "$CONFIG_FILE"
    rm -f "$SOCKET" "$PIDFILE"
    echo "starting dockerd, log: $LOGFILE"
    # setsid: the daemon outlives this shell and the terminal's signals.
    setsid dockerd \
      --config-file="$CONFIG_FILE" \
      --host="$DOCKER_HOST_URL" \
      --data-root="$DATA_ROOT" \
      --exec-root="$EXEC_ROOT" \
      --pidfile="$PIDFILE" \
      --storage-driver=overlay2 \
      --bridge=none --iptables=false --ip6tables=false --ip-forward=false --ip-masq=false \
      >>"$LOGFILE" 2>&1 </dev/null &
    launched=$!
  fi
  for _ in $(seq 1 300); do
    if answers; then
      echo "DOCKER_HOST=$DOCKER_HOST_URL"
      echo "log: $LOGFILE"
      return 0
    fi
    if [[ -n $launched ]] && ! kill -0 "$launched" 2>/dev/null; then
      tail -n 20 "$LOGFILE" >&2 || true
      die "dockerd exited; see $LOGFILE"
    fi
    sleep 0.1
  done
  tail -n 20 "$LOGFILE" >&2 || true
  die "dockerd did not answer on $SOCKET within 30 s; see $LOGFILE"
}

stop() {
  if pid=$(running_pid); then
    echo "stopping dockerd (pid $pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 300); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      echo "dockerd (pid $pid) still alive after 30 s, sending SIGKILL" >&2
      kill -KILL "$pid"
    fi
  else
    echo "not running"
  fi
  rm -f "$PIDFILE"
  # dockerd leaves its default network namespace bind-mounted; a later start would trip on it.
  if mountpoint -q "$EXEC_ROOT/netns/default" 2>/dev/null; then
    umount "$EXEC_ROOT/netns/default"
  fi
}

status() {
  if pid=$(running_pid); then
    if answers; then
      echo "running (pid $pid), DOCKER_HOST=$DOCKER_HOST_URL, log: $LOGFILE"
    else
      echo "running (pid $pid) but not answering on $SOCKET, log: $LOGFILE"
      return 1
    fi
  else
    echo "not running (state in $STATE_DIR)"
    return 3
  fi
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  status) status ;;
  env) echo "export DOCKER_HOST=$DOCKER_HOST_URL" ;;
  -h|--help|help) usage ;;
  *) usage >&2; exit 2 ;;
esac
