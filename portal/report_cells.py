"""The reports' maintained aggregates: :class:`portal.models.ReportCell` rows, so that a
report reads a few hundred counted cells instead of every decision of the period.

A *slice* is the public decisions of one body's meetings (a workgroup's, or the plenary's)
in one Jalali month. Each decision of a slice falls in a few cells — the kinds below —
keyed by its responsible organisation and person; a cell holds how many decisions fall in
it. Every figure of portal.reports can be read back from the cells, for any ``today``:

* ``on_time`` / ``late`` / ``done_nodl`` (done, with a deadline met or missed, or without a
  deadline), ``days`` = days from the meeting to done;
* ``open`` (open or in progress, with a deadline), ``day`` = the deadline: on a given day it
  is overdue when the deadline is before it, else open within its deadline;
* ``open_nodl`` (open, no deadline), ``cancelled``, ``other`` (a status the reports do not
  know; ``day`` = its deadline);
* for the trend: ``done_on`` (``day`` = the day it was done); ``od_from`` (``day`` = the
  later of the deadline and the meeting: overdue at the end of a month when this is before
  it) and ``od_until`` (done ones: the latest of the deadline, the meeting and the day done:
  no longer overdue from the day after). Overdue on day *d* = #od_from before *d* −
  #od_until before *d*.

The kinds before the trend's are the decision's *primary* cell: each decision has exactly
one, so «assigned» is their sum.

Keeping them up to date. The portal sits above minutes, which does not call it; every
change through the services writes an audit entry (committee.AuditEntry) naming the
meeting, so :func:`refresh` (called by the report views after ``ensure_index``) reads the
audit entries it has not applied yet, and recounts the slices of their meetings (and the
slice a meeting was counted in before, kept in :class:`ReportSlice`, when a correction moved
it). An entry that took its id before others but committed after them (PostgreSQL) is
still applied: the ids applied within the last window are remembered. A change made behind
the services' back (a data import, the admin's bulk edits, the benchmark's seeder) needs
``manage.py portal_report_rebuild``, which recounts everything; until it has run once, the
reports compute from the decisions.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction
from django.db.models import F, Max, Q, QuerySet, Sum

from committee.models import AuditEntry
from minutes.models import Decision
from persian.jalali import to_jalali
from portal import reports
from portal.cache import VERSION_WINDOW, record_version
from portal.models import PublicDecision, ReportCell, ReportSlice, ReportState

PRIMARY_KINDS = ("on_time", "late", "done_nodl", "open", "open_nodl", "cancelled", "other")
TREND_KINDS = ("done_on", "od_from", "od_until")
# Audit actions that can change what a meeting's public decisions count as.
ACTIONS = ("decision.", "minutes.")

Slice = tuple[int, int | None, int, int]  # committee, workgroup, Jalali year, month
CellKey = tuple[int | None, str, str, datetime.date | None, int | None]


def decision_cells(
    status: str,
    deadline: datetime.date | None,
    meeting_day: datetime.date,
    done_on: datetime.date,
) -> list[tuple[str, datetime.date | None, int | None]]:
    """The cells (kind, day, days) one decision falls in; the first is its primary cell."""
    if status == reports.DONE:
        days = (done_on - meeting_day).days
        if deadline is None:
            return [("done_nodl", None, days), ("done_on", done_on, None)]
        kind = "on_time" if done_on <= deadline else "late"
        return [
            (kind, None, days),
            ("done_on", done_on, None),
            ("od_from", max(deadline, meeting_day), None),
            ("od_until", max(deadline, meeting_day, done_on), None),
        ]
    if status in Decision.OPEN_STATUSES:
        if deadline is None:
            return [("open_nodl", None, None)]
        return [("open", deadline, None), ("od_from", max(deadline, meeting_day), None)]
    if status == reports.CANCELLED:
        return [("cancelled", None, None)]
    return [("other", deadline, None)]


def _rows(queryset: QuerySet[PublicDecision]) -> Iterator[tuple]:
    annotated = reports.with_live_status(queryset).annotate(
        status_now=F("live_status"), done_day=F("done_on")
    )
    yield from annotated.values_list(
        "committee_id",
        "workgroup_id",
        "meeting_date",
        "organization_id",
        "responsible_person",
        "status_now",
        "deadline",
        "done_day",
    ).iterator(chunk_size=2000)


def _count(rows: Iterable[tuple]) -> Counter:
    """Cells counted from decision rows (see :func:`_rows`): (slice, cell key) → how many."""
    counted: Counter = Counter()
    for committee_id, workgroup_id, meeting_day, org_id, person, status, deadline, done in rows:
        jalali = to_jalali(meeting_day)
        where: Slice = (committee_id, workgroup_id, jalali.year, jalali.month)
        for kind, day, days in decision_cells(status, deadline, meeting_day, done):
            counted[(where, (org_id, person, kind, day, days))] += 1
    return counted


def _save(counted: Counter) -> None:
    ReportCell.objects.bulk_create(
        (
            ReportCell(
                committee_id=where[0],
                workgroup_id=where[1],
                year=where[2],
                month=where[3],
                organization_id=key[0],
                person=key[1],
                kind=key[2],
                day=key[3],
                days=key[4],
                n=n,
            )
            for (where, key), n in counted.items()
        ),
        batch_size=2000,
    )


def _slice_q(slices: Iterable[Slice]) -> Q:
    q = Q(pk__in=[])
    for committee_id, workgroup_id, year, month in slices:
        q |= Q(committee_id=committee_id, workgroup_id=workgroup_id, year=year, month=month)
    return q


def _slice_decisions(where: Slice) -> QuerySet[PublicDecision]:
    committee_id, workgroup_id, year, month = where
    start, end = reports.month_span(year, month)
    body = {"workgroup_id": workgroup_id}  # None: the plenary's
    return PublicDecision.objects.filter(
        committee_id=committee_id, meeting_date__range=(start, end), **body
    )


def _meeting_slices(meeting_ids: Iterable[int]) -> dict[int, Slice]:
    slices: dict[int, Slice] = {}
    for meeting_id, committee_id, workgroup_id, day in (
        PublicDecision.objects.filter(meeting_id__in=list(meeting_ids))
        .values_list("meeting_id", "committee_id", "workgroup_id", "meeting_date")
        .distinct()
    ):
        jalali = to_jalali(day)
        slices[meeting_id] = (committee_id, workgroup_id, jalali.year, jalali.month)
    return slices


def recount_meetings(meeting_ids: Iterable[int]) -> int:
    """Recount the slices of these meetings (where they are now and where they were last
    counted); how many slices were recounted."""
    meeting_ids = set(meeting_ids)
    if not meeting_ids:
        return 0
    now = _meeting_slices(meeting_ids)
    before = {
        row.meeting_id: (row.committee_id, row.workgroup_id, row.year, row.month)
        for row in ReportSlice.objects.filter(meeting_id__in=meeting_ids)
    }
    slices = set(now.values()) | set(before.values())
    with transaction.atomic():
        ReportCell.objects.filter(_slice_q(slices)).delete()
        counted: Counter = Counter()
        for where in slices:
            part = _count(_rows(_slice_decisions(where)))
            counted.update(part)
        _save(counted)
        ReportSlice.objects.filter(meeting_id__in=meeting_ids).delete()
        ReportSlice.objects.bulk_create(_slice_rows(now))
    return len(slices)


def _slice_rows(slices: dict[int, Slice]) -> Iterator[ReportSlice]:
    """The rows that remember where each meeting was counted: {meeting id: (committee,
    workgroup, Jalali year, month)}."""
    for meeting_id, where in slices.items():
        committee_id, workgroup_id, year, month = where
        yield ReportSlice(
            meeting_id=meeting_id,
            committee_id=committee_id,
            workgroup_id=workgroup_id,
            year=year,
            month=month,
        )


@transaction.atomic
def rebuild() -> int:
    """Recount every cell from the decisions, and follow the audit log from here on; how
    many cells there are."""
    state = _state()
    version = record_version()
    newest = AuditEntry.objects.aggregate(newest=Max("pk"))["newest"] or 0
    ReportCell.objects.all().delete()
    ReportSlice.objects.all().delete()
    counted = _count(_rows(PublicDecision.objects.all()))
    _save(counted)
    slices = _meeting_slices(PublicDecision.objects.values_list("meeting_id", flat=True))
    ReportSlice.objects.bulk_create(_slice_rows(slices), batch_size=2000)
    state.audit_id = newest
    state.seen = list(
        AuditEntry.objects.filter(pk__gt=newest - VERSION_WINDOW).values_list("pk", flat=True)
    )
    state.version = version
    state.built = True
    state.save()
    return len(counted)


def _state() -> ReportState:
    state = ReportState.objects.select_for_update().filter(pk=1).first()
    if state is None:
        ReportState.objects.get_or_create(pk=1)
        state = ReportState.objects.select_for_update().get(pk=1)
    return state


def refresh() -> int | None:
    """Bring the cells up to date with the audit log; how many slices were recounted, or
    None when they were never counted (``manage.py portal_report_rebuild``, once after the
    migration: counting a large record takes minutes, not a request's work), and the
    reports then compute from the decisions. Costs two queries when nothing changed."""
    version = record_version()
    state = ReportState.objects.filter(pk=1).first()
    if state is None or not state.built:
        return None
    if state.version == version:
        return 0
    with transaction.atomic():
        state = _state()
        if state.version == version:
            return 0
        seen = set(state.seen)
        entries = list(
            AuditEntry.objects.filter(pk__gt=state.audit_id - VERSION_WINDOW)
            .exclude(pk__in=seen)
            .values_list("pk", "action", "meeting_id")
        )
        meetings = {
            meeting_id
            for _pk, action, meeting_id in entries
            if meeting_id and action.startswith(ACTIONS)
        }
        recounted = recount_meetings(meetings)
        newest = max([state.audit_id, *(pk for pk, _a, _m in entries)])
        state.audit_id = newest
        state.seen = sorted(
            pk for pk in seen | {pk for pk, _a, _m in entries} if pk > newest - VERSION_WINDOW
        )
        state.version = version
        state.save()
    return recounted


# --- Reading the figures back ----------------------------------------------------------------


def covers(period: reports.Period) -> bool:
    """Whether the cells can answer for ``period``: it is made of whole Jalali months."""
    first, last = to_jalali(period.start), to_jalali(period.end)
    end = reports.month_span(last.year, last.month)[1]
    return first.day == 1 and period.end == end


def cells(committee_id: int, period: reports.Period) -> QuerySet[ReportCell]:
    """The committee's cells of the months of ``period`` (made of whole months)."""
    by_year: dict[int, list[int]] = {}
    for year, month in period.months():
        by_year.setdefault(year, []).append(month)
    q = Q(pk__in=[])
    for year, months in by_year.items():
        q |= Q(year=year, month__gte=min(months), month__lte=max(months))
    return ReportCell.objects.filter(q, committee_id=committee_id).order_by()


def figures_by(
    queryset: QuerySet[ReportCell], key: str | None, today: datetime.date
) -> dict[object, reports.Figures]:
    """:func:`portal.reports.figures_by` (or, with ``key`` None, :func:`figures` under the
    key None) read from the cells: one grouped query."""
    fields = [key] if key else []
    rows = (
        queryset.filter(kind__in=PRIMARY_KINDS)
        .values_list(*fields, "kind", "day", "days")
        .annotate(total=Sum("n"))
        .order_by()
    )
    counts: dict[object, dict[str, Any]] = {}
    to_done: dict[object, dict[int, int]] = {}
    overdue: dict[object, dict[int, int]] = {}
    for *group, kind, day, days, n in rows:
        where = group[0] if group else None
        c = counts.setdefault(where, dict.fromkeys(reports.COUNT_FIELDS, 0))
        c["assigned"] += n
        if kind in ("on_time", "late", "done_nodl"):
            c["no_deadline" if kind == "done_nodl" else kind] += n
            hist = to_done.setdefault(where, {})
            hist[days] = hist.get(days, 0) + n
        elif kind == "open":
            if day < today:
                c["overdue"] += n
                hist = overdue.setdefault(where, {})
                late = (today - day).days
                hist[late] = hist.get(late, 0) + n
            else:
                c["open"] += n
        elif kind == "open_nodl" or (kind == "other" and day is None):
            c["no_deadline"] += n
        elif kind == "cancelled":
            c["cancelled"] += n
    return {
        where: reports.Figures(key=where, **c).with_counted_days(
            to_done.get(where, {}), overdue.get(where, {})
        )
        for where, c in counts.items()
    }


def trend(
    queryset: QuerySet[ReportCell], period: reports.Period, today: datetime.date
) -> list[reports.MonthPoint]:
    """:func:`portal.reports.trend` read from the cells: one grouped query."""
    months = period.months()
    taken: Counter = Counter()
    done_on: Counter = Counter()
    od_from: Counter = Counter()
    od_until: Counter = Counter()
    rows = queryset.values_list("kind", "year", "month", "day").annotate(total=Sum("n")).order_by()
    for kind, year, month, day, n in rows:
        if kind in PRIMARY_KINDS:
            taken[(year, month)] += n
        elif kind == "done_on":
            done_on[day] += n
        elif kind == "od_from":
            od_from[day] += n
        elif kind == "od_until":
            od_until[day] += n
    points = []
    for year, month in months:
        start, end = reports.month_span(year, month)
        if start > today:
            points.append(reports.MonthPoint(year, month, None, None, None))
            continue
        day = min(end + datetime.timedelta(days=1), today)
        points.append(
            reports.MonthPoint(
                year,
                month,
                taken[(year, month)],
                sum(n for d, n in done_on.items() if start <= d <= end),
                sum(n for d, n in od_from.items() if d < day)
                - sum(n for d, n in od_until.items() if d < day),
            )
        )
    return points
