"""The ASGI application `nq02 app` serves: the Streamlit pages (`app/web/ui/main.py`) plus the routes of
`app.web.routes` (session cookie, source files, the command line's local API), in one process with one index."""

from __future__ import annotations

import logging
import sys
import threading
from contextlib import asynccontextmanager
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from starlette.middleware import Middleware

from app.service import engine
from app.web import routes
from app.web.headers import SecurityHeaders
from ingest import Settings

log = logging.getLogger("nq02.web")


@asynccontextmanager
async def lifespan(_app):
    settings = Settings.from_env()
    port, host = settings.port, settings.bind
    api_file = routes.write_api_file(port, host)
    # open the index (and repair what an interrupted write left) before the first user arrives
    threading.Thread(target=engine.index, name="open-index", daemon=True).start()
    try:
        yield {}
    finally:
        api_file.unlink(missing_ok=True)
        engine.close()


app = st.App(
    Path(__file__).parent / "ui" / "main.py",
    routes=routes.routes(),
    lifespan=lifespan,
    middleware=[Middleware(SecurityHeaders)],
)
