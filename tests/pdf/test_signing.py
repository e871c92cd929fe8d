"""The seal of published PDFs (minutes.publication.signing): a PAdES certification signature that
poppler's pdfsig and pyHanko's validator accept, over the template's seal box, that
refuses any change; and the demo seal command."""

from __future__ import annotations

import io
import time

import pikepdf
import pytest
from django.core.management import CommandError, call_command
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from minutes.publication import signing
from tests.pdf.conftest import pdf_file, run_tool

pytestmark = pytest.mark.django_db


def demo_ca():
    from asn1crypto import pem, x509

    data = (signing.demo_seal_dir() / signing.DEMO_CA_FILE).read_bytes()
    return x509.Certificate.load(pem.unarmor(data)[2])


def tampered(data: bytes) -> bytes:
    changed = bytearray(data)
    changed[len(changed) // 2] ^= 0x01
    return bytes(changed)


def appended_update(data: bytes, *, annotate: bool) -> bytes:
    """The sealed file with an incremental update after the signature: a new title in the
    metadata, and with ``annotate`` a text note on the first page."""
    from pyhanko.pdf_utils.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    info = writer.trailer["/Info"]
    info[NameObject("/Title")] = TextStringObject("صورتجلسه دستکاری‌شده")
    writer.update_container(info)
    if annotate:
        page_ref = writer.find_page_for_modification(0)[0]
        note = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Text"),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (50, 50, 70, 70)]),
                NameObject("/Contents"): TextStringObject("مصوبه دوم لغو شد"),
            }
        )
        writer.register_annotation(page_ref, writer.add_object(note))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_pdfsig_reports_the_published_pdf_signed_whole_and_valid(published_pdf, tmp_path):
    result = run_tool("pdfsig", str(pdf_file(published_pdf, tmp_path)))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Signature Type: ETSI.CAdES.detached" in out
    assert "Total document signed" in out
    assert "Signature Validation: Signature is Valid." in out
    assert signing.DEMO_SUBJECT in out


def test_pyhanko_finds_an_intact_trusted_certification_that_allows_no_change(published_pdf):
    embedded = PdfFileReader(io.BytesIO(published_pdf)).embedded_signatures
    assert len(embedded) == 1
    assert embedded[0].docmdp_level == MDPPerm.NO_CHANGES
    status = validate_pdf_signature(
        embedded[0],
        signer_validation_context=ValidationContext(trust_roots=[demo_ca()]),
        key_usage_settings=KeyUsageConstraints(key_usage={"non_repudiation"}),
    )
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.docmdp_ok
    assert status.bottom_line


def test_the_verification_reads_signer_time_trust_level_and_demo(published_pdf):
    report = signing.verify_pdf(published_pdf)
    assert report.status == "signed"
    assert report.intact and report.trusted and report.ok
    assert report.signer == signing.DEMO_SUBJECT
    assert report.demo
    assert report.certification and report.no_changes_allowed
    assert report.modified_after_signing is False and report.appended == "none"
    assert report.level == "B-B"  # no timestamp service configured here
    assert report.signed_at is not None and not report.timestamped


def test_the_widget_lies_over_the_seal_box_with_an_empty_printable_appearance(published_pdf):
    found = signing.seal_box(PdfFileReader(io.BytesIO(published_pdf)))
    assert found, "WeasyPrint wrote no named destination «seal»"
    page_index, box = found
    pdf = pikepdf.open(io.BytesIO(published_pdf))
    assert page_index == len(pdf.pages) - 1  # the box ends the document
    widgets = [
        annot for annot in pdf.pages[page_index].get("/Annots", []) if annot.get("/FT") == "/Sig"
    ]
    assert len(widgets) == 1
    widget = widgets[0]
    rect = [float(v) for v in widget.Rect]
    assert rect == pytest.approx(list(box), abs=0.01)
    assert rect[2] - rect[0] == pytest.approx(255.1, abs=0.1)  # 9 cm
    assert rect[3] - rect[1] == pytest.approx(73.7, abs=0.1)  # 2.6 cm
    assert int(widget.F) & 4  # printed (PDF/A)
    appearance = widget.AP
    assert set(appearance.keys()) == {"/N"}
    assert appearance.N.read_bytes() == b""  # the page shows the text, pyHanko draws nothing


def test_the_sealed_file_keeps_its_pdf_a_identification_and_is_structurally_sound(
    published_pdf, tmp_path
):
    from minutes.publication.pdf import PDF_VARIANT

    part, conformance = PDF_VARIANT.removeprefix("pdf/a-")  # e.g. "3", "b"
    pdf = pikepdf.open(io.BytesIO(published_pdf))
    with pdf.open_metadata() as meta:  # the incremental signature kept the identification
        assert meta.get("pdfaid:part") == part
        assert meta.get("pdfaid:conformance") == conformance.upper()
    result = run_tool("qpdf", "--check", str(pdf_file(published_pdf, tmp_path)))
    assert result.returncode == 0, result.stdout + result.stderr


def test_one_changed_byte_is_refused_by_pdfsig_and_by_the_verification(published_pdf, tmp_path):
    changed = tampered(published_pdf)
    result = run_tool("pdfsig", str(pdf_file(changed, tmp_path)))
    assert "Signature is Valid" not in result.stdout
    report = signing.verify_pdf(changed)
    assert not report.ok
    assert report.status in ("signed", "broken", "unreadable")
    if report.status == "signed":
        assert not report.intact


def test_an_annotation_appended_after_signing_breaks_the_certification(published_pdf):
    report = signing.verify_pdf(appended_update(published_pdf, annotate=True))
    assert report.status == "signed"
    assert report.intact  # the signed revision itself is unchanged…
    assert report.modified_after_signing is True  # …but something came after it
    assert report.appended == "changes"
    assert report.docmdp_ok is False  # no change at all was allowed
    assert not report.ok


def test_even_a_metadata_only_update_after_signing_is_reported(published_pdf):
    report = signing.verify_pdf(appended_update(published_pdf, annotate=False))
    assert report.intact
    assert report.modified_after_signing is True
    assert report.appended == "no-content-change"
    assert not report.ok


def test_an_unsigned_pdf_and_garbage_get_an_answer_not_an_exception(world):
    from minutes.publication.pdf import render_minutes_pdf
    from minutes.publication.snapshot import build_snapshot

    unsigned = render_minutes_pdf(build_snapshot(world.minutes, public=True), draft=True)
    assert signing.verify_pdf(unsigned).status == "unsigned"
    assert signing.verify_pdf(b"%PDF-1.7\n garbage").status == "unreadable"
    assert signing.verify_pdf(b"").status == "unreadable"


def test_the_draft_preview_is_not_sealed(world):
    from minutes.publication.pdf import render_minutes_pdf
    from minutes.publication.snapshot import build_snapshot

    draft = render_minutes_pdf(build_snapshot(world.minutes, public=True), draft=True)
    assert signing.seal_box(PdfFileReader(io.BytesIO(draft))) is None  # no seal box either


def test_sealing_takes_well_under_a_second_once_the_key_is_loaded(published):
    from minutes.publication.pdf import render_minutes_pdf

    assert signing.last_seal() is not None and signing.last_seal().level == "B-B"
    rendered = render_minutes_pdf(published.snapshot, verify_url="https://example.ir/verify/")
    started = time.perf_counter()
    sealed = signing.seal_pdf(rendered)
    assert time.perf_counter() - started < 2
    result = signing.last_seal()
    assert result.seconds < 1 and result.visible and result.demo
    assert signing.verify_pdf(sealed).ok


def test_the_seal_description_names_the_demo_certificate():
    assert signing.seal_description() == {"subject": signing.DEMO_SUBJECT, "demo": True}


# --- make_demo_seal -----------------------------------------------------------------------


def test_make_demo_seal_makes_a_ca_and_a_demo_seal_once(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import pkcs12

    target = tmp_path / "seal"
    started = time.perf_counter()
    call_command("make_demo_seal", "--dir", str(target), stdout=io.StringIO())
    assert time.perf_counter() - started < 2
    ca = x509.load_pem_x509_certificate((target / signing.DEMO_CA_FILE).read_bytes())
    bundle = pkcs12.load_pkcs12(
        (target / signing.DEMO_P12_FILE).read_bytes(), signing.DEMO_PASSPHRASE
    )
    cert = bundle.cert.certificate
    assert cert.issuer == ca.subject
    names = cert.subject.rfc4514_string()
    assert signing.DEMO_SUBJECT in names and signing.DEMO_ORGANIZATION in names
    usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment  # nonRepudiation
    assert cert.not_valid_after_utc.year >= 2099
    assert [extra.certificate for extra in bundle.additional_certs] == [ca]

    before = (target / signing.DEMO_P12_FILE).read_bytes()
    call_command("make_demo_seal", "--dir", str(target), "--if-missing", stdout=io.StringIO())
    assert (target / signing.DEMO_P12_FILE).read_bytes() == before  # left alone
    with pytest.raises(CommandError, match="--force"):
        call_command("make_demo_seal", "--dir", str(target), stdout=io.StringIO())
    call_command("make_demo_seal", "--dir", str(target), "--force", stdout=io.StringIO())
    assert (target / signing.DEMO_P12_FILE).read_bytes() != before
