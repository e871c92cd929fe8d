"""The admin tests use the working-interface personas (tests/work/conftest.py), with the
head of the secretariat made staff in a group that holds every model permission of the
domain apps, as the demo's staff group does today: whatever the group grants, the admin
must not write the record, and must write reference data only through the services."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission

# The fixtures are shared, not rebuilt: a fourth persona builder would drift from the others.
from tests.work.conftest import login, world  # noqa: F401

# The proposed model permissions of the demo's staff group (demo/loader.py
# _secretariat_group): view on everything it reads, add/change/delete on the reference
# data it keeps. Used by test_staff_group.py.
RECORD_MODELS = (
    "meeting",
    "agendaitem",
    "attendance",
    "invitation",
    "question",
    "decision",
    "followup",
    "minutes",
    "vote",
)
KEPT_REFERENCE = ("organization", "person", "committeerole", "workgroup", "membership")
READ_ONLY_REFERENCE = (
    "committee",
    "auditentry",
    "committeeuserobjectpermission",
    "workgroupuserobjectpermission",
)


@pytest.fixture
def everything_group(db) -> Group:
    group = Group.objects.create(name="staff with every model permission")
    group.permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["committee", "workgroups", "minutes", "portal"]
        ).exclude(
            codename__in=[
                "manage_committee",
                "chair_committee",
                "chair_workgroup",
                "member_workgroup",
            ]
        )
    )
    return group


@pytest.fixture
def staff_secretariat(world, everything_group):  # noqa: F811
    user = world.secretariat
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(everything_group)
    return world.fresh(user)
