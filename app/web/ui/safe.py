"""Text from documents, users and models is shown as text: never as live Markdown, HTML, links or images.

Streamlit renders Markdown in `st.markdown`, captions and widget labels. Every character that Markdown, GFM
autolinks, emoji/icon shortcodes or LaTeX could act on is written as a numeric character reference (which
CommonMark never reads as syntax), and `<`, `>`, `&`, quotes as HTML entities.
"""

from __future__ import annotations

import html
import re

_ACTIVE = re.compile(r"[\\`*_{}\[\]()#+\-.!|:~$<>@=]")


def text(value: object) -> str:
    """`value` as inert text for `st.markdown` / `st.caption` (line breaks kept)."""
    escaped = html.escape(str(value if value is not None else ""), quote=True)
    escaped = _ACTIVE.sub(lambda m: f"&#{ord(m.group(0))};", escaped.replace("&", "\x00")).replace("\x00", "&")
    return escaped.replace("\n", "<br>")


def label(value: object) -> str:
    """`value` as inert text for a widget or expander label (single line)."""
    return text(str(value if value is not None else "").replace("\n", " "))
