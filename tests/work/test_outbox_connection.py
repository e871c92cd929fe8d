"""The worker keeps its mail server session open between emails (one SMTP session for
many, not one each), opens it again when the server has dropped it, and throws away a
session that failed."""

from __future__ import annotations

from smtplib import SMTPServerDisconnected

import pytest
from django.core.mail.backends.base import BaseEmailBackend

from minutes import outbox
from minutes.models import OutboxEmail

pytestmark = pytest.mark.django_db

BACKEND = "tests.work.test_outbox_connection.CountingBackend"


class CountingBackend(BaseEmailBackend):
    """A mail server session that counts how often it is opened; ``drops`` makes the next
    sends fail as a server that closed an idle session would."""

    opened = 0
    closed = 0
    drops = 0
    refusals = 0
    sent: list[str] = []  # one list for the class: the fixture resets it

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.is_open = False

    def open(self):
        if self.is_open:
            return False
        CountingBackend.opened += 1
        self.is_open = True
        return True

    def close(self):
        if self.is_open:
            CountingBackend.closed += 1
        self.is_open = False

    def send_messages(self, messages):
        assert self.is_open, "sent without an open session"
        if CountingBackend.drops:
            CountingBackend.drops -= 1
            self.is_open = False
            raise SMTPServerDisconnected("Connection unexpectedly closed")
        if CountingBackend.refusals:
            CountingBackend.refusals -= 1
            raise ConnectionResetError("refused")
        CountingBackend.sent.extend(m.to[0] for m in messages)
        return len(messages)


@pytest.fixture(autouse=True)
def counting(settings):
    settings.EMAIL_BACKEND = BACKEND
    CountingBackend.opened = CountingBackend.closed = 0
    CountingBackend.drops = CountingBackend.refusals = 0
    CountingBackend.sent = []
    outbox._connections.drop()
    yield CountingBackend
    outbox._connections.drop()


def queue_many(n: int, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for i in range(n):
            outbox.queue_email(kind="test", to=f"p{i}@example.org", subject="سلام", text="متن")


def test_many_emails_go_over_one_session(counting, django_capture_on_commit_callbacks):
    queue_many(5, django_capture_on_commit_callbacks)
    assert counting.sent == [f"p{i}@example.org" for i in range(5)]
    assert counting.opened == 1 and counting.closed == 0
    assert OutboxEmail.objects.filter(status="sent").count() == 5


def test_a_session_the_server_dropped_is_opened_again_and_the_email_goes(
    counting, django_capture_on_commit_callbacks
):
    queue_many(1, django_capture_on_commit_callbacks)
    counting.drops = 1  # idle too long: the server hung up
    queue_many(1, django_capture_on_commit_callbacks)
    assert counting.opened == 2
    assert OutboxEmail.objects.filter(status="sent").count() == 2
    assert OutboxEmail.objects.filter(attempts=1).count() == 2  # not counted as a failure


def test_a_failed_send_throws_the_session_away(counting, django_capture_on_commit_callbacks):
    counting.refusals = 1
    queue_many(1, django_capture_on_commit_callbacks)
    email = OutboxEmail.objects.get()
    assert email.status == OutboxEmail.Status.QUEUED and "refused" in email.last_error
    assert counting.closed == 1
    queue_many(1, django_capture_on_commit_callbacks)
    assert counting.opened == 2  # a fresh session for the next one


def test_a_session_idle_for_too_long_is_closed_before_the_next_email(
    counting, django_capture_on_commit_callbacks, monkeypatch
):
    queue_many(1, django_capture_on_commit_callbacks)
    monkeypatch.setattr(outbox._connections, "used_at", outbox._connections.used_at - 3600)
    queue_many(1, django_capture_on_commit_callbacks)
    assert (counting.opened, counting.closed) == (2, 1)
