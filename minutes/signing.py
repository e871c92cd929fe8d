"""The seal (digital signature) of published PDFs."""

from __future__ import annotations


def seal_description() -> dict | None:
    """What the PDF's seal block says of the signer; None when nothing signs."""
    return None


def seal_pdf(data: bytes) -> bytes:
    """The PDF, sealed. Nothing signs yet."""
    return data
