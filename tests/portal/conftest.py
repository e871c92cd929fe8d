"""A small committee for the portal tests, built from factories, whose minutes are
recorded, approved and published through the real services (minutes.services) by people
holding the real roles."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from committee.models import Committee, CommitteeRole, Organization, Person
from committee.permissions import sync_committee_permissions
from minutes import services
from minutes.models import AgendaItem, Meeting, Minutes
from tests.factories import (
    CommitteeFactory,
    CommitteeRoleFactory,
    JournalistFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    WorkgroupFactory,
    everyone_present,
)
from workgroups.models import Workgroup
from workgroups.permissions import sync_workgroup_permissions

DEFAULT_DECISION = "معاونت عمرانی گزارش لکه‌گیری معابر را تا پایان ماه به کارگروه ارائه کند."


@dataclass
class Portal:
    committee: Committee
    workgroup: Workgroup
    other_workgroup: Workgroup
    secretariat: Any  # users
    chair: Any
    other_chair: Any
    superuser: Any
    official: Person
    journalist: Person
    organization: Organization

    def chair_of(self, meeting: Meeting):
        if meeting.workgroup_id is None:
            return self.superuser
        return self.other_chair if meeting.workgroup_id == self.other_workgroup.pk else self.chair

    def meeting(
        self,
        workgroup: Workgroup | str | None = "default",
        *,
        days_ago: int = 3,
        title: str = "بررسی وضعیت آسفالت معابر پس از بارندگی",
        **fields,
    ) -> Meeting:
        """A meeting that took place ``days_ago`` days ago (10:00 Tehran time)."""
        if workgroup == "default":
            workgroup = self.workgroup
        day = timezone.localdate() - datetime.timedelta(days=days_ago)
        starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
        fields.setdefault("ends_at", starts + datetime.timedelta(hours=2))
        if workgroup is None:
            return MeetingFactory(
                workgroup=None, committee=self.committee, starts_at=starts, title=title, **fields
            )
        return MeetingFactory(workgroup=workgroup, starts_at=starts, title=title, **fields)

    def publish(
        self,
        meeting: Meeting | None = None,
        *,
        summary: str = "گزارش‌ها ارائه و مصوبات زیر تصویب شد.",
        items: Iterable[Mapping[str, Any]] = ({"title": "گزارش پیشرفت پروژه‌های عمرانی"},),
        decisions: Iterable[Mapping[str, Any]] = ({},),
        at: datetime.datetime | None = None,
        attendance: Mapping[Person, str] | None = None,
    ) -> Minutes:
        """Record (everyone in the body present, plus ``attendance``), decide, submit,
        approve and publish."""
        meeting = meeting or self.meeting()
        actor = self.chair_of(meeting)
        for order, item in enumerate(items, start=meeting.agenda_items.count() + 1):
            AgendaItem.objects.create(meeting=meeting, order=order, **item)
        services.record_meeting(
            actor,
            meeting,
            expected_version=None,
            attendance={
                **everyone_present(meeting),
                **{p.pk: status for p, status in (attendance or {}).items()},
            },
            summary=summary,
        )
        for decision in decisions:
            values = {
                "text": DEFAULT_DECISION,
                "responsible_organization": self.organization,
                "responsible_person": self.official,
                "deadline": timezone.localdate() + datetime.timedelta(days=30),
                **decision,
            }
            services.add_decision(actor, meeting, expected_version=None, **values)
        minutes = services.submit_minutes(actor, meeting.latest_minutes())
        minutes = services.approve_minutes(actor, minutes)
        publisher = self.superuser if meeting.workgroup_id is None else self.secretariat
        return services.publish_minutes(publisher, minutes, at=at)

    def correct(self, minutes: Minutes, reason: str = "اصلاح نام مسئول اجرا") -> Minutes:
        return services.issue_correction(self.secretariat, minutes, reason)

    def republish(self, correction: Minutes, *, at: datetime.datetime | None = None) -> Minutes:
        actor = self.chair_of(correction.meeting)
        services.submit_minutes(actor, correction)
        approved = services.approve_minutes(actor, Minutes.objects.get(pk=correction.pk))
        return services.publish_minutes(self.secretariat, approved, at=at)


@pytest.fixture
def portal(db) -> Portal:
    committee = CommitteeFactory(description="کمیته رسانه شهرداری رشت برای گزارش به شهروندان.")
    workgroup = WorkgroupFactory(
        committee=committee,
        name="کارگروه رسانه عمرانی و ترافیکی",
        short_name="عمرانی و ترافیکی",
        slug="civil-works",
        order=2,
        scope="پیگیری پروژه‌های عمرانی، ترافیک و حمل و نقل عمومی شهر.",
    )
    other = WorkgroupFactory(
        committee=committee,
        name="کارگروه رسانه فرهنگی و اجتماعی",
        short_name="فرهنگی و اجتماعی",
        slug="culture",
        order=1,
    )
    organization = OrganizationFactory(name="سازمان حمل و نقل و ترافیک شهرداری رشت")

    secretariat = PersonFactory(user=UserFactory(username="secretariat"), post="مدیر روابط عمومی")
    CommitteeRoleFactory(
        committee=committee, person=secretariat, role=CommitteeRole.Role.SECRETARIAT_HEAD
    )
    mayor = PersonFactory(first_name="فرهاد", last_name="آزادگان", post="شهردار رشت")
    CommitteeRoleFactory(committee=committee, person=mayor, role=CommitteeRole.Role.CHAIR)
    chair = PersonFactory(
        user=UserFactory(username="chair-2"),
        first_name="کامران",
        last_name="نیک‌نام",
        post="معاون عمرانی شهردار",
    )
    official = PersonFactory(
        first_name="سعید", last_name="امیرخانی", post="مدیر منطقه ۲", organization=organization
    )
    journalist = JournalistFactory(first_name="نسترن", last_name="صدری")
    MembershipFactory(workgroup=workgroup, person=chair, is_chair=True)
    MembershipFactory(workgroup=workgroup, person=official)
    MembershipFactory(workgroup=workgroup, person=journalist)
    other_chair = PersonFactory(user=UserFactory(username="chair-1"), post="معاون فرهنگی شهردار")
    MembershipFactory(workgroup=other, person=other_chair, is_chair=True)
    for wg in (workgroup, other):
        sync_workgroup_permissions(wg)
    sync_committee_permissions(committee)
    return Portal(
        committee=committee,
        workgroup=workgroup,
        other_workgroup=other,
        secretariat=secretariat.user,
        chair=chair.user,
        other_chair=other_chair.user,
        superuser=UserFactory(username="root", is_staff=True, is_superuser=True),
        official=official,
        journalist=journalist,
        organization=organization,
    )
