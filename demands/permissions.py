"""The model permissions a secretariat's staff group needs for demands in the admin (added
to the demo's group by demo/loader.py ``_secretariat_group``; a deployment gives its own
group the same): view on the demands, supports and imported counts, which change only
through demands.services and demands.imports (the admin shows them read-only), and add,
change, delete and view on the committee's lists of topics and districts, which the admin
keeps directly, for the committees whose secretariat the staff member is
(demands/admin.py). The district list is the committee app's model (committee.District,
which decisions name too); its permissions carry that app's label."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet

READ = ("demand", "support", "importbatch", "importedcount")
KEPT = ("topic", "district")


def demand_staff_permission_codenames() -> list[str]:
    return [f"view_{model}" for model in (*READ, *KEPT)] + [
        f"{action}_{model}" for action in ("add", "change", "delete") for model in KEPT
    ]


def demand_staff_permissions() -> QuerySet[Permission]:
    return Permission.objects.filter(
        Q(content_type__app_label="demands")
        | Q(content_type__app_label="committee", content_type__model="district"),
        codename__in=demand_staff_permission_codenames(),
    )
