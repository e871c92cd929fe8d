from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from committee.models import Committee
from minutes.models import Meeting
from workgroups.models import Membership, Workgroup

UPCOMING_LIMIT = 10


def _committee_context(committee: Committee) -> dict:
    """What the committee page shows: the committee, its workgroups with their current
    members (officials and press apart), and its upcoming public meetings."""
    today = timezone.localdate()
    current = Membership.objects.active_on(today).select_related("person__organization")
    workgroups = list(
        Workgroup.objects.filter(committee=committee).prefetch_related(
            Prefetch("memberships", queryset=current, to_attr="current_memberships")
        )
    )
    for workgroup in workgroups:
        members = workgroup.current_memberships
        workgroup.current_chair = next((m.person for m in members if m.is_chair), None)
        workgroup.official_members = [m for m in members if not m.person.is_press]
        workgroup.press_members = [m for m in members if m.person.is_press]
    upcoming = (
        Meeting.objects.filter(committee=committee)
        .public()
        .upcoming()
        .select_related("workgroup", "committee")[:UPCOMING_LIMIT]
    )
    roles = committee.roles.active_on(today).select_related("person__organization")
    return {
        "committee": committee,
        "workgroups": workgroups,
        "upcoming_meetings": upcoming,
        "committee_roles": roles,
    }


def home(request: HttpRequest) -> HttpResponse:
    committees = list(Committee.objects.all()[:2])
    if len(committees) == 1:
        return render(request, "committee/detail.html", _committee_context(committees[0]))
    return render(request, "home.html", {"committees": Committee.objects.all()})


def committee_detail(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    return render(request, "committee/detail.html", _committee_context(committee))
