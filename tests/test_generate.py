"""Generated answers against a real llama.cpp server (llama-cpp-python) serving the bundled Gemma 3 270M.

Verification is tested on the model's real output (whatever it writes, nothing unverified reaches the answer)
and on sentences with a changed number or date; the fallback on an endpoint that is down, too slow or answers
garbage; a viewer's question never putting a restricted passage in the prompt; follow-ups without a model.
"""

from __future__ import annotations

import shutil
import threading
from contextlib import contextmanager
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from app.answer import answer, generate, llm
from app.answer.conversation import Turn, carry_over
from ingest import Index, LlmSettings, Settings

pytestmark = pytest.mark.slow
QUESTIONS = [
    "Quyết định nào thành lập Tổ công tác giúp việc Tổ biên tập?",
    "Các Bộ, ngành gửi báo cáo tổng kết trước ngày nào?",
    "Tỉnh Quảng Ninh cấp bao nhiêu giấy phép khai thác khoáng sản?",
    "Những hạn chế chính trong thực hiện Nghị quyết 02 là gì?",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    pytest.importorskip("llama_cpp", reason="llama-cpp-python is installed by scripts/install.sh")
    from app.service.llm_server import serving

    with serving(log=tmp_path_factory.mktemp("llm") / "server.log") as base:
        yield base


def _index(path: Path, url: str | None, timeout_s: float = 120.0) -> Index:
    settings = Settings.from_env(index_dir=path, store_backend="edge", lock_wait_s=10)
    model = LlmSettings(url=url, model="gemma3-270m", timeout_s=timeout_s, max_tokens=160)
    return Index.open(settings.with_(llm=model))


@pytest.fixture()
def index_dir(samples_index_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "idx"
    shutil.copytree(samples_index_dir, target)
    return target


def test_no_unverified_sentence_reaches_the_user(server, index_dir: Path):
    index = _index(index_dir, server)
    try:
        for q in QUESTIONS:
            extractive = answer(index, q, use_llm=False)
            a = answer(index, q)
            assert a.mode in ("generated", "extractive")
            if a.mode == "generated":
                shown = [s for s in a.sentences if s.verified]
                assert shown and all(s.text in a.answer for s in shown)
                assert all(s.text not in a.answer for s in a.sentences if not s.verified)
                assert all(1 <= n <= len(a.citations) for s in shown for n in s.citations)
            if not extractive.abstained:
                assert not a.abstained, f"the fallback answers what extractive answers: {q}"
    finally:
        index.close()


def test_verification_catches_a_changed_number_or_date(samples_index: Index):
    passages = samples_index.search("Quảng Ninh cấp giấy phép khai thác khoáng sản", k=5, sees_restricted=True)
    source = next(p for p in passages if "Quảng Ninh" in p.text and any(c.isdigit() for c in p.text))
    sentence = next(s for s in source.text.split("\n") if any(c.isdigit() for c in s) and len(s) > 30)
    n = passages.index(source) + 1
    min_cov = samples_index.settings.heuristics.verify_min_coverage
    assert generate.verify(f"{sentence} [{n}]", [n], passages, min_cov).verified
    digits = next(tok for tok in sentence.split() if tok.strip(".,;:()%").isdigit())
    changed = sentence.replace(digits, str(int(digits.strip(".,;:()%")) + 2), 1)
    verdict = generate.verify(f"{changed} [{n}]", [n], passages, min_cov)
    assert not verdict.verified and "không có trong nguồn" in verdict.reason
    assert not generate.verify(sentence, [], passages, min_cov).verified, "a sentence must cite"
    assert not generate.verify(f"{sentence} [9]", [9], passages, min_cov).verified, "a cited source must exist"


def test_fallback_when_the_endpoint_is_down_slow_or_answers_garbage(server, index_dir: Path):
    q = QUESTIONS[0]
    for url, timeout in (("http://127.0.0.1:9/v1", 5.0), (server, 0.001)):
        index = _index(index_dir, url, timeout)
        try:
            a = answer(index, q)
            assert a.mode == "extractive" and not a.abstained and "502/QĐ-ĐCKS" in a.answer
            assert any("trích nguyên văn" in note for note in a.notes)
        finally:
            index.close()
    with _garbage_server() as garbage:  # answers 200 with bytes that are no chat completion
        index = _index(index_dir, garbage)
        try:
            a = answer(index, q)
            assert a.mode == "extractive" and "502/QĐ-ĐCKS" in a.answer
            assert not llm.status(replace(index.settings.llm, url="http://127.0.0.1:9/v1")).ok
            assert llm.status(replace(index.settings.llm, url=server)).ok
        finally:
            index.close()


@contextmanager
def _garbage_server():
    class Garbage(BaseHTTPRequestHandler):
        def do_POST(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"\x00{not json at all")

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Garbage)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()


def test_a_viewers_question_never_sends_a_restricted_passage_to_the_model(server, index_dir: Path, monkeypatch):
    prompts: list[str] = []
    real = llm.stream_chat

    def recording(settings, system, user):
        prompts.append(user)
        yield from real(settings, system, user)

    monkeypatch.setattr(llm, "stream_chat", recording)
    index = _index(index_dir, server)
    try:
        index.set_restricted("BC-UBND-Yen-Bai-tong-ket-NQ02-mau.docx", True)
        answer(index, "Tỉnh Yên Bái đã cấp bao nhiêu giấy phép khai thác khoáng sản?", sees_restricted=False)
        assert prompts and all("Yên Bái" not in p.split("Câu hỏi:")[0] for p in prompts)
        prompts.clear()
        answer(index, "Tỉnh Yên Bái đã cấp bao nhiêu giấy phép khai thác khoáng sản?", sees_restricted=True)
        assert any("Yên Bái" in p.split("Câu hỏi:")[0] for p in prompts), "an editor's prompt does include it"
    finally:
        index.close()


def test_follow_ups_carry_the_subject_over_without_a_model():
    prev = Turn(
        "Tỉnh Quảng Ninh cấp bao nhiêu giấy phép khai thác?", "Tỉnh Quảng Ninh cấp bao nhiêu giấy phép khai thác?"
    )
    assert carry_over("Còn tỉnh Yên Bái thì sao?", prev) == "Tỉnh Yên Bái cấp bao nhiêu giấy phép khai thác?"
    doc = Turn("Quyết định 502/QĐ-ĐCKS thành lập tổ nào?", "Quyết định 502/QĐ-ĐCKS thành lập tổ nào?")
    assert "502/QĐ-ĐCKS" in carry_over("Ai ký văn bản đó?", doc)
    assert carry_over("Nghị quyết 02-NQ/TW ban hành ngày nào?", doc) == "Nghị quyết 02-NQ/TW ban hành ngày nào?"
