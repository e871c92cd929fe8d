"""The outbox: every email on record, sent after the commit by the worker's task, tried
again with a growing delay when the mail server refuses, shown as failed at the end, sent
again on request, and never twice for one reminder key."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from minutes import outbox, services
from minutes.models import OutboxEmail

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


@pytest.fixture
def meeting(world):
    return world.future_meeting(title="جلسه هماهنگی", location="سالن ۱")


@pytest.fixture
def mail_down(monkeypatch):
    def down(self, messages):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailBackend, "send_messages", down)
    return monkeypatch


def queue(**fields):
    defaults = dict(kind="test", to="someone@example.org", subject="سلام", text="متن")
    return outbox.queue_email(**(defaults | fields))


def test_every_invitation_email_is_on_record_as_sent(
    world, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(world.secretariat, meeting)
    rows = OutboxEmail.objects.filter(meeting=meeting)
    assert rows.count() == len(mail.outbox) > 0
    for row in rows:
        assert row.status == OutboxEmail.Status.SENT
        assert row.kind == "invite"
        assert row.sent_at is not None and row.attempts == 1
        assert row.invitation.person_id == row.person_id
        assert row.invitation.sent_at == row.sent_at
    assert {row.to for row in rows} == {address for m in mail.outbox for address in m.to}


def test_nothing_is_queued_when_the_change_is_rolled_back(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(Rollback), transaction.atomic():
            queue()
            raise Rollback
    assert not OutboxEmail.objects.exists()
    assert mail.outbox == []


def test_a_refused_email_waits_with_its_error_and_a_growing_delay(
    mail_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.QUEUED
    assert email.attempts == 1
    assert "mail server down" in email.last_error
    first_wait = email.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=50) < first_wait <= datetime.timedelta(seconds=60)
    # Not due yet: the sweep leaves it.
    assert outbox.send_due() == 0
    with django_capture_on_commit_callbacks(execute=True):
        OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        assert outbox.send_due() == 1
    email.refresh_from_db()
    assert email.attempts == 2
    second_wait = email.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=110) < second_wait <= datetime.timedelta(seconds=120)


def test_after_the_last_try_the_email_is_failed_and_can_be_sent_again(
    mail_down, django_capture_on_commit_callbacks, settings
):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
    for _ in range(settings.EMAIL_MAX_ATTEMPTS - 1):
        OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        with django_capture_on_commit_callbacks(execute=True):
            outbox.send_due()
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.FAILED
    assert email.attempts == settings.EMAIL_MAX_ATTEMPTS
    assert email.next_attempt_at is None
    assert list(OutboxEmail.objects.failed()) == [email]
    assert outbox.send_due() == 0  # a failed email is not retried on its own

    mail_down.undo()  # the mail server is back
    with django_capture_on_commit_callbacks(execute=True):
        outbox.retry(email)
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
    assert email.last_error == ""
    assert [m.to for m in mail.outbox] == [["someone@example.org"]]


def test_a_sent_email_is_never_sent_again(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = queue()
    assert outbox.deliver(email.pk) is False
    with django_capture_on_commit_callbacks(execute=True):
        outbox.retry(email)
    assert len(mail.outbox) == 1


def test_an_email_claimed_by_a_worker_is_not_taken_by_another(django_capture_on_commit_callbacks):
    email = queue()  # not committed: no delivery yet
    OutboxEmail.objects.filter(pk=email.pk).update(
        attempts=1, next_attempt_at=timezone.now() + outbox.LEASE
    )
    assert outbox.deliver(email.pk) is False
    assert mail.outbox == []
    # The worker holding it was killed: once the lease is over, the sweep sends it.
    OutboxEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    call_command("send_queued_emails", stdout=open("/dev/null", "w"))
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT and email.attempts == 2
    assert len(mail.outbox) == 1


def test_one_key_queues_one_email(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue(dedupe_key="reminder:1")
        second = queue(dedupe_key="reminder:1")
        queue(dedupe_key="reminder:2")
    assert first is not None and second is None
    assert OutboxEmail.objects.count() == 2
    assert len(mail.outbox) == 2


def test_the_email_has_its_html_alternative_and_attachment(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue(
            html='<p dir="rtl">سلام</p>',
            attachments=[
                outbox.Attachment(
                    "a.ics", "text/calendar", b"BEGIN:VCALENDAR", {"method": "REQUEST"}
                ),
                outbox.Attachment("a.pdf", "application/pdf", b"%PDF-1.7 binary \xff"),
            ],
        )
    (message,) = mail.outbox
    assert message.alternatives[0][1] == "text/html"
    calendar, pdf = message.attachments
    assert calendar.get_content_type() == "text/calendar"
    assert calendar.get_param("method") == "REQUEST"
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_payload(decode=True) == b"%PDF-1.7 binary \xff"
    assert pdf.get_filename() == "a.pdf"


def test_reinviting_sends_the_waiting_email_again_rather_than_a_second_one(
    world, meeting, mail_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(world.secretariat, meeting)
    waiting = OutboxEmail.objects.filter(meeting=meeting).count()
    assert waiting and not OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT).exists()
    mail_down.undo()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(world.secretariat, meeting)
    assert OutboxEmail.objects.filter(meeting=meeting).count() == waiting
    assert OutboxEmail.objects.filter(status=OutboxEmail.Status.SENT).count() == waiting
    assert len(mail.outbox) == waiting
    assert not meeting.invitations.filter(sent_at__isnull=True, person__email__gt="").exists()


def test_links_in_emails_are_absolute():
    # PUBLIC_BASE_URL is unset in the tests: the development server's address.
    assert outbox.absolute_url("/meetings/1/") == "http://127.0.0.1:8000/meetings/1/"
