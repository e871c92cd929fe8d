"""Personas and meetings for the working-interface tests.

One small committee built from factories (not the demo): a workgroup with its chair, an
official and a journalist member; the head of the secretariat; a second workgroup with its
own chair and journalist; and a user with no role at all. Permissions are derived from those
roles exactly as the services derive them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from committee.models import Committee, CommitteeRole, Person
from committee.permissions import sync_committee_permissions
from minutes import services
from minutes.models import AgendaItem, Decision, Meeting, Minutes
from tests.factories import (
    CommitteeFactory,
    CommitteeRoleFactory,
    JournalistFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
    WorkgroupFactory,
    everyone_present,
)
from tests.work.support import DECISION_TEXT
from workgroups.models import Workgroup
from workgroups.permissions import sync_workgroup_permissions

User = get_user_model()


def _person(factory, username: str, **fields) -> Person:
    return factory(user=UserFactory(username=username), email=f"{username}@example.org", **fields)


@dataclass
class World:
    committee: Committee
    workgroup: Workgroup
    other_workgroup: Workgroup
    secretariat: object  # users
    chair: object
    official: object
    journalist: object
    other_chair: object
    other_journalist: object
    nobody: object
    superuser: object

    # --- people -----------------------------------------------------------------------

    @staticmethod
    def fresh(user):
        """The user read again from the database (object permissions are never cached)."""
        return User.objects.get(pk=user.pk)

    @property
    def anonymous(self) -> AnonymousUser:
        return AnonymousUser()

    @staticmethod
    def person(user) -> Person:
        return Person.objects.get(user=user)

    # --- meetings ---------------------------------------------------------------------

    def past_meeting(
        self, workgroup: Workgroup | None = None, *, ago=datetime.timedelta(hours=2), **fields
    ) -> Meeting:
        """A meeting that has started (and may be recorded), with two agenda items."""
        meeting = MeetingFactory(
            workgroup=workgroup or self.workgroup, starts_at=timezone.now() - ago, **fields
        )
        AgendaItem.objects.create(meeting=meeting, order=1, title="گزارش آسفالت معابر")
        AgendaItem.objects.create(meeting=meeting, order=2, title="ترافیک میدان شهرداری")
        return meeting

    def future_meeting(
        self, workgroup: Workgroup | None = None, *, ahead=datetime.timedelta(days=7), **fields
    ) -> Meeting:
        """A scheduled meeting still to come, with one agenda item."""
        meeting = MeetingFactory(
            workgroup=workgroup or self.workgroup, starts_at=timezone.now() + ahead, **fields
        )
        AgendaItem.objects.create(meeting=meeting, order=1, title="گزارش پیشرفت پروژه‌ها")
        return meeting

    def chair_of(self, meeting: Meeting):
        return self.other_chair if meeting.workgroup_id == self.other_workgroup.pk else self.chair

    def record(self, meeting: Meeting, *, summary="گزارش‌ها ارائه شد.") -> Minutes:
        """The chair records attendance (everyone present) and the summary: a draft."""
        return services.record_meeting(
            self.chair_of(meeting),
            meeting,
            expected_version=None,
            attendance=everyone_present(meeting),
            summary=summary,
        )

    def decide(self, meeting: Meeting, **fields) -> Decision:
        fields.setdefault("text", DECISION_TEXT)
        fields.setdefault("responsible_organization", self.person(self.official).organization)
        fields.setdefault("responsible_person", self.person(self.official))
        fields.setdefault("deadline", timezone.localdate() + datetime.timedelta(days=30))
        return services.add_decision(
            self.chair_of(meeting), meeting, expected_version=None, **fields
        )

    def submitted(self, meeting: Meeting) -> Minutes:
        self.record(meeting)
        if not meeting.decisions.exists():
            self.decide(meeting)
        return services.submit_minutes(self.chair_of(meeting), meeting.latest_minutes())

    def approved(self, meeting: Meeting) -> Minutes:
        minutes = self.submitted(meeting)
        return services.approve_minutes(self.chair_of(meeting), minutes)

    def published(self, meeting: Meeting) -> Minutes:
        """Record, decide, submit, approve and publish through the services. The PDF is
        rendered by an on-commit callback, which the test transaction never runs."""
        minutes = self.approved(meeting)
        return services.publish_minutes(self.secretariat, minutes)


@pytest.fixture
def world(db) -> World:
    committee = CommitteeFactory()
    workgroup = WorkgroupFactory(committee=committee, name="کارگروه رسانه عمرانی و ترافیکی")
    other = WorkgroupFactory(committee=committee, name="کارگروه رسانه فرهنگی و اجتماعی")

    secretariat = _person(PersonFactory, "secretariat", post="مدیر روابط عمومی")
    CommitteeRoleFactory(
        committee=committee, person=secretariat, role=CommitteeRole.Role.SECRETARIAT_HEAD
    )
    chair = _person(PersonFactory, "chair-2", post="معاون عمرانی شهردار")
    official = _person(PersonFactory, "official-2", post="مدیر منطقه ۲")
    journalist = _person(JournalistFactory, "press-2")
    MembershipFactory(workgroup=workgroup, person=chair, is_chair=True)
    MembershipFactory(workgroup=workgroup, person=official)
    MembershipFactory(workgroup=workgroup, person=journalist)

    other_chair = _person(PersonFactory, "chair-1", post="معاون فرهنگی شهردار")
    other_journalist = _person(JournalistFactory, "press-1")
    MembershipFactory(workgroup=other, person=other_chair, is_chair=True)
    MembershipFactory(workgroup=other, person=other_journalist)

    for wg in (workgroup, other):
        sync_workgroup_permissions(wg)
    sync_committee_permissions(committee)
    return World(
        committee=committee,
        workgroup=workgroup,
        other_workgroup=other,
        secretariat=secretariat.user,
        chair=chair.user,
        official=official.user,
        journalist=journalist.user,
        other_chair=other_chair.user,
        other_journalist=other_journalist.user,
        nobody=UserFactory(username="nobody"),
        superuser=UserFactory(username="root", is_staff=True, is_superuser=True),
    )


@pytest.fixture
def login(client):
    """``login(user)`` logs the test client in as ``user`` and returns the client."""

    def _login(user):
        client.logout()
        client.force_login(user)
        return client

    return _login
