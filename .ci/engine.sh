#!/usr/bin/env bash
# Offline Docker engine for the dockwright end-to-end tests.
#
#   .ci/engine.sh start    reuse a running engine, or install docker.io and start dockerd
#   .ci/engine.sh stop     stop dockerd, but only if `start` launched it
#   .ci/engine.sh status   print what is known about the engine
#
# It can also be sourced (`. .ci/engine.sh`): that defines engine_start, engine_stop and
# engine_status (each runs in a subshell with `set -euo pipefail`, so sourcing never changes
# the caller's shell options) and exports DOCKER=/usr/bin/docker and DOCKER_BUILDKIT=1.
#
# Always use /usr/bin/docker (docker.io 20.10 client with the built-in BuildKit builder):
# /usr/local/bin/docker, if present, is a newer client without the buildx plugin.
#
# Environment:
#   DOCKWRIGHT_ENGINE_STATE   state dir (pid file, log, ownership marker)  [/tmp/dockwright-engine]
#   DOCKWRIGHT_ENGINE_WAIT    seconds to wait for `docker info` after starting dockerd  [60]
#   DOCKWRIGHT_DOCKERD_ARGS   extra dockerd arguments, word-split (e.g. a second engine for a
#                             self-test: -H unix:///tmp/d.sock --data-root ... with DOCKER_HOST set).
#                             Beware: `--bridge none` makes dockerd DELETE the host's docker0, which
#                             breaks an engine already running; give a second engine its own
#                             bridge (--bridge=<name> of a bridge you created) instead.

export DOCKER="${DOCKER:-/usr/bin/docker}"
export DOCKER_BUILDKIT=1

_engine_state_dir() { printf '%s\n' "${DOCKWRIGHT_ENGINE_STATE:-/tmp/dockwright-engine}"; }
_engine_log() { printf '[engine] %s\n' "$*" >&2; }

_engine_answers() {
  # `docker info` exits 0 only when the daemon answers; bound it so a hung socket cannot block us.
  [[ -x /usr/bin/docker ]] && timeout 20 /usr/bin/docker info >/dev/null 2>&1
}

_engine_apt_install() {
  # Install the given packages from the Debian mirror (the only reachable one), once.
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  [[ $(id -u) -eq 0 ]] || { _engine_log "need root to install: ${missing[*]}"; return 1; }
  _engine_log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Keep the docker.io package from starting its own dockerd through invoke-rc.d: we start
  # (and later stop) exactly one, ourselves.
  local policy=/usr/sbin/policy-rc.d own_policy=0 rc=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 0755 "$policy" && own_policy=1
  fi
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } || rc=$?
  ((own_policy)) && rm -f "$policy"
  return "$rc"
}

engine_start() (
  set -euo pipefail
  local state log pidfile wait_s pid i
  state=$(_engine_state_dir)
  mkdir -p "$state"
  log="$state/dockerd.log"
  pidfile="$state/dockerd.pid"
  wait_s="${DOCKWRIGHT_ENGINE_WAIT:-60}"

  # debootstrap builds the base-image stand-ins (test/e2e/base-images/build.sh); docker-compose
  # (Debian's 1.29) runs the generated compose.yaml (test/e2e/compose.test.ts).
  local pkgs=(debootstrap docker-compose)
  [[ -x /usr/bin/docker && -x /usr/sbin/dockerd ]] || pkgs+=(docker.io)

  if _engine_answers; then
    _engine_apt_install debootstrap docker-compose
    if [[ -s $pidfile ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      _engine_log "dockerd (pid $(cat "$pidfile")) already started by us; reusing it"
    else
      rm -f "$pidfile"
      echo reused >"$state/owner"
      _engine_log "a Docker engine is already answering; reusing it (we will not stop it)"
    fi
    /usr/bin/docker version --format 'engine {{.Server.Version}} (API {{.Server.APIVersion}})' >&2
    return 0
  fi

  _engine_apt_install "${pkgs[@]}"
  command -v iptables >/dev/null || _engine_apt_install iptables

  # A pid file left by an earlier run whose dockerd died: forget it.
  if [[ -s $pidfile ]] && ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then rm -f "$pidfile"; fi

  if [[ ! -s $pidfile ]]; then
    _engine_log "starting dockerd (log: $log)"
    : >"$log"
    # setsid: own session, so it outlives the calling shell and we can signal just it.
    # shellcheck disable=SC2086
    setsid /usr/sbin/dockerd ${DOCKWRIGHT_DOCKERD_ARGS:-} >>"$log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$pidfile"
    echo started >"$state/owner"
  fi
  pid=$(cat "$pidfile")

  for ((i = 0; i < wait_s; i++)); do
    if _engine_answers; then
      _engine_log "dockerd (pid $pid) answers after ${i}s"
      /usr/bin/docker version --format 'engine {{.Server.Version}} (API {{.Server.APIVersion}})' >&2
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      _engine_log "dockerd (pid $pid) exited during startup; last log lines:"
      tail -n 40 "$log" >&2 || true
      rm -f "$pidfile"
      return 1
    fi
    sleep 1
  done
  _engine_log "dockerd (pid $pid) did not answer within ${wait_s}s; last log lines:"
  tail -n 40 "$log" >&2 || true
  return 1
)

engine_stop() (
  set -euo pipefail
  local state pidfile pid i
  state=$(_engine_state_dir)
  pidfile="$state/dockerd.pid"
  if [[ ! -s $pidfile ]]; then
    _engine_log "no dockerd started by us; nothing to stop"
    return 0
  fi
  pid=$(cat "$pidfile")
  if ! kill -0 "$pid" 2>/dev/null; then
    _engine_log "dockerd (pid $pid) is not running any more"
    rm -f "$pidfile"
    return 0
  fi
  _engine_log "stopping dockerd (pid $pid)"
  kill -TERM "$pid"
  for ((i = 0; i < 30; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    _engine_log "dockerd (pid $pid) still running after 30s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
  echo stopped >"$state/owner"
)

engine_status() (
  set -euo pipefail
  local state
  state=$(_engine_state_dir)
  if _engine_answers; then
    /usr/bin/docker version --format 'engine {{.Server.Version}} answers' 
  else
    echo "engine does not answer"
  fi
  echo "owner: $(cat "$state/owner" 2>/dev/null || echo unknown)"
  if [[ -s $state/dockerd.pid ]]; then echo "pid: $(cat "$state/dockerd.pid")"; fi
)

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  case "${1:-}" in
    start) engine_start ;;
    stop) engine_stop ;;
    status) engine_status ;;
    *)
      echo "usage: $0 start|stop|status" >&2
      exit 2
      ;;
  esac
fi
