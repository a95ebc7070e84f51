"""Headers and origin checks on everything the app serves (an ASGI middleware around Streamlit and our routes).

- Every HTTP response may be framed only by a page of this same origin (`Content-Security-Policy:
  frame-ancestors 'self'`, `X-Frame-Options: SAMEORIGIN` for older browsers): Streamlit's own components are
  same-origin frames, a page on another port or host is not (clickjacking, OWASP).
- The WebSocket that carries the app is accepted only from a page of this origin: a browser always sends
  `Origin` on a WebSocket handshake, and a page elsewhere (another port of the same host included) is refused
  before the handshake completes (cross-site WebSocket hijacking).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

log = logging.getLogger(__name__)
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

SECURITY_HEADERS = [
    (b"content-security-policy", b"frame-ancestors 'self'"),
    (b"x-frame-options", b"SAMEORIGIN"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]


def same_origin(origin: str | None, host: str | None) -> bool:
    """Whether a request's `Origin` names the host (with port) it was sent to; no `Origin` is a same-origin
    request (browsers omit it on same-origin GETs; a cross-origin page cannot)."""
    if origin is None:
        return True
    return bool(host) and origin.split("://", 1)[-1].rstrip("/").lower() == host.lower()


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


class SecurityHeaders:
    """ASGI middleware: security headers on HTTP responses, same-origin WebSocket handshakes."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            origin, host = _header(scope, b"origin"), _header(scope, b"host")
            if not same_origin(origin, host):
                log.warning("refused a WebSocket from origin %r to host %r", origin, host)
                await receive()  # websocket.connect
                await send({"type": "websocket.close", "code": 1008})  # before accept: the handshake gets a 403
                return
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in have or k == b"content-security-policy"
                ]
            await send(message)

        await self.app(scope, receive, with_headers)
