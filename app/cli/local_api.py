"""The command line's way into a running app: when `nq02 app` holds the index, `docs`, `ask`, `check` and
`ingest` are sent to it over its local API (the address and token it wrote to `<index>/app.json`)."""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from ingest import Nq02Error

TIMEOUT_S = 3600.0


class LocalApp:
    """A running `nq02 app` on this machine, reached through its local API."""

    def __init__(self, base: str, token: str) -> None:
        self.base, self.token = base, token

    @classmethod
    def find(cls, index_dir: Path) -> LocalApp | None:
        """The app serving `index_dir`, if one is running and answers."""
        path = index_dir / "app.json"
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
            os.kill(int(info["pid"]), 0)
        except (OSError, ValueError, KeyError):
            return None
        host = "127.0.0.1" if info["host"] in ("0.0.0.0", "::") else info["host"]
        app = cls(f"http://{host}:{info['port']}", info["token"])
        try:
            with urllib.request.urlopen(f"{app.base}/_stcore/health", timeout=2) as resp:
                return app if resp.read() == b"ok" else None
        except OSError:
            return None

    def _call(self, path: str, body: dict[str, Any] | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(f"{self.base}{path}", data=data, method="POST" if data else "GET")
        req.add_header("Authorization", f"Bearer {self.token}")
        req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=TIMEOUT_S) as resp:
                return json.loads(resp.read().decode("utf-8"))
        except urllib.error.HTTPError as exc:
            try:
                message = json.loads(exc.read().decode("utf-8")).get("error")
            except (ValueError, AttributeError):
                message = None
            raise Nq02Error(
                message or "Ứng dụng đang chạy từ chối yêu cầu.", f"local API {path}: HTTP {exc.code}"
            ) from exc
        except OSError as exc:
            raise Nq02Error("Không liên lạc được với ứng dụng đang chạy.", f"local API {path}: {exc}") from exc

    def docs(self) -> list[dict]:
        return self._call("/api/docs")

    def ask(self, questions: list[str], k: int, filters: list[str], no_llm: bool) -> list[dict]:
        return self._call("/api/ask", {"questions": questions, "k": k, "filters": filters, "no_llm": no_llm})

    def check(self, path: Path) -> dict:
        return self._call("/api/check", {"path": str(path.resolve())})

    def ingest(self, paths: list[Path], prune: bool, restricted: bool | None) -> list[dict]:
        return self._call("/api/ingest", {"paths": [str(p.resolve()) for p in paths], "prune": prune,
                                          "restricted": restricted})  # fmt: skip
