"""Issue 19: the record form of a meeting that has not started says so at the top, before the
chair types anything, and cannot be submitted; once recording opens (an hour before the
start) the form is as before."""

from __future__ import annotations

import datetime
import re

import pytest

pytestmark = pytest.mark.django_db

NOTICE = "این جلسه هنوز شروع نشده است"


def test_the_record_form_of_a_meeting_to_come_says_so_first_and_cannot_be_sent(world, login):
    meeting = world.future_meeting(ahead=datetime.timedelta(days=3))
    html = login(world.chair).get(f"/meetings/{meeting.pk}/record/").content.decode()
    form = html[html.index('<form method="post" class="form"') :]
    assert NOTICE in form[: form.index('id="attendance-title"')]  # at the top of the form
    assert re.search(r'<button type="submit"[^>]*\bdisabled\b', form)
    summary = re.search(r"<textarea[^>]*name=\"summary\"[^>]*>", form).group(0)
    assert "disabled" in summary


def test_posting_anyway_saves_nothing_and_says_why(world, login):
    meeting = world.future_meeting(ahead=datetime.timedelta(days=3))
    response = login(world.chair).post(f"/meetings/{meeting.pk}/record/", {"summary": "خلاصه"})
    assert NOTICE in response.content.decode()
    assert not meeting.minutes.exists()


def test_the_record_form_of_a_meeting_under_way_is_open(world, login):
    meeting = world.past_meeting()
    html = login(world.chair).get(f"/meetings/{meeting.pk}/record/").content.decode()
    assert NOTICE not in html
    assert not re.search(r'<button type="submit"[^>]*\bdisabled\b', html)


def test_the_attendance_times_left_empty_do_not_look_filled_in(world, login):
    meeting = world.past_meeting()
    html = login(world.chair).get(f"/meetings/{meeting.pk}/record/").content.decode()
    arrived = re.findall(r'<input[^>]*name="arrived_\d+"[^>]*>', html)
    assert arrived and all("۱۰:۳۰" not in field for field in arrived)
