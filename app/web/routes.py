"""HTTP routes served beside the Streamlit pages (same process, same index).

- `/auth/adopt`, `/auth/logout`: the session cookie (HttpOnly, SameSite=Strict; Secure behind HTTPS).
- `/files/{key}`: a document's source file, for a logged-in user allowed to read it (PDFs inline, the rest as
  downloads).
- `/api/...`: the local API the command line uses while the app holds the index; it needs the token the app
  writes to `<index>/app.json` (readable by the operator only).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import mimetypes
import os
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from app.service import engine
from app.web.headers import same_origin

log = logging.getLogger(__name__)
COOKIE = "nq02_session"
_API_TOKEN = secrets.token_urlsafe(32)


def _same_origin(request: Request) -> bool:
    return same_origin(request.headers.get("origin"), request.headers.get("host"))


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or request.headers.get("x-forwarded-proto") == "https"


async def adopt(request: Request) -> Response:
    """Exchange a one-time login code for the session cookie."""
    from app.web.ui.session import redeem_code

    if not _same_origin(request):
        return JSONResponse({"error": "origin"}, status_code=403)
    try:
        code = (await request.json()).get("code", "")
    except (json.JSONDecodeError, AttributeError):
        code = ""
    token = redeem_code(str(code))
    if token is None:
        return JSONResponse({"error": "code"}, status_code=400)
    hours = engine.settings().auth.session_max_h
    response = JSONResponse({"ok": True})
    response.set_cookie(COOKIE, token, max_age=int(hours * 3600), httponly=True, samesite="strict",
                        secure=_secure(request), path="/")  # fmt: skip
    return response


async def logout(request: Request) -> Response:
    if not _same_origin(request):
        return JSONResponse({"error": "origin"}, status_code=403)
    users = engine.users()
    user = users.session_user(request.cookies.get(COOKIE))
    if user is not None:
        users.end_sessions(user.name)
    response = JSONResponse({"ok": True})
    response.delete_cookie(COOKIE, path="/")
    return response


async def source_file(request: Request) -> Response:
    """The source file of a document the logged-in user may read."""
    user = engine.users().session_user(request.cookies.get(COOKIE))
    if user is None:
        return Response("Cần đăng nhập.", status_code=401, media_type="text/plain; charset=utf-8")
    key = request.path_params["key"]
    # the bytes are read and checked against the catalog row once, and exactly those bytes are sent
    file = await asyncio.to_thread(engine.index().source_file, key, user.sees_restricted)
    if file is None:
        return Response("Không có tài liệu này hoặc bạn không có quyền xem.", status_code=404,
                        media_type="text/plain; charset=utf-8")  # fmt: skip
    kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    inline = kind == "application/pdf" and request.query_params.get("download") != "1"
    disposition = f"{'inline' if inline else 'attachment'}; filename*=UTF-8''{quote(file.name)}"
    headers = {"Content-Disposition": disposition, "X-Content-Type-Options": "nosniff",
               "Content-Security-Policy": "default-src 'none'; sandbox", "Cache-Control": "private, no-store"}  # fmt: skip
    return Response(file.data, media_type=kind if inline else "application/octet-stream", headers=headers)


# --- local API for the command line ---------------------------------------------------------------
def api_token() -> str:
    return _API_TOKEN


def write_api_file(port: int, host: str) -> Path:
    """`<index>/app.json`: where this app listens and the token of its local API (mode 0600)."""
    path = engine.settings().index_dir / "app.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump({"host": host, "port": port, "token": _API_TOKEN, "pid": os.getpid()}, fh)
    return path


def _authorised(request: Request) -> bool:
    given = request.headers.get("authorization", "").removeprefix("Bearer ")
    return bool(given) and hmac.compare_digest(given, _API_TOKEN)


def _api(fn):
    async def handler(request: Request) -> Response:
        if not _authorised(request):
            return JSONResponse({"error": "Cần mã truy cập của ứng dụng."}, status_code=401)
        from ingest import Nq02Error

        try:
            body = await _body(request)
            result = await asyncio.to_thread(fn, body)
        except Nq02Error as exc:
            log.warning("local API %s refused: %s", request.url.path, exc.detail)
            return JSONResponse({"error": exc.user_message}, status_code=400)
        except Exception:
            log.exception("local API %s failed", request.url.path)
            return JSONResponse({"error": "Lỗi không xác định trong ứng dụng; xem nhật ký."}, status_code=500)
        return JSONResponse(result)

    return handler


MAX_BODY_BYTES = 1 << 20
MAX_ITEMS = 500
# the fields each local API call takes, with their types: anything else is refused with a 400, never a 500
_SHAPES: dict[str, dict[str, type]] = {
    "/api/ask": {"questions": list, "filters": list, "k": int, "no_llm": bool},
    "/api/check": {"path": str},
    "/api/ingest": {"paths": list, "prune": bool, "restricted": bool},
}
_REQUIRED = {"/api/ask": "questions", "/api/check": "path", "/api/ingest": "paths"}


async def _body(request: Request) -> dict[str, Any]:
    """The request's JSON body, checked against the call's shape (a Vietnamese `QueryError` if it does not fit)."""
    from ingest import QueryError

    if request.method != "POST":
        return {}
    raw = await request.body()
    path = request.url.path
    try:
        if len(raw) > MAX_BODY_BYTES:
            raise ValueError(f"{len(raw)} bytes")
        body = json.loads(raw)
        if not isinstance(body, dict):
            raise ValueError(f"a JSON {type(body).__name__}, not an object")
        shape = _SHAPES[path]
        body = {k: v for k, v in body.items() if v is not None}  # null means "not given"
        for key, value in body.items():
            want = shape.get(key)
            if want is None or not isinstance(value, want) or (want is int and isinstance(value, bool)):
                raise ValueError(f"field {key!r} of type {type(value).__name__}")
            if want is list and (len(value) > MAX_ITEMS or not all(isinstance(v, str) for v in value)):
                raise ValueError(f"field {key!r} is not a list of at most {MAX_ITEMS} strings")
        if _REQUIRED[path] not in body:
            raise ValueError(f"missing {_REQUIRED[path]!r}")
        if "k" in body and not 1 <= body["k"] <= 50:
            raise ValueError(f"k={body['k']}")
    except (ValueError, UnicodeDecodeError) as exc:
        fields = ", ".join(f"{k} ({t.__name__})" for k, t in _SHAPES.get(path, {}).items())
        raise QueryError(f"Yêu cầu không hợp lệ: nội dung phải là một đối tượng JSON với các trường {fields}.",
                         f"bad body for {path}: {exc}") from exc  # fmt: skip
    return body


def _docs(_body: dict[str, Any]) -> Any:
    return [d.listing() for d in engine.index().documents()]


def _ask(body: dict[str, Any]) -> Any:
    from app.answer import answer
    from ingest import parse_filters

    conditions = parse_filters(body.get("filters") or [])
    out = []
    for q in body.get("questions") or []:
        try:
            a = answer(engine.index(), q, k=body.get("k", 5), conditions=conditions, sees_restricted=True,
                       use_llm=False if body.get("no_llm") else None)  # fmt: skip
            out.append(a.as_json())
        except Exception as exc:
            from ingest import Nq02Error

            if not isinstance(exc, Nq02Error):
                raise
            out.append({"question": q, "error": exc.user_message})
    return out


def _check(body: dict[str, Any]) -> Any:
    from app.check import check_draft

    return check_draft(engine.index(), Path(body["path"])).as_json()


def _ingest(body: dict[str, Any]) -> Any:
    reports = engine.index().ingest([Path(p) for p in body["paths"]], prune=body.get("prune", False),
                                    restricted=body.get("restricted"))  # fmt: skip
    return [r.__dict__ for r in reports]


def routes() -> list[Route]:
    return [
        Route("/auth/adopt", adopt, methods=["POST"]),
        Route("/auth/logout", logout, methods=["POST"]),
        Route("/files/{key:path}", source_file, methods=["GET"]),
        Route("/api/docs", _api(_docs), methods=["GET"]),
        Route("/api/ask", _api(_ask), methods=["POST"]),
        Route("/api/check", _api(_check), methods=["POST"]),
        Route("/api/ingest", _api(_ingest), methods=["POST"]),
    ]
