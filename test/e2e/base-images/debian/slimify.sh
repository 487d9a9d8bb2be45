#!/usr/bin/env bash
# Turn a `debootstrap --variant=minbase` tree into the equivalent of the official "-slim"
# Debian image (what debuerreotype's minimizing-config + slimify do): apt/dpkg settings for
# containers, no docs/man/info/locales (and dpkg told to keep it that way), no apt lists or
# caches, no logs, deb822 sources pointing at the given mirrors.
#
#   slimify.sh ROOTFS SUITE MIRROR SECURITY_MIRROR
set -euo pipefail

root=${1:?rootfs}
suite=${2:?suite}
mirror=${3:?mirror}
security=${4:?security mirror}
[[ -x $root/usr/bin/dpkg ]] || { echo "slimify: $root is not a Debian rootfs" >&2; exit 1; }

# --- apt/dpkg configuration of the official images -------------------------------------
install -d "$root/etc/dpkg/dpkg.cfg.d" "$root/etc/apt/apt.conf.d"
cat >"$root/etc/dpkg/dpkg.cfg.d/docker" <<'EOF'
# This is the "slim" variant of the Debian base image.
# Many files which are normally unnecessary in containers are excluded,
# and this configuration file keeps them that way.
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/overrides/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/man/*
EOF
echo 'force-unsafe-io' >"$root/etc/dpkg/dpkg.cfg.d/docker-apt-speedup"
cat >"$root/etc/apt/apt.conf.d/docker-clean" <<'EOF'
# Since for most Docker users, package installs happen in "docker build" steps,
# they essentially become individual layers due to the way Docker handles
# layering, especially using CoW filesystems.  What this means for us is that
# the caches that APT keeps end up just wasting space in those layers, making
# our layers unnecessarily large (especially since we'll normally never use
# these caches again and will instead just "docker build" again and make a brand
# new image).

# Ideally, these would just be invoking "apt-get clean", but in our testing,
# that ended up being cyclic and we got stuck on APT's lock, so we get this fun
# creation that's essentially just "apt-get clean".
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };

Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
EOF
echo 'Acquire::Languages "none";' >"$root/etc/apt/apt.conf.d/docker-no-languages"
echo 'Acquire::GzipIndexes "true";' >"$root/etc/apt/apt.conf.d/docker-gzip-indexes"
echo 'Apt::AutoRemove::SuggestsImportant "false";' >"$root/etc/apt/apt.conf.d/docker-autoremove-suggests"

# --- sources: deb822 like the official image (main, -updates, -security) -----------------
rm -f "$root/etc/apt/sources.list"
install -d "$root/etc/apt/sources.list.d"
cat >"$root/etc/apt/sources.list.d/debian.sources" <<EOF
Types: deb
URIs: $mirror
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.pgp

Types: deb
URIs: $security
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.pgp
EOF
[[ -e $root/usr/share/keyrings/debian-archive-keyring.pgp ]] ||
  sed -i 's/debian-archive-keyring\.pgp/debian-archive-keyring.gpg/' "$root/etc/apt/sources.list.d/debian.sources"

# --- remove what the slim variant excludes --------------------------------------------------
find "$root/usr/share/doc" -mindepth 1 ! -type d ! -path "$root/usr/share/doc/*/copyright" -delete
find "$root/usr/share/doc" -mindepth 1 -depth -type d -empty -delete
for d in groff info linda lintian/overrides locale man; do
  [[ -d $root/usr/share/$d ]] && find "$root/usr/share/$d" -mindepth 1 -delete
done

# --- caches, lists, logs, host leftovers ------------------------------------------------------
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin \
  "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/archives/partial/* \
  "$root"/var/cache/debconf/*-old "$root"/var/lib/dpkg/*-old "$root"/tmp/* "$root"/var/tmp/* \
  "$root"/root/.bash_history "$root"/debootstrap
install -d "$root/var/lib/apt/lists/partial"
find "$root/var/log" -type f -delete
# Docker bind-mounts these at run time; do not ship the build host's values.
: >"$root/etc/resolv.conf"
echo localhost >"$root/etc/hostname"
printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\nff02::1\t\tip6-allnodes\nff02::2\t\tip6-allrouters\n' >"$root/etc/hosts"
rm -f "$root/etc/machine-id"
find "$root/dev" -mindepth 1 -delete 2>/dev/null || true
