"""A scripted OpenAI-compatible chat endpoint for benchmarks: it streams whatever text the script holds for the
question in the prompt (`Câu hỏi: ...`), in small pieces, as a real server streams tokens."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NOT_SCRIPTED = "Không tìm thấy thông tin trong kho tài liệu."


@contextmanager
def scripted_endpoint() -> Iterator[tuple[str, dict[str, str]]]:
    """(base URL ending in /v1, script): set `script[question] = text` before asking."""
    script: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            user = next((m["content"] for m in reversed(body.get("messages", [])) if m.get("role") == "user"), "")
            question = user.rsplit("Câu hỏi:", 1)[-1].split("\nTrả lời:")[0].strip()
            text = script.get(question, NOT_SCRIPTED)
            self.send_response(200)
            if body.get("stream"):
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for i in range(0, len(text), 12):
                    self._event({"choices": [{"index": 0, "delta": {"content": text[i : i + 12]}}]})
                self._event({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
                self.wfile.write(b"data: [DONE]\n\n")
            else:
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                message = {"role": "assistant", "content": text}
                self.wfile.write(json.dumps({"choices": [{"index": 0, "message": message,
                                                          "finish_reason": "stop"}]}).encode())  # fmt: skip

        def _event(self, chunk: dict) -> None:
            chunk = {"id": "scripted", "object": "chat.completion.chunk", "model": "scripted", **chunk}
            self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1", script
    finally:
        httpd.shutdown()
