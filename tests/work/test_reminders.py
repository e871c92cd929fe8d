"""Reminders under a fixed clock (``manage.py send_reminders --now …``), each run TWICE to
show that nothing is sent twice: invitees who have not answered (automatically, and by the
secretariat's button), the person responsible before a decision's deadline, and the weekly
digest of overdue decisions, once per Jalali week."""

from __future__ import annotations

import datetime
import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from minutes import reminders, services
from minutes.models import EmailPreferences, Invitation, OutboxEmail
from persian.jalali import format_date
from tests.work.support import assert_persian, messages_of

pytestmark = pytest.mark.django_db

PERSIAN_DIGIT = re.compile(r"[۰-۹]")


def at(days: int, hour: int = 9) -> datetime.datetime:
    """``days`` from Tehran's today, at ``hour`` o'clock Tehran time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """``run(moment)``: manage.py send_reminders --now MOMENT, its emails sent; the output."""

    def _run(moment: datetime.datetime) -> str:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_reminders", "--now", moment.isoformat(), stdout=out)
        return out.getvalue()

    return _run


def html_of(message) -> str:
    return next(body for body, kind in message.alternatives if kind == "text/html")


# --- (a) Invitees who have not answered -----------------------------------------------------


@pytest.fixture
def invited(world, django_capture_on_commit_callbacks):
    """A meeting a day and a half away, its invitations sent; the official has answered."""
    meeting = world.future_meeting(
        title="جلسه هماهنگی ترافیک", location="سالن شورا", ahead=datetime.timedelta(hours=36)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(world.secretariat, meeting)
    invitation = meeting.invitations.get(person__user=world.official)
    services.respond_to_invitation(world.official, invitation, Invitation.Response.ACCEPTED)
    mail.outbox.clear()
    return meeting


def test_the_automatic_reminder_goes_once_to_those_who_have_not_answered(world, invited, run):
    moment = timezone.now() + datetime.timedelta(days=1, hours=1)
    output = run(moment)
    reminded = sorted(address for m in mail.outbox for address in m.to)
    assert reminded == ["chair-2@example.org", "press-2@example.org"]
    assert "2 to invitees" in output
    message = mail.outbox[0]
    assert "جلسه هماهنگی ترافیک" in message.subject and "یادآوری" in message.subject
    assert_persian(message.subject)
    day = format_date(invited.starts_at, with_weekday=True)
    assert day in message.body and PERSIAN_DIGIT.search(day)
    assert "سالن شورا" in message.body
    html = html_of(message)
    assert day in html and 'dir="rtl"' in html
    invitation = invited.invitations.get(person__email=message.to[0])
    assert reverse("invitation_respond", args=[invitation.pk]) in html
    # The reminder carries the one-click answer links, which work without logging in.
    import re

    from django.test import Client

    accept = re.findall(r"https?://[^/\s]+(/rsvp/[^/\s]+/accept/)", message.body)
    assert accept and accept[0] in html
    assert Client().post(accept[0], {"note": ""}).status_code in (200, 302)
    invitation.refresh_from_db()
    assert invitation.response == Invitation.Response.ACCEPTED

    # The same run again, and another an hour later: nobody is reminded twice.
    run(moment)
    run(moment + datetime.timedelta(hours=1))
    assert len(mail.outbox) == 2
    assert OutboxEmail.objects.filter(kind="invitation_reminder").count() == 2


def test_no_automatic_reminder_for_a_meeting_further_away_or_just_invited(world, run):
    far = world.future_meeting(ahead=datetime.timedelta(days=10))
    services.send_invitations(world.secretariat, far, notify=False)
    # Two days before it, but its invitations only went out this minute.
    near = world.future_meeting(ahead=datetime.timedelta(days=1))
    services.send_invitations(world.secretariat, near, notify=False)
    run(timezone.now() + datetime.timedelta(hours=1))
    assert mail.outbox == []


def test_the_secretariat_reminds_those_who_have_not_answered_once_a_day(
    world, invited, login, django_capture_on_commit_callbacks
):
    client = login(world.secretariat)
    page = client.get(invited.get_absolute_url()).content.decode()
    assert "یادآوری به پاسخ‌نداده‌ها" in page and "۲ دعوت‌شده هنوز پاسخ نداده‌اند." in page

    url = reverse("meeting_remind_invitees", args=[invited.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert "به ۲ دعوت‌شده‌ای که پاسخ نداده بودند یادآوری فرستاده شد." in messages_of(response)
    assert sorted(a for m in mail.outbox for a in m.to) == [
        "chair-2@example.org",
        "press-2@example.org",
    ]
    # Pressed again the same day: nobody is reminded twice, and the page says so.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert any("امروز پیش‌تر یادآوری فرستاده شده بود" in m for m in messages_of(response))
    assert len(mail.outbox) == 2
    # The next day the button reminds again (key: per invitation per day).
    result = reminders.remind_invitees(invited, now=timezone.now() + datetime.timedelta(days=1))
    assert (result.sent, result.already) == (2, 0)


def test_only_the_secretariat_may_press_the_button(world, invited, login):
    url = reverse("meeting_remind_invitees", args=[invited.pk])
    assert login(world.chair).post(url).status_code == 403
    assert login(world.other_chair).post(url).status_code == 404
    assert (
        login(world.chair)
        .get(invited.get_absolute_url())
        .content.decode()
        .count("یادآوری به پاسخ‌نداده‌ها")
        == 0
    )
    assert mail.outbox == []


def test_the_automatic_reminder_skips_a_day_the_button_was_pressed(world, invited, run):
    moment = timezone.now() + datetime.timedelta(days=1, hours=1)
    reminders.remind_invitees(invited, now=moment)
    count = OutboxEmail.objects.filter(kind="invitation_reminder").count()
    run(moment)
    assert OutboxEmail.objects.filter(kind="invitation_reminder").count() == count


# --- (b) Before a decision's deadline -------------------------------------------------------


@pytest.fixture
def due_in_a_week(world):
    """A published decision, the official responsible, due seven days from today."""
    meeting = world.past_meeting(title="جلسه آسفالت")
    world.record(meeting)
    world.decide(
        meeting,
        text="لکه‌گیری معابر منطقه ۲",
        deadline=timezone.localdate() + datetime.timedelta(days=7),
    )
    world.published(meeting)
    mail.outbox.clear()
    return meeting.decisions.get()


def deadline_emails():
    return OutboxEmail.objects.filter(kind="decision_deadline")


def test_the_person_responsible_is_reminded_seven_days_and_one_day_before(
    world, due_in_a_week, run
):
    output = run(at(0))
    assert "1 before a decision's deadline" in output
    run(at(0))  # the same run twice
    [message] = mail.outbox
    assert message.to == ["official-2@example.org"]
    assert "لکه‌گیری معابر منطقه ۲" in message.body
    day = format_date(due_in_a_week.deadline, with_weekday=True)
    assert day in message.body and "۷ روز دیگر" in message.body
    html = html_of(message)
    assert day in html and reverse("follow_up_create", args=[due_in_a_week.pk]) in html
    assert "/account/" in html  # the footer's link to the choices

    for days in (1, 3, 5):  # the week in between: the 7-day reminder is already sent
        run(at(days))
    assert len(mail.outbox) == 1
    run(at(6))  # one day left
    run(at(6, hour=18))
    assert len(mail.outbox) == 2
    assert "۱ روز دیگر" in mail.outbox[1].body
    run(at(7))  # the deadline itself: both reminders have gone
    run(at(9))  # overdue: the weekly digest's business now
    assert deadline_emails().count() == 2


def test_a_run_missed_on_the_day_is_made_up_the_next(world, due_in_a_week, run):
    run(at(1))  # six days left: the seven-day reminder, a day late
    run(at(1))
    assert deadline_emails().count() == 1
    assert "۶ روز دیگر" in mail.outbox[0].body


def test_a_decision_done_is_not_reminded(world, due_in_a_week, run):
    services.record_follow_up(world.secretariat, due_in_a_week, status="done", note="انجام شد.")
    run(at(0))
    assert deadline_emails().count() == 0


def test_a_deadline_reminder_turned_off_is_not_sent(world, due_in_a_week, run):
    EmailPreferences.objects.create(person=world.person(world.official), decision_deadline=False)
    run(at(0))
    assert deadline_emails().count() == 0 and mail.outbox == []


# --- (c) The weekly digest of overdue decisions ---------------------------------------------


def next_saturday() -> int:
    """Days from today to the next Saturday (0 if today is one)."""
    return (5 - timezone.localdate().weekday()) % 7


@pytest.fixture
def overdue(world):
    """Two published decisions of the official's, past their deadline, and one done."""
    meeting = world.past_meeting(title="جلسه آسفالت", ago=datetime.timedelta(days=10))
    world.record(meeting)
    day = timezone.localtime(meeting.starts_at).date()
    world.decide(meeting, text="لکه‌گیری معابر", deadline=day + datetime.timedelta(days=1))
    world.decide(meeting, text="نصب تابلوها", deadline=day + datetime.timedelta(days=2))
    world.decide(meeting, text="گزارش انجام‌شده", deadline=day + datetime.timedelta(days=1))
    world.published(meeting)
    done = meeting.decisions.get(text="گزارش انجام‌شده")
    services.record_follow_up(world.secretariat, done, status="done", note="انجام شد.")
    mail.outbox.clear()
    return meeting


def test_the_overdue_digest_goes_once_a_week(world, overdue, run):
    saturday = next_saturday()
    output = run(at(saturday))
    assert "1 weekly digest" in output
    run(at(saturday))  # twice
    run(at(saturday + 1))  # the next day, in the same Jalali week
    run(at(saturday + 6, hour=20))  # Friday, the week's last day
    [message] = mail.outbox
    assert message.to == ["official-2@example.org"]
    assert "۲ مصوبه عقب‌افتاده" in message.subject
    assert "لکه‌گیری معابر" in message.body and "نصب تابلوها" in message.body
    assert "گزارش انجام‌شده" not in message.body
    html = html_of(message)
    assert "لکه‌گیری معابر" in html and "روز گذشته" in html
    assert PERSIAN_DIGIT.search(html) and not re.search(r"\d{4}-\d{2}-\d{2}", message.body)
    # The next week's Saturday: a new digest.
    run(at(saturday + 7))
    run(at(saturday + 7))
    assert len(mail.outbox) == 2
    assert OutboxEmail.objects.filter(kind="overdue_digest").count() == 2


def test_the_week_starts_on_saturday():
    friday = datetime.date(2025, 3, 21)  # 1 Farvardin 1404, a Friday
    assert friday.weekday() == 4
    assert reminders.week_start(friday) == datetime.date(2025, 3, 15)
    assert reminders.week_start(datetime.date(2025, 3, 15)) == datetime.date(2025, 3, 15)
    assert reminders.week_start(datetime.date(2025, 3, 16)) == datetime.date(2025, 3, 15)


def test_a_digest_turned_off_is_not_sent(world, overdue, run):
    EmailPreferences.objects.create(person=world.person(world.official), overdue_digest=False)
    run(at(next_saturday()))
    assert not OutboxEmail.objects.filter(kind="overdue_digest").exists()


# --- The command ----------------------------------------------------------------------------


def test_a_bad_moment_is_refused_in_words():
    with pytest.raises(CommandError, match="ISO 8601"):
        call_command("send_reminders", "--now", "دیروز")


def test_without_now_it_runs_for_the_present(world, django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=out)
    assert "Reminders queued: 0" in out.getvalue()
