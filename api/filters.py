"""The API's FilterSets for resources whose shared FilterSet lives elsewhere or does not
exist yet.

Minutes and decisions reuse portal/search.py (``PublishedMinutesFilter``,
``PublicDecisionFilter``) — the same parameters, messages and Persian folding as the
portal's archive and tracker — pointed through ``paths`` at the annotations the API's
querysets carry (see ``annotate_minutes`` and ``annotate_decisions``): for a row the caller
sees only as published, the published values; for the internal record, the live ones.

Free-text search (``q``) goes through ``api_search_text`` (a substring search of every
folded word; live text is folded in SQL by :class:`persian.search.Folded` as the stored
keys were by :func:`persian.text.normalize`; the annotation cannot use an index) — except
on PostgreSQL for anonymous callers, who see only published rows: their search is the
portal's full-text search on the portal's stored vector (``paths["published_vector"]``),
served by its GIN index.
"""

from __future__ import annotations

import django_filters
from django.db.models import Case, F, TextField, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from committee.filters import IdFilter
from minutes.models import AgendaItem, Invitation, Minutes, Question
from persian.search import Folded
from portal.search import (
    PublicDecisionFilter,
    PublishedMinutesFilter,
    filter_contained_words,
    filter_full_text,
    uses_full_text,
)


def annotate_minutes(queryset):
    """``api_search_text``: the portal's folded text of a published revision, else the
    summary of a draft, folded in SQL (:class:`persian.search.Folded`, the same folding)."""
    return queryset.annotate(
        api_search_text=Coalesce(
            F("portal_document__search_text"), Folded("summary"), output_field=TextField()
        )
    )


def annotate_decisions(queryset):
    """The values a decision is shown and filtered by: live ones for the internal record
    (``shown_live``, ``Decision.objects.visible_to``), published ones (the portal's index)
    otherwise."""
    return queryset.annotate(
        api_search_text=Case(
            When(shown_live=True, then=Folded("text")),
            default=Coalesce(F("portal_entry__search_text"), Value("")),
            output_field=TextField(),
        ),
        api_deadline=Case(
            When(shown_live=True, then=F("deadline")), default=F("portal_entry__deadline")
        ),
        api_organization=Case(
            When(shown_live=True, then=F("responsible_organization")),
            default=F("portal_entry__organization"),
        ),
    )


class _SchemaHints:
    """Types of the shared method filters for the OpenAPI schema (their choices come from
    the database, which the schema must not depend on)."""

    @extend_schema_field(OpenApiTypes.STR)
    def filter_committee(self, queryset, name, value):
        return super().filter_committee(queryset, name, value)

    @extend_schema_field(OpenApiTypes.STR)
    def filter_body(self, queryset, name, value):
        return super().filter_body(queryset, name, value)


class _PublishedTextSearch:
    """``q`` over the portal's index for callers who see only published rows (anonymous
    ones) on PostgreSQL: full-text search on ``paths["published_vector"]``, the index's
    stored vector reached through the relation, which the GIN index serves. Signed-in
    callers may see drafts and the internal record, whose live text has no stored search
    key: they keep the substring search of ``paths["text"]`` (an annotation), on every
    database."""

    def _sees_only_published(self) -> bool:
        user = getattr(self.request, "user", None)
        return user is not None and not user.is_authenticated

    def filter_text(self, queryset, name, value):
        if uses_full_text(queryset) and self._sees_only_published():
            return filter_full_text(queryset, self._path("published_vector"), value)
        return filter_contained_words(queryset, self._path("text"), value)


class MinutesFilter(_SchemaHints, _PublishedTextSearch, PublishedMinutesFilter):
    """Minutes revisions: ``committee``, ``body`` (a workgroup's slug, or ``committee`` for
    the plenary), ``since``/``until`` (the meeting's Jalali date), ``q`` (text), and
    ``status`` and ``meeting``."""

    paths = {
        "committee": "meeting__committee",
        "workgroup": "meeting__workgroup",
        "day": "meeting__starts_at__date",
        "text": "api_search_text",
        "published_vector": "portal_document__search_vector",
    }

    status = django_filters.ChoiceFilter(
        label=_("وضعیت"), choices=Minutes.Status.choices, empty_label=_("همه")
    )
    meeting = IdFilter(label=_("جلسه"), field_name="meeting__id")

    class Meta:
        model = Minutes
        fields: list[str] = []


class DecisionFilter(_SchemaHints, _PublishedTextSearch, PublicDecisionFilter):
    """Decisions: ``committee``, ``body``, ``status`` (the live status, or ``overdue``),
    ``organization`` (responsible), ``since``/``until`` (the deadline, Jalali), ``q`` and
    ``meeting``."""

    paths = {
        "committee": "meeting__committee",
        "workgroup": "meeting__workgroup",
        "status": "status",
        "deadline": "api_deadline",
        "organization": "api_organization",
        "text": "api_search_text",
        "published_vector": "portal_entry__search_vector",
    }

    meeting = IdFilter(label=_("جلسه"), field_name="meeting__id")

    class Meta:
        model = PublicDecisionFilter.Meta.model
        fields: list[str] = []

    @extend_schema_field(OpenApiTypes.STR)
    def filter_status(self, queryset, name, value):
        return super().filter_status(queryset, name, value)

    @extend_schema_field(OpenApiTypes.INT)
    def filter_organization(self, queryset, name, value):
        # ``api_organization`` is an annotated id (live or published), compared by number.
        return super().filter_organization(queryset, name, value.pk)


class AgendaItemFilter(django_filters.FilterSet):
    meeting = IdFilter(label=_("جلسه"), field_name="meeting__id")
    kind = django_filters.ChoiceFilter(
        label=_("نوع"), choices=AgendaItem.Kind.choices, empty_label=_("همه")
    )

    class Meta:
        model = AgendaItem
        fields: list[str] = []


class QuestionFilter(django_filters.FilterSet):
    meeting = IdFilter(label=_("جلسه"), field_name="meeting__id")
    status = django_filters.ChoiceFilter(
        label=_("وضعیت"), choices=Question.Status.choices, empty_label=_("همه")
    )
    kind = django_filters.ChoiceFilter(
        label=_("نوع"), choices=Question.Kind.choices, empty_label=_("همه")
    )

    class Meta:
        model = Question
        fields: list[str] = []


class InvitationFilter(django_filters.FilterSet):
    meeting = IdFilter(label=_("جلسه"), field_name="meeting__id")
    response = django_filters.ChoiceFilter(
        label=_("پاسخ"), choices=Invitation.Response.choices, empty_label=_("همه")
    )

    class Meta:
        model = Invitation
        fields: list[str] = []
