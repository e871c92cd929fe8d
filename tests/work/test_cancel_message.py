"""Issue 19: cancelling a meeting says the invitees were told only when there were any, and
how many."""

from __future__ import annotations

import pytest

from minutes import services
from tests.work.support import messages_of

pytestmark = pytest.mark.django_db


def cancel(client, meeting):
    url = f"/meetings/{meeting.pk}/cancel/"
    return client.post(url, {"reason": "همزمانی با جلسه شورای شهر"}, follow=True)


def test_without_invitees_it_does_not_claim_anyone_was_told(world, login):
    meeting = world.future_meeting()
    response = cancel(login(world.secretariat), meeting)
    (message,) = messages_of(response)
    assert message.startswith("جلسه لغو شد.")
    assert "خبر داده شد" not in message


def test_with_invitees_it_says_how_many_were_told(world, login):
    meeting = world.future_meeting()
    services.send_invitations(world.secretariat, meeting)
    count = meeting.invitations.count()
    assert count
    response = cancel(login(world.secretariat), meeting)
    (message,) = messages_of(response)
    digits = str(count).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert message == f"جلسه لغو شد و به {digits} دعوت‌شده خبر داده شد."
