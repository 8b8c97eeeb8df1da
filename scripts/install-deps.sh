#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what building, running and testing nfviz needs on Debian 12. Skips apt when
# everything is already there, so repeated runs are quick and work offline.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config clang clang-format
    qt6-base-dev qt6-base-dev-tools qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    qt6-translations-l10n libgl-dev libssh-dev
    iptables nftables ebtables iproute2 iputils-ping kmod procps netcat-openbsd
    openssh-server openssh-client sudo python3 bc time qtkeychain-qt6-dev
    xvfb xauth desktop-file-utils appstream lintian dpkg-dev fakeroot file
    man-db shared-mime-info
    # live tracing inside a container (tests/live/run-containers.sh): runc, as crun refuses hybrid cgroups
    podman runc containernetworking-plugins busybox-static
    # a Secret Service for the keychain test (tests/live/run-keychain.sh)
    dbus-daemon gnome-keyring
    # Chinese glyphs for the zh_CN interface and its screenshots
    fonts-noto-cjk
)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
fi
echo "Installing: ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
