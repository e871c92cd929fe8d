"""The secretariat manages members and terms through the working interface."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from committee.models import CommitteeRole
from committee.permissions import sync_committee_permissions
from persian.jalali import format_numeric
from tests.factories import (
    CommitteeRoleFactory,
    JournalistFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
    WorkgroupFactory,
)
from workgroups.models import Membership
from workgroups.permissions import sync_workgroup_permissions

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    workgroup = WorkgroupFactory(slug="civil-works")
    chair = MembershipFactory(workgroup=workgroup, is_chair=True, person__user=UserFactory())
    member = MembershipFactory(workgroup=workgroup, person__user=UserFactory())
    head = CommitteeRoleFactory(
        committee=workgroup.committee,
        role=CommitteeRole.Role.SECRETARIAT_HEAD,
        person__user=UserFactory(),
    )
    sync_committee_permissions(workgroup.committee)
    sync_workgroup_permissions(workgroup)
    url = f"/committee/{workgroup.committee.slug}/workgroups/civil-works/members/"
    return workgroup, chair, member, head.person.user, url


def _fresh(user):
    return get_user_model().objects.get(pk=user.pk)


def test_only_the_secretariat_may_open_the_page(client, setting):
    _, chair, _, secretariat, url = setting
    client.force_login(chair.person.user)
    assert client.get(url).status_code == 403
    client.force_login(secretariat)
    response = client.get(url)
    assert response.status_code == 200
    assert chair.person.full_name in response.content.decode()


def test_the_secretariat_adds_a_journalist_who_then_holds_the_member_permission(client, setting):
    workgroup, _, _, secretariat, url = setting
    journalist = JournalistFactory(user=UserFactory())
    client.force_login(secretariat)
    response = client.post(
        url,
        {
            "form": "add",
            "add-person": journalist.pk,
            "add-role": "permanent",
            "add-start_date": format_numeric(timezone.localdate()),
        },
    )
    assert response.status_code == 302
    assert Membership.objects.current().filter(person=journalist, workgroup=workgroup).exists()
    assert _fresh(journalist.user).has_perm("workgroups.member_workgroup", workgroup)


def test_changing_the_chair_withdraws_the_old_chairs_permission_at_once(client, setting):
    workgroup, chair, member, secretariat, url = setting
    assert _fresh(chair.person.user).has_perm("workgroups.chair_workgroup", workgroup)
    client.force_login(secretariat)
    response = client.post(
        url,
        {
            "form": "chair",
            "chair-person": member.person.pk,
            "chair-start_date": format_numeric(timezone.localdate()),
        },
    )
    assert response.status_code == 302
    old, new = _fresh(chair.person.user), _fresh(member.person.user)
    assert not old.has_perm("workgroups.chair_workgroup", workgroup)
    assert old.has_perm("workgroups.member_workgroup", workgroup), "stays a permanent member"
    assert new.has_perm("workgroups.chair_workgroup", workgroup)
    assert workgroup.chair == member.person


def test_ending_a_term_yesterday_removes_the_permission(client, setting):
    workgroup, _, member, secretariat, url = setting
    client.force_login(secretariat)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    client.post(
        url,
        {"form": "end", "end-membership": member.pk, "end-end_date": format_numeric(yesterday)},
    )
    assert not _fresh(member.person.user).has_perm("workgroups.member_workgroup", workgroup)


def test_an_impossible_jalali_date_is_refused_in_persian_and_nothing_is_stored(client, setting):
    _, _, _, secretariat, url = setting
    newcomer = PersonFactory()
    client.force_login(secretariat)
    response = client.post(
        url,
        {
            "form": "add",
            "add-person": newcomer.pk,
            "add-role": "permanent",
            "add-start_date": "۱۴۰۴/۱۲/۳۰",
        },
    )
    assert response.status_code == 200
    assert "وجود ندارد" in response.content.decode()
    assert not Membership.objects.filter(person=newcomer).exists()
