"""The chair rules hold in the database itself, not only in forms."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import MembershipFactory, PersonFactory, WorkgroupFactory
from workgroups.models import Membership

pytestmark = pytest.mark.django_db

D = datetime.date


def test_a_workgroup_cannot_have_two_open_ended_chairs():
    workgroup = WorkgroupFactory()
    MembershipFactory(workgroup=workgroup, is_chair=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(workgroup=workgroup, is_chair=True)


def test_dated_chair_terms_may_not_overlap_in_the_database():
    workgroup = WorkgroupFactory()
    MembershipFactory(
        workgroup=workgroup, is_chair=True, start_date=D(2024, 1, 1), end_date=D(2024, 6, 30)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(
            workgroup=workgroup, is_chair=True, start_date=D(2024, 6, 30), end_date=D(2024, 12, 1)
        )
    assert Membership.objects.filter(is_chair=True).count() == 1


def test_an_update_that_makes_chair_terms_overlap_is_refused():
    workgroup = WorkgroupFactory()
    MembershipFactory(
        workgroup=workgroup, is_chair=True, start_date=D(2024, 1, 1), end_date=D(2024, 6, 30)
    )
    later = MembershipFactory(workgroup=workgroup, is_chair=True, start_date=D(2024, 7, 1))
    later.start_date = D(2024, 5, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        later.save()


def test_consecutive_chair_terms_are_allowed():
    workgroup = WorkgroupFactory()
    MembershipFactory(
        workgroup=workgroup, is_chair=True, start_date=D(2024, 1, 1), end_date=D(2024, 6, 30)
    )
    MembershipFactory(workgroup=workgroup, is_chair=True, start_date=D(2024, 7, 1))
    assert workgroup.chair_on(D(2024, 3, 1)) != workgroup.chair_on(D(2024, 8, 1))


def test_two_workgroups_each_have_their_own_chair():
    MembershipFactory(is_chair=True)
    MembershipFactory(is_chair=True)
    assert Membership.objects.chairs().count() == 2


def test_the_chair_must_be_a_permanent_member_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(is_chair=True, is_permanent=False)


def test_a_term_cannot_end_before_it_starts_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(start_date=D(2024, 5, 1), end_date=D(2024, 4, 30))


def test_validation_names_the_sitting_chair_in_persian():
    workgroup = WorkgroupFactory()
    sitting = MembershipFactory(workgroup=workgroup, is_chair=True)
    newcomer = Membership(
        workgroup=workgroup, person=PersonFactory(), is_chair=True, start_date=D(2025, 1, 1)
    )
    with pytest.raises(ValidationError) as caught:
        newcomer.full_clean()
    message = caught.value.message_dict["is_chair"][0]
    assert sitting.person.full_name in message
    assert "رییس" in message


def test_validation_refuses_a_non_permanent_chair_in_persian():
    membership = Membership(
        workgroup=WorkgroupFactory(),
        person=PersonFactory(),
        is_chair=True,
        is_permanent=False,
        start_date=D(2025, 1, 1),
    )
    with pytest.raises(ValidationError) as caught:
        membership.full_clean()
    assert "اعضای ثابت" in " ".join(caught.value.messages)


def test_validation_refuses_an_end_before_the_start_in_persian():
    membership = Membership(
        workgroup=WorkgroupFactory(),
        person=PersonFactory(),
        start_date=D(2025, 1, 1),
        end_date=D(2024, 1, 1),
    )
    with pytest.raises(ValidationError) as caught:
        membership.full_clean()
    assert "پایان دوره" in caught.value.message_dict["end_date"][0]


def test_the_role_setter_keeps_the_two_flags_consistent():
    membership = Membership()
    membership.role = Membership.Role.CHAIR
    assert (membership.is_chair, membership.is_permanent) == (True, True)
    membership.role = Membership.Role.MEMBER
    assert (membership.is_chair, membership.is_permanent) == (False, False)
    membership.role = Membership.Role.PERMANENT
    assert membership.get_role_display() == "عضو ثابت"


def test_active_on_respects_both_ends_of_a_term():
    membership = MembershipFactory(start_date=D(2024, 1, 1), end_date=D(2024, 12, 31))
    active = Membership.objects.active_on
    assert membership in active(D(2024, 1, 1))
    assert membership in active(D(2024, 12, 31))
    assert membership not in active(D(2025, 1, 1))
    assert membership not in active(D(2023, 12, 31))
