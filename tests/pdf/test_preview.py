"""/minutes/<id>/preview.pdf: the draft, stamped, for the chair, the secretariat and the
members recorded present (who get its link when the minutes are submitted)."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from minutes.models import Attendance, Minutes
from tests.pdf.conftest import INTERNAL_DECISION_MARKER, contains, page_texts, reader

pytestmark = pytest.mark.django_db


def _preview(client, user, minutes):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("minutes_draft_preview", args=[minutes.pk]))


@pytest.mark.parametrize("who", ["chair", "secretariat", "member"])
def test_the_chair_the_secretariat_and_a_member_present_get_a_draft_stamped_on_every_page(
    client, world, who, tmp_path
):
    response = _preview(client, getattr(world, who), world.minutes)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith("inline;")
    pages = page_texts(response.content, tmp_path)
    assert pages and all(contains(page, "پیش‌نویس") for page in pages)
    assert not any(contains(page, "برای بررسی اصالت این سند") for page in pages)
    # The public content only: a draft preview shows what would be published.
    assert not any(INTERNAL_DECISION_MARKER in page for page in pages)
    assert reader(response.content).metadata.title.startswith("پیش‌نویس")


def test_a_preview_stores_nothing(client, world):
    _preview(client, world.chair, world.minutes)
    world.minutes.refresh_from_db()
    assert not world.minutes.pdf and world.minutes.sha256 == ""
    assert not default_storage.exists("minutes")


@pytest.mark.parametrize("who", ["other_chair", "anonymous"])
def test_anyone_else_gets_404(client, world, who):
    user = None if who == "anonymous" else getattr(world, who)
    assert _preview(client, user, world.minutes).status_code == 404


def test_a_member_not_recorded_present_gets_404(client, world):
    Attendance.objects.filter(meeting=world.meeting, person__user=world.member).update(
        status=Attendance.Status.EXCUSED, excuse="سفر"
    )
    assert _preview(client, world.member, world.minutes).status_code == 404


def test_a_published_revision_has_no_preview_even_for_its_chair(client, published, world):
    assert _preview(client, world.chair, published).status_code == 404


def test_an_unknown_revision_is_404(client, world):
    client.force_login(world.chair)
    assert client.get(reverse("minutes_draft_preview", args=[987654])).status_code == 404


def test_a_draft_in_progress_can_be_previewed(client, world):
    Minutes.objects.filter(pk=world.minutes.pk).update(status=Minutes.Status.DRAFT)
    assert _preview(client, world.chair, world.minutes).status_code == 200
