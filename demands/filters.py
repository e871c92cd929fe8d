"""The API's filters of published demands (api/views/demands.py): committee, workgroup,
topic, district, stage and a Jalali period of publication."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from committee.filters import IdFilter
from demands.models import Demand
from minutes.filters import JalaliDateFilter, JalaliRangeFilterSet

STAGES = (
    ("waiting", _("هنوز در دستور جلسه نیست")),
    ("agenda", _("در دستور جلسه، هنوز بی‌مصوبه")),
    ("decided", _("به مصوبه رسید")),
)


class DemandFilter(JalaliRangeFilterSet):
    committee = django_filters.CharFilter(label=_("کمیته (نامک)"), field_name="committee__slug")
    workgroup = django_filters.CharFilter(label=_("کارگروه (نامک)"), field_name="workgroup__slug")
    topic = IdFilter(label=_("موضوع (شناسه)"), field_name="topic__id")
    district = IdFilter(label=_("منطقه (شناسه)"), field_name="district__id")
    stage = django_filters.ChoiceFilter(
        label=_("مرحله"), choices=STAGES, method="filter_stage", empty_label=_("همه")
    )
    since = JalaliDateFilter(
        label=_("منتشرشده از تاریخ"), field_name="published_at", lookup_expr="date__gte"
    )
    until = JalaliDateFilter(
        label=_("منتشرشده تا تاریخ"), field_name="published_at", lookup_expr="date__lte"
    )

    class Meta:
        model = Demand
        fields: list[str] = []

    def filter_stage(self, queryset, name, value):
        return queryset.at_stage(value)
