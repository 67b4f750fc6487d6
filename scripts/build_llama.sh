#!/usr/bin/env bash
# Build (or reuse) a llama-cpp-python wheel compiled with CPU flags that are safe for THIS machine,
# and install it into the given Python environment.
#
# Why not a plain `pip install llama-cpp-python`: it compiles with -march=native, and on CPUs with
# AMX (Sapphire Rapids and later) that build segfaults in ggml_backend_amx_mul_mat at the first
# evaluation. We build with GGML_NATIVE=OFF, AMX off, and switch on only the SIMD sets that
# /proc/cpuinfo reports. pip's own wheel cache is keyed by the sdist, not by CMAKE_ARGS, so it could
# hand back a wheel built with other flags: we keep our own cache keyed by version + flags.
#
# usage: scripts/build_llama.sh PYTHON            (prints the CMAKE_ARGS it used)
#        scripts/build_llama.sh --print-flags     (only prints the flags)
set -euo pipefail

LLAMA_VERSION="${LLAMA_CPP_PYTHON_VERSION:-0.3.36}"

cpu_flags() {
  if [ -r /proc/cpuinfo ]; then
    grep -m1 -E '^(flags|Features)' /proc/cpuinfo | cut -d: -f2
  fi
}

cmake_args() {
  local flags arch args
  flags=" $(cpu_flags) "
  arch="$(uname -m)"
  has() { case "$flags" in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
  args="-DGGML_NATIVE=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"
  if [ "$arch" = "x86_64" ]; then
    if has avx2 && has fma && has f16c; then
      args="$args -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
      has bmi2 && args="$args -DGGML_BMI2=ON" || args="$args -DGGML_BMI2=OFF"
    elif has avx; then
      args="$args -DGGML_AVX=ON -DGGML_AVX2=OFF -DGGML_FMA=OFF -DGGML_F16C=OFF -DGGML_BMI2=OFF"
    else
      args="$args -DGGML_AVX=OFF -DGGML_AVX2=OFF -DGGML_FMA=OFF -DGGML_F16C=OFF -DGGML_BMI2=OFF"
    fi
    if has avx512f && has avx512bw && has avx512dq && has avx512vl && has avx2; then
      args="$args -DGGML_AVX512=ON"
      has avx512vbmi && args="$args -DGGML_AVX512_VBMI=ON"
      has avx512_vnni && args="$args -DGGML_AVX512_VNNI=ON"
      has avx512_bf16 && args="$args -DGGML_AVX512_BF16=ON"
    fi
    has avx_vnni && args="$args -DGGML_AVX_VNNI=ON"
  fi
  printf '%s\n' "$args"
}

if [ "${1:-}" = "--print-flags" ]; then
  cmake_args
  exit 0
fi

PY="${1:?usage: build_llama.sh PYTHON}"
ARGS="$(cmake_args)"
KEY="$(printf '%s %s %s' "$LLAMA_VERSION" "$ARGS" "$("$PY" -c 'import sys;print(sys.version_info[:2])')" | sha256sum | cut -c1-16)"
CACHE="${SUMMARIZER_WHEEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/summarizer/wheels}/$KEY"

if ! ls "$CACHE"/llama_cpp_python-*.whl >/dev/null 2>&1; then
  echo "building llama-cpp-python $LLAMA_VERSION with: $ARGS (about 10 minutes on 2 cores, once)" >&2
  mkdir -p "$CACHE.tmp"
  CMAKE_ARGS="$ARGS" FORCE_CMAKE=1 "$PY" -m pip wheel --quiet --no-deps --no-cache-dir \
    --no-binary llama-cpp-python -w "$CACHE.tmp" "llama-cpp-python==$LLAMA_VERSION"
  rm -rf "$CACHE" && mv "$CACHE.tmp" "$CACHE"
  printf '%s\n' "$ARGS" >"$CACHE/CMAKE_ARGS"
fi
"$PY" -m pip install --quiet --no-deps "$CACHE"/llama_cpp_python-*.whl
"$PY" -m pip install --quiet "llama-cpp-python==$LLAMA_VERSION"  # its pure-Python deps
echo "llama-cpp-python $LLAMA_VERSION installed from $CACHE ($ARGS)" >&2
