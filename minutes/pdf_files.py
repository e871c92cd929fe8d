"""Files embedded in the published PDF/A-3 as associated files."""

from __future__ import annotations

from minutes.models import Minutes


def embed_published(data: bytes, minutes: Minutes) -> bytes:
    """The PDF with the published record and public attachments inside. Not yet."""
    return data
