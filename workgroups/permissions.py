"""Workgroup permissions follow memberships (see committee/permissions.py for the idea)."""

from __future__ import annotations

from django.utils import timezone

from committee.models import Committee
from committee.permissions import set_holders, sync_committee_permissions
from workgroups.models import Workgroup, WorkgroupUserObjectPermission

WORKGROUP_CHAIR = "workgroups.chair_workgroup"
WORKGROUP_MEMBER = "workgroups.member_workgroup"


def sync_workgroup_permissions(workgroup: Workgroup) -> None:
    today = timezone.localdate()
    seats = workgroup.memberships.active_on(today).filter(person__user__isnull=False)
    members = set(seats.values_list("person__user_id", flat=True))
    chairs = set(seats.filter(is_chair=True).values_list("person__user_id", flat=True))
    set_holders(WorkgroupUserObjectPermission, workgroup, "chair_workgroup", chairs)
    set_holders(WorkgroupUserObjectPermission, workgroup, "member_workgroup", members)


def sync_all_permissions() -> None:
    """Recompute every committee's and workgroup's permissions (daily, and after imports)."""
    for committee in Committee.objects.all():
        sync_committee_permissions(committee)
    for workgroup in Workgroup.objects.all():
        sync_workgroup_permissions(workgroup)
