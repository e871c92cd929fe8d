from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, transaction

from minutes.models import Decision, Meeting
from tests.factories import (
    TEHRAN,
    CommitteeFactory,
    DecisionFactory,
    MeetingFactory,
    WorkgroupFactory,
)

pytestmark = pytest.mark.django_db


def test_meetings_are_numbered_per_body_and_jalali_year():
    workgroup = WorkgroupFactory()
    # 1402/12/29 and then 1403/01/01 and 1403/01/05 (Tehran time).
    last_of_1402 = MeetingFactory(
        workgroup=workgroup, starts_at=datetime.datetime(2024, 3, 19, 10, tzinfo=TEHRAN)
    )
    first = MeetingFactory(
        workgroup=workgroup, starts_at=datetime.datetime(2024, 3, 20, 10, tzinfo=TEHRAN)
    )
    second = MeetingFactory(
        workgroup=workgroup, starts_at=datetime.datetime(2024, 3, 24, 10, tzinfo=TEHRAN)
    )
    other_body = MeetingFactory(starts_at=datetime.datetime(2024, 3, 24, 10, tzinfo=TEHRAN))
    assert (last_of_1402.jalali_year, last_of_1402.number) == (1402, 1)
    assert (first.jalali_year, first.number) == (1403, 1)
    assert (second.jalali_year, second.number) == (1403, 2)
    assert other_body.number == 1


def test_the_year_follows_tehran_time_not_utc():
    # 20:45 UTC on 19 March 2024 is already 1 Farvardin 1403 in Tehran (00:15).
    meeting = MeetingFactory(starts_at=datetime.datetime(2024, 3, 19, 20, 45, tzinfo=datetime.UTC))
    assert meeting.jalali_year == 1403


def test_committee_meetings_are_numbered_apart_from_workgroup_meetings():
    committee = CommitteeFactory()
    workgroup = WorkgroupFactory(committee=committee)
    MeetingFactory(workgroup=workgroup)
    plenary = Meeting.objects.create(
        committee=committee,
        title="جلسه عمومی کمیته",
        starts_at=datetime.datetime(2024, 4, 28, 9, tzinfo=TEHRAN),
        location="تالار شهر",
    )
    assert plenary.number == 1
    assert plenary.body_name == committee.name


def test_a_duplicate_number_in_the_same_body_and_year_is_refused():
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(workgroup=meeting.workgroup, number=meeting.number)


def test_a_meeting_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(
            starts_at=datetime.datetime(2024, 4, 27, 10, tzinfo=TEHRAN),
            ends_at=datetime.datetime(2024, 4, 27, 9, tzinfo=TEHRAN),
        )


def test_decisions_are_numbered_within_their_meeting():
    meeting = MeetingFactory()
    first, second = DecisionFactory(meeting=meeting), DecisionFactory(meeting=meeting)
    assert (first.number, second.number) == (1, 2)
    assert DecisionFactory().number == 1


def test_an_open_decision_past_its_deadline_is_overdue_and_a_done_one_is_not():
    yesterday = datetime.date.today() - datetime.timedelta(days=2)
    assert DecisionFactory(deadline=yesterday).is_overdue
    assert not DecisionFactory(deadline=yesterday, status=Decision.Status.DONE).is_overdue
    assert not DecisionFactory(deadline=None).is_overdue
