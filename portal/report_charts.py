"""The scoreboard's charts, drawn alike on the page (portal.views_reports, from Figures) and
in the season report's PDF (portal.season_reports, from the same figures as plain data,
``committee_report_data``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.utils.translation import gettext as _

from portal import charts

BARS_SHOWN = 20
STACK = (
    ("on_time", "انجام‌شده به‌موقع"),
    ("late", "انجام‌شده با تأخیر"),
    ("open", "باز در مهلت"),
    ("overdue", "عقب‌افتاده"),
)


def _field(row: Any, name: str) -> Any:
    return row[name] if isinstance(row, Mapping) else getattr(row, name)


def stack_chart(
    rows: Iterable[Any],
    *,
    title: str,
    label_id: str,
    table_id: str,
    short: dict[Any, str] | None = None,
):
    """Stacked bars of the rows with the most decisions assigned: on time, late, open
    within the deadline, overdue; ``short`` names a row by its key (workgroups)."""
    shown = sorted(rows, key=lambda r: (-_field(r, "assigned"), _field(r, "name")))[:BARS_SHOWN]
    return charts.stacked_bars(
        [(short or {}).get(_field(r, "key")) or _field(r, "name") for r in shown],
        [(_(label), [_field(r, key) for r in shown]) for key, label in STACK],
        title=title,
        label_id=label_id,
        table_id=table_id,
    )


def trend_chart(labels: list[str], months: Iterable[Any]):
    """The monthly trend: decisions taken, done, and overdue at the month's end."""
    months = list(months)
    return charts.lines(
        labels,
        [
            (_("مصوبات گرفته‌شده"), [_field(m, "taken") for m in months]),
            (_("انجام‌شده"), [_field(m, "done") for m in months]),
            (_("عقب‌افتاده در پایان ماه"), [_field(m, "overdue") for m in months]),
        ],
        title=_("روند ماهانه"),
        label_id="trend-chart-title",
        table_id="trend-table",
    )
