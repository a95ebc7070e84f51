#!/usr/bin/env bash
# One command for the demo: install, ingest the bundled samples, open the app on http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")"
./scripts/install.sh main
export HF_HUB_OFFLINE=1
echo "==> Nạp tài liệu mẫu (samples/) vào kho chỉ mục indexes/"
.venv/bin/nq02 ingest samples
if [ -z "$(.venv/bin/nq02 user list)" ]; then
  # No default password: a one-time password is generated (or taken from NQ02_ADMIN_PASSWORD) and must be
  # changed at the first login.
  PASS="${NQ02_ADMIN_PASSWORD:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(12))')}"
  echo "$PASS" | .venv/bin/nq02 user add admin --role admin --must-change
  echo "==> Tài khoản quản trị: admin / $PASS (mật khẩu dùng một lần: hệ thống yêu cầu đổi ngay khi đăng nhập)"
fi
exec .venv/bin/nq02 app --port "${PORT:-8501}"
