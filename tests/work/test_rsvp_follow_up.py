"""RSVPs the secretariat can follow: the invitee table counts the answers and shows when each
was given and its note; the invite page lists the recipients (members, guests, who has no
email address) for review before anything is sent; reopening one's answer keeps one's note."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.utils import timezone

from minutes import services
from minutes.models import Invitation
from persian.jalali import format_datetime
from tests.factories import PersonFactory
from workgroups import services as wg_services
from workgroups.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(world):
    return world.future_meeting(title="جلسه هماهنگی آسفالت", location="سالن ۱")


def invitation_of(meeting, user) -> Invitation:
    return meeting.invitations.get(person__user=user)


def test_the_invitee_table_counts_the_answers_with_their_time_and_note(world, meeting, login):
    services.send_invitations(world.secretariat, meeting)
    services.respond_to_invitation(
        world.journalist, invitation_of(meeting, world.journalist), "declined", "در سفر کاری هستم"
    )
    services.respond_to_invitation(
        world.official, invitation_of(meeting, world.official), "accepted"
    )
    page = login(world.secretariat).get(meeting.get_absolute_url()).content.decode()
    assert "حضور می‌یابند: ۱" in page
    assert "حضور نمی‌یابند: ۱" in page
    assert "بی‌پاسخ: ۱" in page
    declined = invitation_of(meeting, world.journalist)
    assert format_datetime(declined.responded_at) in page
    assert "در سفر کاری هستم" in page
    # A member sees the answers too; the email column is the secretariat's.
    member_page = login(world.chair).get(meeting.get_absolute_url()).content.decode()
    assert "در سفر کاری هستم" in member_page and "حضور نمی‌یابند: ۱" in member_page
    assert "ایمیل دعوت‌نامه" in page and "ایمیل دعوت‌نامه" not in member_page


def test_the_invite_page_lists_members_and_who_has_no_email_before_sending(world, meeting, login):
    silent = PersonFactory(email="", first_name="بی‌نشان", last_name="عضو")
    wg_services.add_membership(
        world.secretariat,
        world.workgroup,
        silent,
        role=Membership.Role.MEMBER,
        start_date=timezone.localdate(),
    )
    page = login(world.secretariat).get(f"/meetings/{meeting.pk}/invite/").content.decode()
    for address in ("chair-2@example.org", "official-2@example.org", "press-2@example.org"):
        assert address in page
    assert silent.full_name in page
    assert "۱ نفر نشانی ایمیل ندارد" in page
    assert "۴ دعوت تازه؛ ۳ ایمیل فرستاده می‌شود" in page
    assert not meeting.invitations.exists()
    assert "chair-1@example.org" not in page  # another workgroup's chair is not invited


def test_reviewing_with_guests_lists_them_and_sends_nothing(
    world, meeting, login, django_capture_on_commit_callbacks
):
    guest = PersonFactory(email="guest@example.org", first_name="مهمان", last_name="ویژه")
    client = login(world.secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/meetings/{meeting.pk}/invite/", {"guests": [guest.pk], "review": "1"}
        )
    assert response.status_code == 200
    page = response.content.decode()
    recipients = page[page.index('id="recipients"') :]
    assert guest.full_name in recipients and "guest@example.org" in recipients
    assert "مدعو" in recipients
    assert "هنوز چیزی فرستاده نشده است" in page
    assert not meeting.invitations.exists() and mail.outbox == []
    # The guest stays chosen; sending now invites them with the members.
    assert f'value="{guest.pk}" selected' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/meetings/{meeting.pk}/invite/", {"guests": [guest.pk]})
    assert meeting.invitations.count() == 4
    assert "guest@example.org" in {m.to[0] for m in mail.outbox}


def test_the_invite_page_says_who_was_invited_before(
    world, meeting, login, django_capture_on_commit_callbacks
):
    guest = PersonFactory(email="guest@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(world.secretariat, meeting, [guest])
    page = login(world.secretariat).get(f"/meetings/{meeting.pk}/invite/").content.decode()
    assert page.count("دعوت‌شده؛ ایمیل رفته") == 4
    assert guest.full_name in page  # an invited guest stays on the list
    assert "۰ دعوت تازه؛ ۰ ایمیل فرستاده می‌شود" in page


def test_reopening_ones_answer_keeps_ones_note(world, meeting, login):
    services.send_invitations(world.secretariat, meeting)
    invitation = invitation_of(meeting, world.journalist)
    services.respond_to_invitation(world.journalist, invitation, "declined", "در سفر کاری هستم")
    page = login(world.journalist).get(f"/invitations/{invitation.pk}/").content.decode()
    assert 'value="در سفر کاری هستم"' in page
    (declined,) = re.findall(r'<input[^>]*value="declined"[^>]*>', page)
    assert "checked" in declined
