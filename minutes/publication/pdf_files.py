"""Files embedded in the published PDF/A-3 as associated files (ISO 19005-3).

The published record — the frozen snapshot the PDF was rendered from: the meeting, its
attendance and quorum, the agenda, the decisions with their responsible side, deadline and
vote — goes inside the file as JSON (``AFRelationship /Data``), so a program can read a kept
PDF without the website. Its schema is docs/record-schema.md. The embedding happens before
the seal, which then covers it.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import zlib
from dataclasses import dataclass

import pikepdf

from minutes.models import Minutes
from minutes.publication.record import published_record

RECORD_MIME = "application/json"


@dataclass(frozen=True)
class EmbeddedFile:
    """One associated file: its name inside the PDF, bytes, type, description and its
    relationship to the document (``Data`` for the record, ``Supplement`` for a document
    the meeting looked at)."""

    name: str
    data: bytes
    mime_type: str
    description: str
    relationship: str
    modified: datetime.datetime


def record_json(snapshot: dict) -> bytes:
    """The snapshot as stable, readable UTF-8 JSON (sorted keys, Persian unescaped)."""
    return json.dumps(snapshot, ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8")


def record_file(minutes: Minutes) -> EmbeddedFile:
    return EmbeddedFile(
        name=f"{minutes.document_id}.json",
        data=record_json(minutes.snapshot or {}),
        mime_type=RECORD_MIME,
        description="صورتجلسه منتشرشده به صورت داده (JSON) — Published minutes record",
        relationship="Data",
        modified=minutes.published_at or datetime.datetime.now(datetime.UTC),
    )


def embed(data: bytes, files: list[EmbeddedFile]) -> bytes:
    """The PDF with ``files`` attached as associated files: each in the EmbeddedFiles name
    tree, with its MIME subtype, size, dates and ``AFRelationship``; pikepdf lists a file
    spec that has a relationship in the catalog's ``/AF`` array, as PDF/A-3 requires."""
    if not files:
        return data
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for item in files:
            spec = pikepdf.AttachedFileSpec(
                pdf,
                item.data,
                description=item.description,
                filename=item.name,
                mime_type=item.mime_type,
                relationship=pikepdf.Name("/" + item.relationship),
                creation_date=_pdf_date(item.modified),
                mod_date=_pdf_date(item.modified),
            )
            # Deflated here, not by qpdf on save (which deflates every unfiltered stream):
            # see _deflated.
            spec.get_file().obj.write(_deflated(item.data), filter=pikepdf.Name.FlateDecode)
            pdf.attachments[item.name] = spec
        out = io.BytesIO()
        # Deterministic output: no new /ID, no object stream reshuffling beyond qpdf's own.
        pdf.save(out, static_id=False, deterministic_id=True)
        return out.getvalue()


# How much of a file is tried to see whether it shrinks, and by how much it must.
_SAMPLE_BYTES = 64 * 1024
_WORTH_IT = 0.9


def _deflated(data: bytes) -> bytes:
    """The embedded file's stream: deflated (zlib's default level, as qpdf would) when a
    sample of it shrinks by a tenth or more (the JSON record, an uncompressed PDF), else
    stored as it is in deflate's "stored" blocks (a copy, 0.01 % larger). The
    attachments are mostly compressed already (JPEG, PNG, DOCX/XLSX/ODT/ODS are zip
    archives, PDFs deflate their streams): deflating 2 MB of them again cost about 0.1 s
    per publication and made them a little larger. Every PDF reader decodes both."""
    sample = data[:_SAMPLE_BYTES]
    if len(zlib.compress(sample, 1)) <= _WORTH_IT * len(sample):
        return zlib.compress(data)
    return zlib.compress(data, 0)


def _pdf_date(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("D:%Y%m%d%H%M%SZ")


def attachment_files(minutes: Minutes) -> list[EmbeddedFile]:
    """The public attachments the published record lists, from storage, each checked
    against the SHA-256 frozen in the record (a file that changed is not embedded)."""
    from minutes.models import Attachment

    record = published_record(minutes.snapshot)
    listed = {entry.id: entry for entry in record.attachments} if record else {}
    files = []
    for attachment in Attachment.objects.filter(pk__in=listed).order_by("pk"):
        with attachment.file.open("rb") as handle:
            content = handle.read()
        if hashlib.sha256(content).hexdigest() != listed[attachment.pk].sha256:
            raise ValueError(f"Attachment {attachment.pk} does not match its recorded hash.")
        files.append(
            EmbeddedFile(
                name=f"{attachment.pk}-{attachment.download_name}",
                data=content,
                mime_type=attachment.content_type,
                description=attachment.title,
                relationship="Supplement",
                modified=attachment.uploaded_at,
            )
        )
    return files


def embed_published(data: bytes, minutes: Minutes) -> bytes:
    """The published PDF with its record and its public attachments inside."""
    return embed(data, [record_file(minutes), *attachment_files(minutes)])


def read_record(data: bytes) -> dict | None:
    """The record embedded in a published PDF, or None when it has none."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for name, spec in pdf.attachments.items():
            if name.endswith(".json"):
                return json.loads(spec.get_file().read_bytes())
    return None
