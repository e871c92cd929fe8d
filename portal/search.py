"""The public filters and their Persian free-text search, shared by the portal's pages and the
API (api/filters.py), which both filter published minutes and decisions the same way.

The public resources (published minutes, public decisions) are filtered through method
filters that read their column names from ``paths``. The defaults describe querysets of
the minutes models themselves (``Minutes``, ``Decision``); a denormalised index of the
published text, such as the portal's, subclasses with its own paths, so both filter the
same way with the same parameters and the same Persian messages.

Free-text search (``q``) needs a column that holds the text already folded by
:func:`persian.text.normalize` (``paths["text"]``, ``search_text`` by default: a field or
an annotation). The query is folded the same way and split into words (at most
:data:`MAX_SEARCH_WORDS`); every word must be found. How depends on the database:

* SQLite (:func:`filter_contained_words`): every word must occur anywhere in the column
  (``LIKE '%word%'``), inside a longer word too.
* PostgreSQL (:func:`filter_full_text`), where the FilterSet names a stored ``tsvector``
  column (``paths["vector"]``, the portal's ``search_vector``, kept equal to
  ``to_tsvector('simple', search_text)`` by a trigger and GIN-indexed: portal/migrations/
  0002): full-text search with the ``simple`` text search configuration (no stemming, no
  stop words, lower case), ``search_vector @@ tsquery``. Each query word is
  split into its runs of letters and digits (:func:`persian.text.word_runs`: «KR-1405»
  gives «kr» and «1405») and every run must BEGIN a word of the text (a prefix lexeme,
  ``'run':*``): «مدرس» finds «مدرسه», «درسه» does not (a substring would). Punctuation
  is not searched: a query of punctuation alone finds nothing. The portal's index keeps
  :func:`persian.text.search_key` in its column, which also holds the pieces of words
  joined by a zero-width non-joiner or by punctuation, so these pieces begin words too.

Either way, «تصمیم» typed with an Arabic ي, digits in any script, and words written with
the zero-width non-joiner, without it, or with a space instead of it all match.
"""

from __future__ import annotations

import datetime

import django_filters
from django import forms
from django.contrib.postgres.search import SearchQuery
from django.db import connections
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from committee.models import Committee, District, Organization
from minutes.filters import JalaliDateFilter, JalaliRangeFilterSet
from minutes.models import Decision, Minutes, overdue_q
from minutes.widgets import PlainSelect
from persian.digits import to_latin_digits
from persian.text import normalize, word_runs
from workgroups.models import Workgroup

# The value of the «body» filter that selects the meetings of the whole committee.
PLENARY = "committee"
OVERDUE = "overdue"
# Longer queries are cut: a search box is not a place for essays, and each word is a LIKE
# (SQLite) or up to a few prefix lexemes (PostgreSQL, at most MAX_SEARCH_LEXEMES in all).
MAX_SEARCH_WORDS = 8
MAX_SEARCH_LEXEMES = 32
# PostgreSQL's parser drops words of 2047 bytes or more: they are never in a tsvector.
_MAX_LEXEME_BYTES = 2046
# The text search configuration of the full-text search and of its GIN indexes: the
# stored text is already folded, so no stemming and no stop words, only the parser.
FULL_TEXT_CONFIG = "simple"


# --- Shared pieces of the public filters ---------------------------------------------------


def search_words(text: str | None) -> list[str]:
    """The words of a search query, folded like the searched text."""
    return normalize(text).split()[:MAX_SEARCH_WORDS]


def uses_full_text(queryset: QuerySet) -> bool:
    """Whether ``queryset``'s database searches with full-text search (PostgreSQL)."""
    return connections[queryset.db].vendor == "postgresql"


def search_lexemes(words: list[str]) -> list[str]:
    """The prefix lexemes of a full-text query: the runs of letters and digits of each
    folded word, without repeats, at most :data:`MAX_SEARCH_LEXEMES`."""
    lexemes: list[str] = []
    for word in words:
        for run in word_runs(word):
            if run not in lexemes:
                lexemes.append(run)
    return lexemes[:MAX_SEARCH_LEXEMES]


def prefix_tsquery(lexemes: list[str]) -> str:
    """A tsquery in PostgreSQL's syntax that requires every lexeme as the beginning of a
    word: ``'a':* & 'b':*``. Each lexeme is quoted (a quote doubled, a backslash escaped),
    so nothing in it is read as an operator; runs of letters and digits hold neither."""
    quoted = ("'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'" for lexeme in lexemes)
    return " & ".join(f"{lexeme}:*" for lexeme in quoted)


def filter_contained_words(queryset: QuerySet, column: str, text: str | None) -> QuerySet:
    """Rows whose normalised ``column`` contains every word of ``text``, anywhere."""
    for word in search_words(text):
        queryset = queryset.filter(**{f"{column}__contains": word})
    return queryset


def filter_full_text(queryset: QuerySet, vector: str, text: str | None) -> QuerySet:
    """(PostgreSQL) Rows where every letter-and-digit run of every word of ``text`` begins
    a word of the stored ``tsvector`` column ``vector`` (``to_tsvector('simple', …)`` of the
    normalised text, kept by a trigger: portal/migrations/0002), which a GIN index serves.
    The query is a bound parameter, quoted lexeme by lexeme."""
    words = search_words(text)
    if not words:
        return queryset
    lexemes = search_lexemes(words)
    if not lexemes or any(len(lexeme.encode()) > _MAX_LEXEME_BYTES for lexeme in lexemes):
        # Only punctuation, or a word longer than any indexed one: nothing can match.
        return queryset.none()
    query = SearchQuery(prefix_tsquery(lexemes), search_type="raw", config=FULL_TEXT_CONFIG)
    return queryset.filter(**{vector: query})


def filter_search_text(
    queryset: QuerySet, column: str, text: str | None, vector: str | None = None
) -> QuerySet:
    """Rows whose normalised ``column`` holds every word of ``text``: full-text search of
    its stored ``vector`` on PostgreSQL, substrings otherwise (see the module's
    docstring)."""
    if vector and uses_full_text(queryset):
        return filter_full_text(queryset, vector, text)
    return filter_contained_words(queryset, column, text)


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


class _PathsFilterSet(JalaliRangeFilterSet):
    """What the public filters share: the paths of their columns, and the committee and
    body (a workgroup, or the whole committee) they are narrowed to, first in the form."""

    paths: dict[str, str] = {}

    committee = django_filters.ChoiceFilter(
        label=_("کمیته"),
        choices=committee_choices,
        method="filter_committee",
        empty_label=_("همه"),
        widget=PlainSelect,
    )
    body = django_filters.ChoiceFilter(
        label=_("کارگروه"),
        choices=body_choices,
        method="filter_body",
        empty_label=_("همه کارگروه‌ها و کمیته"),
        widget=PlainSelect,
    )

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
        return filter_search_text(
            queryset, self._path("text"), value, vector=self.paths.get("vector")
        )


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


DISTRICT_UNKNOWN = _("این منطقه در فهرست مناطق شهری نیست.")


class DistrictField(forms.ModelChoiceField):
    """A district by id (any digits): anything but a whole number of a district on the list
    (a word, a number too large for the database) gets the same Persian message."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = to_latin_digits(str(value)).strip()
        if not (text.isascii() and text.isdigit() and 0 < int(text) < 2**63):
            raise forms.ValidationError(DISTRICT_UNKNOWN, code="invalid_choice")
        return super().to_python(text)


class DistrictFilter(django_filters.ModelChoiceFilter):
    field_class = DistrictField


def district_choices(request=None):
    return District.objects.select_related("committee").order_by("committee", "order", "name")


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
        "district": "districts",
        "text": "search_text",
    }

    status = django_filters.ChoiceFilter(
        label=_("وضعیت"),
        choices=decision_status_choices,
        method="filter_status",
        empty_label=_("همه"),
        widget=PlainSelect,
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("سازمان مسئول اجرا"),
        queryset=Organization.objects.order_by("name"),
        method="filter_organization",
        empty_label=_("همه"),
        widget=PlainSelect,
    )
    district = DistrictFilter(
        label=_("منطقه شهری"),
        queryset=district_choices,
        method="filter_district",
        empty_label=_("همه"),
        widget=PlainSelect,
        error_messages={"invalid_choice": DISTRICT_UNKNOWN},
    )
    since = JalaliDateFilter(label=_("مهلت اجرا از"), method="filter_since")
    until = JalaliDateFilter(label=_("مهلت اجرا تا"), method="filter_until")
    q = django_filters.CharFilter(label=_("جست‌وجو در متن"), method="filter_text")

    class Meta:
        model = Decision
        fields: list[str] = []

    def overdue_q(self) -> Q:
        """Past the deadline (Tehran's today) and still open or in progress."""
        return overdue_q(status=self._path("status"), deadline=self._path("deadline"))

    def filter_status(self, queryset, name, value):
        if value == OVERDUE:
            return queryset.filter(self.overdue_q())
        return queryset.filter(**{self._path("status"): value})

    def filter_organization(self, queryset, name, value):
        return queryset.filter(**{self._path("organization"): value})

    def filter_district(self, queryset, name, value):
        # One row per decision: a decision names each district at most once.
        return queryset.filter(**{self._path("district"): value})

    def filter_since(self, queryset, name, value: datetime.date):
        return queryset.filter(**{f"{self._path('deadline')}__gte": value})

    def filter_until(self, queryset, name, value: datetime.date):
        return queryset.filter(**{f"{self._path('deadline')}__lte": value})
