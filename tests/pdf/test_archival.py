"""The stored PDF as an archival file: PDF/A-3a (tagged, see test_tagging.py), fonts
embedded, metadata, valid syntax."""

from __future__ import annotations

import pytest

from minutes.publication.pdf import PDF_VARIANT
from tests.pdf.conftest import MEETING_TITLE, WORKGROUP_NAME, pdf_file, reader, run_tool

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _public_base_url(settings):
    # Publishing requires an absolute public address outside DEBUG (minutes.services).
    settings.PUBLIC_BASE_URL = "https://rasht.example.ir"


def test_every_font_is_embedded_and_the_text_is_set_in_vazirmatn(published_pdf, tmp_path):
    result = run_tool("pdffonts", str(pdf_file(published_pdf, tmp_path)))
    assert result.returncode == 0, result.stderr
    rows = [line.split() for line in result.stdout.splitlines()[2:] if line.strip()]
    assert rows, result.stdout
    names = [row[0] for row in rows]
    for row in rows:
        # name, type words…, encoding, then emb sub uni (yes/no) and the object id.
        emb, uni = row[-5], row[-3]
        assert emb == "yes", f"font not embedded: {row}"
        assert uni == "yes", f"font without a Unicode map (text not extractable): {row}"
    assert all("Vazirmatn" in name for name in names), names
    assert any(name.endswith("Vazirmatn-Bold") for name in names), names


def test_qpdf_finds_no_structural_errors(published_pdf, tmp_path):
    result = run_tool("qpdf", "--check", str(pdf_file(published_pdf, tmp_path)))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout


def test_it_declares_pdf_a_3a_with_an_srgb_output_intent(published_pdf):
    assert PDF_VARIANT == "pdf/a-3a"
    pdf = reader(published_pdf)
    xmp = pdf.xmp_metadata
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("3", "A")
    intents = pdf.trailer["/Root"]["/OutputIntents"]
    assert intents[0].get_object()["/S"] == "/GTS_PDFA1"
    assert "sRGB" in intents[0].get_object()["/OutputConditionIdentifier"]


def test_title_author_subject_language_and_dates_are_in_the_metadata(published, published_pdf):
    pdf = reader(published_pdf)
    info = pdf.metadata
    title = f"صورتجلسه — {MEETING_TITLE}"
    assert info.title == title
    assert info.author == "کمیته رسانه شهرداری رشت"
    assert info.subject == WORKGROUP_NAME
    assert published.document_id in info["/Keywords"]
    assert pdf.trailer["/Root"]["/Lang"] == "fa"
    # The same in the XMP packet, which PDF/A requires to agree with the info dictionary.
    xmp = pdf.xmp_metadata
    assert xmp.dc_title == {"x-default": title}
    assert xmp.dc_creator == ["کمیته رسانه شهرداری رشت"]
    assert xmp.dc_description == {"x-default": WORKGROUP_NAME}
    # Created and modified: the publication instant (09:30 in Tehran is 06:00 UTC).
    assert info["/CreationDate"] == "D:20240429060000Z"
    # The seal is an incremental update written at signing time, after publication.
    assert info["/ModDate"] >= "D:2024"
    assert xmp.xmp_create_date.isoformat().startswith("2024-04-29T06:00:00")


def test_pages_are_a4(published_pdf):
    for page in reader(published_pdf).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # 210 × 297 mm in points
