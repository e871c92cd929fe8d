"""The outbox as the secretariat reads it: per meeting, who was sent what and when, the error
of one that failed; the committee's outbox with the failed ones first and «ارسال دوباره»
(POST, secretariat only); the count the inbox shows; the admin, read-only with a retry."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.urls import reverse

from committee.models import AuditEntry
from minutes import outbox, services
from minutes.models import OutboxEmail
from minutes.visibility import Viewer
from persian.jalali import format_datetime
from tests.work.support import messages_of

pytestmark = pytest.mark.django_db

REFUSED = "press-2@example.org"


@pytest.fixture
def meeting(world):
    return world.future_meeting(title="جلسه هماهنگی آسفالت", location="سالن ۱")


@pytest.fixture
def invited(world, meeting, monkeypatch, django_capture_on_commit_callbacks, settings):
    """Invitations sent; the mail server refuses press-2 every time, so theirs fails."""
    settings.EMAIL_MAX_ATTEMPTS = 1
    original = EmailBackend.send_messages

    def refusing(self, messages):
        if any(REFUSED in m.to for m in messages):
            raise ConnectionRefusedError("550 mailbox unavailable")
        return original(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refusing)
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(world.secretariat, meeting)
    monkeypatch.setattr(EmailBackend, "send_messages", original)
    return meeting


def failed_email(meeting) -> OutboxEmail:
    return meeting.emails.get(to=REFUSED)


def test_the_meeting_page_links_its_emails_for_the_secretariat_with_the_failed_count(
    world, invited, login
):
    page = login(world.secretariat).get(invited.get_absolute_url()).content.decode()
    assert reverse("meeting_emails", args=[invited.pk]) in page
    assert "۱ نرفته" in page
    for who in (world.chair, world.journalist):
        page = login(who).get(invited.get_absolute_url()).content.decode()
        assert reverse("meeting_emails", args=[invited.pk]) not in page


def test_the_meetings_emails_say_who_was_sent_what_and_when(world, invited, login):
    response = login(world.secretariat).get(reverse("meeting_emails", args=[invited.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    for email in invited.emails.select_related("person"):
        assert email.to in page
        assert email.person.full_name in page
        assert format_datetime(email.queued_at) in page
        if email.status == OutboxEmail.Status.SENT:
            assert format_datetime(email.sent_at) in page
    assert "دعوت‌نامه" in page and "دعوت به جلسه: جلسه هماهنگی آسفالت" in page
    assert "ارسال‌شده: ۲" in page and "نرفته: ۱" in page
    # The failed one comes first, with the mail server's error and the button.
    first_row = page.index("<tbody>")
    assert page.index(REFUSED, first_row) < page.index("official-2@example.org", first_row)
    assert "550 mailbox unavailable" in page
    assert page.count(">ارسال دوباره") == 1


@pytest.mark.parametrize("who", ["chair", "journalist", "other_chair", "nobody"])
def test_only_the_secretariat_reads_the_emails_of_a_meeting(world, invited, login, who):
    response = login(getattr(world, who)).get(reverse("meeting_emails", args=[invited.pk]))
    # A member of the body is refused; anyone else is not told the meeting exists.
    assert response.status_code == (403 if who in ("chair", "journalist") else 404)
    assert REFUSED not in response.content.decode()


def test_the_committee_outbox_lists_the_failed_ones_first(
    world, invited, login, django_capture_on_commit_callbacks
):
    other = world.future_meeting(world.other_workgroup, title="جلسه فرهنگی")
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(world.secretariat, other)
    response = login(world.secretariat).get(reverse("committee_outbox"))
    assert response.status_code == 200
    page = response.content.decode()
    body = page[page.index("<tbody>") :]
    assert body.index(REFUSED) < body.index("chair-1@example.org")
    assert "جلسه فرهنگی" in page and "جلسه هماهنگی آسفالت" in page
    assert "نرفته: ۱" in page and "ارسال‌شده: ۴" in page
    only_failed = login(world.secretariat).get(reverse("committee_outbox"), {"status": "failed"})
    listed = only_failed.content.decode()
    listed = listed[listed.index("<tbody>") :]
    assert REFUSED in listed and "chair-1@example.org" not in listed


def test_the_committee_outbox_is_the_secretariats(world, invited, login):
    for who in (world.chair, world.journalist, world.nobody):
        assert login(who).get(reverse("committee_outbox")).status_code == 403
    assert login(world.secretariat).get(reverse("committee_outbox")).status_code == 200


def test_send_again_sends_the_failed_email_and_is_on_record(
    world, invited, login, django_capture_on_commit_callbacks
):
    email = failed_email(invited)
    assert email.status == OutboxEmail.Status.FAILED
    mail.outbox.clear()
    client = login(world.secretariat)
    back = reverse("meeting_emails", args=[invited.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("email_resend", args=[email.pk]), {"next": back}, follow=True
        )
    assert response.redirect_chain == [(back, 302)]
    assert any("دوباره در صف ارسال" in m for m in messages_of(response))
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT and email.last_error == ""
    assert [m.to for m in mail.outbox] == [[REFUSED]]
    assert invited.invitations.get(person__email=REFUSED).sent_at == email.sent_at
    entry = AuditEntry.objects.get(action="email.retry")
    assert entry.actor == world.secretariat and entry.meeting_id == invited.pk
    assert entry.changes["status"] == {"before": "failed", "after": "queued"}
    # Sent now: no button, and a second POST sends nothing twice.
    page = client.get(back).content.decode()
    assert ">ارسال دوباره" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("email_resend", args=[email.pk]), follow=True)
    assert any("پیش‌تر فرستاده شده" in m for m in messages_of(response))
    assert len(mail.outbox) == 1


def test_send_again_is_a_post_of_the_secretariat(world, invited, login):
    email = failed_email(invited)
    url = reverse("email_resend", args=[email.pk])
    assert login(world.secretariat).get(url).status_code == 405
    for who, status in ((world.chair, 404), (world.journalist, 404), (world.nobody, 404)):
        assert login(who).post(url).status_code == status
    assert failed_email(invited).status == OutboxEmail.Status.FAILED
    assert not AuditEntry.objects.filter(action="email.retry").exists()


def test_send_again_never_redirects_off_the_site(
    world, invited, login, django_capture_on_commit_callbacks
):
    email = failed_email(invited)
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.secretariat).post(
            reverse("email_resend", args=[email.pk]), {"next": "https://evil.example/"}
        )
    assert response.url == reverse("meeting_emails", args=[invited.pk])


def test_the_failed_count_is_of_the_emails_one_may_see(world, invited):
    assert outbox.failed_email_count(world.secretariat) == 1
    assert outbox.failed_email_count(Viewer(world.secretariat)) == 1
    assert outbox.failed_email_count(world.superuser) == 1
    for who in (world.chair, world.journalist, world.nobody, world.anonymous):
        assert outbox.failed_email_count(who) == 0


def test_the_admin_shows_the_outbox_read_only_and_sends_again(
    world, invited, login, django_capture_on_commit_callbacks
):
    client = login(world.superuser)
    changelist = reverse("admin:minutes_outboxemail_changelist")
    page = client.get(changelist).content.decode()
    assert REFUSED in page and "/rsvp/" not in page
    email = failed_email(invited)
    change = client.get(reverse("admin:minutes_outboxemail_change", args=[email.pk]))
    assert change.status_code == 200
    change_page = change.content.decode()
    assert 'name="subject"' not in change_page  # nothing to edit
    assert "/rsvp/" not in change_page  # the answer links are the recipient's alone
    assert client.get(reverse("admin:minutes_outboxemail_add")).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        client.post(changelist, {"action": "resend", "_selected_action": [email.pk]})
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.SENT
