#!/usr/bin/env bash
# Fetches today's Neovim (0.11+) from Debian's unstable suite into a private folder, without installing
# anything system-wide: a private apt list (its own sources, lists and cache folders, so no root is
# needed and the machine's apt state is untouched), `apt-get download` of neovim and the libraries it
# links, `dpkg-deb -x` of each into one folder, and a wrapper `bin/nvim` that runs the binary through
# that folder's own dynamic loader with its own libraries.
#
#   fetch-nvim.sh DIR    prints DIR/bin/nvim on success (cached: a second run only checks the wrapper)
#
# Exits 3 when the package registry cannot be reached (the caller skips the suite with that message);
# any other failure is an error.
set -euo pipefail
dir="${1:?usage: fetch-nvim.sh DIR}"
suite="${NVIM_DEBIAN_SUITE:-sid}"
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
# One fetch at a time into the shared cache folder (two test runs may start together).
exec 9>"$dir.lock"
flock 9

if [ -x "$dir/bin/nvim" ] && "$dir/bin/nvim" --version >/dev/null 2>&1; then
  echo "$dir/bin/nvim"
  exit 0
fi

# The packages nvim needs (the fallback list; see below); libc6 and libgcc-s1 come from the same
# suite so the binary never meets an older C library than it was built against.
packages=(neovim neovim-runtime libc6 libgcc-s1 libluajit-5.1-2 libluajit-5.1-common libtree-sitter0.26
  libunibilium4 libutf8proc3 libuv1t64 lua-lpeg lua-luv)

apt="$dir/apt"
rm -rf "$apt" "$dir/root" "$dir/bin"
mkdir -p "$apt/lists/partial" "$apt/archives/partial" "$apt/debs" "$dir/root" "$dir/bin"
echo "deb http://deb.debian.org/debian $suite main" >"$apt/sources.list"
apt_opts=(
  -o "Dir::Etc::sourcelist=$apt/sources.list"
  -o "Dir::Etc::sourceparts=-"
  -o "Dir::State::Lists=$apt/lists"
  -o "Dir::Cache=$apt/cache"
  -o "Dir::Cache::archives=$apt/archives"
  -o "Dir::State::status=/dev/null"
  -o "APT::Sandbox::User=$(id -un)"
  -o "Acquire::Retries=2"
  -o "Acquire::http::Timeout=30"
)
mkdir -p "$apt/cache"

if ! apt-get "${apt_opts[@]}" -qq update >"$apt/update.log" 2>&1 ||
  grep -qE '^(W|E): ' "$apt/update.log"; then
  cat "$apt/update.log" >&2
  if grep -qiE 'resolv|connect|timed out|Network is unreachable|No route' "$apt/update.log"; then
    echo "fetch-nvim: the Debian package registry ($suite) is unreachable" >&2
    exit 3
  fi
  echo "fetch-nvim: apt-get update of Debian $suite failed" >&2
  exit 1
fi

# The suite moves (library sonames change): take neovim's dependency closure from the fresh lists,
# and the names above only when that fails.
resolved="$(apt-cache "${apt_opts[@]}" depends --recurse --no-recommends --no-suggests --no-conflicts \
  --no-breaks --no-replaces --no-enhances --no-pre-depends neovim 2>/dev/null | grep -E '^[a-z0-9]' | sort -u || true)"
if grep -qx neovim-runtime <<<"$resolved"; then
  mapfile -t packages <<<"$resolved"
fi
(cd "$apt/debs" && apt-get "${apt_opts[@]}" -qq download "${packages[@]}") >&2
for deb in "$apt/debs"/*.deb; do
  dpkg-deb -x "$deb" "$dir/root"
done

root="$dir/root"
loader="$(ls "$root"/usr/lib64/ld-linux-x86-64.so.2 "$root"/lib64/ld-linux-x86-64.so.2 2>/dev/null | head -n1 || true)"
if [ -z "$loader" ]; then
  echo "fetch-nvim: no x86-64 loader in the downloaded libc6" >&2
  exit 1
fi
# Every folder that holds a shared library, found rather than listed (multiarch paths move).
libpath="$(find "$root" -name '*.so*' \( -type f -o -type l \) -printf '%h\n' | sort -u | paste -sd: -)"

# lua-lpeg and lua-luv install their modules for LuaJIT under /usr/lib/…/lua/5.1; nvim finds them by
# package.cpath, which the wrapper points at the extracted folder.
cpath="$(find "$root" -path '*/lua/5.1/*.so' -printf '%h/?.so\n' | sort -u | paste -sd';' -)"

cat >"$dir/bin/nvim" <<EOF
#!/bin/sh
# Neovim from Debian $suite, run through its own loader and libraries (made by fetch-nvim.sh).
export VIMRUNTIME="$root/usr/share/nvim/runtime"
export LUA_CPATH="$cpath;;"
exec "$loader" --library-path "$libpath" "$root/usr/bin/nvim" "\$@"
EOF
chmod +x "$dir/bin/nvim"
rm -rf "$apt/debs" "$apt/archives" "$apt/cache" "$apt/lists"
"$dir/bin/nvim" --version | head -n1 >&2
echo "$dir/bin/nvim"
