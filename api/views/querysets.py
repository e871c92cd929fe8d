"""The read querysets of the resources: each starts from what the caller may see (the
models' ``visible_to``, minutes/visibility.py) and selects or prefetches what its
serializer reads, so a page costs the same queries at any length.
Shared by the viewsets, which also answer write actions with another resource's state
(recording a meeting answers with its draft minutes)."""

from __future__ import annotations

from django.db.models import F, OuterRef, Prefetch, QuerySet, Subquery

from api.filters import annotate_decisions, annotate_minutes
from committee.models import Committee, CommitteeRole
from minutes.models import (
    AgendaItem,
    Decision,
    FollowUp,
    Invitation,
    Meeting,
    Minutes,
    Question,
    internal_meeting_exists,
)
from minutes.visibility import Viewer, people_visible_to
from portal.indexing import ensure_index
from workgroups.models import Membership, Workgroup


def committees(v: Viewer) -> QuerySet:
    return Committee.objects.prefetch_related(
        Prefetch(
            "roles",
            queryset=CommitteeRole.objects.current()
            .select_related("person__organization")
            .order_by("role", "pk"),
            to_attr="current_roles",
        ),
        Prefetch("workgroups", queryset=Workgroup.objects.order_by("order", "pk")),
    ).order_by("name", "pk")


def workgroups(v: Viewer) -> QuerySet:
    return (
        Workgroup.objects.select_related("committee")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.current().select_related("person__organization"),
                to_attr="current_memberships",
            )
        )
        .order_by("committee__name", "order", "pk")
    )


def memberships(v: Viewer) -> QuerySet:
    return Membership.objects.select_related("workgroup", "person__organization").order_by(
        "workgroup__committee_id",
        "workgroup__order",
        "-is_chair",
        "-is_permanent",
        "person__last_name",
        "pk",
    )


def people(v: Viewer) -> QuerySet:
    return (
        people_visible_to(v)
        .select_related("organization", "user")
        .order_by("last_name", "first_name", "pk")
    )


def committee_roles(v: Viewer) -> QuerySet:
    """Every term in a committee role, past and current: public, like the committee page."""
    return CommitteeRole.objects.select_related("committee", "person__organization").order_by(
        "committee__name", "role", "-start_date", "pk"
    )


def meetings(v: Viewer) -> QuerySet:
    internal = Meeting.objects.internal_to(v).values("pk")
    return (
        Meeting.objects.visible_to(v)
        .annotate(api_internal=internal_meeting_exists(v))
        .select_related(
            "workgroup",
            "committee",
            "chair_person__organization",
            "secretary_person__organization",
        )
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.visible_to(v)
                .select_related("presenter__organization", "question")
                .order_by("order", "pk"),
                to_attr="api_agenda",
            ),
            Prefetch(
                "minutes",
                queryset=Minutes.objects.visible_to(v).order_by("revision"),
                to_attr="api_minutes",
            ),
            Prefetch(
                "invitations",
                queryset=Invitation.objects.filter(meeting__in=internal)
                .select_related("person__organization")
                .order_by("-is_guest", "person__last_name", "pk"),
                to_attr="api_invitations",
            ),
        )
        .order_by("-starts_at", "-pk")
    )


def agenda_items(v: Viewer) -> QuerySet:
    return (
        AgendaItem.objects.visible_to(v)
        .select_related("presenter__organization", "question")
        .order_by("-meeting__starts_at", "-meeting_id", "order", "pk")
    )


def questions(v: Viewer) -> QuerySet:
    return (
        Question.objects.visible_to(v)
        .select_related("author__organization")
        .order_by("-created_at", "-pk")
    )


def invitations(v: Viewer) -> QuerySet:
    return (
        Invitation.objects.visible_to(v)
        .select_related("person__organization")
        .order_by("-meeting__starts_at", "-is_guest", "person__last_name", "pk")
    )


def visible_decisions(v: Viewer) -> QuerySet:
    """``Decision.objects.visible_to`` (minutes/models.py): live decisions of meetings
    internal to the caller and the published ones of the portal's index, told apart by
    ``shown_live`` (see ``api.serializers.read.DecisionSerializer``)."""
    return Decision.objects.visible_to(v)


def decisions(v: Viewer) -> QuerySet:
    ensure_index()  # publications not yet in the portal's index (one query when complete)
    latest = Minutes.objects.filter(meeting=OuterRef("meeting_id")).order_by("-revision")
    return (
        annotate_decisions(visible_decisions(v))
        .annotate(
            api_latest_status=Subquery(latest.values("status")[:1]),
            api_latest_version=Subquery(latest.values("version")[:1]),
        )
        .select_related(
            "responsible_person__organization",
            "responsible_organization",
            "portal_entry__document",
            "portal_entry__decision",
        )
        .prefetch_related(
            Prefetch("follow_ups", queryset=FollowUp.objects.order_by("date", "pk")),
            "districts",
            "portal_entry__districts",
        )
        # The index's search keys (its longest values) are filtered on, never shown.
        .defer(
            "portal_entry__search_text",
            "portal_entry__search_vector",
            "portal_entry__document__search_text",
            "portal_entry__document__search_vector",
        )
        # The keyset of api.pagination.DecisionPagination (minutes_meeting_start_order).
        .annotate(api_meeting_starts_at=F("meeting__starts_at"))
        .order_by("-api_meeting_starts_at", "-meeting_id", "number", "pk")
    )


def minutes(v: Viewer) -> QuerySet:
    ensure_index()
    return (
        annotate_minutes(Minutes.objects.visible_to(v))
        .select_related("meeting")
        .prefetch_related(
            Prefetch(
                "meeting__minutes",
                queryset=Minutes.objects.visible_to(v).order_by("revision"),
                to_attr="api_revisions",
            )
        )
        # The keyset of api.pagination.MinutesPagination (minutes_meeting_start_order).
        .annotate(api_meeting_starts_at=F("meeting__starts_at"))
        .order_by("-api_meeting_starts_at", "-meeting_id", "-revision", "-pk")
    )
