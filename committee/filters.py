"""FilterSets of the committee's reference data (committees, organisations, people),
shared by the API and any list that wants them.

Free text (``q``) is folded by :func:`persian.text.normalize` and split into words; every
word must occur in the row's ``search_text`` (already folded the same way when saved), so
Arabic ي/ك, any digit script and the zero-width non-joiner make no difference.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from committee.models import Committee, CommitteeRole, Organization, Person, Side
from persian.text import normalize

MAX_SEARCH_WORDS = 8


def search(queryset: QuerySet, column: str, text: str | None) -> QuerySet:
    """Rows whose folded ``column`` contains every word of ``text``."""
    for word in normalize(text).split()[:MAX_SEARCH_WORDS]:
        queryset = queryset.filter(**{f"{column}__contains": word})
    return queryset


class IdFilter(django_filters.NumberFilter):
    """A related object's id: a whole number (name the field ``<relation>__id``)."""

    field_class = forms.IntegerField


class CommitteeFilter(django_filters.FilterSet):
    slug = django_filters.CharFilter(label=_("نامک"), field_name="slug")
    city = django_filters.CharFilter(label=_("شهر"), field_name="city")

    class Meta:
        model = Committee
        fields: list[str] = []


class _SideFilterSet(django_filters.FilterSet):
    side_path = "kind"

    side = django_filters.ChoiceFilter(
        label=_("سو"), choices=Side.choices, method="filter_side", empty_label=_("همه")
    )
    q = django_filters.CharFilter(label=_("جست‌وجو"), method="filter_text")

    def filter_side(self, queryset, name, value):
        kinds = Organization.PRESS_KINDS if value == Side.PRESS else Organization.OFFICIAL_KINDS
        return queryset.filter(**{f"{self.side_path}__in": kinds})

    def filter_text(self, queryset, name, value):
        return search(queryset, "search_text", value)


class OrganizationFilter(_SideFilterSet):
    """Organisations: by kind, by side (officials or the press) and by name."""

    kind = django_filters.ChoiceFilter(
        label=_("نوع"), choices=Organization.Kind.choices, empty_label=_("همه")
    )

    class Meta:
        model = Organization
        fields: list[str] = []


class PersonFilter(_SideFilterSet):
    """People: by organisation, by side, by committee (a seat in one of its workgroups or a
    role in it, in any term) and by name or post."""

    side_path = "organization__kind"

    organization = IdFilter(label=_("سازمان"), field_name="organization__id")
    committee = django_filters.CharFilter(
        label=_("کمیته (نامک)"), method="filter_committee", max_length=50
    )

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_committee(self, queryset, name, value):
        return queryset.filter(
            Q(memberships__workgroup__committee__slug=value)
            | Q(committee_roles__committee__slug=value)
        ).distinct()


class CommitteeRoleFilter(django_filters.FilterSet):
    """Terms in committee roles: by committee (slug), role and person."""

    committee = django_filters.CharFilter(
        label=_("کمیته (نامک)"), field_name="committee__slug", max_length=50
    )
    role = django_filters.ChoiceFilter(
        label=_("نقش"), choices=CommitteeRole.Role.choices, empty_label=_("همه")
    )
    person = IdFilter(label=_("شخص"), field_name="person__id")

    class Meta:
        model = CommitteeRole
        fields: list[str] = []
