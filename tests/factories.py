"""factory_boy factories for the domain models. Persian names throughout, as in real use."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth import get_user_model

from committee.models import Committee, CommitteeRole, Organization, Person
from minutes.models import (
    AgendaItem,
    Attendance,
    Decision,
    FollowUp,
    Invitation,
    Meeting,
    Minutes,
    Question,
)
from workgroups.models import Membership, Workgroup

TEHRAN = ZoneInfo("Asia/Tehran")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pass")


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        django_get_or_create = ["slug"]

    name = "کمیته رسانه شهرداری رشت"
    municipality = "شهرداری رشت"
    city = "رشت"
    slug = "rasht"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"منطقه {n} شهرداری")
    kind = Organization.Kind.DISTRICT


class PressOrganizationFactory(OrganizationFactory):
    name = factory.Sequence(lambda n: f"روزنامه شماره {n}")
    kind = Organization.Kind.LOCAL_NEWSPAPER


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Iterator(["مریم", "علی", "زهرا", "حسین", "نرگس", "رضا"])
    last_name = factory.Sequence(lambda n: f"رحیمی{n}")
    post = "مدیر منطقه"
    organization = factory.SubFactory(OrganizationFactory)


class JournalistFactory(PersonFactory):
    post = "خبرنگار"
    organization = factory.SubFactory(PressOrganizationFactory)


class CommitteeRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeRole

    committee = factory.SubFactory(CommitteeFactory)
    person = factory.SubFactory(PersonFactory)
    role = CommitteeRole.Role.SECRETARIAT_STAFF
    start_date = datetime.date(2024, 3, 20)


class WorkgroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workgroup

    committee = factory.SubFactory(CommitteeFactory)
    name = factory.Sequence(lambda n: f"کارگروه رسانه آزمایشی {n}")
    short_name = factory.Sequence(lambda n: f"آزمایشی {n}")
    slug = factory.Sequence(lambda n: f"wg-{n}")
    order = factory.Sequence(lambda n: n + 1)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    workgroup = factory.SubFactory(WorkgroupFactory)
    person = factory.SubFactory(PersonFactory)
    is_permanent = True
    is_chair = False
    start_date = datetime.date(2024, 3, 20)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    workgroup = factory.SubFactory(WorkgroupFactory)
    committee = factory.SelfAttribute("workgroup.committee")
    title = "بررسی وضعیت آسفالت معابر پس از بارندگی"
    starts_at = datetime.datetime(2024, 4, 27, 10, 0, tzinfo=TEHRAN)
    location = "سالن جلسات شهرداری"
    # Published minutes must name the meeting's secretary (دبیر جلسه).
    secretary_person = factory.SubFactory(
        PersonFactory, first_name="الهام", last_name="قربانی", post="کارشناس دبیرخانه کمیته رسانه"
    )


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = "گزارش پیشرفت پروژه‌های عمرانی"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    status = Attendance.Status.PRESENT


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    text = "معاونت عمرانی گزارش لکه‌گیری معابر را تا پایان ماه ارائه کند."


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    decision = factory.SubFactory(DecisionFactory)
    date = datetime.date(2024, 5, 10)
    status = Decision.Status.IN_PROGRESS
    note = "عملیات لکه‌گیری در خیابان‌های اصلی آغاز شد."


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory)
    summary = "گزارش‌ها ارائه و مصوبات زیر تصویب شد."


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    meeting = factory.SubFactory(MeetingFactory)
    author = factory.SubFactory(JournalistFactory)
    title = "زمان پایان عملیات تعریض خیابان"
    text = "عملیات تعریض خیابان از دو سال پیش آغاز شده است؛ زمان پایان آن چه موقع است؟"


def everyone_present(meeting) -> dict[int, str]:
    """Attendance with every expected person present (members) or attending (guests), as
    ``minutes.services.record_meeting`` takes it."""
    from minutes.services import expected_attendance

    return {
        e.person.pk: Attendance.Status.GUEST if e.is_guest else Attendance.Status.PRESENT
        for e in expected_attendance(meeting)
    }
