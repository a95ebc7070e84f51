"""The organisation's own language model, over any OpenAI-compatible chat endpoint (vLLM, Ollama, llama.cpp).

Settings: `NQ02_LLM_URL` (base URL ending in /v1), `NQ02_LLM_MODEL`, `NQ02_LLM_API_KEY`, `NQ02_LLM_TIMEOUT`.
The client is llama-index's `OpenAILike`; nothing is sent anywhere but that endpoint.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ingest import LlmSettings

log = logging.getLogger(__name__)
STATUS_TTL_S = 60.0
_status_cache: dict[str, tuple[float, Any]] = {}
_status_lock = threading.Lock()


class LlmError(Exception):
    """The endpoint did not answer usefully (down, slow, refused, garbage)."""


@dataclass
class LlmStatus:
    configured: bool
    ok: bool = False
    url: str = ""
    model: str = ""
    latency_ms: float = 0.0
    error: str = ""


def status(settings: LlmSettings) -> LlmStatus:
    """Is the endpoint up? `GET /models`, remembered for a minute."""
    if not settings.enabled:
        return LlmStatus(False)
    key = f"{settings.url}|{settings.model}"
    with _status_lock:
        cached = _status_cache.get(key)
        if cached and time.monotonic() - cached[0] < STATUS_TTL_S:
            return cached[1]
    started = time.perf_counter()
    req = urllib.request.Request(f"{settings.url.rstrip('/')}/models")
    if settings.api_key:
        req.add_header("Authorization", f"Bearer {settings.api_key}")
    try:
        with urllib.request.urlopen(req, timeout=min(5.0, settings.timeout_s)) as resp:
            json.loads(resp.read().decode("utf-8"))
        result = LlmStatus(True, True, settings.url, settings.model, (time.perf_counter() - started) * 1000)
    except (OSError, ValueError, urllib.error.URLError) as exc:
        result = LlmStatus(True, False, settings.url, settings.model, error=type(exc).__name__)
    with _status_lock:
        _status_cache[key] = (time.monotonic(), result)
    return result


def client(settings: LlmSettings) -> Any:
    """llama-index's OpenAI-compatible LLM for the configured endpoint (no retries: we fall back instead)."""
    from llama_index.llms.openai_like import OpenAILike

    return OpenAILike(
        model=settings.model,
        api_base=settings.url,
        api_key=settings.api_key or "none",
        is_chat_model=True,
        timeout=settings.timeout_s,
        max_retries=0,
        temperature=settings.temperature,
        max_tokens=settings.max_tokens,
        context_window=8192,
    )


def stream_chat(settings: LlmSettings, system: str, user: str) -> Iterator[str]:
    """The model's reply, piece by piece; `LlmError` if the endpoint fails or exceeds the timeout."""
    from llama_index.core.llms import ChatMessage

    llm = client(settings)
    deadline = time.monotonic() + settings.timeout_s
    try:
        for chunk in llm.stream_chat(
            [ChatMessage(role="system", content=system), ChatMessage(role="user", content=user)]
        ):
            if time.monotonic() > deadline:
                raise LlmError(f"generation exceeded {settings.timeout_s:.0f} s")
            if chunk.delta:
                yield chunk.delta
    except LlmError:
        raise
    except Exception as exc:  # openai/httpx raise many kinds; all mean "no usable answer"
        raise LlmError(f"{type(exc).__name__}: {exc}") from exc


def complete(settings: LlmSettings, system: str, user: str) -> str:
    return "".join(stream_chat(settings, system, user))
