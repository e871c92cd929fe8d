"""The portal's index of what was published: made when minutes are published, filled
lazily for anything it missed, rebuilt by a command, and never holding a draft."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from minutes import services
from minutes.models import Decision, Minutes
from persian.text import normalize
from portal.indexing import ensure_index
from portal.models import PublicDecision, PublishedDocument

pytestmark = pytest.mark.django_db


def test_published_minutes_are_indexed_from_their_snapshot(portal):
    minutes = portal.publish(summary="بازدید از پروژه پل عابر پیاده")
    assert ensure_index() == 1
    assert ensure_index() == 0, "indexing is idempotent"
    document = PublishedDocument.objects.get(minutes=minutes)
    assert document.is_latest
    assert document.document_id == minutes.document_id
    assert document.title == minutes.snapshot["meeting"]["title"]
    assert normalize("پل عابر پیاده") in document.search_text
    assert PublicDecision.objects.filter(document=document).count() == 1


def test_a_draft_is_never_indexed(portal):
    meeting = portal.meeting()
    services.record_meeting(portal.chair, meeting, expected_version=None, summary="پیش‌نویس")
    assert ensure_index() == 0
    assert not PublishedDocument.objects.exists()


def test_published_minutes_are_indexed_by_the_next_public_page(portal, client):
    minutes = portal.publish()
    assert not PublishedDocument.objects.exists()
    assert client.get("/archive/").status_code == 200
    assert PublishedDocument.objects.filter(minutes=minutes, is_latest=True).exists()
    assert PublicDecision.objects.filter(meeting=minutes.meeting).count() == 1


def test_the_command_rebuilds_the_index_from_the_snapshots(portal):
    portal.publish()
    portal.publish(portal.meeting(title="جلسه دوم"))
    PublishedDocument.objects.update(search_text="")
    out = StringIO()
    call_command("portal_reindex", "--rebuild", stdout=out)
    assert "Indexed 2" in out.getvalue()
    assert all(doc.search_text for doc in PublishedDocument.objects.all())


def test_a_published_correction_takes_over_the_meetings_public_decisions(portal):
    first = portal.publish(decisions=[{"text": "مصوبه نخست"}, {"text": "مصوبه دوم"}])
    ensure_index()
    correction = portal.correct(first)
    second_decision = first.meeting.decisions.get(number=2)
    services.remove_decision(portal.chair, second_decision, expected_version=None)
    # While the correction is a draft the published decisions stay as they were.
    assert PublicDecision.objects.filter(meeting=first.meeting).count() == 2
    assert ensure_index() == 0, "an open correction is not published, so not indexed"
    portal.republish(correction)
    ensure_index()
    documents = PublishedDocument.objects.filter(meeting=first.meeting).order_by("revision")
    assert [d.is_latest for d in documents] == [False, True]
    texts = list(
        PublicDecision.objects.filter(meeting=first.meeting).values_list("text", flat=True)
    )
    assert texts == ["مصوبه نخست"]
    assert Minutes.objects.filter(meeting=first.meeting, status="published").count() == 2


def test_the_live_status_is_read_through_the_decision(portal):
    minutes = portal.publish()
    ensure_index()
    decision = minutes.meeting.decisions.get()
    Decision.objects.filter(pk=decision.pk).update(status=Decision.Status.DONE)
    entry = PublicDecision.objects.select_related("decision").get()
    assert entry.current_status == Decision.Status.DONE
    assert entry.status_at_publication == Decision.Status.OPEN
