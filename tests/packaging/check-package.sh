#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package and the tarball from a Release build of its own, installs the package
# on this machine and checks what a user gets: the programs answer from /usr/bin, an installed
# example is explained, the desktop file and the AppStream metainfo validate, the desktop's MIME
# and application databases learn the scenario type, and lintian reports no error (its whole
# report is printed). Then it checks that `cmake --install` into another prefix and the tarball
# give working trees, and removes the package again so the machine is left as it was.
# Installing a package needs root: without it the script says so and does nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${NFVIZ_PACKAGE_BUILD_DIR:-$here/build-package}
app_id=io.github.nfviz.Nfviz
examples=/usr/share/nfviz/examples

if [ "$(id -u)" -ne 0 ]; then
    echo "check-package: SKIPPED: installing the package needs root; run as root to build and check it"
    exit 0
fi
for tool in cmake cpack ninja dpkg-shlibdeps dpkg-buildflags lintian desktop-file-validate appstreamcli file; do
    command -v "$tool" >/dev/null || { echo "check-package: $tool is missing: run scripts/install-deps.sh" >&2; exit 1; }
done

fail() {
    echo "check-package: FAILED: $*" >&2
    exit 1
}
step() { echo "-- $*"; }

work=$(mktemp -d)
installed_here=0
pulled=()
apt_quiet=(env DEBIAN_FRONTEND=noninteractive apt-get -y -qq -o DPkg::Lock::Timeout=300)
# Removes the package and whatever its installation pulled in, so the machine is left as it was.
remove_package() {
    "${apt_quiet[@]}" remove nfviz "${pulled[@]}" >/dev/null
    installed_here=0
}
cleanup() {
    if [ "$installed_here" = 1 ] && dpkg-query -W -f='${Status}' nfviz 2>/dev/null | grep -q "install ok installed"; then
        step "removing the package"
        remove_package
    fi
    rm -rf "$work"
}
trap cleanup EXIT

step "Release build in $build (Debian's hardening flags)"
# The flags a Debian build uses: -O2, fortify, stack protector, relro and bindnow, PIE. Without
# -g: the package's programs are stripped anyway, and the build is quicker. Release adds only
# -DNDEBUG, so Debian's -O2 is the optimisation level.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cxxflags=$(echo " $(dpkg-buildflags --get CXXFLAGS) $(dpkg-buildflags --get CPPFLAGS) " | sed 's/ -g / /')
ldflags=$(dpkg-buildflags --get LDFLAGS)
cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS_RELEASE=-DNDEBUG \
    -DCMAKE_INSTALL_PREFIX=/usr -DNFVIZ_BUILD_TESTS=OFF -DCMAKE_CXX_FLAGS="$cxxflags" \
    -DCMAKE_EXE_LINKER_FLAGS="$ldflags" -DCMAKE_MODULE_LINKER_FLAGS="$ldflags" >/dev/null
echo "CXXFLAGS:$cxxflags"
echo "LDFLAGS: $ldflags"
cmake --build "$build" -j "$(nproc)" >"$work/build.log" 2>&1 || { tail -40 "$work/build.log"; fail "the build failed"; }
has_app=0
[ -x "$build/app/nfviz" ] && has_app=1

step "cpack -G DEB and -G TGZ"
rm -f "$build"/nfviz_*.deb "$build"/nfviz-*.tar.gz
(cd "$build" && cpack -G DEB >"$work/cpack-deb.log" 2>&1) || { cat "$work/cpack-deb.log"; fail "cpack -G DEB"; }
(cd "$build" && cpack -G TGZ >"$work/cpack-tgz.log" 2>&1) || { cat "$work/cpack-tgz.log"; fail "cpack -G TGZ"; }
deb=$(ls "$build"/nfviz_*.deb)
tgz=$(ls "$build"/nfviz-*.tar.gz)
echo "$deb"
echo "$tgz"
dpkg-deb --field "$deb"
depends=$(dpkg-deb --field "$deb" Depends)
for library in libc6 libqt6core6 libstdc++6; do
    grep -q "$library" <<<"$depends" || fail "Depends ($depends) lacks $library: dpkg-shlibdeps did not run"
done
if [ "$has_app" = 1 ]; then
    grep -q libqt6widgets6 <<<"$depends" || fail "Depends lacks libqt6widgets6 although nfviz is in the package"
fi

step "lintian"
# Every tag down to the informational ones; the overrides in packaging/debian/lintian-overrides
# say why each is accepted, and --show-overrides lists them too.
lintian_out=$(lintian --display-info --show-overrides --tag-display-limit 0 "$deb" 2>&1) || true
if [ -n "$lintian_out" ]; then echo "$lintian_out"; else echo "(lintian reported nothing)"; fi
if grep -q '^E: ' <<<"$lintian_out"; then fail "lintian reports errors"; fi

step "installing the package"
if dpkg-query -W -f='${Status}' nfviz 2>/dev/null | grep -q "install ok installed"; then
    "${apt_quiet[@]}" remove nfviz >/dev/null
fi
# Recommends (the Wayland plugin, Qt's catalogs) are left out: they change nothing checked here.
mapfile -t pulled < <(apt-get install -s --no-install-recommends "$deb" 2>/dev/null |
    awk '$1 == "Inst" && $2 != "nfviz" { print $2 }')
[ ${#pulled[@]} -eq 0 ] || echo "apt also installs: ${pulled[*]} (removed again at the end)"
installed_here=1
"${apt_quiet[@]}" install --no-install-recommends "$deb" >"$work/apt.log" 2>&1 ||
    { cat "$work/apt.log"; fail "apt-get install $deb"; }
dpkg-query -W -f='${Package} ${Version} ${Status}\n' nfviz

step "the installed programs"
version=$(/usr/bin/nfviz-cli --version)
echo "$version"
grep -q "^nfviz-cli $(dpkg-query -W -f='${Version}' nfviz | cut -d- -f1) (Qt 6\." <<<"$version" ||
    fail "nfviz-cli --version does not name the package's version and Qt's"
/usr/bin/nfviz-cli explain --ruleset "$examples/docker0/iptables-save.txt" \
    "$examples/docker0/container-to-container.log" >"$work/explain.txt"
head -3 "$work/explain.txt"
grep -q "3 packets in 1 flows" "$work/explain.txt" || fail "explain on the installed example found other packets"
/usr/bin/nfviz-cli explain --json "$examples/docker0/host-to-container.log" |
    python3 -c 'import json, sys; d = json.load(sys.stdin); assert d["packets"] and all(p["hops"] for p in d["packets"]), d["source"]' ||
    fail "explain --json on the installed example"
man -w nfviz-cli | grep -q '^/usr/share/man/man1/nfviz-cli.1.gz$' || fail "man nfviz-cli finds no page"
if [ "$has_app" = 1 ]; then
    # `render` runs from a module in nfviz's library directory, found relative to the program.
    /usr/bin/nfviz-cli render "$examples/docker0/host-to-container.log" --packet 1 -o "$work/render.png" 2>/dev/null ||
        fail "nfviz-cli render from /usr/bin"
    file -b "$work/render.png" | grep -q '^PNG image data' || fail "nfviz-cli render wrote no PNG"
    echo "nfviz-cli render: $(file -b "$work/render.png")"
    # Without any display: --version must not need one.
    app_version=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM /usr/bin/nfviz --version)
    echo "$app_version"
    grep -q "^nfviz $(dpkg-query -W -f='${Version}' nfviz | cut -d- -f1) (Qt 6\." <<<"$app_version" ||
        fail "nfviz --version does not name the package's version and Qt's"
    man -w nfviz | grep -q '^/usr/share/man/man1/nfviz.1.gz$' || fail "man nfviz finds no page"

    step "desktop integration"
    desktop=/usr/share/applications/$app_id.desktop
    metainfo=/usr/share/metainfo/$app_id.metainfo.xml
    out=$(desktop-file-validate "$desktop" 2>&1) || { echo "$out"; fail "desktop-file-validate $desktop"; }
    [ -z "$out" ] || { echo "$out"; fail "desktop-file-validate has remarks on $desktop"; }
    echo "desktop-file-validate $desktop: no remarks"
    appstreamcli validate --no-net "$metainfo" || fail "appstreamcli validate --no-net $metainfo"
    # The dpkg triggers of shared-mime-info and desktop-file-utils ran on the installed files.
    grep -q ':\*\.nfviz$' /usr/share/mime/globs2 || fail "update-mime-database did not learn *.nfviz"
    [ -f /usr/share/mime/application/x-nfviz-scenario.xml ] || fail "no application/x-nfviz-scenario in the MIME database"
    grep -q "^application/x-nfviz-scenario=.*$app_id.desktop" /usr/share/applications/mimeinfo.cache ||
        fail "update-desktop-database did not map the scenario type to $app_id.desktop"
    echo "MIME database: *.nfviz → application/x-nfviz-scenario → $app_id.desktop"
    for size in 16 22 24 32 48 64 128 256; do
        png=/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png
        file -b "$png" | grep -q "PNG image data, $size x $size" || fail "$png is not a ${size}px PNG"
    done
    [ -f "/usr/share/icons/hicolor/scalable/apps/$app_id.svg" ] || fail "no scalable icon"
    echo "icons: scalable and 16-256 px"
fi

step "cmake --install into another prefix"
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null
"$prefix/bin/nfviz-cli" explain --ruleset "$prefix/share/nfviz/examples/docker0/iptables-save.txt" \
    "$prefix/share/nfviz/examples/docker0/container-to-container.log" >"$work/prefix-explain.txt"
grep -q "3 packets in 1 flows" "$work/prefix-explain.txt" || fail "nfviz-cli from $prefix"
for f in share/man/man1/nfviz-cli.1.gz share/doc/nfviz/copyright share/doc/nfviz/changelog.Debian.gz; do
    [ -f "$prefix/$f" ] || fail "$prefix/$f is missing"
done
if [ "$has_app" = 1 ]; then
    "$prefix/bin/nfviz-cli" render "$prefix/share/nfviz/examples/docker0/host-to-container.log" --packet 1 \
        -o "$work/prefix-render.svg" 2>/dev/null || fail "nfviz-cli render from $prefix"
    [ -x "$prefix/bin/nfviz" ] && [ -f "$prefix/share/applications/$app_id.desktop" ] || fail "the app is missing in $prefix"
fi
echo "$prefix: $(find "$prefix" -type f | wc -l) files, nfviz-cli works"

step "the tarball"
mkdir "$work/tgz"
tar -xzf "$tgz" -C "$work/tgz"
top=$(find "$work/tgz" -mindepth 1 -maxdepth 1 -type d)
"$top/bin/nfviz-cli" --version >/dev/null || fail "nfviz-cli from the tarball"
echo "$(basename "$tgz"): $(find "$top" -type f | wc -l) files, nfviz-cli works"

step "removing the package"
remove_package
[ ! -e /usr/bin/nfviz-cli ] || fail "/usr/bin/nfviz-cli is still there after removal"
echo "check-package: the package builds, installs, works and is removed again"
