#!/usr/bin/env bash
# One command for the tests: install everything, then run the whole suite (real models, real Qdrant, real browser,
# a real llama.cpp model server). `./test.sh -m "not slow"` runs the fast tier (committed samples only).
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install.sh test
export HF_HUB_OFFLINE=1
.venv/bin/ruff check .
exec .venv/bin/python -m pytest -q -rs "$@"
