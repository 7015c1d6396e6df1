#!/usr/bin/env bash
# Installs what is missing, builds BasisLab and opens the workbench on the bundled demo model
# (README command 1). Without a display ($DISPLAY and $WAYLAND_DISPLAY unset) it says so and runs
# the workbench headless instead, writing its figures (PNG, PDF, SVG, CSV) to out/demo-figures.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBASISLAB_BUILD_GUI=ON
cmake --build build -j "$(nproc)"
model=resources/demo/stories260k
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec build/bin/basislab --model "$model"
fi
out=out/demo-figures
echo "run-demo: no display (\$DISPLAY and \$WAYLAND_DISPLAY are unset), so the workbench runs headless"
echo "run-demo: and writes its figures instead of opening a window"
QT_QPA_PLATFORM=offscreen build/bin/basislab --model "$model" --export-figures "$out"
echo "run-demo: figures written to $(pwd)/$out"
