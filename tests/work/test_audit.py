"""Every change made through the services leaves an audit entry: who, which meeting, and
the values before and after. The secretariat reads a meeting's trail with Jalali times."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from committee.models import AuditEntry
from minutes import services
from minutes.audit_display import action_label
from minutes.errors import InvalidTransition
from minutes.models import Attendance, Decision, Meeting
from persian.jalali import format_datetime
from tests.work.support import DECISION_TEXT

pytestmark = pytest.mark.django_db


def entries(meeting, action: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(meeting_id=meeting.pk, action=action).order_by("pk"))


def the_entry(meeting, action: str) -> AuditEntry:
    (entry,) = entries(meeting, action)
    return entry


def assert_by(entry: AuditEntry, user, meeting) -> None:
    assert entry.actor == user
    assert entry.actor_name == user.get_username()
    assert entry.meeting_id == meeting.pk
    assert entry.committee_id == meeting.committee_id


@pytest.fixture
def meeting(world) -> Meeting:
    return world.past_meeting()


# --- Scheduling and the agenda ------------------------------------------------------------


def test_scheduling_a_meeting_is_audited(world):
    starts_at = timezone.now() + datetime.timedelta(days=3)
    meeting = services.schedule_meeting(
        world.secretariat,
        committee=world.committee,
        workgroup=world.workgroup,
        title="بررسی طرح ترافیکی میدان شهرداری",
        starts_at=starts_at,
        ends_at=None,
        location="سالن جلسات",
        agenda=[{"title": "گزارش سازمان حمل و نقل"}],
    )
    entry = the_entry(meeting, "meeting.schedule")
    assert_by(entry, world.secretariat, meeting)
    assert entry.changes["title"] == {"before": None, "after": "بررسی طرح ترافیکی میدان شهرداری"}
    assert entry.changes["starts_at"]["after"] == starts_at.isoformat()


def test_rescheduling_is_audited_with_the_old_and_new_time(world):
    meeting = world.future_meeting()
    old = meeting.starts_at
    new = old + datetime.timedelta(hours=3)
    services.update_meeting(world.secretariat, meeting, starts_at=new)
    entry = the_entry(meeting, "meeting.update")
    assert_by(entry, world.secretariat, meeting)
    assert entry.changes == {"starts_at": {"before": old.isoformat(), "after": new.isoformat()}}


def test_agenda_edits_are_audited(world):
    meeting = world.future_meeting()
    item = services.add_agenda_item(world.secretariat, meeting, title="بند تازه")
    services.update_agenda_item(world.secretariat, item, title="بند بازنویسی‌شده")
    services.move_agenda_item(world.secretariat, item, -1)
    services.remove_agenda_item(world.secretariat, item)

    added = the_entry(meeting, "agenda.add")
    assert_by(added, world.secretariat, meeting)
    assert added.changes["title"] == {"before": None, "after": "بند تازه"}
    updated = the_entry(meeting, "agenda.update")
    assert updated.changes == {"title": {"before": "بند تازه", "after": "بند بازنویسی‌شده"}}
    assert the_entry(meeting, "agenda.reorder").changes == {"order": {"before": 2, "after": 1}}
    removed = the_entry(meeting, "agenda.remove")
    assert removed.changes["title"] == {"before": "بند بازنویسی‌شده", "after": None}


# --- Recording and decisions --------------------------------------------------------------


def test_recording_is_audited(world, meeting):
    item = meeting.agenda_items.first()
    official = world.person(world.official)
    services.record_meeting(
        world.chair,
        meeting,
        expected_version=None,
        attendance={official.pk: Attendance.Status.PRESENT},
        items={item.pk: {"discussion": "گزارش ارائه شد."}},
        summary="خلاصه جلسه",
    )
    services.record_meeting(
        world.chair,
        meeting,
        expected_version=None,
        attendance={official.pk: {"status": Attendance.Status.EXCUSED, "excuse": "مأموریت"}},
    )
    for action in ("minutes.create", "meeting.held", "attendance.add", "agenda.record"):
        assert_by(the_entry(meeting, action), world.chair, meeting)
    assert the_entry(meeting, "meeting.held").changes == {
        "status": {"before": "scheduled", "after": "held"}
    }
    assert the_entry(meeting, "agenda.record").changes == {
        "discussion": {"before": "", "after": "گزارش ارائه شد."}
    }
    assert the_entry(meeting, "minutes.summary").changes == {
        "summary": {"before": "", "after": "خلاصه جلسه"}
    }
    assert the_entry(meeting, "attendance.update").changes == {
        "status": {"before": "present", "after": "excused"},
        "excuse": {"before": "", "after": "مأموریت"},
    }


def test_decisions_are_audited(world, meeting):
    world.record(meeting)
    decision = world.decide(meeting)
    services.update_decision(world.chair, decision, expected_version=None, text="متن بازنویسی‌شده")
    services.remove_decision(
        world.chair, Decision.objects.get(pk=decision.pk), expected_version=None
    )

    added = the_entry(meeting, "decision.add")
    assert_by(added, world.chair, meeting)
    assert added.changes["text"] == {"before": None, "after": DECISION_TEXT}
    updated = the_entry(meeting, "decision.update")
    assert updated.changes == {"text": {"before": DECISION_TEXT, "after": "متن بازنویسی‌شده"}}
    removed = the_entry(meeting, "decision.remove")
    assert removed.changes["text"] == {"before": "متن بازنویسی‌شده", "after": None}


def test_every_transition_is_audited(world, meeting):
    minutes = world.published(meeting)
    submit = the_entry(meeting, "minutes.submit")
    approve = the_entry(meeting, "minutes.approve")
    publish = the_entry(meeting, "minutes.publish")
    assert_by(submit, world.chair, meeting)
    assert_by(approve, world.chair, meeting)
    assert_by(publish, world.secretariat, meeting)
    assert submit.changes == {"status": {"before": "draft", "after": "submitted"}}
    assert approve.changes == {"status": {"before": "submitted", "after": "approved"}}
    assert publish.changes["status"] == {"before": "approved", "after": "published"}
    assert publish.changes["document_id"]["after"] == minutes.document_id
    assert publish.target_id == str(minutes.pk)

    services.issue_correction(world.secretariat, minutes, "اصلاح نام سازمان")
    correction = the_entry(meeting, "minutes.correct")
    assert correction.note == "اصلاح نام سازمان"


def test_a_follow_up_is_audited(world, meeting):
    world.published(meeting)
    decision = meeting.decisions.get()
    services.record_follow_up(world.official, decision, status="done", note="انجام شد.")
    entry = the_entry(meeting, "decision.follow_up")
    assert_by(entry, world.official, meeting)
    assert entry.changes == {"status": {"before": "open", "after": "done"}}
    assert entry.note == "انجام شد."


def test_a_refused_change_leaves_no_audit_entry(world, meeting):
    world.record(meeting)
    world.decide(meeting)
    count = AuditEntry.objects.count()
    with pytest.raises(InvalidTransition):
        services.publish_minutes(world.secretariat, meeting.latest_minutes())
    assert AuditEntry.objects.count() == count


# --- The audit page -----------------------------------------------------------------------


def test_the_secretariat_reads_the_trail_with_jalali_times(world, meeting, login):
    world.published(meeting)
    response = login(world.secretariat).get(f"/meetings/{meeting.pk}/audit/")
    assert response.status_code == 200
    html = response.content.decode()
    trail = AuditEntry.objects.filter(meeting_id=meeting.pk)
    assert trail.count() >= 8
    for entry in trail:
        assert action_label(entry.action) in html
        assert format_datetime(entry.at) in html
    assert "chair-2" in html and "secretariat" in html
    assert "ساعت" in html  # Jalali date and time, in Persian


@pytest.mark.parametrize(
    ("who", "status"),
    [("chair", 403), ("official", 403), ("journalist", 403), ("other_chair", 404), ("nobody", 404)],
)
def test_others_may_not_read_the_trail(world, meeting, login, who, status):
    world.record(meeting)
    assert login(getattr(world, who)).get(f"/meetings/{meeting.pk}/audit/").status_code == status


def test_an_anonymous_visitor_is_sent_to_log_in(world, meeting, client):
    response = client.get(f"/meetings/{meeting.pk}/audit/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
