"""State changes of workgroups. Every change runs in one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from committee.models import Committee
from workgroups.models import Workgroup
from workgroups.standard import STANDARD_DUTIES, STANDARD_WORKGROUPS


@dataclass
class SetupResult:
    committee: Committee
    committee_created: bool
    workgroups_created: int


@transaction.atomic
def setup_committee(
    *, slug: str, name: str, municipality: str, city: str, description: str = ""
) -> SetupResult:
    """Create a committee with its five standard workgroups, or complete one that exists.

    Idempotent: running it again changes nothing. An existing committee keeps its own
    name and description; only missing standard workgroups are added.
    """
    committee, created = Committee.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "municipality": municipality,
            "city": city,
            "description": description,
            "duties": "\n".join(str(duty) for duty in STANDARD_DUTIES),
        },
    )
    added = 0
    for order, wg_slug, wg_name, short_name in STANDARD_WORKGROUPS:
        _, wg_created = Workgroup.objects.get_or_create(
            committee=committee,
            slug=wg_slug,
            defaults={"name": wg_name, "short_name": short_name, "order": order},
        )
        added += wg_created
    return SetupResult(committee=committee, committee_created=created, workgroups_created=added)
