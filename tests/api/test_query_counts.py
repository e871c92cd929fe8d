"""A list page costs the same number of queries with 1 item as with 50, for visitors and for
the secretariat (whose rows carry the internal record and contact details)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from minutes.models import Attendance, Decision, Minutes
from minutes.publication.snapshot import build_snapshot, document_id
from tests.api.conftest import API
from tests.factories import (
    AgendaItemFactory,
    DecisionFactory,
    FollowUpFactory,
    InvitationFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def published_meeting(world, n: int):
    """A past meeting of the workgroup with agenda, invitations, public and internal
    decisions with follow-ups, and published minutes (indexed on the next request)."""
    meeting = MeetingFactory(
        workgroup=world.workgroup,
        starts_at=timezone.now() - datetime.timedelta(days=n + 1),
        status="held",
        is_public=n % 2 == 0,
    )
    official = world.person(world.official)
    item = AgendaItemFactory(meeting=meeting, presenter=official)
    AgendaItemFactory(meeting=meeting, is_public=False)
    InvitationFactory(meeting=meeting, person=official)
    Attendance.objects.create(meeting=meeting, person=official, status="present")
    public = DecisionFactory(
        meeting=meeting,
        number=1,
        agenda_item=item,
        responsible_person=official,
        responsible_organization=official.organization,
        deadline=timezone.localdate(),
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


def person(world, n: int):
    member = PersonFactory(email=f"member{n}@example.org", phone="0131")
    MembershipFactory(workgroup=world.workgroup, person=member)
    return member


def total(client, url: str, params: dict | None = None) -> int:
    """The rows of a list: its ``count``, or for a list paged by cursor (decisions and
    minutes, api/pagination.py) the rows of every page, following ``next``."""
    body = client.get(url, params).json()
    if "count" in body:
        return body["count"]
    rows = len(body["results"])
    while body["next"]:
        body = client.get(body["next"]).json()
        rows += len(body["results"])
    return rows


def queries(client, url: str) -> tuple[int, int]:
    client.get(url)  # the first request indexes new publications for the portal
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, {"page_size": 100})
    assert response.status_code == 200, response.content[:300]
    return len(context), total(client, url, {"page_size": 100})


@pytest.mark.parametrize(
    ("resource", "make"),
    [
        ("meetings", published_meeting),
        ("decisions", published_meeting),
        ("minutes", published_meeting),
        ("people", person),
    ],
)
def test_a_list_page_costs_the_same_queries_for_1_and_for_50_items(
    world, client_for, resource, make
):
    clients = {"anonymous": client_for(None), "secretariat": client_for(world.secretariat)}
    url = f"{API}/{resource}/"
    # The personas themselves, for people.
    before = {role: total(client, url) for role, client in clients.items()}
    make(world, 0)
    few = {role: queries(client, url) for role, client in clients.items()}
    for n in range(1, 50):
        make(world, n)
    many = {role: queries(client, url) for role, client in clients.items()}
    for role in clients:
        (few_queries, one), (many_queries, fifty) = few[role], many[role]
        # Each meeting adds one row, or two decisions for the secretariat (one internal).
        assert fifty - before[role] == 50 * (one - before[role]) > 0, role
        assert many_queries == few_queries, (
            f"{resource} for {role}: {few_queries} queries for 1 item, {many_queries} for 50"
        )
