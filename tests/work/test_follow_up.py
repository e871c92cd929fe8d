"""Following decisions up after publication: who may record progress, on which dates, and
how an overdue decision shows on the secretariat's dashboard. Every note is kept."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from minutes import services
from minutes.errors import InvalidTransition, NotAllowed, ServiceError
from minutes.models import Decision, FollowUp, Meeting
from persian.jalali import format_numeric
from tests.work.support import assert_persian, row_of

pytestmark = pytest.mark.django_db

NOTE = "لکه‌گیری خیابان‌های اصلی منطقه ۲ آغاز شد."


def today() -> datetime.date:
    return timezone.localdate()


@pytest.fixture
def decision(world) -> Decision:
    """A published decision; the official is the person responsible for it."""
    # Held ten days ago, so that follow-ups dated in the last days fall within its life.
    meeting = world.past_meeting(ago=datetime.timedelta(days=10))
    world.published(meeting)
    return meeting.decisions.get()


@pytest.fixture
def overdue(world) -> Decision:
    """A published decision whose deadline (the day after the meeting) has passed."""
    meeting = world.past_meeting(ago=datetime.timedelta(days=10))
    world.record(meeting)
    meeting_day = timezone.localtime(meeting.starts_at).date()
    world.decide(meeting, deadline=meeting_day + datetime.timedelta(days=1))
    world.published(Meeting.objects.get(pk=meeting.pk))
    return meeting.decisions.get()


def follow_up(user, decision, status=Decision.Status.IN_PROGRESS, note=NOTE, date=None):
    return services.record_follow_up(user, decision, status=status, note=note, date=date)


# --- Only after publication ---------------------------------------------------------------


@pytest.mark.parametrize("state", ["draft", "submitted", "approved"])
def test_no_follow_up_before_publication(world, state):
    meeting = world.past_meeting()
    if state == "draft":
        world.record(meeting)
        world.decide(meeting)
    else:
        getattr(world, state)(meeting)
    decision = meeting.decisions.get()
    before = row_of(decision)
    with pytest.raises(InvalidTransition) as caught:
        follow_up(world.secretariat, decision)
    assert_persian(caught.value.message)
    assert row_of(decision) == before
    assert not FollowUp.objects.exists()


# --- Who may record it --------------------------------------------------------------------


@pytest.mark.parametrize("who", ["secretariat", "official"])
def test_the_secretariat_and_the_responsible_person_record_a_follow_up(world, decision, who):
    user = getattr(world, who)
    entry = follow_up(user, decision, date=today() - datetime.timedelta(days=2))
    entry.refresh_from_db()
    assert (entry.status, entry.note, entry.recorded_by) == ("in_progress", NOTE, user)
    assert entry.date == today() - datetime.timedelta(days=2)
    decision.refresh_from_db()
    assert decision.status == Decision.Status.IN_PROGRESS


@pytest.mark.parametrize("who", ["chair", "journalist", "other_chair", "nobody", "anonymous"])
def test_others_may_not_record_a_follow_up(world, decision, who):
    user = world.anonymous if who == "anonymous" else getattr(world, who)
    before = row_of(decision)
    with pytest.raises(NotAllowed) as caught:
        follow_up(user, decision)
    assert_persian(caught.value.message)
    assert row_of(decision) == before
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize("who", ["chair", "journalist", "other_chair", "nobody"])
def test_others_are_refused_by_the_view(world, decision, login, who):
    client = login(getattr(world, who))
    url = f"/decisions/{decision.pk}/follow-up/"
    assert client.get(url).status_code == 403
    data = {"status": "done", "date": format_numeric(today()), "note": NOTE}
    assert client.post(url, data).status_code == 403
    assert not FollowUp.objects.exists()


def test_the_responsible_person_records_through_the_view(world, decision, login):
    client = login(world.official)
    url = f"/decisions/{decision.pk}/follow-up/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"status": "done", "date": format_numeric(today()), "note": NOTE})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DONE
    assert decision.follow_ups.get().recorded_by == world.official


# --- What may be recorded -----------------------------------------------------------------


def test_a_follow_up_dated_in_the_future_is_refused(world, decision):
    before = row_of(decision)
    with pytest.raises(ServiceError) as caught:
        follow_up(world.secretariat, decision, date=today() + datetime.timedelta(days=1))
    assert caught.value.field == "date"
    assert_persian(caught.value.message)
    assert row_of(decision) == before
    assert not FollowUp.objects.exists()


def test_the_view_refuses_a_future_date_in_persian(world, decision, login):
    client = login(world.secretariat)
    tomorrow = format_numeric(today() + datetime.timedelta(days=1))
    response = client.post(
        f"/decisions/{decision.pk}/follow-up/", {"status": "done", "date": tomorrow, "note": NOTE}
    )
    assert response.status_code == 200
    assert_persian(response.context["form"].errors["date"][0])
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [({"note": "  "}, "note"), ({"status": "forgotten"}, "status"), ({"note": "ک" * 4001}, "note")],
)
def test_an_empty_note_or_unknown_status_is_refused(world, decision, fields, field):
    with pytest.raises(ServiceError) as caught:
        follow_up(world.secretariat, decision, **fields)
    assert caught.value.field == field
    assert_persian(caught.value.message)
    assert not FollowUp.objects.exists()


# --- History ------------------------------------------------------------------------------


def test_every_follow_up_is_kept_and_the_decision_shows_the_latest_status(world, decision):
    follow_up(world.official, decision, date=today() - datetime.timedelta(days=5))
    follow_up(
        world.secretariat,
        decision,
        status=Decision.Status.IN_PROGRESS,
        note="نیمی از کار انجام شد.",
        date=today() - datetime.timedelta(days=2),
    )
    follow_up(world.official, decision, status=Decision.Status.DONE, note="کار پایان یافت.")
    history = list(decision.follow_ups.values_list("status", "note"))
    assert history == [
        ("in_progress", NOTE),
        ("in_progress", "نیمی از کار انجام شد."),
        ("done", "کار پایان یافت."),
    ]
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DONE


def test_a_backdated_follow_up_does_not_override_a_later_one(world, decision):
    # Filling in history afterwards: the decision was done yesterday, and a note about
    # last week's progress is added today. The decision is still done.
    follow_up(
        world.secretariat,
        decision,
        status=Decision.Status.DONE,
        note="کار پایان یافت.",
        date=today() - datetime.timedelta(days=1),
    )
    follow_up(
        world.secretariat,
        decision,
        status=Decision.Status.IN_PROGRESS,
        note="گزارش هفته گذشته: نیمی از کار انجام شده بود.",
        date=today() - datetime.timedelta(days=7),
    )
    latest = decision.follow_ups.order_by("date", "pk").last()
    decision.refresh_from_db()
    assert latest.status == Decision.Status.DONE
    assert decision.status == latest.status


# --- Overdue ------------------------------------------------------------------------------


def test_an_open_decision_past_its_deadline_is_overdue_on_the_secretariats_dashboard(
    world, overdue, login
):
    assert overdue.is_overdue
    page = login(world.secretariat).get("/dashboard/")
    assert overdue in page.context["overdue"]
    html = page.content.decode()
    assert "عقب‌افتاده" in html
    assert overdue.text in html


def test_a_decision_in_progress_past_its_deadline_is_still_overdue(world, overdue, login):
    follow_up(world.official, overdue, status=Decision.Status.IN_PROGRESS)
    overdue.refresh_from_db()
    assert overdue.is_overdue
    assert overdue in login(world.secretariat).get("/dashboard/").context["overdue"]


def test_a_decision_marked_done_is_no_longer_overdue(world, overdue, login):
    follow_up(world.official, overdue, status=Decision.Status.DONE, note="انجام شد.")
    overdue.refresh_from_db()
    assert not overdue.is_overdue
    page = login(world.secretariat).get("/dashboard/")
    assert overdue not in page.context["overdue"]
    assert overdue.text not in page.content.decode()


def test_a_decision_within_its_deadline_is_not_overdue(world, decision, login):
    assert not decision.is_overdue
    assert decision not in login(world.secretariat).get("/dashboard/").context["overdue"]


def test_a_decision_of_unpublished_minutes_is_not_listed_as_overdue(world, login):
    # Until the minutes are published the decision may still be changed or removed, and
    # no follow-up can be recorded for it: it is not yet anyone's overdue duty.
    meeting = world.past_meeting(ago=datetime.timedelta(days=10))
    world.record(meeting)
    meeting_day = timezone.localtime(meeting.starts_at).date()
    draft_decision = world.decide(meeting, deadline=meeting_day + datetime.timedelta(days=1))
    assert draft_decision not in login(world.secretariat).get("/dashboard/").context["overdue"]


def test_the_overdue_list_is_the_secretariats_only(world, overdue, login):
    page = login(world.chair).get("/dashboard/")
    assert page.status_code == 200
    assert "overdue" not in page.context
