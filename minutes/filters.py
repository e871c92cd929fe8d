"""FilterSets, one per resource, shared by the HTML lists and (later) the API.

The public resources (published minutes, public decisions) are filtered through method
filters that read their column names from ``paths``. The defaults describe querysets of
the minutes models themselves (``Minutes``, ``Decision``); a denormalised index of the
published text, such as the portal's, subclasses with its own paths, so both filter the
same way with the same parameters and the same Persian messages.

Free-text search (``q``) needs a column that holds the text already folded by
:func:`persian.text.normalize` (``paths["text"]``, ``search_text`` by default: a field or
an annotation). The query is folded the same way and split into words; every word must
occur. So «تصمیم» typed with an Arabic ي, digits in any script, and words written with or
without the zero-width non-joiner (or with a space instead of it) all match.
"""

from __future__ import annotations

import datetime

import django_filters
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.models import Committee, Organization
from minutes.models import Decision, Meeting, Minutes
from persian.forms import JalaliDateField
from persian.text import normalize
from workgroups.models import Workgroup

# The value of the «body» filter that selects the meetings of the whole committee.
PLENARY = "committee"
OVERDUE = "overdue"
# Longer queries are cut: a search box is not a place for essays, and each word is a LIKE.
MAX_SEARCH_WORDS = 8


class JalaliDateFilter(django_filters.DateFilter):
    """A date typed in the Jalali calendar: ۱۴۰۵/۰۲/۰۸, 1405/2/8 or ١٤٠٥-٠٢-٠٨."""

    field_class = JalaliDateField


class MeetingFilter(django_filters.FilterSet):
    """Filters for lists of meetings, shared by the working interface and later the API."""

    workgroup = django_filters.ModelChoiceFilter(
        label=_("کارگروه"), queryset=Workgroup.objects.all(), empty_label=_("همه")
    )
    status = django_filters.ChoiceFilter(
        label=_("وضعیت"), choices=Meeting.Status.choices, empty_label=_("همه")
    )
    since = JalaliDateFilter(label=_("از تاریخ"), field_name="starts_at", lookup_expr="date__gte")
    until = JalaliDateFilter(label=_("تا تاریخ"), field_name="starts_at", lookup_expr="date__lte")

    class Meta:
        model = Meeting
        fields = ["workgroup", "status", "since", "until"]


# --- Shared pieces of the public filters ---------------------------------------------------


def search_words(text: str | None) -> list[str]:
    """The words of a search query, folded like the searched text."""
    return normalize(text).split()[:MAX_SEARCH_WORDS]


def filter_search_text(queryset: QuerySet, column: str, text: str | None) -> QuerySet:
    """Rows whose normalised ``column`` contains every word of ``text``."""
    for word in search_words(text):
        queryset = queryset.filter(**{f"{column}__contains": word})
    return queryset


def committee_choices() -> list[tuple[str, str]]:
    return [(c.slug, c.name) for c in Committee.objects.order_by("name")]


def body_choices() -> list[tuple[str, str]]:
    """«The whole committee», then the workgroups by their slug, in the official order."""
    choices = [(PLENARY, str(_("جلسات کل کمیته")))]
    seen = {PLENARY}
    for workgroup in Workgroup.objects.order_by("committee__name", "order", "pk"):
        if workgroup.slug not in seen:
            seen.add(workgroup.slug)
            choices.append((workgroup.slug, workgroup.name))
    return choices


class _PathsFilterSet(django_filters.FilterSet):
    paths: dict[str, str] = {}

    def _path(self, key: str) -> str:
        return self.paths[key]

    def filter_committee(self, queryset, name, value):
        return queryset.filter(**{f"{self._path('committee')}__slug": value})

    def filter_body(self, queryset, name, value):
        workgroup = self._path("workgroup")
        if value == PLENARY:
            return queryset.filter(**{f"{workgroup}__isnull": True})
        return queryset.filter(**{f"{workgroup}__slug": value})

    def filter_text(self, queryset, name, value):
        return filter_search_text(queryset, self._path("text"), value)


# --- Published minutes -----------------------------------------------------------------------


class PublishedMinutesFilter(_PathsFilterSet):
    """Published minutes: by committee, by body (a workgroup or the whole committee), by the
    date of the meeting (a Jalali range, both ends included) and by free text over the
    published titles, summaries, public agenda items and public decisions."""

    paths = {
        "committee": "meeting__committee",
        "workgroup": "meeting__workgroup",
        # The calendar day of the meeting in Tehran (the active time zone).
        "day": "meeting__starts_at__date",
        "text": "search_text",
    }

    committee = django_filters.ChoiceFilter(
        label=_("کمیته"), choices=committee_choices, method="filter_committee", empty_label=_("همه")
    )
    body = django_filters.ChoiceFilter(
        label=_("کارگروه"),
        choices=body_choices,
        method="filter_body",
        empty_label=_("همه کارگروه‌ها و کمیته"),
    )
    since = JalaliDateFilter(label=_("از تاریخ جلسه"), method="filter_since")
    until = JalaliDateFilter(label=_("تا تاریخ جلسه"), method="filter_until")
    q = django_filters.CharFilter(label=_("جست‌وجو در متن"), method="filter_text")

    class Meta:
        model = Minutes
        fields: list[str] = []

    def filter_since(self, queryset, name, value: datetime.date):
        return queryset.filter(**{f"{self._path('day')}__gte": value})

    def filter_until(self, queryset, name, value: datetime.date):
        return queryset.filter(**{f"{self._path('day')}__lte": value})


# --- Public decisions ------------------------------------------------------------------------


def decision_status_choices() -> list[tuple[str, str]]:
    return [*Decision.Status.choices, (OVERDUE, str(_("عقب‌افتاده")))]


class PublicDecisionFilter(_PathsFilterSet):
    """Decisions: by committee, body, current status (or «overdue»: past the deadline and
    neither done nor cancelled), responsible organisation, a Jalali range of DEADLINES (both
    ends included) and free text."""

    paths = {
        "committee": "meeting__committee",
        "workgroup": "meeting__workgroup",
        "status": "status",
        "deadline": "deadline",
        "organization": "responsible_organization",
        "text": "search_text",
    }

    committee = django_filters.ChoiceFilter(
        label=_("کمیته"), choices=committee_choices, method="filter_committee", empty_label=_("همه")
    )
    body = django_filters.ChoiceFilter(
        label=_("کارگروه"),
        choices=body_choices,
        method="filter_body",
        empty_label=_("همه کارگروه‌ها و کمیته"),
    )
    status = django_filters.ChoiceFilter(
        label=_("وضعیت"),
        choices=decision_status_choices,
        method="filter_status",
        empty_label=_("همه"),
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("سازمان مسئول اجرا"),
        queryset=Organization.objects.order_by("name"),
        method="filter_organization",
        empty_label=_("همه"),
    )
    since = JalaliDateFilter(label=_("مهلت اجرا از"), method="filter_since")
    until = JalaliDateFilter(label=_("مهلت اجرا تا"), method="filter_until")
    q = django_filters.CharFilter(label=_("جست‌وجو در متن"), method="filter_text")

    class Meta:
        model = Decision
        fields: list[str] = []

    def overdue_q(self) -> Q:
        """Past the deadline (Tehran's today) and still open or in progress."""
        return Q(
            **{
                f"{self._path('deadline')}__lt": timezone.localdate(),
                f"{self._path('status')}__in": [
                    Decision.Status.OPEN,
                    Decision.Status.IN_PROGRESS,
                ],
            }
        )

    def filter_status(self, queryset, name, value):
        if value == OVERDUE:
            return queryset.filter(self.overdue_q())
        return queryset.filter(**{self._path("status"): value})

    def filter_organization(self, queryset, name, value):
        return queryset.filter(**{self._path("organization"): value})

    def filter_since(self, queryset, name, value: datetime.date):
        return queryset.filter(**{f"{self._path('deadline')}__gte": value})

    def filter_until(self, queryset, name, value: datetime.date):
        return queryset.filter(**{f"{self._path('deadline')}__lte": value})
