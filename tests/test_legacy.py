"""Legacy font encodings (TCVN3/ABC and VNI-Windows) on real byte sequences."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx

from ingest.load import load
from ingest.vn import legacy

# "Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Nghị quyết số 02-NQ/TW về định hướng
# chiến lược khoáng sản" as the bytes a .VnTime (TCVN3) document holds.
TCVN3_BYTES = (
    b"C\xe9ng ho\xb5 x\xb7 h\xe9i ch\xf1 ngh\xdca Vi\xd6t Nam. \xa7\xe9c l\xcbp - T\xf9 do - H\xb9nh ph\xf3c. "
    b"Ngh\xde quy\xd5t s\xe8 02-NQ/TW v\xd2 \xae\xdenh h\xad\xedng chi\xd5n l\xad\xeec kho\xb8ng s\xb6n"
)
TCVN3_TEXT = (
    "Cộng hoà xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Nghị quyết số 02-NQ/TW về định hướng "
    "chiến lược khoáng sản"
)
# The same sentence typed with a VNI-Windows font, as Windows-1252 bytes.
VNI_BYTES = (
    b"Co\xe4ng ho\xf8a xa\xf5 ho\xe4i chu\xfb ngh\xf3a Vie\xe4t Nam. \xd1o\xe4c la\xe4p - T\xf6\xef do - "
    b"Ha\xefnh phu\xf9c. Ngh\xf2 quye\xe1t so\xe1 02-NQ/TW ve\xe0 \xf1\xf2nh h\xf6\xf4\xf9ng chie\xe1n "
    b"l\xf6\xf4\xefc khoa\xf9ng sa\xfbn"
)
VNI_TEXT = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Nghị quyết số 02-NQ/TW về định hướng "
    "chiến lược khoáng sản"
)


def test_tcvn3_bytes_are_detected_and_converted():
    text, enc = legacy.decode_bytes(TCVN3_BYTES)
    assert enc == "tcvn3" and text == TCVN3_TEXT


def test_vni_bytes_are_detected_and_converted():
    text, enc = legacy.decode_bytes(VNI_BYTES)
    assert enc == "vni" and text == VNI_TEXT


def test_unicode_and_english_are_left_alone():
    assert legacy.detect(TCVN3_TEXT) is None
    assert legacy.detect("Mineral strategy review of Resolution 02, annual report and statistics for 2021") is None
    cp1258 = unicodedata.normalize("NFD", "Hòa bình và an ninh là mục đích").encode("cp1258")
    text, enc = legacy.decode_bytes(cp1258)
    assert enc is None and unicodedata.normalize("NFC", text) == "Hòa bình và an ninh là mục đích"


def test_legacy_txt_and_docx_files_load_as_unicode(tmp_path: Path):
    txt = tmp_path / "bao-cao-cu.txt"
    txt.write_bytes(TCVN3_BYTES)
    doc = load(txt)
    assert doc.text == TCVN3_TEXT and any("TCVN3" in w for w in doc.warnings)

    d = docx.Document()
    d.add_paragraph(VNI_BYTES.decode("cp1252"))  # a VNI-font Word file stores these characters
    path = tmp_path / "vni.docx"
    d.save(path)
    loaded = load(path)
    assert loaded.text == VNI_TEXT and any("VNI" in w for w in loaded.warnings)
