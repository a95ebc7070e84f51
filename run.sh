#!/usr/bin/env bash
# One command for the demo: install, ingest the bundled samples, open the app on http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install.sh
export HF_HUB_OFFLINE=1
echo "==> Nạp tài liệu mẫu (samples/) vào kho chỉ mục indexes/"
.venv/bin/nq02 ingest samples
exec .venv/bin/nq02 app --port "${PORT:-8501}"
