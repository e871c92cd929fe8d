"""The shared FilterSets of portal/search.py, pointed at the portal's index of what was
published (same parameters, same messages, published values)."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from committee.models import Organization
from minutes.widgets import PlainSelect
from portal.models import LIVE_STATUS, PublicDecision, PublishedDocument
from portal.search import PublicDecisionFilter, PublishedMinutesFilter


class ArchiveFilter(PublishedMinutesFilter):
    paths = {
        "committee": "committee",
        "workgroup": "workgroup",
        "day": "meeting_date",
        "text": "search_text",
        "vector": "search_vector",
    }

    class Meta:
        model = PublishedDocument
        fields: list[str] = []


def _responsible_organizations(request=None):
    """Only the organisations named as responsible in a published decision."""
    return Organization.objects.filter(
        pk__in=PublicDecision.objects.filter(organization__isnull=False).values("organization")
    ).order_by("name")


class TrackerFilter(PublicDecisionFilter):
    paths = {
        "committee": "committee",
        "workgroup": "workgroup",
        "status": LIVE_STATUS,
        "deadline": "deadline",
        "organization": "organization",
        "district": "districts",
        "text": "search_text",
        "vector": "search_vector",
    }

    organization = django_filters.ModelChoiceFilter(
        label=_("سازمان مسئول اجرا"),
        queryset=_responsible_organizations,
        method="filter_organization",
        empty_label=_("همه"),
        widget=PlainSelect,
    )

    class Meta:
        model = PublicDecision
        fields: list[str] = []
