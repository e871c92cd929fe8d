"""The working pages and the API's lists cost the same number of queries whatever the size
of the record (issue 17): the same pages the benchmark measures as a logged-in client
(bench/targets.py, the keys ending in the persona), built here from factories at two sizes.

The larger size has more meetings (published, with public and internal decisions and
follow-ups; upcoming, with invitations), a meeting recorded as a draft with more agenda
items, attendees, invitations, decisions and questions, and a longer audit trail. The
count may differ between personas, never between sizes.
"""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token

from committee.models import AuditEntry
from minutes.models import Attendance, Decision, Meeting, Minutes
from minutes.publication.snapshot import build_snapshot, document_id
from tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    FollowUpFactory,
    InvitationFactory,
    JournalistFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
    PersonFactory,
    QuestionFactory,
)
from tests.work.conftest import World

pytestmark = pytest.mark.django_db

SMALL, LARGE = 1, 5


def _published(world: World, n: int) -> Meeting:
    official = world.person(world.official)
    meeting = MeetingFactory(
        workgroup=world.workgroup,
        starts_at=timezone.now() - datetime.timedelta(days=10 + n),
        status=Meeting.Status.HELD,
    )
    item = AgendaItemFactory(meeting=meeting, presenter=official)
    AgendaItemFactory(meeting=meeting, is_public=False)
    Attendance.objects.create(meeting=meeting, person=official, status="present")
    public = DecisionFactory(
        meeting=meeting,
        number=1,
        agenda_item=item,
        responsible_person=official,
        responsible_organization=official.organization,
        # Overdue: the dashboard and the register's overdue rows.
        deadline=timezone.localdate() - datetime.timedelta(days=1),
    )
    DecisionFactory(meeting=meeting, number=2, is_public=False, responsible_person=official)
    FollowUpFactory(decision=public, status=Decision.Status.IN_PROGRESS)
    minutes = MinutesFactory(meeting=meeting)
    minutes.status = Minutes.Status.PUBLISHED
    minutes.published_at = timezone.now()
    minutes.document_id = document_id(minutes)
    minutes.snapshot = build_snapshot(minutes, public=True)
    minutes.save()
    return meeting


def _upcoming(world: World, n: int) -> Meeting:
    meeting = MeetingFactory(
        workgroup=world.workgroup, starts_at=timezone.now() + datetime.timedelta(days=3 + n)
    )
    AgendaItemFactory(meeting=meeting)
    InvitationFactory(meeting=meeting, person=world.person(world.official))
    return meeting


def _busy(world: World, size: int) -> Meeting:
    """The meeting recorded as a draft: ``size`` × 4 agenda items, attendees and
    invitations, ``size`` decisions and questions, ``size`` × 10 audit entries."""
    meeting = MeetingFactory(
        workgroup=world.workgroup,
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        status=Meeting.Status.HELD,
    )
    for i in range(size * 4):
        person = PersonFactory(email=f"busy{i}@example.org")
        MembershipFactory(workgroup=world.workgroup, person=person)
        item = AgendaItemFactory(meeting=meeting, presenter=person, is_public=i % 3 != 0)
        Attendance.objects.create(meeting=meeting, person=person, status="present")
        InvitationFactory(meeting=meeting, person=person)
        if i % 4 == 0:
            DecisionFactory(
                meeting=meeting,
                number=i // 4 + 1,
                agenda_item=item,
                responsible_person=person,
                responsible_organization=person.organization,
                deadline=timezone.localdate() + datetime.timedelta(days=30),
            )
            QuestionFactory(meeting=meeting, author=JournalistFactory(), status="accepted")
    MinutesFactory(meeting=meeting)
    for i in range(size * 10):
        AuditEntry.objects.create(
            actor=world.secretariat,
            actor_name="دبیرخانه",
            action="meeting.update" if i % 2 else "decision.add",
            committee=world.committee,
            meeting_id=meeting.pk,
            target_type="minutes.meeting",
            target_id=str(meeting.pk),
            target_repr=str(meeting),
            changes={"title": ["قدیم", "جدید"]} if i % 2 else {},
        )
    return meeting


def build(world: World, size: int) -> Meeting:
    for n in range(size):
        _published(world, n)
        _upcoming(world, n)
    return _busy(world, size)


def _pages(meeting: Meeting) -> dict[str, str]:
    return {
        "dashboard": "/dashboard/",
        "meetings": "/meetings/",
        "meeting": f"/meetings/{meeting.pk}/",
        "record": f"/meetings/{meeting.pk}/record/",
        "register": "/decisions/register/",
        "audit": f"/meetings/{meeting.pk}/audit/",
        "api_meetings": "/api/v1/meetings/",
        "api_decisions": "/api/v1/decisions/",
        "api_minutes": "/api/v1/minutes/",
    }


def measure(world: World, meeting: Meeting) -> dict[tuple[str, str], tuple[int, int]]:
    """(persona, page) → (status, queries) of the second request (the first indexes new
    publications for the portal and fills the per-process caches)."""
    result = {}
    for persona in ("secretariat", "chair"):
        user = getattr(world, persona)
        session = Client()
        session.force_login(user)
        token, _ = Token.objects.get_or_create(user=user)
        api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
        for key, path in _pages(meeting).items():
            client = api if key.startswith("api_") else session
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            result[(persona, key)] = (response.status_code, len(queries))
    return result


def test_the_working_pages_cost_the_same_queries_at_two_sizes(world):
    small = measure(world, build(world, SMALL))
    large = measure(world, build(world, LARGE))
    # The chair records the meeting; the audit trail is the secretariat's alone.
    expected = {
        (persona, key): 403 if (persona, key) == ("chair", "audit") else 200
        for persona, key in small
    }
    assert {k: status for k, (status, _) in large.items()} == expected
    grown = {k: (small[k][1], large[k][1]) for k in small if small[k][1] != large[k][1]}
    assert not grown, f"queries (small, large) that grow with the record: {grown}"


def test_a_page_shows_the_larger_record(world):
    """The larger size is on the pages (so the count above compares like with like)."""
    meeting = build(world, LARGE)
    client = Client()
    client.force_login(world.secretariat)
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert page.count('id="decision-') >= LARGE
    audit = client.get(f"/meetings/{meeting.pk}/audit/").content.decode()
    assert audit.count("<tr") >= LARGE * 10
