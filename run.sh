#!/usr/bin/env bash
# One command for the demo: install, ingest the bundled samples, open the app on http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install.sh
export HF_HUB_OFFLINE=1
echo "==> Nạp tài liệu mẫu (samples/) vào kho chỉ mục indexes/"
.venv/bin/nq02 ingest samples
if [ -z "$(.venv/bin/nq02 user list)" ]; then
  PASS="${NQ02_ADMIN_PASSWORD:-admin123}"
  echo "$PASS" | .venv/bin/nq02 user add admin --role admin
  echo "==> Tài khoản quản trị: admin / $PASS (đặt biến NQ02_ADMIN_PASSWORD để chọn mật khẩu khác; đổi ngay sau khi đăng nhập)"
fi
exec .venv/bin/nq02 app --port "${PORT:-8501}"
