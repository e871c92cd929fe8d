"""The PDF's text layer and structure: WeasyPrint's output options for the archival
variant, and what is done to the written bytes so that text can be extracted and read.

:data:`WRITE_OPTIONS` are passed to ``write_pdf``; :func:`finish` post-processes its
output, before any file is embedded and before the seal.
"""

from __future__ import annotations

# PDF/A-3 level B ("basic": the look is preserved; fonts embedded, colours defined by an
# output intent, XMP metadata).
PDF_VARIANT = "pdf/a-3b"

WRITE_OPTIONS: dict[str, object] = {"pdf_variant": PDF_VARIANT}


def finish(data: bytes) -> bytes:
    """The written PDF, post-processed. Nothing is changed yet."""
    return data
