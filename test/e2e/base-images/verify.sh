#!/usr/bin/env bash
# Prove the stand-ins built by build.sh do what the generated Dockerfiles need:
#   python  python -m venv /opt/venv + pip install -r requirements.txt offline from /wheels
#           (with a pip cache mount), uvicorn FastAPI app healthy on /health as uid 1000
#   node    npm ci of a one-dependency package-lock against the npm registry (cache mount,
#           baked-in CA), app healthy via node fetch('http://127.0.0.1:...') as uid 1000
# Each app is run with its port published on 127.0.0.1 only, probed from the host too, and
# must stop on SIGTERM within 10 s.
#
# Usage: verify.sh [python] [node]      (default: both)
# The dockwright-verify-* images are removed afterwards unless KEEP_VERIFY_IMAGES=1.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DOCKER=/usr/bin/docker
export DOCKER_BUILDKIT=1
targets=("$@")
((${#targets[@]})) || targets=(python node)

log() { printf '[verify] %s\n' "$*" >&2; }
fail() {
  log "FAIL: $*"
  exit 1
}

cleanup_ids=() cleanup_images=()
cleanup() {
  local id
  for id in "${cleanup_ids[@]}"; do "$DOCKER" rm -f "$id" >/dev/null 2>&1 || true; done
  if [[ ${KEEP_VERIFY_IMAGES:-0} != 1 ]]; then
    for id in "${cleanup_images[@]}"; do "$DOCKER" image rm "$id" >/dev/null 2>&1 || true; done
  fi
}
trap cleanup EXIT

check_app() { # check_app NAME FIXTURE_DIR CONTAINER_PORT
  local name=$1 dir=$2 port=$3 tag="dockwright-verify-$1:latest" t0 id status hostport i stop_s
  log "$name: building $dir"
  t0=$(date +%s)
  "$DOCKER" build --progress=plain -t "$tag" "$dir" >"/tmp/dockwright-verify-$name.log" 2>&1 ||
    { tail -n 40 "/tmp/dockwright-verify-$name.log" >&2; fail "$name: build failed"; }
  log "$name: built in $(($(date +%s) - t0))s (log /tmp/dockwright-verify-$name.log)"
  cleanup_images+=("$tag")

  id=$("$DOCKER" run -d -p "127.0.0.1::$port" "$tag")
  cleanup_ids+=("$id")
  for ((i = 0; i < 60; i++)); do
    status=$("$DOCKER" inspect -f '{{.State.Health.Status}}' "$id")
    [[ $status == healthy ]] && break
    [[ $("$DOCKER" inspect -f '{{.State.Running}}' "$id") == true ]] ||
      { "$DOCKER" logs "$id" >&2; fail "$name: container exited"; }
    sleep 1
  done
  [[ $status == healthy ]] || { "$DOCKER" logs "$id" >&2; fail "$name: not healthy after 60s ($status)"; }
  log "$name: healthy after ~${i}s"

  hostport=$("$DOCKER" port "$id" "$port/tcp" | head -n1)
  [[ $hostport == 127.0.0.1:* ]] || fail "$name: port not published on 127.0.0.1 only ($hostport)"
  curl -fsS "http://$hostport/health" >/dev/null || fail "$name: /health via $hostport"
  log "$name: GET http://$hostport/health -> $(curl -fsS "http://$hostport/health")"

  [[ $("$DOCKER" exec "$id" id -u) == 1000 ]] || fail "$name: not running as uid 1000"

  t0=$(date +%s)
  "$DOCKER" stop -t 10 "$id" >/dev/null
  stop_s=$(($(date +%s) - t0))
  ((stop_s < 10)) || fail "$name: took ${stop_s}s to stop on SIGTERM"
  log "$name: stopped on SIGTERM in ${stop_s}s; image $(($("$DOCKER" image inspect -f '{{.Size}}' "$tag") / 1000000)) MB"
}

for t in "${targets[@]}"; do
  case $t in
    python)
      "$DOCKER" image inspect python:3.13-slim >/dev/null 2>&1 || fail "python:3.13-slim missing: run build.sh"
      # the wheelhouse must hold exactly the pinned versions
      pins=$(grep -v '^#' "$HERE/verify/python-fastapi/requirements.txt" | sort)
      have=$("$DOCKER" run --rm python:3.13-slim python -c '
import glob, os
for w in sorted(glob.glob("/wheels/*.whl")):
    n, v = os.path.basename(w).split("-")[:2]
    print(n.replace("_", "-").lower() + "==" + v)')
      missing=$(comm -23 <(echo "$pins") <(echo "$have" | sort))
      [[ -z $missing ]] || fail "wheelhouse lacks: $missing"
      log "python: wheelhouse has every pin of requirements.txt"
      check_app python "$HERE/verify/python-fastapi" 8000
      ;;
    node)
      "$DOCKER" image inspect node:24-slim >/dev/null 2>&1 || fail "node:24-slim missing: run build.sh"
      check_app node "$HERE/verify/node-npm-ci" 3000
      ;;
    *) fail "unknown target $t (python, node)" ;;
  esac
done
log "all checks passed"
