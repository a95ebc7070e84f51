"""`nq02`: the command line (Vietnamese messages). Same engine as the app and the benchmarks.

Heavy modules (models, Qdrant, llama-index) are imported inside the commands, so `nq02 --help` is instant.
The operator's log (English, with file and cause) goes to `<index>/nq02.log`; `-v` also prints it.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from app.cli import messages as cli_messages

log = logging.getLogger("nq02")


def _settings(args: argparse.Namespace) -> Any:
    from ingest import Settings

    return Settings.from_env(index_dir=getattr(args, "index", None))


def _open(args: argparse.Namespace) -> Any:
    from ingest import Index

    return Index.open(_settings(args))


def _running_app(args: argparse.Namespace) -> Any:
    """The running `nq02 app` that holds this index, if any (commands then go through it)."""
    from app.cli.local_api import LocalApp

    return LocalApp.find(_settings(args).index_dir)


def cmd_ingest(args: argparse.Namespace) -> int:
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    for p in missing:
        print(f"✗ {p}: không tìm thấy tệp hoặc thư mục.", file=sys.stderr)
    restricted = True if args.restricted else (False if args.open else None)
    todo = [p for p in paths if p not in missing]
    app = _running_app(args)
    if app is not None:
        print("Ứng dụng web đang giữ kho chỉ mục: gửi việc nạp tới ứng dụng.", file=sys.stderr)
        reports = app.ingest(todo, args.prune, restricted)
    else:
        index = _open(args)
        try:
            with _progress_bar() as progress:
                done = index.ingest(todo, prune=args.prune, progress=progress, restricted=restricted)
        finally:
            index.close()
        reports = [r.__dict__ for r in done]
    marks = {"indexed": "✓", "unchanged": "=", "failed": "✗", "removed": "−"}
    labels = {"indexed": "đã nạp", "unchanged": "không đổi", "failed": "lỗi", "removed": "đã gỡ"}
    for r in reports:
        detail = f"{r['chunks']} đoạn" if r["status"] in ("indexed", "unchanged") else ""
        if r["ocr_pages"]:
            detail += f", {r['ocr_pages']} trang OCR"
        if r["restricted"] and r["status"] != "failed":
            detail += ", hạn chế"
        if r["error"]:
            detail = r["error"]
        status = r["status"]
        print(f"{marks[status]} {r['key'] or r['doc']} — {labels[status]}{': ' + detail if detail else ''}")
        for w in r["warnings"] if status in ("indexed", "unchanged") else []:
            print(f"    ! {w}")
    counts = {s: sum(r["status"] == s for r in reports) for s in marks}
    print(
        f"Tổng: {counts['indexed']} tệp nạp mới, {counts['unchanged']} không đổi, "
        f"{counts['failed']} lỗi, {counts['removed']} gỡ bỏ."
    )
    return 1 if counts["failed"] or missing else 0


class _progress_bar:
    """A tqdm bar over the files of an ingestion run, with the current stage (only on a terminal)."""

    def __enter__(self):
        if not sys.stderr.isatty():
            return None
        self.bar = None

        def show(event) -> None:
            from tqdm import tqdm

            if self.bar is None:
                self.bar = tqdm(total=event.files, unit="tệp", file=sys.stderr, leave=True)
            self.bar.set_description_str(event.describe()[:90])
            if event.stage == "done":
                self.bar.update(1)

        return show

    def __exit__(self, *exc) -> None:
        if getattr(self, "bar", None) is not None:
            self.bar.close()


def cmd_ask(args: argparse.Namespace) -> int:
    from app.answer import answer
    from ingest import Nq02Error, parse_filters

    conditions = parse_filters(args.filter or [])  # refused here, before any work, if malformed
    questions = [args.question] if args.question else [line.strip() for line in sys.stdin if line.strip()]
    if not questions:
        print("Chưa có câu hỏi. Nhập câu hỏi làm tham số hoặc qua đầu vào chuẩn, mỗi dòng một câu.", file=sys.stderr)
        return 2
    app = _running_app(args)
    if app is not None:
        results = app.ask(questions, args.k, args.filter or [], args.no_llm)
        return max((_show(r, args.json) for r in results), default=0)
    index = _open(args)
    status = 0
    try:
        for q in questions:
            try:
                result = answer(index, q, k=args.k, conditions=conditions, sees_restricted=True,
                                use_llm=False if args.no_llm else None).as_json()  # fmt: skip
            except Nq02Error as exc:
                log.warning("question rejected: %s", exc.detail)
                result = {"question": q, "error": exc.user_message}
            status = max(status, _show(result, args.json))
    finally:
        index.close()
    return status


def _show(result: dict, as_json: bool) -> int:
    """Print one answer (or its error); 1 if it was an error."""
    if as_json:
        print(json.dumps(result, ensure_ascii=False), flush=True)
    elif "error" in result:
        print(f"Lỗi: {result['error']}", flush=True)
    else:
        _print_answer(result)
    return 1 if "error" in result else 0


def _print_answer(result: dict) -> None:
    print(f"Hỏi: {result['question']}")
    pairs = ", ".join(f'"{typed}" là "{read}"' for typed, read in result.get("corrections", []))
    if pairs:
        print(f"    (Đã hiểu {pairs} (sửa lỗi gõ).)")
    if result.get("resolved"):
        print(f"    (Hiểu câu hỏi là: “{result['resolved']}”)")
    if result.get("short"):
        print(f"Trả lời ngắn: {result['short']}")
    print(f"Đáp: {result['answer']}")
    for note in result.get("notes", []):
        print(f"    ({note})")
    print("Nguồn:" if not result["abstained"] else "Các đoạn gần nhất:")
    for c in result["citations"]:
        where = ", ".join(x for x in (c["section"], f"trang {c['page']}" if c["page"] else "") if x)
        title = f" — {c['title']}" if c["title"] else ""
        print(f"  [{c['n']}] {c['doc']}{title}{' (' + where + ')' if where else ''}", flush=True)
    print()


def cmd_check(args: argparse.Namespace) -> int:
    from app.check import CheckReport, check_draft
    from app.check.export import STATUS_VI, annotated_docx, findings_xlsx

    draft = Path(args.draft)
    if not draft.exists():
        print(f"Không tìm thấy tệp dự thảo: {draft}", file=sys.stderr)
        return 2
    app = _running_app(args)
    if app is not None:
        report = CheckReport.from_json(app.check(draft))
    else:
        index = _open(args)
        try:
            report = check_draft(index, draft)
        finally:
            index.close()
    if args.docx:
        Path(args.docx).write_bytes(annotated_docx(report, draft))
    if args.xlsx:
        Path(args.xlsx).write_bytes(findings_xlsx(report))
    if args.json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
        return 0
    for f in report.findings:
        print(f"[{f.id}] {STATUS_VI[f.status]}: {f.claim}")
        if f.status in ("contradicted", "internal_conflict"):
            extra = f" (xung đột với {f.conflicts_with})" if f.conflicts_with else ""
            print(f"    dự thảo: {f.draft_value} — nguồn: {f.source_value}{extra}")
        for e in f.evidence[:1]:
            print(f"    căn cứ: {e.doc}{' — ' + e.section if e.section else ''}")
    counts = report.counts()
    print(
        "Tổng: "
        + ", ".join(f"{STATUS_VI[k]} {v}" for k, v in sorted(counts.items()))
        + f" ({report.seconds:.1f} giây)."
    )
    if report.truncated:
        print("Lưu ý: dự thảo quá dài, chỉ kiểm tra các nhận định đầu tiên.")
    return 0


def cmd_docs(args: argparse.Namespace) -> int:
    app = _running_app(args)
    if app is not None:
        docs = app.docs()
    else:
        index = _open(args)
        try:
            docs = [d.listing() for d in index.documents()]
        finally:
            index.close()
    if args.json:
        print(json.dumps(docs, ensure_ascii=False, indent=2))
        return 0
    if not docs:
        print("Kho chưa có tài liệu nào. Dùng lệnh: nq02 ingest THƯ_MỤC")
        return 0
    for d in docs:
        ident = " ".join(x for x in (d["doc_type"], d["number"], _dmy(d["issued"])) if x)
        state = "" if d["status"] == "indexed" else f" [{d['status']}]"
        restricted = " [hạn chế]" if d["restricted"] else ""
        print(f"{d['key']}{state}{restricted}: {ident or '(chưa rõ số hiệu)'} — {d['chunks']} đoạn")
    print(f"Tổng: {len(docs)} tài liệu.")
    return 0


def _dmy(iso: str | None) -> str | None:
    return "/".join(reversed(iso.split("-"))) if iso else None


def cmd_user(args: argparse.Namespace) -> int:
    from app.service.auth import ROLE_VI, UserStore, users_path

    settings = _settings(args)
    store = UserStore(users_path(settings.index_dir), settings.auth)
    try:
        if args.action == "list":
            for u in store.users():
                print(f"{u.name}\t{u.role}\t{ROLE_VI[u.role]}")
            return 0
        if not args.name:
            print("Thiếu tên người dùng.", file=sys.stderr)
            return 2
        if args.action == "remove":
            return _remove_user(store, settings.index_dir, args.name)
        if args.action == "unlock":
            lifted = store.throttle.clear(args.name)
            store.log(None, "user_unlock", args.name)
            print(f"Đã gỡ tạm chặn đăng nhập của {args.name} ({lifted} nguồn truy cập)."
                  if lifted else f"Tài khoản {args.name} không bị tạm chặn.")  # fmt: skip
            return 0
        password = sys.stdin.readline().rstrip("\n")
        store.add(args.name, args.role, password, must_change=args.must_change)
        store.log(None, "user_add", f"{args.name} ({args.role})")
        print(f"Đã tạo người dùng {args.name} với vai trò {ROLE_VI[args.role]}.")
        return 0
    finally:
        store.close()


def _remove_user(store: Any, index_dir: Path, name: str) -> int:
    """Delete a user, their sessions and their conversations (a later account of that name owns nothing)."""
    from app.service.history import ConversationStore, store_path

    removed = store.remove(name)
    if removed is None:
        print(f"Không có người dùng {name}.", file=sys.stderr)
        return 1
    history = ConversationStore(store_path(index_dir))
    try:
        n = history.delete_user(removed.uid)
    finally:
        history.close()
    store.log(None, "user_remove", name)
    print(f"Đã xóa người dùng {name} và {n} cuộc hỏi đáp của người này.")
    return 0


def cmd_app(args: argparse.Namespace) -> int:
    from app.web.server import run_app

    return run_app(_settings(args), args.port, args.host)


def build_parser() -> argparse.ArgumentParser:
    cli_messages.install()
    p = argparse.ArgumentParser(prog="nq02", description="Tra cứu, hỏi đáp và kiểm tra dự thảo về Nghị quyết 02-NQ/TW")
    p.add_argument("-v", "--verbose", action="store_true", help="in cả nhật ký chi tiết (tiếng Anh) ra màn hình")
    sub = p.add_subparsers(dest="command", required=True, metavar="LỆNH")

    def with_index(sp: argparse.ArgumentParser) -> argparse.ArgumentParser:
        sp.add_argument("--index", metavar="THƯ_MỤC", help="thư mục chỉ mục (mặc định: indexes/ hoặc biến NQ02_INDEX)")
        return sp

    sp = with_index(sub.add_parser("ingest", help="nạp tệp hoặc thư mục vào kho"))
    sp.add_argument("paths", nargs="+", metavar="ĐƯỜNG_DẪN", help="tệp hoặc thư mục")
    sp.add_argument("--prune", action="store_true", help="gỡ khỏi kho các tài liệu mà tệp đã bị xóa")
    mode = sp.add_mutually_exclusive_group()
    mode.add_argument("--restricted", action="store_true", help="đánh dấu hạn chế mọi tệp nạp lần này")
    mode.add_argument("--open", action="store_true", help="bỏ hạn chế mọi tệp nạp lần này")
    sp.set_defaults(func=cmd_ingest)

    sp = with_index(sub.add_parser("ask", help="đặt câu hỏi (không có câu hỏi: đọc mỗi dòng một câu từ stdin)"))
    sp.add_argument("question", nargs="?", metavar="CÂU_HỎI", help="câu hỏi tiếng Việt (có dấu hoặc không dấu)")
    sp.add_argument("--json", action="store_true", help="in kết quả dạng JSON, mỗi câu một dòng")
    sp.add_argument("-k", type=int, default=5, metavar="SỐ", help="số đoạn trích dẫn tối đa (mặc định 5)")
    sp.add_argument("--no-llm", action="store_true", help="chỉ trả lời trích nguyên văn, không dùng mô hình ngôn ngữ")
    sp.add_argument(
        "--filter",
        action="append",
        metavar="KHÓA=GIÁ_TRỊ",
        help="lọc theo doc, doc_type, issuer, province, ministry, number, year (vd. year=2021..2023)",
    )
    sp.set_defaults(func=cmd_ask)

    sp = with_index(sub.add_parser("check", help="kiểm tra dự thảo (DOCX/TXT/PDF) đối chiếu với kho tài liệu"))
    sp.add_argument("draft", metavar="DỰ_THẢO", help="tệp dự thảo cần kiểm tra")
    sp.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    sp.add_argument("--docx", metavar="TỆP", help="xuất dự thảo có đánh dấu và ghi chú từng phát hiện")
    sp.add_argument("--xlsx", metavar="TỆP", help="xuất bảng kết quả, mỗi phát hiện một dòng")
    sp.set_defaults(func=cmd_check)

    sp = with_index(sub.add_parser("docs", help="liệt kê tài liệu trong kho"))
    sp.add_argument("--json", action="store_true", help="in danh sách dạng JSON")
    sp.set_defaults(func=cmd_docs)

    sp = with_index(sub.add_parser("user", help="quản lý người dùng (mật khẩu đọc từ stdin)"))
    sp.add_argument(
        "action",
        choices=["add", "list", "remove", "unlock"],
        metavar="VIỆC",
        help="add (thêm), list (liệt kê), remove (xóa), unlock (gỡ tạm chặn đăng nhập)",
    )
    sp.add_argument("name", nargs="?", metavar="TÊN", help="tên đăng nhập")
    sp.add_argument("--role", choices=["viewer", "editor", "admin"], default="viewer",
                    help="vai trò: viewer (người xem), editor (biên tập viên), admin (quản trị)")  # fmt: skip
    sp.add_argument("--must-change", action="store_true", help="buộc đổi mật khẩu ở lần đăng nhập đầu")
    sp.set_defaults(func=cmd_user)

    sp = with_index(sub.add_parser("app", help="mở ứng dụng web"))
    sp.add_argument("--port", type=int, default=8501, help="cổng (mặc định 8501)")
    sp.add_argument("--host", default=None, help="địa chỉ lắng nghe (mặc định 127.0.0.1 hoặc biến NQ02_HOST)")
    sp.set_defaults(func=cmd_app)
    return p


def _logging(args: argparse.Namespace) -> None:
    """The operator's log: a file beside the index (always), the terminal too with -v."""
    handlers: list[logging.Handler] = []
    index_dir = Path(getattr(args, "index", None) or _env_index())
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(index_dir / "nq02.log", encoding="utf-8"))
    except OSError:
        pass
    if args.verbose:
        handlers.append(logging.StreamHandler(sys.stderr))
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s",
                        handlers=handlers or [logging.NullHandler()])  # fmt: skip


def _env_index() -> str:
    from ingest import Settings

    return str(Settings.from_env().index_dir)


def main(argv: list[str] | None = None) -> int:
    from app.cli.terminal import guarded_output

    with guarded_output():  # nothing taken from a document can steer the terminal
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    _logging(args)
    from ingest import Nq02Error

    try:
        return args.func(args)
    except Nq02Error as exc:
        log.error("%s", exc.detail)
        print(f"Lỗi: {exc.user_message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Đã dừng.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
