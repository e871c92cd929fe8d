"""The API filters with the same FilterSets as the HTML lists and the portal: Jalali date
ranges, bodies by slug, Persian-normalised text, statuses, roles and terms."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from persian.jalali import format_numeric, format_numeric_latin
from tests.api.conftest import API, ids, results
from tests.factories import MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_meetings_by_workgroup_status_and_jalali_range(world, client_for):
    soon = world.future_meeting(ahead=datetime.timedelta(days=3))
    later = world.future_meeting(ahead=datetime.timedelta(days=40))
    other = world.future_meeting(world.other_workgroup)
    client = client_for(None)
    assert ids(client.get(f"{API}/meetings/", {"workgroup": world.workgroup.pk})) == {
        soon.pk,
        later.pk,
    }
    day = timezone.localtime(soon.starts_at).date()
    # Persian digits or Latin, as typed.
    for since in (format_numeric(day), format_numeric_latin(day)):
        shown = ids(client.get(f"{API}/meetings/", {"since": since, "until": since}))
        assert shown == {soon.pk}
    assert other.pk in ids(client.get(f"{API}/meetings/", {"status": "scheduled"}))
    assert results(client.get(f"{API}/meetings/", {"status": "cancelled"})) == []


def test_decisions_by_body_status_text_and_deadline(world, client_for):
    meeting = world.past_meeting(ago=datetime.timedelta(days=3))
    world.record(meeting)
    overdue = world.decide(
        meeting,
        text="گزارش تصمیم‌های ترافیکی ارائه شود.",
        deadline=timezone.localdate() - datetime.timedelta(days=1),
    )
    later = world.decide(meeting, text="برنامه لکه‌گیری منتشر شود.")
    world.published(meeting)
    client = client_for(None)
    url = f"{API}/decisions/"
    assert ids(client.get(url, {"body": world.workgroup.slug})) == {overdue.pk, later.pk}
    assert results(client.get(url, {"body": "committee"})) == []
    assert ids(client.get(url, {"status": "overdue"})) == {overdue.pk}
    # Arabic ي and ك, and no zero-width non-joiner, still find «تصمیم‌های».
    assert ids(client.get(url, {"q": "تصميمهاي"})) == {overdue.pk}
    deadline = format_numeric(later.deadline)
    assert ids(client.get(url, {"since": deadline, "until": deadline})) == {later.pk}
    chair = client_for(world.chair)
    assert ids(chair.get(url, {"q": "لکه‌گیری"})) == {later.pk}


def test_minutes_by_status_and_meeting(world, client_for):
    draft_meeting = world.past_meeting()
    world.record(draft_meeting)
    published_meeting = world.past_meeting()
    world.published(published_meeting)
    chair = client_for(world.chair)
    drafts = results(chair.get(f"{API}/minutes/", {"status": "draft"}))
    assert [m["meeting"] for m in drafts] == [draft_meeting.pk]
    shown = results(chair.get(f"{API}/minutes/", {"meeting": published_meeting.pk}))
    assert [m["status"] for m in shown] == ["published"]


def test_memberships_by_role_term_and_person_and_people_by_side_and_name(world, client_for):
    past = PersonFactory(first_name="پیشین")
    MembershipFactory(
        workgroup=world.workgroup,
        person=past,
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2023, 12, 31),
    )
    client = client_for(None)
    url = f"{API}/memberships/"
    chairs = results(client.get(url, {"role": "chair", "workgroup": world.workgroup.pk}))
    assert [m["person"]["id"] for m in chairs] == [world.person(world.chair).pk]
    assert past.pk not in {m["person"]["id"] for m in results(client.get(url, {"current": "true"}))}
    ended = results(client.get(url, {"current": "false"}))
    assert [m["person"]["id"] for m in ended] == [past.pk]
    assert ended[0]["end_date_jalali"] == "1402/10/10"
    assert results(client.get(url, {"on": "1402/06/01", "person": past.pk}))
    press = results(client_for(None).get(f"{API}/people/", {"side": "press"}))
    assert {p["organization"]["side"] for p in press} == {"press"}
    named = results(client_for(None).get(f"{API}/people/", {"q": "پيشين"}))
    assert [p["id"] for p in named] == [past.pk]
