#!/usr/bin/env bash
# The GPU check: builds core, CLI and benchmarks (no GUI, no tests) against a CUDA LibTorch and a
# dependency prefix, then prints ONE table: correctness of the device against the CPU on the demo
# model, and speed on a random model of Llama2-7B width with its extrapolation to Llama2-7B
# (bench/gpu_check.cpp says what each row is). Exit status: 0 when every correctness check passed.
#
#   bench/gpu-check.sh [--torch DIR] [--deps DIR] [--device cuda|cuda:N|cpu] [--build-dir DIR]
#                      [--no-build] [--small] [--layers N] [--jobs N]
#
#   --torch DIR     LibTorch's CMake prefix: the official zip's libtorch/ folder, or pip torch's
#                   $(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)').
#                   Default: pip torch when python3 has it, else the system's (Debian's, CPU only).
#   --deps DIR      the dependency prefix (-DBASISLAB_DEPS_PREFIX). Default: .deps/root, unpacked
#                   from .deps/*.deb first when only those are there (scripts/fetch-deps.sh fills
#                   .deps/); none: the system's packages.
#   --device D      the device under test (default cuda); the reference is always the CPU.
#   --build-dir DIR default build-gpu-check; --no-build uses what is there.
#   --small         a tiny random model and few windows, for a CPU run of the script itself
#                   (the CTest gpu_check_cpu); the default is Llama2-7B width with --layers 2.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

torch="" deps="" device="cuda" build="build-gpu-check" do_build=1 small=0 layers=2 jobs="$(nproc)"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --torch) torch="$2"; shift 2 ;;
    --deps) deps="$2"; shift 2 ;;
    --device) device="$2"; shift 2 ;;
    --build-dir) build="$2"; shift 2 ;;
    --no-build) do_build=0; shift ;;
    --small) small=1; shift ;;
    --layers) layers="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "gpu-check: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
start=$(date +%s)

# --- the dependency prefix ------------------------------------------------------------------------
unpack() {  # a .deb into a folder, with dpkg when there is one, else with ar + tar
  if command -v dpkg >/dev/null; then dpkg -x "$1" "$2"; return; fi
  local tmp; tmp="$(mktemp -d)"
  (cd "$tmp" && ar x "$1" && tar -xf data.tar.* -C "$2")
  rm -rf "$tmp"
}
if [[ -z "$deps" && -d .deps ]]; then
  if [[ ! -d .deps/root ]] && compgen -G ".deps/*.deb" >/dev/null; then
    mkdir -p .deps/root
    for deb in .deps/*.deb; do unpack "$root/$deb" "$root/.deps/root"; done
  fi
  [[ -d .deps/root ]] && deps="$root/.deps/root"
fi
if [[ -n "$deps" ]]; then
  deps="$(cd "$deps" && pwd)"
  # The prefix's shared libraries (HDF5, szip, SentencePiece) for the loader as well.
  export LD_LIBRARY_PATH="$deps/usr/lib/x86_64-linux-gnu:$deps/usr/lib:${LD_LIBRARY_PATH:-}"
fi

# --- LibTorch -------------------------------------------------------------------------------------
if [[ -z "$torch" ]] && python3 -c 'import torch' 2>/dev/null; then
  torch="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')"
fi

# --- build ----------------------------------------------------------------------------------------
if [[ $do_build -eq 1 ]]; then
  generator=(-G Ninja)
  command -v ninja >/dev/null || generator=(-G "Unix Makefiles")
  cfg=(-S . -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release -DBASISLAB_BUILD_GUI=OFF
       -DBASISLAB_BUILD_TESTS=OFF -DBASISLAB_BUILD_BENCH=ON)
  [[ -n "$torch" ]] && cfg+=("-DCMAKE_PREFIX_PATH=$torch")
  [[ -n "$deps" ]] && cfg+=("-DBASISLAB_DEPS_PREFIX=$deps")
  command -v ccache >/dev/null && cfg+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  echo "gpu-check: cmake ${cfg[*]}"
  mkdir -p "$build"
  if ! cmake "${cfg[@]}" >"$build/configure.log" 2>&1; then
    cat "$build/configure.log" >&2
    echo "gpu-check: configuring failed (log above, also in $build/configure.log)" >&2
    exit 2
  fi
  grep -E "LibTorch|BASISLAB_DEPS_PREFIX|^--   " "$build/configure.log" || true
  cmake --build "$build" -j "$jobs" --target basislab-cli bench_gpu_check make_random_llama
fi
built=$(date +%s)
bin="$build/bin"
for exe in basislab-cli bench_gpu_check make_random_llama; do
  [[ -x "$bin/$exe" ]] || { echo "gpu-check: $bin/$exe is missing (build first)" >&2; exit 2; }
done

# --- the random model of Llama2-7B width ----------------------------------------------------------
work="$build/gpu-check"
mkdir -p "$work"
if [[ $small -eq 1 ]]; then
  shape=(--hidden 128 --intermediate 344 --layers 2 --heads 4)
  run=(--calib-windows-256 4 --calib-windows-2048 1 --eval-windows 1 --eval-dtype float32)
else
  shape=(--hidden 4096 --intermediate 11008 --layers "$layers" --heads 32)
  run=(--calib-windows-256 64 --calib-windows-2048 8 --eval-windows 8 --eval-dtype bfloat16)
fi
random="$work/random-$(echo "${shape[*]}" | tr -d ' -')"
[[ -f "$random/config.json" ]] || "$bin/make_random_llama" --out "$random" "${shape[@]}" \
  --tokenizer-from resources/demo/stories260k

# --- the check ------------------------------------------------------------------------------------
set +e
"$bin/bench_gpu_check" --device "$device" --demo resources/demo/stories260k \
  --text resources/demo/text/tinystories_sample.txt --random "$random" "${run[@]}"
status=$?
set -e
end=$(date +%s)
echo "gpu-check: build $((built - start)) s, check $((end - built)) s, total $((end - start)) s"
exit $status
