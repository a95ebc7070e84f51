#!/usr/bin/env bash
# Install what a job needs on a fresh Debian/Ubuntu machine: system tools, then a virtualenv.
#   ./scripts/install.sh main   what the app needs (./run.sh): no compiler run, no browser
#   ./scripts/install.sh test   everything (./test.sh): adds the browser and the bundled llama.cpp model server
# Idempotent: re-running skips what is already there (pip keeps the compiled llama.cpp wheel in its cache).
set -euo pipefail
cd "$(dirname "$0")/.."
JOB="${1:-test}"

APT_PACKAGES=(tesseract-ocr tesseract-ocr-vie antiword poppler-utils fonts-dejavu-core)
if [ "$JOB" = "test" ]; then
  APT_PACKAGES+=(chromium chromium-driver cmake)
fi
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> Cài gói hệ thống: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "==> Tạo môi trường Python (.venv)"
  "$PY" -m venv .venv
fi
echo "==> Cài thư viện Python (torch CPU 2.13.0 và các gói của dự án)"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q "torch==2.13.0"
# llama-cpp-python ships only as source: build just the library its server needs, for any x86-64 with AVX2
# (no -march=native, no AVX-512/AMX: a wheel built here runs on every machine of this kind), on both cores.
export CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}"
export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
-DGGML_BMI2=ON -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF -DGGML_OPENMP=OFF \
-DLLAVA_BUILD=OFF -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_TOOLS=OFF -DLLAMA_BUILD_EXAMPLES=OFF \
-DLLAMA_BUILD_SERVER=OFF -DLLAMA_BUILD_APP=OFF -DLLAMA_OPENSSL=OFF}"
if [ "$JOB" = "main" ]; then
  .venv/bin/python -m pip install -q -e .
else
  if ! .venv/bin/python -c "import llama_cpp" 2>/dev/null; then
    echo "==> Biên dịch llama.cpp cho máy chủ mô hình (vài phút, chỉ lần đầu)"
  fi
  .venv/bin/python -m pip install -q -e ".[dev,llm]"
fi
.venv/bin/python -m pip check
