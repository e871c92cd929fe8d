"""The published record inside the PDF: a JSON associated file (AFRelationship /Data)
that a program reads from a kept file without the website, and the QR code's address."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pikepdf

from minutes.publication.pdf import render_minutes_pdf
from minutes.publication.pdf_files import read_record
from tests.pdf.conftest import pdf_file, run_tool

ROOT = Path(__file__).resolve().parents[2]


def test_the_published_record_is_embedded_as_json_data(published, published_pdf, tmp_path):
    listing = run_tool("pdfdetach", "-list", str(pdf_file(published_pdf, tmp_path)))
    assert f"{published.document_id}.json" in listing.stdout
    target = tmp_path / "record.json"
    run_tool("pdfdetach", "-save", "1", "-o", str(target), str(pdf_file(published_pdf, tmp_path)))
    record = json.loads(target.read_text(encoding="utf-8"))
    assert record == published.snapshot
    assert record["document_id"] == published.document_id
    assert record["schema"] == 2
    assert {"attendance", "quorum", "agenda", "decisions"} <= set(record)
    assert read_record(published_pdf) == published.snapshot


def test_the_record_is_an_associated_file_of_the_document(published_pdf):
    with pikepdf.open(__import__("io").BytesIO(published_pdf)) as pdf:
        associated = list(pdf.Root.AF)
        assert len(associated) >= 1
        spec = associated[0]
        assert spec.AFRelationship == pikepdf.Name.Data
        assert str(spec.EF.F.Subtype) == "/application#2Fjson" or spec.EF.F.Subtype == (
            pikepdf.Name("/application/json")
        )


def test_no_internal_item_or_decision_enters_the_embedded_record(world, published_pdf):
    record = read_record(published_pdf)
    texts = json.dumps(record, ensure_ascii=False)
    assert world.internal_decision.text not in texts


def _qr_of(data: bytes, tmp_path: Path) -> str:
    path = pdf_file(data, tmp_path)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "200", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
        check=True,
    )
    page = next(tmp_path.glob("p*.png"))
    result = run_tool("zbarimg", "--quiet", "--raw", str(page))
    return result.stdout.strip()


def test_the_qr_code_holds_the_verification_address(published, published_pdf, tmp_path):
    from minutes.publication.pdf import verify_url_for

    assert _qr_of(published_pdf, tmp_path) == verify_url_for(published.document_id)


def test_the_qr_code_of_a_pdf_holds_an_absolute_address_when_one_is_given(published, tmp_path):
    url = f"https://media.example.ir/verify/{published.document_id}/"
    data = render_minutes_pdf(published.snapshot, verify_url=url)
    assert _qr_of(data, tmp_path) == url


def test_public_base_url_is_read_from_the_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["PUBLIC_BASE_URL"] = "https://media.example.ir/"
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from minutes.publication.pdf import verify_url_for; "
            "print(verify_url_for('RASHT-C-1405-001-R1'))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == (
        "https://media.example.ir/verify/RASHT-C-1405-001-R1/"
    )
