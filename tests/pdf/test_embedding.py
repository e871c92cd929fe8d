"""How the files go inside the PDF (minutes.publication.pdf_files.embed): each comes out
byte for byte; what shrinks (the JSON record) is deflated, what is compressed already
(the attachments: JPEG, PNG, zip-based office files, PDFs) is stored as it is instead of
being deflated again."""

from __future__ import annotations

import datetime
import io
import json
import os
import zlib

import pikepdf

from minutes.publication import pdf_files
from tests.pdf.conftest import pdf_file, run_tool

MODIFIED = datetime.datetime(2024, 4, 29, 6, 0, tzinfo=datetime.UTC)


def blank_pdf() -> bytes:
    out = io.BytesIO()
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()


def embedded(name: str, data: bytes, mime_type: str, relationship: str) -> pdf_files.EmbeddedFile:
    return pdf_files.EmbeddedFile(
        name=name,
        data=data,
        mime_type=mime_type,
        description=name,
        relationship=relationship,
        modified=MODIFIED,
    )


RECORD = pdf_files.record_json(
    {"decisions": [{"number": n, "text": "معاونت عمرانی گزارش ارائه کند."} for n in range(200)]}
)
COMPRESSED = os.urandom(300_000)  # as a JPEG or a zip archive is: nothing left to squeeze
FILES = [
    embedded("record.json", RECORD, pdf_files.RECORD_MIME, "Data"),
    embedded("photo.jpg", COMPRESSED, "image/jpeg", "Supplement"),
]


def streams(data: bytes) -> dict[str, tuple[int, bytes, str]]:
    """Each embedded file: its size, its stream as it is in the file, its filter."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        found = {}
        for name, spec in pdf.attachments.items():
            stream = spec.get_file().obj
            found[name] = (spec.get_file().size, stream.read_raw_bytes(), str(stream.Filter))
        return found


def test_every_file_comes_out_byte_for_byte(tmp_path):
    data = pdf_files.embed(blank_pdf(), FILES)
    path = pdf_file(data, tmp_path)
    assert run_tool("qpdf", "--check", str(path)).returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    assert run_tool("pdfdetach", "-saveall", "-o", str(out), str(path)).returncode == 0
    assert (out / "record.json").read_bytes() == RECORD
    assert (out / "photo.jpg").read_bytes() == COMPRESSED
    assert pdf_files.read_record(data) == json.loads(RECORD)


def test_the_record_is_deflated_and_a_compressed_attachment_is_stored_as_it_is():
    found = streams(pdf_files.embed(blank_pdf(), FILES))
    size, raw, flate = found["record.json"]
    assert flate == "/FlateDecode" and len(raw) < size / 5
    # The bytes as they are, in deflate's stored blocks (qpdf used to deflate them again).
    size, raw, flate = found["photo.jpg"]
    assert flate == "/FlateDecode" and raw == zlib.compress(COMPRESSED, 0)
    assert len(raw) <= size * 1.001


def test_an_uncompressed_pdf_attachment_is_deflated():
    plain = b"%PDF-1.4\n" + b"1 0 obj << /Type /Page >> endobj\n" * 5000
    files = [embedded("a.pdf", plain, "application/pdf", "Supplement")]
    size, raw, _ = streams(pdf_files.embed(blank_pdf(), files))["a.pdf"]
    assert len(raw) < size / 10


def test_the_same_files_give_the_same_bytes():
    assert pdf_files.embed(blank_pdf(), FILES) == pdf_files.embed(blank_pdf(), FILES)
