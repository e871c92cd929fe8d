"""Old minutes never change when people change posts."""

from __future__ import annotations

import pytest

from minutes.models import Attendance
from tests.factories import AttendanceFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_attendance_keeps_the_post_and_organisation_of_the_meeting_day():
    district = OrganizationFactory(name="منطقه ۲ شهرداری رشت")
    person = PersonFactory(
        first_name="مریم", last_name="کاظمی", post="مدیر منطقه ۲", organization=district
    )
    attendance = AttendanceFactory(person=person)

    person.post = "معاون خدمات شهری"
    person.organization = OrganizationFactory(name="معاونت خدمات شهری")
    person.last_name = "کاظمی‌پور"
    person.save()
    district.name = "منطقه دو"
    district.save()

    attendance.refresh_from_db()
    assert attendance.person_name == "مریم کاظمی"
    assert attendance.post == "مدیر منطقه ۲"
    assert attendance.organization_name == "منطقه ۲ شهرداری رشت"
    assert attendance.organization_kind == "district"


def test_saving_an_attendance_again_does_not_refresh_the_snapshot():
    person = PersonFactory(post="خبرنگار")
    attendance = AttendanceFactory(person=person)
    person.post = "سردبیر"
    person.save()
    attendance.status = Attendance.Status.EXCUSED
    attendance.save()
    attendance.refresh_from_db()
    assert attendance.post == "خبرنگار"


def test_the_snapshot_records_the_side():
    from tests.factories import JournalistFactory

    attendance = AttendanceFactory(person=JournalistFactory())
    assert attendance.is_press
