"""FilterSets of the working interface's lists (and the API's lists of meetings).

The public filters (published minutes, public decisions) and the Persian free-text search
they share are the portal's: portal/search.py.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from minutes.models import Meeting
from persian.forms import JalaliDateField
from workgroups.models import Workgroup


class JalaliDateFilter(django_filters.DateFilter):
    """A date typed in the Jalali calendar: ۱۴۰۵/۰۲/۰۸, 1405/2/8 or ١٤٠٥-٠٢-٠٨."""

    field_class = JalaliDateField


class JalaliRangeFilterSet(django_filters.FilterSet):
    """A FilterSet with a Jalali range ``since``–``until``: a "from" after the "to" is an
    error on the "to" field, in Persian, rather than a list left empty without a word. The
    HTML lists show it; the API answers 400 with it."""

    range_fields = ("since", "until")

    def get_form_class(self):
        base = super().get_form_class()
        since_name, until_name = self.range_fields

        def clean(form):
            cleaned = base.clean(form)
            since, until = cleaned.get(since_name), cleaned.get(until_name)
            if since and until and since > until:
                form.add_error(
                    until_name,
                    forms.ValidationError(
                        _("«%(since)s» نباید پس از «%(until)s» باشد؛ جای دو تاریخ را عوض کنید.")
                        % {
                            "since": form.fields[since_name].label,
                            "until": form.fields[until_name].label,
                        },
                        code="reversed_range",
                    ),
                )
            return cleaned

        return type(base.__name__, (base,), {"clean": clean})


class MeetingFilter(JalaliRangeFilterSet):
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
