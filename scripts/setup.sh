#!/usr/bin/env bash
# Installs everything the build and the tests need on Debian 12 (bookworm):
# apt packages, the pinned Debian source tarballs, and the npm packages.
# Idempotent: a second run only checks and returns quickly.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/env.sh
. "$here/scripts/env.sh"

apt_packages=(emscripten chromium tcl ccache brotli python3.11 dpkg-dev cmake make gcc libc6-dev patch
  xz-utils bzip2 ca-certificates clang-format git)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing apt packages: ${missing[*]}" >&2
    echo "setup: run this command as root (or: sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "setup: installing apt packages: ${missing[*]}"
  apt-get update -qq || { echo "setup: apt-get update failed: is the Debian archive reachable?" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Pinned source tarballs from Debian's source archive (name, file, sha256).
sources=(
  "python3.11 python3.11_3.11.2.orig.tar.gz 2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849"
  "zlib zlib_1.2.13.dfsg.orig.tar.bz2 71feb7947e3c00ef125f83b79a4e529bde31171e5babe48b391f06758d1ab0a1"
  "bzip2 bzip2_1.0.8.orig.tar.gz ab5a03176ee106d3f0fa90e381da478ddae405918153cca248e682cd0c4a2269"
  "sqlite3 sqlite3_3.40.1.orig.tar.xz aaa776260ab4dc976db34aa7891819484c8676b5b2783123ebc6301e2ca5d655"
  "xz-utils xz-utils_5.4.1.orig.tar.xz 5d9827aa1875b21c288f78864bb26d2650b436ea8d2cad364e4921eb6266a5a5"
)
mkdir -p "$PYRITE_SOURCES"
for entry in "${sources[@]}"; do
  read -r pkg file sum <<<"$entry"
  if [ ! -f "$PYRITE_SOURCES/$file" ]; then
    if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
      [ "$(id -u)" = 0 ] || { echo "setup: need deb-src apt entries to fetch $file; run as root" >&2; exit 1; }
      echo "setup: adding deb-src entries for Debian's source archive"
      sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources \
        >/etc/apt/sources.list.d/pyrite-deb-src.sources
      apt-get update -qq
    fi
    echo "setup: downloading source of $pkg"
    # The .dsc of a security update may be gone from the mirror, or the security mirror may not
    # carry the orig tarball it shares with the release: only the orig tarball matters, so try
    # each version the archive lists until one brings it.
    for version in "" $(apt-cache showsrc "$pkg" 2>/dev/null | sed -n 's/^Version: //p' | sort -u); do
      (cd "$PYRITE_SOURCES" && apt-get source -qq --download-only "$pkg${version:+=$version}" >/dev/null 2>&1 || true)
      [ -f "$PYRITE_SOURCES/$file" ] && break
    done
    [ -f "$PYRITE_SOURCES/$file" ] || { echo "setup: could not download $file from Debian's source archive" >&2; exit 1; }
  fi
  echo "$sum  $PYRITE_SOURCES/$file" | sha256sum -c --quiet - ||
    { echo "setup: checksum mismatch for $file" >&2; exit 1; }
done

# npm packages, exactly as locked.
cd "$here"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi
