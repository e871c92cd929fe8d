"""store_published_pdf: rendered once, from the frozen snapshot, through the storage API."""

from __future__ import annotations

import contextlib
import copy
import hashlib
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from minutes.models import Minutes
from minutes.publication import pdf as minutes_pdf
from minutes.publication.pdf import store_published_pdf, verify_url_for
from minutes.publication.snapshot import build_snapshot, document_id
from tests.pdf.conftest import MEETING_TITLE, contains, pdf_text

pytestmark = pytest.mark.django_db


def _publish_by_hand(minutes: Minutes, snapshot: dict | None = None) -> Minutes:
    """Mark published the way the service does, without running store_published_pdf."""
    Minutes.objects.filter(pk=minutes.pk).update(
        status=Minutes.Status.PUBLISHED,
        published_at=timezone.now(),
        document_id=document_id(minutes),
        snapshot=snapshot or build_snapshot(minutes, public=True),
    )
    minutes.refresh_from_db()
    return minutes


def test_publishing_stores_the_pdf_with_its_sha256_and_size(published, published_pdf):
    assert published.pdf.name == f"minutes/{published.document_id}.pdf"
    assert published_pdf.startswith(b"%PDF-")
    assert published.sha256 == hashlib.sha256(published_pdf).hexdigest()
    assert published.pdf_size == len(published_pdf)
    assert default_storage.exists(published.pdf.name)


def test_the_pdf_is_generated_exactly_once(published):
    before = Minutes.objects.filter(pk=published.pk).values("pdf", "sha256", "pdf_size").get()
    with mock.patch.object(minutes_pdf, "render_minutes_pdf") as render:
        store_published_pdf(published.pk)
        store_published_pdf(published.pk)
    render.assert_not_called()
    after = Minutes.objects.filter(pk=published.pk).values("pdf", "sha256", "pdf_size").get()
    assert after == before
    assert default_storage.listdir("minutes")[1] == [f"{published.document_id}.pdf"]


def test_unpublished_or_unknown_minutes_get_no_pdf(world):
    with mock.patch.object(minutes_pdf, "render_minutes_pdf") as render:
        store_published_pdf(world.minutes.pk)  # approved, not published
        store_published_pdf(999_999)
    render.assert_not_called()
    world.minutes.refresh_from_db()
    assert not world.minutes.pdf and world.minutes.sha256 == ""


def test_it_renders_the_frozen_snapshot_never_the_live_rows(world, tmp_path):
    frozen = build_snapshot(world.minutes, public=True)
    frozen = copy.deepcopy(frozen)
    frozen["meeting"]["title"] = "عنوان ثبت‌شده در لحظه انتشار"
    minutes = _publish_by_hand(world.minutes, frozen)
    store_published_pdf(minutes.pk)
    minutes.refresh_from_db()
    with minutes.pdf.open("rb") as handle:
        text = pdf_text(handle.read(), tmp_path)
    assert contains(text, "عنوان ثبت‌شده در لحظه انتشار")
    assert not contains(text, MEETING_TITLE)


@contextlib.contextmanager
def _no_embedding_or_seal():
    """For tests that stand a few fake bytes in for the rendered PDF: those cannot be
    opened to embed the record or be signed."""
    with (
        mock.patch(
            "minutes.publication.pdf_files.embed_published", side_effect=lambda data, _m: data
        ),
        mock.patch("minutes.publication.signing.seal_pdf", side_effect=lambda data: data),
    ):
        yield


def test_the_verification_address_is_the_documents_page(world):
    minutes = _publish_by_hand(world.minutes)
    with (
        mock.patch.object(
            minutes_pdf, "render_minutes_pdf", return_value=b"%PDF-1.7 test"
        ) as render,
        _no_embedding_or_seal(),
    ):
        store_published_pdf(minutes.pk)
    render.assert_called_once()
    (snapshot,), kwargs = render.call_args
    assert snapshot == minutes.snapshot
    assert kwargs == {"verify_url": f"/verify/{minutes.document_id}/"}  # not a draft


def test_a_public_base_url_makes_the_verification_address_absolute(settings):
    settings.PUBLIC_BASE_URL = "https://rasht.example.ir/"
    assert verify_url_for("RASHT-WG2-1403-001-R1") == (
        "https://rasht.example.ir/verify/RASHT-WG2-1403-001-R1/"
    )
    settings.PUBLIC_BASE_URL = ""
    assert verify_url_for("RASHT-WG2-1403-001-R1") == "/verify/RASHT-WG2-1403-001-R1/"


def test_a_failed_save_leaves_no_orphan_file_and_can_be_retried(world):
    minutes = _publish_by_hand(world.minutes)
    with (
        mock.patch.object(minutes_pdf, "render_minutes_pdf", return_value=b"%PDF-1.7 x"),
        _no_embedding_or_seal(),
        mock.patch.object(Minutes, "save", side_effect=RuntimeError("database went away")),
        pytest.raises(RuntimeError),
    ):
        store_published_pdf(minutes.pk)
    assert not default_storage.exists(f"minutes/{minutes.document_id}.pdf")
    minutes.refresh_from_db()
    assert not minutes.pdf and minutes.sha256 == ""

    store_published_pdf(minutes.pk)  # the retry renders and stores it
    minutes.refresh_from_db()
    assert minutes.pdf and len(minutes.sha256) == 64


def test_only_the_write_once_fields_are_saved(world):
    minutes = _publish_by_hand(world.minutes)
    before = Minutes.objects.filter(pk=minutes.pk).values().get()
    store_published_pdf(minutes.pk)
    after = Minutes.objects.filter(pk=minutes.pk).values().get()
    changed = {key for key in after if after[key] != before[key]}
    assert changed == {"pdf", "sha256", "pdf_size"}
