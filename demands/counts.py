"""The figures of the priorities: published demands counted by topic and by district (people
who raised them, supporters, how many reached the agenda and a decision), and beside them,
never added to them, the requests of the 137 contact centre (demands.imports). Used by the
list and its CSV, the charts page and the API."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db.models import Q, QuerySet, Sum

from demands import imports
from demands.models import ImportedCount
from persian.jalali import to_jalali


def imported(
    counts: QuerySet[ImportedCount],
    *,
    topic: int | None = None,
    district: int | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> dict[str, Any]:
    """The 137 centre's counts of requests (demands.imports) of ``counts`` under the
    filters: by topic name, by district name, and in all. A period takes the months it
    touches."""
    if topic:
        counts = counts.filter(topic=topic)
    if district:
        counts = counts.filter(district=district)
    if date_from:
        start = to_jalali(date_from)
        counts = counts.filter(Q(year__gt=start.year) | Q(year=start.year, month__gte=start.month))
    if date_to:
        end = to_jalali(date_to)
        counts = counts.filter(Q(year__lt=end.year) | Q(year=end.year, month__lte=end.month))
    counts = counts.order_by()

    def by(key: str) -> dict[str, int]:
        return {row[key]: row["n"] for row in counts.values(key).annotate(n=Sum("requests"))}

    months = list(counts.values_list("year", "month").distinct().order_by("year", "month"))
    return {
        "topic__name": by("topic__name"),
        "district__name": by("district__name"),
        "total": counts.aggregate(n=Sum("requests"))["n"] or 0,
        "first": imports.month_label(*months[0]) if months else "",
        "last": imports.month_label(*months[-1]) if months else "",
        "months": len(months),
    }


def summarise(demands, imported: dict[str, Any] | None = None) -> dict[str, Any]:
    """Counts by topic and by district of ``demands`` (annotated with_counts, with_stage):
    demands, people who raised them, supporters, and how many reached the agenda and a
    decision; beside them (never added to them) the requests of ``imported``, the 137
    centre's counts of :func:`imported`."""
    imported = imported or {}
    rows = list(
        demands.order_by().values(
            "topic__name", "district__name", "raised", "supporters", "agenda_item", "decided"
        )
    )
    total = len(rows)

    def table(key: str) -> list[dict[str, Any]]:
        groups: dict[str, Counter] = {}
        for row in rows:
            group = groups.setdefault(row[key], Counter())
            group["demands"] += 1
            group["raised"] += row["raised"]
            group["supporters"] += row["supporters"]
            group["agenda"] += row["agenda_item"] is not None
            group["decided"] += bool(row["decided"])
        for name in imported.get(key, {}):
            groups.setdefault(name, Counter())
        largest = max((g["raised"] + g["supporters"] for g in groups.values()), default=0) or 1
        return sorted(
            (
                {
                    "name": name,
                    **{
                        k: group[k]
                        for k in ("demands", "raised", "supporters", "agenda", "decided")
                    },
                    "weight": group["raised"] + group["supporters"],
                    "bar": round(100 * (group["raised"] + group["supporters"]) / largest),
                    "imported": imported.get(key, {}).get(name, 0),
                }
                for name, group in groups.items()
            ),
            key=lambda g: (-g["weight"], -g["imported"], g["name"]),
        )

    on_agenda = sum(row["agenda_item"] is not None for row in rows)
    decided = sum(bool(row["decided"]) for row in rows)
    return {
        "total": total,
        "on_agenda": on_agenda,
        "decided": decided,
        "decided_share": round(100 * decided / total) if total else 0,
        "agenda_share": round(100 * on_agenda / total) if total else 0,
        "by_topic": table("topic__name"),
        "by_district": table("district__name"),
        "imported": imported,
    }
