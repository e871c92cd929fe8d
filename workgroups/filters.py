"""FilterSets of workgroups and memberships, shared by the API and any list that wants
them."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from committee.filters import IdFilter
from persian.forms import JalaliDateField
from workgroups.models import Membership, Workgroup


class JalaliDateFilter(django_filters.DateFilter):
    """A date typed in the Jalali calendar: ۱۴۰۵/۰۲/۰۸, 1405/2/8 or ١٤٠٥-٠٢-٠٨."""

    field_class = JalaliDateField


class WorkgroupFilter(django_filters.FilterSet):
    committee = django_filters.CharFilter(
        label=_("کمیته (نامک)"), field_name="committee__slug", max_length=50
    )
    slug = django_filters.CharFilter(label=_("نامک"), field_name="slug", max_length=50)

    class Meta:
        model = Workgroup
        fields: list[str] = []


class MembershipFilter(django_filters.FilterSet):
    """Seats: by workgroup, committee, person and role; ``current`` (true: terms covering
    today in Tehran; false: the others) or ``on`` a Jalali day."""

    workgroup = IdFilter(label=_("کارگروه"), field_name="workgroup__id")
    committee = django_filters.CharFilter(
        label=_("کمیته (نامک)"), field_name="workgroup__committee__slug", max_length=50
    )
    person = IdFilter(label=_("شخص"), field_name="person__id")
    role = django_filters.ChoiceFilter(
        label=_("نقش"),
        choices=Membership.Role.choices,
        method="filter_role",
        empty_label=_("همه"),
    )
    current = django_filters.ChoiceFilter(
        label=_("دوره جاری"),
        choices=[("true", _("دوره‌های جاری")), ("false", _("دوره‌های دیگر"))],
        method="filter_current",
        empty_label=_("همه"),
    )
    on = JalaliDateFilter(label=_("در تاریخ"), method="filter_on")

    class Meta:
        model = Membership
        fields: list[str] = []

    def filter_role(self, queryset, name, value):
        if value == Membership.Role.CHAIR:
            return queryset.filter(is_chair=True)
        if value == Membership.Role.PERMANENT:
            return queryset.filter(is_chair=False, is_permanent=True)
        return queryset.filter(is_permanent=False)

    def filter_current(self, queryset, name, value: str):
        today = timezone.localdate()
        active = Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))
        return queryset.filter(active) if value == "true" else queryset.exclude(active)

    def filter_on(self, queryset, name, value):
        return queryset.active_on(value)
