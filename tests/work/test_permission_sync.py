"""Object permissions are derived from roles and terms, and follow every change at once.

Each check reads the user afresh from the database, as the next request would."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from committee.models import CommitteeRole
from committee.permissions import COMMITTEE_CHAIR, COMMITTEE_MANAGE, sync_committee_permissions
from tests.factories import CommitteeRoleFactory, PersonFactory, UserFactory, WorkgroupFactory
from workgroups import services as wg_services
from workgroups.models import Membership
from workgroups.permissions import (
    WORKGROUP_CHAIR,
    WORKGROUP_MEMBER,
    sync_workgroup_permissions,
)

pytestmark = pytest.mark.django_db


class Rollback(Exception):
    pass


def today() -> datetime.date:
    return timezone.localdate()


def yesterday() -> datetime.date:
    return today() - datetime.timedelta(days=1)


def perms_on(world, user, obj) -> set[str]:
    fresh = world.fresh(user)
    perms = (WORKGROUP_CHAIR, WORKGROUP_MEMBER, COMMITTEE_MANAGE, COMMITTEE_CHAIR)
    label = obj._meta.app_label
    return {perm for perm in perms if perm.startswith(f"{label}.") and fresh.has_perm(perm, obj)}


def newcomer(username="newcomer"):
    return PersonFactory(user=UserFactory(username=username))


# --- Memberships --------------------------------------------------------------------------


def test_the_personas_hold_exactly_their_roles_permissions(world):
    wg, other = world.workgroup, world.other_workgroup
    assert perms_on(world, world.chair, wg) == {WORKGROUP_CHAIR, WORKGROUP_MEMBER}
    assert perms_on(world, world.official, wg) == {WORKGROUP_MEMBER}
    assert perms_on(world, world.journalist, wg) == {WORKGROUP_MEMBER}
    assert perms_on(world, world.chair, other) == set()
    assert perms_on(world, world.other_chair, wg) == set()
    assert perms_on(world, world.secretariat, world.committee) == {COMMITTEE_MANAGE}
    assert perms_on(world, world.nobody, wg) == set()


def test_a_new_member_gets_the_member_permission_on_that_workgroup_only(world):
    person = newcomer()
    wg_services.add_membership(
        world.secretariat,
        world.workgroup,
        person,
        role=Membership.Role.PERMANENT,
        start_date=today(),
    )
    assert perms_on(world, person.user, world.workgroup) == {WORKGROUP_MEMBER}
    assert perms_on(world, person.user, world.other_workgroup) == set()


def test_a_new_chair_gets_the_chair_and_member_permissions(world):
    workgroup = WorkgroupFactory(committee=world.committee)
    person = newcomer()
    wg_services.add_membership(
        world.secretariat, workgroup, person, role=Membership.Role.CHAIR, start_date=today()
    )
    assert perms_on(world, person.user, workgroup) == {WORKGROUP_CHAIR, WORKGROUP_MEMBER}


def test_a_term_that_starts_tomorrow_grants_nothing_today(world):
    person = newcomer()
    wg_services.add_membership(
        world.secretariat,
        world.workgroup,
        person,
        role=Membership.Role.MEMBER,
        start_date=today() + datetime.timedelta(days=1),
    )
    assert perms_on(world, person.user, world.workgroup) == set()


def test_after_a_change_of_chair_the_former_chair_is_a_permanent_member_without_the_chair(world):
    official = world.person(world.official)
    wg_services.change_chair(world.secretariat, world.workgroup, official, today())
    assert perms_on(world, world.chair, world.workgroup) == {WORKGROUP_MEMBER}
    assert perms_on(world, world.official, world.workgroup) == {WORKGROUP_CHAIR, WORKGROUP_MEMBER}
    seat = Membership.objects.current().get(workgroup=world.workgroup, person__user=world.chair)
    assert seat.role == Membership.Role.PERMANENT


def test_the_former_chair_loses_the_chair_in_the_same_transaction_as_the_change(world):
    official = world.person(world.official)
    with pytest.raises(Rollback), transaction.atomic():
        wg_services.change_chair(world.secretariat, world.workgroup, official, today())
        # No commit, no daily job: already gone inside the transaction.
        assert WORKGROUP_CHAIR not in perms_on(world, world.chair, world.workgroup)
        raise Rollback
    # ... and rolled back together with the change of chair.
    assert perms_on(world, world.chair, world.workgroup) == {WORKGROUP_CHAIR, WORKGROUP_MEMBER}
    assert perms_on(world, world.official, world.workgroup) == {WORKGROUP_MEMBER}


def test_the_former_chair_can_no_longer_record_but_still_sees_the_meeting(world, login):
    meeting = world.past_meeting(is_public=False)
    wg_services.change_chair(
        world.secretariat, world.workgroup, world.person(world.official), today()
    )
    client = login(world.fresh(world.chair))
    assert client.get(f"/meetings/{meeting.pk}/record/").status_code == 403
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 200
    new_chair = login(world.fresh(world.official))
    assert new_chair.get(f"/meetings/{meeting.pk}/record/").status_code == 200


def test_ending_a_membership_yesterday_withdraws_the_permissions(world):
    seat = Membership.objects.get(workgroup=world.workgroup, person__user=world.official)
    wg_services.end_membership(world.secretariat, seat, yesterday())
    assert perms_on(world, world.official, world.workgroup) == set()


def test_ending_the_chairs_term_yesterday_withdraws_both_permissions(world):
    seat = Membership.objects.get(workgroup=world.workgroup, person__user=world.chair)
    wg_services.end_membership(world.secretariat, seat, yesterday())
    assert perms_on(world, world.chair, world.workgroup) == set()


def test_a_former_chair_gets_not_found_for_the_workgroups_internal_record(world, login):
    meeting = world.past_meeting(is_public=False)
    world.record(meeting, summary="خلاصه محرمانه پیش‌نویس")
    decision = world.decide(meeting)
    draft = meeting.latest_minutes()
    seat = Membership.objects.get(workgroup=world.workgroup, person__user=world.chair)
    wg_services.end_membership(world.secretariat, seat, yesterday())

    client = login(world.fresh(world.chair))
    for url in (
        f"/meetings/{meeting.pk}/",
        f"/meetings/{meeting.pk}/record/",
        f"/meetings/{meeting.pk}/decisions/new/",
        f"/meetings/{meeting.pk}/decisions/{decision.pk}/",
        f"/minutes/{draft.pk}/correct/",
    ):
        assert client.get(url).status_code == 404, url
    before = draft.status
    assert client.post(f"/minutes/{draft.pk}/submit/").status_code == 404
    draft.refresh_from_db()
    assert draft.status == before


def test_a_former_chair_sees_only_the_public_part_of_an_announced_meeting(world, login):
    meeting = world.past_meeting(is_public=True)
    world.record(meeting, summary="خلاصه محرمانه پیش‌نویس")
    seat = Membership.objects.get(workgroup=world.workgroup, person__user=world.chair)
    wg_services.end_membership(world.secretariat, seat, yesterday())

    client = login(world.fresh(world.chair))
    assert client.get(f"/meetings/{meeting.pk}/record/").status_code == 404
    page = client.get(f"/meetings/{meeting.pk}/")
    assert page.status_code == 200
    assert "خلاصه محرمانه پیش‌نویس" not in page.content.decode()


# --- The committee's roles ----------------------------------------------------------------


def test_the_secretariat_holds_manage_committee_from_its_role_and_loses_it_when_it_ends(world):
    person = newcomer("staff")
    role = CommitteeRoleFactory(
        committee=world.committee, person=person, role=CommitteeRole.Role.SECRETARIAT_STAFF
    )
    assert perms_on(world, person.user, world.committee) == set()
    sync_committee_permissions(world.committee)
    assert perms_on(world, person.user, world.committee) == {COMMITTEE_MANAGE}

    role.end_date = yesterday()
    role.save()
    sync_committee_permissions(world.committee)
    assert perms_on(world, person.user, world.committee) == set()
    assert perms_on(world, world.secretariat, world.committee) == {COMMITTEE_MANAGE}


def test_the_committees_chair_holds_chair_committee(world):
    person = newcomer("mayor")
    CommitteeRoleFactory(committee=world.committee, person=person, role=CommitteeRole.Role.CHAIR)
    sync_committee_permissions(world.committee)
    assert perms_on(world, person.user, world.committee) == {COMMITTEE_CHAIR}


# --- Terms that simply run out ---------------------------------------------------------


def test_the_daily_sync_command_withdraws_permissions_of_terms_that_ended_yesterday(world):
    # The terms were set to end on a date that has now passed; nothing else happened since,
    # so the permissions granted while they ran are still there.
    Membership.objects.filter(person__user=world.official).update(end_date=yesterday())
    Membership.objects.filter(person__user=world.other_chair).update(end_date=yesterday())
    CommitteeRole.objects.filter(person__user=world.secretariat).update(end_date=yesterday())
    assert perms_on(world, world.official, world.workgroup) == {WORKGROUP_MEMBER}

    call_command("sync_permissions", verbosity=0)

    assert perms_on(world, world.official, world.workgroup) == set()
    assert perms_on(world, world.other_chair, world.other_workgroup) == set()
    assert perms_on(world, world.secretariat, world.committee) == set()
    # Terms still running keep theirs.
    assert perms_on(world, world.chair, world.workgroup) == {WORKGROUP_CHAIR, WORKGROUP_MEMBER}
    assert perms_on(world, world.journalist, world.workgroup) == {WORKGROUP_MEMBER}


def test_the_daily_sync_command_grants_a_term_on_the_day_it_starts(world, monkeypatch):
    person = newcomer()
    start = today() + datetime.timedelta(days=1)
    wg_services.add_membership(
        world.secretariat, world.workgroup, person, role=Membership.Role.MEMBER, start_date=start
    )
    assert perms_on(world, person.user, world.workgroup) == set()
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: start)
    call_command("sync_permissions", verbosity=0)
    assert perms_on(world, person.user, world.workgroup) == {WORKGROUP_MEMBER}


def test_the_sync_functions_are_idempotent(world):
    for _ in range(2):
        sync_workgroup_permissions(world.workgroup)
        sync_committee_permissions(world.committee)
    assert perms_on(world, world.chair, world.workgroup) == {WORKGROUP_CHAIR, WORKGROUP_MEMBER}
    assert perms_on(world, world.secretariat, world.committee) == {COMMITTEE_MANAGE}
