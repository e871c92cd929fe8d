"""FilterSets of the working interface's lists (and the API's lists of meetings).

The public filters (published minutes, public decisions) and the Persian free-text search
they share are the portal's: portal/search.py.
"""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from minutes.models import Meeting
from persian.forms import JalaliDateField
from workgroups.models import Workgroup


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
