"""The read querysets of the resources: each starts from ``Visibility`` and selects or
prefetches what its serializer reads, so a page costs the same queries at any length.
Shared by the viewsets, which also answer write actions with another resource's state
(recording a meeting answers with its draft minutes)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from api.filters import annotate_decisions, annotate_minutes
from api.permissions import Visibility
from committee.models import Committee, CommitteeRole
from minutes.models import FollowUp, Invitation
from portal.indexing import ensure_index
from workgroups.models import Membership, Workgroup


def committees(v: Visibility) -> QuerySet:
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


def workgroups(v: Visibility) -> QuerySet:
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


def memberships(v: Visibility) -> QuerySet:
    return Membership.objects.select_related("workgroup", "person__organization").order_by(
        "workgroup__committee_id",
        "workgroup__order",
        "-is_chair",
        "-is_permanent",
        "person__last_name",
        "pk",
    )


def people(v: Visibility) -> QuerySet:
    return v.people.select_related("organization").order_by("last_name", "first_name", "pk")


def meetings(v: Visibility) -> QuerySet:
    internal = v.internal_meetings.values("pk")
    return (
        v.meetings.annotate(api_internal=v.internal_meeting_exists())
        .select_related(
            "workgroup",
            "committee",
            "chair_person__organization",
            "secretary_person__organization",
        )
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=v.agenda_items.select_related(
                    "presenter__organization", "question"
                ).order_by("order", "pk"),
                to_attr="api_agenda",
            ),
            Prefetch("minutes", queryset=v.minutes.order_by("revision"), to_attr="api_minutes"),
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


def agenda_items(v: Visibility) -> QuerySet:
    return v.agenda_items.select_related("presenter__organization", "question").order_by(
        "-meeting__starts_at", "-meeting_id", "order", "pk"
    )


def questions(v: Visibility) -> QuerySet:
    return v.questions.select_related("author__organization").order_by("-created_at", "-pk")


def invitations(v: Visibility) -> QuerySet:
    return v.invitations.select_related("person__organization").order_by(
        "-meeting__starts_at", "-is_guest", "person__last_name", "pk"
    )


def decisions(v: Visibility) -> QuerySet:
    ensure_index()  # publications not yet in the portal's index (one query when complete)
    return (
        annotate_decisions(v.decisions)
        .select_related(
            "responsible_person__organization",
            "responsible_organization",
            "portal_entry__document",
            "portal_entry__decision",
        )
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.order_by("date", "pk")))
        .order_by("-meeting__starts_at", "-meeting_id", "number", "pk")
    )


def minutes(v: Visibility) -> QuerySet:
    ensure_index()
    return (
        annotate_minutes(v.minutes)
        .select_related("meeting")
        .prefetch_related(
            Prefetch(
                "meeting__minutes", queryset=v.minutes.order_by("revision"), to_attr="api_revisions"
            )
        )
        .order_by("-meeting__starts_at", "-meeting_id", "-revision")
    )
