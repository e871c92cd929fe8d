"""While the worker has not stored a published revision's PDF yet, its pages say
«در حال تهیه PDF…» and its address answers 503 with Retry-After — never a 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minutes import services
from minutes.models import Minutes
from tests.pdf.conftest import PUBLISHED_AT

pytestmark = pytest.mark.django_db

PENDING = "در حال تهیه PDF…"


@pytest.fixture
def queued(world, settings, django_capture_on_commit_callbacks) -> Minutes:
    """Published through the service, with its PDF task queued for a worker (not run)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_minutes(world.secretariat, world.minutes, at=PUBLISHED_AT)
    minutes = Minutes.objects.get(pk=world.minutes.pk)
    assert minutes.is_published and not minutes.sha256
    return minutes


def test_the_pdf_address_answers_503_with_retry_after(client, queued):
    url = reverse("minutes_pdf", args=[queued.document_id])
    for response in (client.get(url), client.head(url)):
        assert response.status_code == 503
        assert response["Retry-After"] == "10"
        assert response["Cache-Control"] == "no-store"
        assert response["Content-Type"].startswith("text/html")
    page = client.get(url).content.decode()
    assert PENDING in page
    assert reverse("portal_minutes", args=[queued.document_id]) in page


def test_the_public_minutes_page_says_the_pdf_is_being_prepared(client, queued):
    page = client.get(reverse("portal_minutes", args=[queued.document_id]))
    assert page.status_code == 200
    text = page.content.decode()
    assert PENDING in text
    assert reverse("minutes_pdf", args=[queued.document_id]) not in text


def test_the_public_meeting_page_says_the_pdf_is_being_prepared(client, queued):
    page = client.get(queued.meeting.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert PENDING in text
    assert reverse("minutes_pdf", args=[queued.document_id]) not in text


def test_once_stored_the_pages_link_the_pdf_and_it_is_served(client, queued):
    from minutes.tasks import store_minutes_pdf

    assert store_minutes_pdf.call(queued.pk) is True
    pdf_url = reverse("minutes_pdf", args=[queued.document_id])
    assert client.get(pdf_url).status_code == 200
    for url in (
        reverse("portal_minutes", args=[queued.document_id]),
        queued.meeting.get_absolute_url(),
    ):
        text = client.get(url).content.decode()
        assert PENDING not in text
        assert pdf_url in text


@pytest.mark.parametrize("who", ["secretariat", "chair"])
def test_the_members_meeting_page_says_the_pdf_is_being_prepared_then_links_it(
    client, queued, world, who
):
    """The secretariat who has just published, and the chair, read the meeting's internal
    page: it says where the published minutes are, and that the PDF is on its way."""
    from minutes.tasks import store_minutes_pdf

    client.force_login(getattr(world, who))
    url = queued.meeting.get_absolute_url()
    pdf_url = reverse("minutes_pdf", args=[queued.document_id])
    archive_url = reverse("portal_minutes", args=[queued.document_id])
    text = client.get(url).content.decode()
    assert 'id="minutes-published"' in text  # the internal card, not the public record
    assert PENDING in text and archive_url in text
    assert pdf_url not in text

    assert store_minutes_pdf.call(queued.pk) is True
    text = client.get(url).content.decode()
    assert PENDING not in text
    assert pdf_url in text and archive_url in text


def test_a_draft_on_the_members_meeting_page_says_nothing_of_a_pdf(client, world):
    client.force_login(world.chair)
    text = client.get(world.minutes.meeting.get_absolute_url()).content.decode()
    assert 'id="minutes-published"' not in text and PENDING not in text
