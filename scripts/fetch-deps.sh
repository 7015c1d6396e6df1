#!/usr/bin/env bash
# Downloads the Debian 12 packages that the dependency prefix needs (HDF5 C++, SentencePiece, Eigen,
# nlohmann-json and the libraries they load) into .deps/ (git-ignored), and unpacks them with
# `dpkg -x` into .deps/root, the folder to pass as -DBASISLAB_DEPS_PREFIX. Needs apt-get (any user;
# no root: nothing is installed). A machine without apt (a GPU machine, say) takes the .deb files
# copied from here: bench/gpu-check.sh unpacks .deps/*.deb itself.
#
#   scripts/fetch-deps.sh [--no-unpack]
set -euo pipefail
cd "$(dirname "$0")/.."

# Exactly what the prefix needs (README.md, "GPU build"):
packages=(
  libhdf5-dev libhdf5-103-1 libhdf5-cpp-103-1 libsz2 libaec0   # HDF5 1.10 C++ (serial) and its szip
  libsentencepiece-dev libsentencepiece0                        # SentencePiece 0.1.97
  libeigen3-dev                                                 # Eigen 3.4 (headers)
  nlohmann-json3-dev                                            # nlohmann-json 3.11 (headers)
  libcli11-dev                                                  # CLI11 2.1 (headers; basislab-cli's parser)
)

mkdir -p .deps
(cd .deps && apt-get download "${packages[@]}")
ls -l .deps/*.deb
du -ch .deps/*.deb | tail -n 1
if [[ "${1:-}" != "--no-unpack" ]]; then
  rm -rf .deps/root
  for deb in .deps/*.deb; do dpkg -x "$deb" .deps/root; done
  echo "unpacked into $(pwd)/.deps/root: configure with -DBASISLAB_DEPS_PREFIX=$(pwd)/.deps/root"
fi
