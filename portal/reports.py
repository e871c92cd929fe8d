"""Public reports: how each responsible organisation carries out the committee's decisions,
and how journalists' questions are answered, over a Jalali period.

Every figure is computed here, once, from the public record only: the portal's index of
the latest published revision of each meeting's minutes (:class:`PublicDecision`, which
never holds an internal decision) with the live status and follow-ups of each decision.
The counting is done by the database (grouped ``COUNT … FILTER``); only the days behind a
median or a 90th percentile are read, as plain dates, for one organisation or one period.

The definitions (stated on the pages from :data:`DEFINITIONS`):

* a decision belongs to a period when its **meeting** falls in it;
* **done on time**: its current status is done and the follow-up that marked it done (its
  latest follow-up by date, which sets the status: minutes.services.record_follow_up) is
  dated on or before the deadline; **done late**: dated after it. A decision marked done
  with no follow-up counts as done on the day of its meeting;
* **overdue**: the one definition of the tracker (minutes.models.overdue_q): the deadline
  is before today and it is still open or in progress;
* **open within its deadline**: still open or in progress, and the deadline is today or
  later;
* a decision **without a deadline** is counted apart (neither on time nor late nor
  overdue), and so is a **cancelled** one; a decision without a responsible organisation
  is a row of its own in the scoreboard;
* the deadline is the one published in the minutes: a correction is a new revision, and a
  follow-up does not move the deadline, so a deadline "extended" in a follow-up's note
  still counts from the published one;
* the **median** is the middle value (the mean of the two middle ones for an even count);
  the **90th percentile** is the nearest-rank value: the smallest number of days that at
  least 90 % of the decisions do not exceed.
"""

from __future__ import annotations

import datetime
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committee.models import Committee
from minutes.models import Decision, FollowUp, Meeting, Question, overdue_q
from persian.digits import to_latin_digits, to_persian_digits
from persian.jalali import (
    DATE_CEILING,
    DATE_FLOOR,
    MONTH_NAMES,
    JalaliParseError,
    days_in_month,
    from_jalali,
    parse_jalali_date,
    to_jalali,
)
from portal.models import PublicDecision, PublishedDocument

# --- Periods ---------------------------------------------------------------------------------

MONTH, SEASON, YEAR, RANGE = "month", "season", "year", "range"
PERIOD_KINDS = (MONTH, SEASON, YEAR, RANGE)
PERIOD_PARAMS = ("period", "year", "month", "season", "since", "until")
SEASON_NAMES: tuple[str, ...] = ("بهار", "تابستان", "پاییز", "زمستان")
# The years a visitor may ask for: those of the dates the forms accept (persian.jalali).
MIN_YEAR = to_jalali(DATE_FLOOR).year
MAX_YEAR = to_jalali(DATE_CEILING).year - 1
# A range's trend is drawn month by month; longer ranges are refused rather than drawn
# as an unreadable chart.
MAX_MONTHS = 60


class PeriodError(ValueError):
    """A period the visitor asked for that does not exist; the message is Persian."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Period:
    """A span of days, both ends included, chosen as a Jalali month, season, year or range."""

    kind: str
    start: datetime.date
    end: datetime.date
    year: int
    month: int | None = None
    season: int | None = None

    @property
    def label(self) -> str:
        if self.kind == MONTH and self.month:
            return to_persian_digits(f"{MONTH_NAMES[self.month - 1]} {self.year}")
        if self.kind == SEASON and self.season:
            return to_persian_digits(f"{SEASON_NAMES[self.season - 1]} {self.year}")
        if self.kind == YEAR:
            return to_persian_digits(_("سال %(year)s") % {"year": self.year})
        return _("از %(since)s تا %(until)s") % {
            "since": _numeric(self.start),
            "until": _numeric(self.end),
        }

    def query(self) -> dict[str, str]:
        """The query parameters that choose this period again (for links)."""
        if self.kind == RANGE:
            return {
                "period": RANGE,
                "since": to_latin_digits(_numeric(self.start)),
                "until": to_latin_digits(_numeric(self.end)),
            }
        params = {"period": self.kind, "year": str(self.year)}
        if self.month:
            params["month"] = str(self.month)
        if self.season:
            params["season"] = str(self.season)
        return params

    def months(self) -> list[tuple[int, int]]:
        """The Jalali (year, month) pairs the period touches, in order."""
        first, last = to_jalali(self.start), to_jalali(self.end)
        pairs = []
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            pairs.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return pairs


def _numeric(day: datetime.date) -> str:
    j = to_jalali(day)
    return to_persian_digits(f"{j.year:04d}/{j.month:02d}/{j.day:02d}")


def month_span(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return from_jalali(year, month, 1), from_jalali(year, month, days_in_month(year, month))


def _number(params: Mapping[str, str], name: str, low: int, high: int, message: str) -> int:
    raw = to_latin_digits(str(params.get(name, "")).strip())
    if not raw.isascii() or not raw.isdigit() or not low <= int(raw) <= high:
        raise PeriodError(message)
    return int(raw)


def parse_period(params: Mapping[str, str], today: datetime.date | None = None) -> Period:
    """The period a visitor chose (``period`` = month, season, year or range, with ``year``
    and ``month`` or ``season``, or ``since`` and ``until`` as Jalali dates); by default the
    current Jalali year. Raises :class:`PeriodError` with a Persian message for anything
    that is not a period."""
    today = today or timezone.localdate()
    # One string a name (a QueryDict copied as a dict would give lists).
    params = {name: str(params.get(name) or "") for name in PERIOD_PARAMS}
    kind = params["period"] or YEAR
    if kind not in PERIOD_KINDS:
        raise PeriodError(
            _("بازه «%(kind)s» شناخته نیست؛ ماه، فصل، سال یا بازه دلخواه را برگزینید.")
            % {"kind": kind[:20]}
        )
    if kind == RANGE:
        try:
            start = parse_jalali_date(str(params.get("since", "")))
            end = parse_jalali_date(str(params.get("until", "")))
        except JalaliParseError as error:
            raise PeriodError(_("تاریخ بازه: %(error)s") % {"error": error}) from error
        if not (DATE_FLOOR <= start < DATE_CEILING and DATE_FLOOR <= end < DATE_CEILING):
            raise PeriodError(
                to_persian_digits(
                    _("بازه باید میان سال‌های %(min)s و %(max)s باشد.")
                    % {"min": MIN_YEAR, "max": MAX_YEAR}
                )
            )
        if end < start:
            raise PeriodError(_("آغاز بازه پس از پایان آن است؛ تاریخ‌ها را جابه‌جا کنید."))
        period = Period(RANGE, start, end, to_jalali(start).year)
        if len(period.months()) > MAX_MONTHS:
            raise PeriodError(
                to_persian_digits(_("بازه حداکثر %(n)s ماه است.") % {"n": MAX_MONTHS})
            )
        return period
    current = to_jalali(today)
    if params["year"].strip():
        year = _number(
            params,
            "year",
            MIN_YEAR,
            MAX_YEAR,
            to_persian_digits(
                _("سال باید عددی از %(min)s تا %(max)s باشد.") % {"min": MIN_YEAR, "max": MAX_YEAR}
            ),
        )
    else:
        year = current.year
    if kind == YEAR:
        return Period(YEAR, from_jalali(year, 1, 1), month_span(year, 12)[1], year)
    if kind == MONTH:
        default = {"month": str(current.month)} if not params.get("month") else {}
        month = _number({**params, **default}, "month", 1, 12, _("ماه باید عددی از ۱ تا ۱۲ باشد."))
        start, end = month_span(year, month)
        return Period(MONTH, start, end, year, month=month)
    default = {"season": str((current.month - 1) // 3 + 1)} if not params.get("season") else {}
    season = _number({**params, **default}, "season", 1, 4, _("فصل باید عددی از ۱ تا ۴ باشد."))
    first = 3 * (season - 1) + 1
    return Period(
        SEASON, month_span(year, first)[0], month_span(year, first + 2)[1], year, season=season
    )


# --- Decisions ------------------------------------------------------------------------------

DONE = Decision.Status.DONE
CANCELLED = Decision.Status.CANCELLED

# The figures of a record, in the order of the tables; each is a sort key of the scoreboard.
COUNT_FIELDS = ("assigned", "on_time", "late", "open", "overdue", "no_deadline", "cancelled")
DAY_FIELDS = ("median_days_to_done", "p90_days_to_done", "median_days_overdue", "p90_days_overdue")
TABLE_FIELDS = (*COUNT_FIELDS, "on_time_share", *DAY_FIELDS)  # the columns, in order
SORT_FIELDS = ("name", *TABLE_FIELDS)

FIELD_LABELS: dict[str, Any] = {
    "name": gettext_lazy("نام"),
    "assigned": gettext_lazy("مصوبات سپرده‌شده"),
    "on_time": gettext_lazy("انجام‌شده به‌موقع"),
    "late": gettext_lazy("انجام‌شده با تأخیر"),
    "open": gettext_lazy("باز در مهلت"),
    "overdue": gettext_lazy("عقب‌افتاده"),
    "no_deadline": gettext_lazy("بی‌مهلت"),
    "cancelled": gettext_lazy("لغوشده"),
    "on_time_share": gettext_lazy("سهم به‌موقع از انجام‌شده‌ها"),
    "median_days_to_done": gettext_lazy("میانه روز تا انجام"),
    "p90_days_to_done": gettext_lazy("صدک ۹۰ روز تا انجام"),
    "median_days_overdue": gettext_lazy("میانه روز عقب‌افتادگی"),
    "p90_days_overdue": gettext_lazy("صدک ۹۰ روز عقب‌افتادگی"),
}

DEFINITIONS: tuple[Any, ...] = (
    gettext_lazy(
        "هر مصوبه در بازه‌ای شمرده می‌شود که جلسه‌اش در آن برگزار شده است؛ فقط مصوبات عمومی "
        "صورتجلسه‌های منتشرشده شمرده می‌شوند و مصوبات داخلی هرگز."
    ),
    gettext_lazy(
        "انجام‌شده به‌موقع: وضعیت کنونی «انجام‌شده» است و پیگیری‌ای که آن را انجام‌شده ثبت کرد "
        "(آخرین پیگیری به تاریخ) در مهلت یا پیش از آن است؛ انجام‌شده با تأخیر: پس از مهلت. "
        "مصوبه انجام‌شده بی‌پیگیری، انجام‌شده در روز جلسه شمرده می‌شود."
    ),
    gettext_lazy(
        "عقب‌افتاده: مهلت پیش از امروز گذشته و مصوبه هنوز در انتظار اقدام یا در حال اجراست "
        "(همان تعریف صفحه پیگیری مصوبات). باز در مهلت: هنوز انجام نشده و مهلتش امروز "
        "یا پس از آن است."
    ),
    gettext_lazy(
        "مهلت همان است که در صورتجلسه منتشر شد: اگر در یادداشت پیگیری مهلت تازه‌ای آمده باشد، "
        "باز هم از مهلت اصلی حساب می‌شود."
    ),
    gettext_lazy(
        "مصوبه بی‌مهلت و مصوبه لغوشده جدا شمرده می‌شوند؛ مصوبه بی‌سازمان مسئول سطری جدا دارد."
    ),
    gettext_lazy(
        "مناطق شهری: مصوبه‌ای که چند منطقه را نام برده در شمار هر یک از آن مناطق می‌آید؛ "
        "مصوبه‌ای که منطقه‌ای را نام نبرده سطری جدا دارد."
    ),
    gettext_lazy(
        "میانه: عدد وسط (برای شمار زوج، میانگین دو عدد وسط). صدک ۹۰: کمترین شمار روزی که دست‌کم "
        "۹۰ درصد مصوبات از آن بیشتر نشده‌اند."
    ),
)


def percentile(values: Sequence[int], share: int) -> int | None:
    """The nearest-rank percentile: the smallest value that at least ``share`` % of
    ``values`` do not exceed (None for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share / 100 * len(ordered))) - 1]


def median(values: Sequence[int]) -> float | None:
    return statistics.median(values) if values else None


def _ranked(histogram: Mapping[int, int], rank: int) -> int:
    """The ``rank``-th smallest value (from 1) of the values counted in ``histogram``."""
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    raise ValueError(rank)


def histogram_percentile(histogram: Mapping[int, int], share: int) -> int | None:
    """:func:`percentile` of the values counted in ``histogram`` (value → how many)."""
    total = sum(histogram.values())
    if not total:
        return None
    return _ranked(histogram, max(1, math.ceil(share / 100 * total)))


def histogram_median(histogram: Mapping[int, int]) -> float | None:
    """:func:`median` of the values counted in ``histogram``."""
    total = sum(histogram.values())
    if not total:
        return None
    if total % 2:
        return _ranked(histogram, total // 2 + 1)
    return (_ranked(histogram, total // 2) + _ranked(histogram, total // 2 + 1)) / 2


def _done_on() -> Coalesce:
    # The decision's status is that of its latest follow-up by date (record_follow_up), so
    # for a done decision the latest follow-up is the one that marked it done.
    latest = FollowUp.objects.filter(decision=OuterRef("decision")).order_by("-date", "-pk")
    return Coalesce(
        Subquery(latest.values("date")[:1]), F("meeting_date"), output_field=DateField()
    )


def public_decisions(committee: Committee, period: Period) -> QuerySet[PublicDecision]:
    """The committee's public decisions whose meeting falls in ``period``, with their live
    status (``live_status``) and the day they were done (``done_on``) as aliases."""
    return with_live_status(
        PublicDecision.objects.filter(
            committee=committee, meeting_date__range=(period.start, period.end)
        )
    )


def with_live_status(queryset: QuerySet[PublicDecision]) -> QuerySet[PublicDecision]:
    """``queryset`` with the aliases ``live_status`` and ``done_on``."""
    return queryset.alias(
        live_status=Coalesce(
            F("decision__status"), F("status_at_publication"), output_field=CharField()
        ),
        done_on=_done_on(),
    ).order_by()


def bucket_q(name: str, today: datetime.date) -> Q:
    """The one definition of each count (on a queryset of :func:`public_decisions`)."""
    done = Q(live_status=DONE, deadline__isnull=False)
    return {
        "assigned": Q(),
        "on_time": done & Q(done_on__lte=F("deadline")),
        "late": done & Q(done_on__gt=F("deadline")),
        "open": Q(live_status__in=Decision.OPEN_STATUSES, deadline__gte=today),
        "overdue": overdue_q(today, status="live_status"),
        "no_deadline": Q(deadline__isnull=True) & ~Q(live_status=CANCELLED),
        "cancelled": Q(live_status=CANCELLED),
    }[name]


# The bucket a decision falls in, in the order of the figure tables (each decision in one).
BUCKETS = ("on_time", "late", "open", "overdue", "no_deadline", "cancelled")


def with_bucket(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """A queryset of :func:`with_live_status` with ``bucket``: the name of the one count
    (:func:`bucket_q`) each decision falls in — the same definitions as the figures."""
    today = today or timezone.localdate()
    return queryset.annotate(
        bucket=Case(
            *(When(bucket_q(name, today), then=Value(name)) for name in BUCKETS),
            default=Value(""),
            output_field=CharField(),
        )
    )


def _counts(today: datetime.date) -> dict[str, Count]:
    return {name: Count("pk", filter=bucket_q(name, today)) for name in COUNT_FIELDS}


@dataclass
class Figures:
    """The figures of one organisation, person, workgroup or the whole committee."""

    key: Any = None
    name: str = ""
    url: str = ""
    assigned: int = 0
    on_time: int = 0
    late: int = 0
    open: int = 0
    overdue: int = 0
    no_deadline: int = 0
    cancelled: int = 0
    median_days_to_done: float | None = None
    p90_days_to_done: int | None = None
    median_days_overdue: float | None = None
    p90_days_overdue: int | None = None
    days_to_done: list[int] = field(default_factory=list, repr=False)
    # The same days counted (days → how many), when the figures come from the aggregates.
    days_to_done_counts: dict[int, int] = field(default_factory=dict, repr=False)

    @property
    def done(self) -> int:
        return self.on_time + self.late

    @property
    def on_time_share(self) -> int | None:
        """Per cent of the done decisions with a deadline that were done on time."""
        return round(100 * self.on_time / self.done) if self.done else None

    def done_days_counted(self) -> dict[int, int]:
        """Days from meeting to done → how many decisions."""
        if self.days_to_done_counts:
            return self.days_to_done_counts
        counts: dict[int, int] = {}
        for value in self.days_to_done:
            counts[value] = counts.get(value, 0) + 1
        return counts

    def with_counted_days(self, to_done: dict[int, int], overdue: dict[int, int]) -> Figures:
        return replace(
            self,
            days_to_done_counts=to_done,
            median_days_to_done=histogram_median(to_done),
            p90_days_to_done=histogram_percentile(to_done, 90),
            median_days_overdue=histogram_median(overdue),
            p90_days_overdue=histogram_percentile(overdue, 90),
        )

    def with_days(self, to_done: list[int], overdue: list[int]) -> Figures:
        return replace(
            self,
            days_to_done=to_done,
            median_days_to_done=median(to_done),
            p90_days_to_done=percentile(to_done, 90),
            median_days_overdue=median(overdue),
            p90_days_overdue=percentile(overdue, 90),
        )


def _days(queryset: QuerySet, today: datetime.date, key: str | None = None):
    """The days from meeting to done of the done decisions, and the days overdue of the
    overdue ones, as plain integers (grouped by ``key`` when given)."""
    to_done: dict[Any, list[int]] = {}
    overdue: dict[Any, list[int]] = {}
    fields = [key] if key else []
    done = queryset.filter(live_status=DONE).annotate(done_day=F("done_on"))
    for *group, meeting_day, done_on in done.values_list(*fields, "meeting_date", "done_day"):
        to_done.setdefault(group[0] if group else None, []).append((done_on - meeting_day).days)
    for *group, deadline in queryset.filter(bucket_q("overdue", today)).values_list(
        *fields, "deadline"
    ):
        overdue.setdefault(group[0] if group else None, []).append((today - deadline).days)
    return to_done, overdue


def figures(queryset: QuerySet, today: datetime.date | None = None) -> Figures:
    """All the figures of a queryset of :func:`public_decisions`: one aggregate query and
    two reads of dates."""
    today = today or timezone.localdate()
    counts = queryset.aggregate(**_counts(today))
    to_done, overdue = _days(queryset, today)
    return Figures(**counts).with_days(to_done.get(None, []), overdue.get(None, []))


def figures_by(
    queryset: QuerySet, key: str, names: Mapping[Any, str], today: datetime.date | None = None
) -> list[Figures]:
    """The figures grouped by ``key`` (a column of PublicDecision, such as ``organization``
    or ``workgroup``) in one grouped query; ``names`` names each key (None: the rows
    without one)."""
    today = today or timezone.localdate()
    rows = queryset.values(key).annotate(**_counts(today)).order_by(key)
    to_done, overdue = _days(queryset, today, key)
    return [
        Figures(
            key=row[key], name=names.get(row[key], ""), **{k: row[k] for k in COUNT_FIELDS}
        ).with_days(to_done.get(row[key], []), overdue.get(row[key], []))
        for row in rows
    ]


def sort_rows(rows: list[Figures], sort: str, descending: bool) -> list[Figures]:
    """Rows sorted by one figure; rows without a value (no done decision) always last,
    then by name."""
    if sort not in SORT_FIELDS:
        sort = "overdue"
    if sort == "name":
        return sorted(rows, key=lambda r: r.name, reverse=descending)
    present = [r for r in rows if getattr(r, sort) is not None]
    missing = [r for r in rows if getattr(r, sort) is None]
    present.sort(key=lambda r: r.name)
    present.sort(key=lambda r: getattr(r, sort), reverse=descending)
    return present + sorted(missing, key=lambda r: r.name)


def overdue_decisions(queryset: QuerySet, today: datetime.date | None = None):
    """The overdue decisions, oldest deadline first, with their minutes for the links."""
    today = today or timezone.localdate()
    return (
        queryset.filter(bucket_q("overdue", today))
        .select_related("document")
        .order_by("deadline", "meeting_date", "number", "pk")
    )


def follow_ups(queryset: QuerySet) -> QuerySet[FollowUp]:
    """The follow-up notes of these decisions, in time order."""
    return (
        FollowUp.objects.filter(decision__portal_entry__in=queryset.values("pk"))
        .select_related("decision__portal_entry__document")
        .order_by("date", "pk")
    )


# Bins of the distribution of days from the meeting to done (upper bounds, inclusive).
DAY_BINS: tuple[tuple[int | None, Any], ...] = (
    (7, gettext_lazy("تا ۷ روز")),
    (30, gettext_lazy("۸ تا ۳۰ روز")),
    (90, gettext_lazy("۳۱ تا ۹۰ روز")),
    (180, gettext_lazy("۹۱ تا ۱۸۰ روز")),
    (None, gettext_lazy("بیش از ۱۸۰ روز")),
)


def distribution(days: Iterable[int] | Mapping[int, int]) -> list[tuple[str, int]]:
    """How many decisions fall in each bin of :data:`DAY_BINS`, from a list of days or
    from days counted (days → how many)."""
    counted: dict[int, int] = {}
    if isinstance(days, Mapping):
        counted.update(days)
    else:
        for value in days:
            counted[value] = counted.get(value, 0) + 1
    counts = [0] * len(DAY_BINS)
    for value, many in counted.items():
        for index, (upper, _label) in enumerate(DAY_BINS):
            if upper is None or value <= upper:
                counts[index] += many
                break
    return [(str(label), count) for (_upper, label), count in zip(DAY_BINS, counts, strict=True)]


@dataclass
class MonthPoint:
    year: int
    month: int
    taken: int | None  # None for a month that has not begun
    done: int | None
    overdue: int | None

    @property
    def label(self) -> str:
        return to_persian_digits(f"{MONTH_NAMES[self.month - 1]} {self.year}")

    @property
    def short_label(self) -> str:
        return MONTH_NAMES[self.month - 1]


def trend(
    queryset: QuerySet, period: Period, today: datetime.date | None = None
) -> list[MonthPoint]:
    """By Jalali month of the period, in one aggregate query: the decisions taken (meetings
    of the month), done (marked done in the month) and overdue at the month's end (for the
    current month: today), among the period's decisions."""
    today = today or timezone.localdate()
    months = period.months()
    aggregates: dict[str, Count] = {}
    for index, (year, month) in enumerate(months):
        start, end = month_span(year, month)
        aggregates[f"taken_{index}"] = Count("pk", filter=Q(meeting_date__range=(start, end)))
        aggregates[f"done_{index}"] = Count(
            "pk", filter=Q(live_status=DONE, done_on__range=(start, end))
        )
        if start <= today:
            day = min(end + datetime.timedelta(days=1), today)
            # Overdue on ``day``: past the deadline, taken before it, not done by then.
            not_done = Q(live_status__in=Decision.OPEN_STATUSES) | Q(
                live_status=DONE, done_on__gte=day
            )
            aggregates[f"overdue_{index}"] = Count(
                "pk", filter=Q(deadline__lt=day, meeting_date__lt=day) & not_done
            )
    values = queryset.aggregate(**aggregates) if aggregates else {}
    return [
        MonthPoint(
            year,
            month,
            values[f"taken_{index}"] if f"overdue_{index}" in values else None,
            values[f"done_{index}"] if f"overdue_{index}" in values else None,
            values.get(f"overdue_{index}"),
        )
        for index, (year, month) in enumerate(months)
    ]


# --- Journalists' questions -------------------------------------------------------------------

PRESS_FIELDS = ("asked", "accepted", "answered")
PRESS_LABELS: dict[str, Any] = {
    "asked": gettext_lazy("پرسش‌های طرح‌شده"),
    "accepted": gettext_lazy("پذیرفته در دستور جلسه"),
    "answered": gettext_lazy("پاسخ‌داده در صورتجلسه"),
    "median_days": gettext_lazy("میانه روز تا انتشار پاسخ"),
    "p90_days": gettext_lazy("صدک ۹۰ روز تا انتشار پاسخ"),
}
PRESS_DEFINITION = gettext_lazy(
    "پرسش‌هایی که اصحاب رسانه برای جلساتی با صورتجلسه منتشرشده در این بازه طرح کرده‌اند "
    "(فقط شمار آن‌ها؛ متن پرسشی که پذیرفته نشده یا در بند داخلی آمده منتشر نمی‌شود و پرسش بند "
    "داخلی شمرده نمی‌شود). پاسخ‌داده: پاسخ در صورتجلسه منتشرشده ثبت شده است؛ روز تا انتشار پاسخ: "
    "از روز طرح پرسش تا نخستین انتشار صورتجلسه. سازمان پاسخ‌دهنده: سازمان ارائه‌دهنده بند."
)


@dataclass
class PressFigures:
    key: Any = None
    name: str = ""
    asked: int = 0
    accepted: int = 0
    answered: int = 0
    median_days: float | None = None
    p90_days: int | None = None


def public_questions(committee: Committee, period: Period) -> QuerySet[Question]:
    """Questions of the committee's meetings in ``period`` whose latest minutes revision is
    published, except those on internal agenda items; ``accepted`` and ``answered`` by
    the published record."""
    tehran = timezone.get_current_timezone()
    start = datetime.datetime.combine(period.start, datetime.time.min, tzinfo=tehran)
    end = datetime.datetime.combine(
        period.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tehran
    )
    first_published = PublishedDocument.objects.filter(meeting=OuterRef("meeting")).order_by(
        "published_at"
    )
    return (
        Question.objects.filter(
            meeting__committee=committee,
            meeting__starts_at__gte=start,
            meeting__starts_at__lt=end,
            meeting__in=Meeting.objects.record_frozen().values("pk"),
        )
        .exclude(agenda_item__is_public=False)
        .annotate(published_at=Subquery(first_published.values("published_at")[:1]))
        .order_by()
    )


def _accepted_q() -> Q:
    return Q(status=Question.Status.ACCEPTED, agenda_item__is_public=True)


def _answered_q() -> Q:
    return _accepted_q() & ~Q(agenda_item__answer="")


def press_by(
    queryset: QuerySet[Question], key: str, names: Mapping[Any, str], *, accepted_only: bool = False
) -> list[PressFigures]:
    """Asked, accepted and answered by ``key`` (``meeting__workgroup``, or
    ``agenda_item__presenter__organization`` with ``accepted_only``), with the days from a
    question to the publication of its answer."""
    if accepted_only:
        queryset = queryset.filter(_accepted_q())
    rows = (
        queryset.values(key)
        .annotate(
            asked=Count("pk"),
            accepted=Count("pk", filter=_accepted_q()),
            answered=Count("pk", filter=_answered_q()),
        )
        .order_by(key)
    )
    days: dict[Any, list[int]] = {}
    for group, asked_at, published_at in queryset.filter(_answered_q()).values_list(
        key, "created_at", "published_at"
    ):
        if published_at is not None:
            days.setdefault(group, []).append(
                (timezone.localdate(published_at) - timezone.localdate(asked_at)).days
            )
    result = []
    for row in rows:
        values = days.get(row[key], [])
        result.append(
            PressFigures(
                key=row[key],
                name=names.get(row[key], ""),
                asked=row["asked"],
                accepted=row["accepted"],
                answered=row["answered"],
                median_days=median(values),
                p90_days=percentile(values, 90),
            )
        )
    return sorted(result, key=lambda r: (-r.asked, r.name))
