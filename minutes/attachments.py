"""What an attachment is, decided by its content (magic bytes), never by its name.

PDF, PNG and JPEG by their signatures; DOCX and XLSX (Office Open XML) and ODT and ODS
(OpenDocument) are ZIP packages told apart by what they contain. Anything else — an
executable renamed .pdf, an HTML page, a macro-enabled .docm — is refused.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}

_ODF = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}


def sniff(data: bytes) -> str | None:
    """The kind of file ``data`` is ("pdf", "png", "jpeg", "docx", "xlsx", "odt", "ods"),
    or None when it is none of those."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        return _package(data)
    return None


def _package(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if "mimetype" in names:
                return _ODF.get(package.read("mimetype").strip())
            if "[Content_Types].xml" not in names:
                return None
            types = package.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return None
    # Macro-enabled documents (.docm, .xlsm) declare a macroEnabled main part: refused.
    if b"macroEnabled" in types:
        return None
    if "word/document.xml" in names and b"wordprocessingml.document.main" in types:
        return "docx"
    if "xl/workbook.xml" in names and b"spreadsheetml.sheet.main" in types:
        return "xlsx"
    return None


def safe_filename(name: str) -> str:
    """A file name without path separators, quotes or control characters (the ZWNJ of
    Persian words is kept), for a download's Content-Disposition."""
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C" or ch == "\u200c")
    name = re.sub(r'[\\/:*?"<>|]+', " ", name)
    return " ".join(name.split())[:150]
