"""The paths beside the index, measured for `eval.security`: what a viewer could fetch of a restricted version's
bytes (a failed restricted upload, a restricted replace with a viewer polling, the same replace killed at each
point, an unticked replace), a removed user's history, login lockout across clients, and one user's flood
against another user's answer time.

Each leak row counts viewer reads (N) and reads that returned restricted bytes (must be 0). The fairness rows
run the app's request path in-process (rate limiter, then `answer`), the flood as fast as it can, the victim
one question at a time; the victim's answer time is printed idle, under the flood without the limiter (the
baseline: what today's main did), and under the flood with it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from eval.metrics import percentile
from ingest import Index, Settings

ROOT = Path(__file__).resolve().parents[1]
SECRET = b"Zorvatex"
OPEN = "BÁO CÁO\nVề mỏ đá vôi Hang Nước\nMỏ đá vôi Hang Nước khai thác 12.000 m3 trong năm 2024.\n".encode()
RESTRICTED = ("BÁO CÁO MẬT\nVề dự án khai thác quặng Zorvatex tại mỏ Khe Rồng\n"
              "Dự án quặng Zorvatex tại mỏ Khe Rồng dự kiến đạt 48.000 tấn mỗi năm.\n").encode()  # fmt: skip
KEY = "uploads/bao-cao-mat.txt"


def _open(path: Path) -> Index:
    return Index.open(Settings.from_env(index_dir=path, lock_wait_s=10))


def _poll(index: Index, key: str, stop: threading.Event, reads: int) -> list[bool]:
    """A viewer reading the stored file in a loop until `stop` and at least `reads` reads: leaked or not."""
    out: list[bool] = []
    while not stop.is_set() or len(out) < reads:
        f = index.source_file(key, sees_restricted=False)
        out.append(bool(f and SECRET in f.data))
    return out


def failed_upload(base: Path, work: Path, reads: int) -> list:
    target = work / "failed"
    shutil.copytree(base, target)
    index = _open(target)
    try:
        data = b"\xff\xfe" + RESTRICTED.decode().encode("utf-16-le") + b"\x00"  # odd byte: it fails to parse
        report = index.add_upload("bao-cao-mat.txt", data, restricted=True)
        listed = KEY in {d.key for d in index.documents(sees_restricted=False)}
        got = [index.source_file(KEY, sees_restricted=False) is not None for _ in range(reads)]
        return ["failed restricted upload", report.status, reads, sum(got) + int(listed), "restricted" if
                report.restricted else "OPEN"]  # fmt: skip
    finally:
        index.close()


def replace_race(base: Path, work: Path, reads: int) -> list:
    target = work / "race"
    shutil.copytree(base, target)
    index = _open(target)
    index.sparse_first = True
    try:
        index.add_upload("bao-cao-mat.txt", OPEN, restricted=False)
        stop = threading.Event()
        seen: list[bool] = []
        t = threading.Thread(target=lambda: seen.extend(_poll(index, KEY, stop, reads)))
        t.start()
        report = index.add_upload("bao-cao-mat.txt", RESTRICTED * 30, restricted=True, replace=True)
        stop.set()
        t.join()
        return ["restricted replace, viewer polling", report.status, len(seen), sum(seen),
                "restricted" if index.document(KEY).restricted else "OPEN"]  # fmt: skip
    finally:
        index.close()


def replace_killed(base: Path, work: Path, kill_script: str, reads: int) -> list[list]:
    rows = []
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    script, secret = work / "kill-replace.py", work / "bao-cao-mat.txt"
    script.write_text(kill_script)
    secret.write_bytes(RESTRICTED * 40)
    for point in ("before_commit", "after_commit", "while_embedding"):
        target = work / f"replace-{point}"
        shutil.copytree(base, target)
        index = _open(target)
        index.add_upload("bao-cao-mat.txt", OPEN, restricted=False)
        index.close()
        done = subprocess.run([sys.executable, str(script), str(target), point, str(secret)], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=600)  # fmt: skip
        index = _open(target)  # the open repairs: chunks, access, stored files
        try:
            got = [bool((f := index.source_file(KEY, False)) and SECRET in f.data) for _ in range(reads)]
            rec = index.document(KEY)
            rows.append([f"restricted replace killed {point} (exit {done.returncode})", "reopened", reads, sum(got),
                         "absent" if rec is None else ("restricted" if rec.restricted else "open, old version")])  # fmt: skip
        finally:
            index.close()
    return rows


def unticked_replace(base: Path, work: Path) -> list:
    target = work / "unticked"
    shutil.copytree(base, target)
    index = _open(target)
    try:
        index.add_upload("bao-cao-mat.txt", RESTRICTED, restricted=True)
        report = index.add_upload("bao-cao-mat.txt", RESTRICTED + "Bổ sung.\n".encode(), None, replace=True)
        hits = index.search("dự án quặng Zorvatex mỏ Khe Rồng", k=20, sees_restricted=False)
        leaks = sum(SECRET.decode() in h.text for h in hits) + int(index.source_file(KEY, False) is not None)
        return ["unticked replace of a restricted document", report.status, 2, leaks,
                "restricted" if index.document(KEY).restricted else "OPEN"]  # fmt: skip
    finally:
        index.close()


def history_after_removal(work: Path) -> list:
    from app.service.auth import UserStore, users_path
    from app.service.history import ConversationStore, store_path

    folder = work / "people"
    users, talks = UserStore(users_path(folder)), ConversationStore(store_path(folder))
    try:
        old = users.add("minh", "editor", "mat-khau-bien-tap-01")
        cid = talks.new(old.uid, "Dự án quặng Zorvatex đạt bao nhiêu tấn?")
        talks.add(old.uid, cid, {"question": "q", "answer": "48.000 tấn Zorvatex", "citations": []}, True)
        users.remove("minh")
        talks.delete_user(old.uid)
        new = users.add("minh", "viewer", "mat-khau-nguoi-moi-02")
        seen = len(talks.conversations(new.uid)) + len(talks.turns(new.uid, cid, lambda _t: True))
        return ["history of a removed user, same name re-created", "removed", 2, seen, "deleted"]
    finally:
        talks.close()
        users.close()


def login_lockout(work: Path) -> list[list]:
    from app.service.auth import LoginThrottled, UserStore, users_path

    store = UserStore(users_path(work / "login"))
    try:
        store.add("admin", "admin", "mat-khau-quan-tri-01")
        refused = 0
        for i in range(20):
            try:
                store.verify("admin", f"sai-{i}", "10.0.0.66")
            except LoginThrottled:
                refused += 1
        other = store.verify("admin", "mat-khau-quan-tri-01", "10.0.0.7") is not None
        wait = store.throttle.wait("admin", "10.0.0.66")
        return [["20 wrong passwords from one client", f"{refused} refused during back-off",
                 f"right password from another client: {'accepted' if other else 'REFUSED'}",
                 f"guessing client waits {wait:.0f} s (cap {store.settings.backoff_max_s:.0f} s)"]]  # fmt: skip
    finally:
        store.close()


def fairness(base: Path) -> list[list]:
    """The victim's answer time idle, under one user's flood without the limiter, and with it."""
    from app.answer import answer
    from app.service.ratelimit import Rate, RateLimiter

    index = _open(base)
    limits = index.settings.limits
    victim_qs = ["Quyết định nào thành lập Tổ công tác giúp việc Tổ biên tập?",
                 "Tỉnh Quảng Ninh cấp bao nhiêu giấy phép khai thác khoáng sản?",
                 "Hạn nộp báo cáo tổng kết là ngày nào?"]  # fmt: skip
    flood_qs = [f"Kết quả khai thác khoáng sản năm {y} của tỉnh?" for y in range(1990, 2400)]

    def victim(n: int = 6) -> list[float]:
        times = []
        for i in range(n):
            index.clear_query_cache()
            started = time.perf_counter()
            answer(index, victim_qs[i % len(victim_qs)], use_llm=False)
            times.append(time.perf_counter() - started)
        return times

    def run(limiter: RateLimiter | None) -> tuple[list[float], int, int]:
        stop, counts = threading.Event(), [0, 0]

        def flood() -> None:
            i = 0
            while not stop.is_set():
                i += 1
                if limiter is not None and limiter.take("flood", "ask"):
                    counts[1] += 1
                    time.sleep(0.001)  # a refused request costs the page a rerun, not an answer
                    continue
                answer(index, flood_qs[i % len(flood_qs)], use_llm=False)
                counts[0] += 1

        threads = [threading.Thread(target=flood) for _ in range(2)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        times = victim()
        stop.set()
        for t in threads:
            t.join()
        return times, counts[0], counts[1]

    try:
        victim(2)  # warm
        idle = victim()
        free, answered_free, _ = run(None)
        limited, answered, refused = run(RateLimiter({"ask": Rate(limits.questions_per_minute, limits.question_burst)}))
        p50 = percentile(idle, 50)
        return [
            ["idle (baseline)", f"{p50:.2f}", f"{percentile(idle, 95):.2f}", "1.0x", "-"],
            ["flood, no rate limit (today's main)", f"{percentile(free, 50):.2f}", f"{percentile(free, 95):.2f}",
             f"{percentile(free, 50) / p50:.1f}x", f"{answered_free} answered"],
            ["flood, rate limit", f"{percentile(limited, 50):.2f}", f"{percentile(limited, 95):.2f}",
             f"{percentile(limited, 50) / p50:.1f}x", f"{answered} answered, {refused} refused"],
        ]  # fmt: skip
    finally:
        index.close()
