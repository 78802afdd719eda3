#!/usr/bin/env bash
# Builds the Debian package with CPack and checks it.
#
#   scripts/check-deb.sh [--chroot] [--chroot-dir DIR] [--mirror URL] [--out DIR] [BUILD_DIR]
#
# Without options (a few seconds, no root needed; ctest runs this as package.deb):
#   1. builds recert in BUILD_DIR (default: build) and runs `cpack -G DEB` into a temporary
#      directory (or --out DIR, which keeps the .deb);
#   2. reads the control fields (dpkg-deb -f) and the file list (dpkg-deb -c) and checks them;
#   3. unpacks it with dpkg-deb -x, checks that Depends covers the shared libraries the binary
#      needs (readelf), and runs the unpacked recert: --version, and status on the example ledger
#      the package ships.
# With --chroot (root and debootstrap needed; a few minutes, mostly the download):
#   4. bootstraps a minimal Debian 12 (bookworm) into a temporary directory (or --chroot-dir DIR,
#      which is kept and reused when it already holds a system), installs the package with
#      dpkg -i, runs recert there, and removes the package again with dpkg -r.
set -euo pipefail

chroot_check=0 chroot_dir="" out="" build=build
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
while [ $# -gt 0 ]; do
    case $1 in
        --chroot) chroot_check=1 ;;
        --chroot-dir) chroot_check=1; chroot_dir=$2; shift ;;
        --mirror) mirror=$2; shift ;;
        --out) out=$2; shift ;;
        -h | --help) sed -n '2,/^set -e/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "check-deb: unknown option $1" >&2; exit 2 ;;
        *) build=$1 ;;
    esac
    shift
done

say() { echo "check-deb: $*"; }
die() { echo "check-deb: FAIL: $*" >&2; exit 1; }
for tool in cmake cpack dpkg-deb; do
    command -v $tool >/dev/null 2>&1 || die "$tool is not installed"
done
[ -f "$build/CPackConfig.cmake" ] || die "$build is not a configured build directory (run cmake -S . -B $build)"
build=$(readlink -f "$build")

tmp=$(mktemp -d)
cleanup() {
    if [ -n "${made_chroot:-}" ] && [ -d "$made_chroot" ]; then
        umount "$made_chroot/proc" 2>/dev/null || true
        rm -rf --one-file-system "$made_chroot"
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
[ -n "$out" ] || out=$tmp/out
mkdir -p "$out"
out=$(readlink -f "$out")

# 1. build and package
cmake --build "$build" --target recert >/dev/null
version=$("$build/recert" --version | awk '{ print $NF }')
deb=$out/recert_${version}_$(dpkg --print-architecture).deb
rm -f "$deb"
(cd "$tmp" && cpack --config "$build/CPackConfig.cmake" -G DEB -B "$out") >"$tmp/cpack.log" 2>&1 ||
    { cat "$tmp/cpack.log" >&2; die "cpack failed"; }
[ -f "$deb" ] || die "cpack made no $(basename "$deb") in $out"
say "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# 2. control fields and contents
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = recert ] || die "Package is \"$(field Package)\""
[ "$(field Version)" = "$version" ] || die "Version is \"$(field Version)\", the binary says $version"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || die "Architecture is \"$(field Architecture)\""
[ -n "$(field Maintainer)" ] || die "no Maintainer"
[ "$(field Section)" = utils ] || die "Section is \"$(field Section)\""
[ -n "$(field Description)" ] || die "no Description"
depends=$(field Depends)
[[ $depends == *libc6* ]] || die "Depends \"$depends\" lacks libc6"
say "control: $(field Package) $(field Version) $(field Architecture), Section $(field Section), Depends: $depends"
dpkg-deb -I "$deb" >/dev/null || die "dpkg-deb -I failed"

dpkg-deb -c "$deb" | awk '{ print $NF }' | sed 's:^\./:/:' >"$tmp/files"
for f in /usr/bin/recert /usr/share/man/man1/recert.1 /usr/share/bash-completion/completions/recert \
         /usr/share/zsh/vendor-completions/_recert /usr/share/recert/programs/cisco.json \
         /usr/share/recert/examples/ledger.json /usr/share/doc/recert/copyright; do
    grep -qxF "$f" "$tmp/files" || die "the package lacks $f"
done
outside=$(grep -vE '^/(usr/?|usr/bin/?|usr/bin/recert|usr/share/?|usr/share/(man|bash-completion|zsh|recert|doc/?|doc/recert)(/.*)?)$' "$tmp/files" || true)
[ -z "$outside" ] || die "the package installs unexpected paths: $outside"
say "contents: $(grep -vc '/$' "$tmp/files") files, all under /usr"

# 3. unpack and run
root=$tmp/root
dpkg-deb -x "$deb" "$root"
# every shared library the binary needs comes from a package that Depends names (libstdc++ and
# libgcc are linked in, unless the build said -DRECERT_STATIC_RUNTIME=OFF)
needed=$(readelf -d "$root/usr/bin/recert" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
[ -n "$needed" ] || die "readelf found no shared library the binary needs"
for lib in $needed; do
    case $lib in
        libc.so.* | libm.so.* | ld-linux*) pkg=libc6 ;;
        libstdc++.so.*) pkg=libstdc++6 ;;
        libgcc_s.so.*) pkg=libgcc-s1 ;;
        *) die "the binary needs $lib, which this check does not know the package of" ;;
    esac
    [[ $depends == *"$pkg"* ]] || die "the binary needs $lib, but Depends \"$depends\" lacks $pkg"
done
say "shared libraries needed: $(echo $needed), all from packages in Depends"
run() { env -i PATH=/usr/bin:/bin HOME="$tmp" TZ=UTC LC_ALL=C.UTF-8 "$@"; }
got=$(run "$root/usr/bin/recert" --version) || die "the unpacked recert --version failed"
[ "$got" = "recert $version" ] || die "recert --version printed \"$got\""
run "$root/usr/bin/recert" --ledger "$root/usr/share/recert/examples/ledger.json" status --as-of 2026-11-30 \
    >"$tmp/status" || die "the unpacked recert status failed"
grep -q 'CCNP Enterprise' "$tmp/status" || die "recert status on the example ledger printed: $(cat "$tmp/status")"
say "unpacked: $got; status on the example ledger: $(wc -l <"$tmp/status") lines"

# 4. a clean Debian 12
if [ $chroot_check -eq 1 ]; then
    [ "$(id -u)" -eq 0 ] || die "--chroot needs root"
    command -v debootstrap >/dev/null 2>&1 || die "--chroot needs debootstrap (Debian package debootstrap)"
    started=$SECONDS
    if [ -z "$chroot_dir" ]; then
        chroot_dir=$tmp/bookworm
        made_chroot=$chroot_dir
    fi
    if [ ! -f "$chroot_dir/etc/debian_version" ]; then
        say "bootstrapping Debian 12 (minbase) into $chroot_dir from $mirror"
        debootstrap --variant=minbase bookworm "$chroot_dir" "$mirror" >"$tmp/debootstrap.log" 2>&1 ||
            { tail -n 20 "$tmp/debootstrap.log" >&2; die "debootstrap failed"; }
        say "bootstrapped in $((SECONDS - started)) s"
    else
        say "reusing the Debian $(cat "$chroot_dir/etc/debian_version") system in $chroot_dir"
    fi
    in_chroot() { chroot "$chroot_dir" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root TZ=UTC LC_ALL=C.UTF-8 "$@"; }
    cp "$deb" "$chroot_dir/tmp/recert.deb"
    in_chroot dpkg -i /tmp/recert.deb >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log" >&2; die "dpkg -i failed in the chroot"; }
    in_chroot dpkg -s recert | grep -q '^Status: install ok installed' || die "recert is not installed in the chroot"
    got=$(in_chroot recert --version) || die "recert --version failed in the chroot"
    in_chroot recert --ledger /usr/share/recert/examples/ledger.json status --as-of 2026-11-30 >"$tmp/status" ||
        die "recert status failed in the chroot"
    grep -q 'CCNP Enterprise' "$tmp/status" || die "recert status in the chroot printed: $(cat "$tmp/status")"
    code=0
    in_chroot recert --ledger /usr/share/recert/examples/ledger.json check --as-of 2026-11-30 >/dev/null || code=$?
    [ $code -eq 1 ] || die "recert check in the chroot exited $code, expected 1 on the example ledger"
    in_chroot bash -c 'source /usr/share/bash-completion/completions/recert && complete -p recert' >/dev/null ||
        die "the bash completion does not load in the chroot"
    in_chroot dpkg -r recert >"$tmp/dpkg.log" 2>&1 || { cat "$tmp/dpkg.log" >&2; die "dpkg -r failed in the chroot"; }
    [ ! -e "$chroot_dir/usr/bin/recert" ] || die "dpkg -r left /usr/bin/recert behind"
    rm -f "$chroot_dir/tmp/recert.deb"
    say "Debian $(cat "$chroot_dir/etc/debian_version") chroot: dpkg -i, $got, status, check (exit 1), completion, dpkg -r: all fine ($((SECONDS - started)) s)"
fi
say "OK"
