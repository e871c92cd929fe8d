"""Object permissions, derived from roles and terms and never granted by hand.

Whoever holds a role today holds its permission; nobody else does. The sync functions
are called by the services in the same transaction as the change of role, so a chair who
is replaced loses the permission at once. Terms that simply run out on a date are caught
by `manage.py sync_permissions`, run daily (see the README).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from committee.models import Committee, CommitteeRole, CommitteeUserObjectPermission

COMMITTEE_MANAGE = "committee.manage_committee"
COMMITTEE_CHAIR = "committee.chair_committee"


def set_holders(
    table: type[models.Model], obj: models.Model, codename: str, user_ids: Iterable[int]
) -> None:
    """Make exactly ``user_ids`` hold ``codename`` on ``obj`` in guardian's FK ``table``."""
    permission = Permission.objects.get(
        content_type=ContentType.objects.get_for_model(obj), codename=codename
    )
    wanted = set(user_ids)
    rows = table.objects.filter(content_object=obj, permission=permission)
    existing = set(rows.values_list("user_id", flat=True))
    rows.filter(user_id__in=existing - wanted).delete()
    table.objects.bulk_create(
        [table(content_object=obj, permission=permission, user_id=uid) for uid in wanted - existing]
    )


def sync_committee_permissions(committee: Committee) -> None:
    today = timezone.localdate()
    roles = committee.roles.active_on(today).filter(person__user__isnull=False)
    secretariat = roles.filter(
        role__in=[CommitteeRole.Role.SECRETARIAT_HEAD, CommitteeRole.Role.SECRETARIAT_STAFF]
    ).values_list("person__user_id", flat=True)
    chair = roles.filter(role=CommitteeRole.Role.CHAIR).values_list("person__user_id", flat=True)
    set_holders(CommitteeUserObjectPermission, committee, "manage_committee", secretariat)
    set_holders(CommitteeUserObjectPermission, committee, "chair_committee", chair)
