#!/usr/bin/env bash
# Installs every Debian 12 package BasisLab needs, when it is missing.
# Uses sudo when not run as root. Safe to run again: it installs nothing when all is present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev
  libqt6svg6 qt6-qpa-plugins
  libtorch-dev libeigen3-dev
  libqcustomplot-dev libqcustomplot2.1-qt6
  libhdf5-dev libhdf5-cpp-103
  libsentencepiece-dev nlohmann-json3-dev libcli11-dev
  libgloo-dev
  libopenblas0-pthread
  fonts-dejavu-core fonts-nanum clang-format
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
