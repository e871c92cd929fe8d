"""The register of decisions (دفتر مصوبات): every decision a signed-in member or the
secretariat may see, filtered, searched and exported, with «my decisions» beside it.

It lives in the portal because it joins the two records a member may see: the internal
record of the meetings internal to them (live rows, ``Decision.objects.internal_to``) and
the public decisions of every other body as they were published (the portal's index,
``PublicDecision``). That is the API's rule for decisions, written once in
``Decision.objects.visible_to`` (minutes/models.py), and like the API a row seen only as
published is shown, filtered and searched by its published values, never by the live row
(an open correction may be editing it). One more kind of row is shown live (the method's
``responsible=True``): a decision the viewer is responsible for, once its minutes are
published — the dashboard lists the same ones, and the viewer may record their follow-up
(``minutes.policy.can_follow_up``).

The filters are the public tracker's (``portal.search.PublicDecisionFilter``: the same
parameters, Persian messages and folding of Persian search), pointed at the annotations
below, plus the responsible person and «overdue: yes/no».
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import django_filters
from django.core.paginator import Paginator
from django.db.models import (
    Case,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from committee.models import Organization, Person
from minutes import policy
from minutes.models import (
    Decision,
    Meeting,
    is_overdue,
)
from minutes.visibility import Viewer, people_visible_to
from minutes.widgets import PlainSelect
from persian.jalali import format_numeric_latin
from persian.search import Folded
from portal.indexing import ensure_index
from portal.search import PublicDecisionFilter

PAGE_SIZE = 25

YES = "yes"
NO = "no"


def register_decisions(who: Viewer) -> QuerySet:
    """The decisions ``who`` may see in the register, annotated with what they are shown,
    filtered and searched by:

    * ``shown_live``: the live row is shown (the meeting is internal to ``who``, or ``who``
      is responsible for it and its minutes are published); otherwise the published one
      (``portal_entry``) — ``Decision.objects.visible_to(who, responsible=True)``;
    * ``shown_text`` (folded for search), ``shown_deadline``, ``shown_organization`` (the
      responsible organisation, or else the responsible person's, as the tracker files it);
    * ``has_published``: its meeting has published minutes (follow-up may be recorded).
    """
    ensure_index()  # publications not yet in the portal's index (one query when complete)
    return (
        Decision.objects.visible_to(who, responsible=True)
        .annotate(
            shown_text=Case(
                When(shown_live=True, then=Folded("text")),
                default=Coalesce(F("portal_entry__search_text"), Value("")),
                output_field=TextField(),
            ),
            shown_deadline=Case(
                When(shown_live=True, then=F("deadline")), default=F("portal_entry__deadline")
            ),
            shown_organization=Case(
                When(
                    shown_live=True,
                    then=Coalesce(
                        F("responsible_organization"), F("responsible_person__organization")
                    ),
                ),
                default=F("portal_entry__organization"),
                output_field=IntegerField(),
            ),
        )
        .select_related(
            "meeting__workgroup",
            "meeting__committee",
            "responsible_person__organization",
            "responsible_organization",
            "portal_entry__document",
        )
        .order_by("-meeting__starts_at", "-meeting_id", "number", "pk")
    )


# --- Filters -----------------------------------------------------------------------------------


def _responsible_organizations(request=None) -> QuerySet:
    """Organisations responsible for some decision (themselves or through their person)."""
    return Organization.objects.filter(
        Exists(Decision.objects.filter(responsible_organization=OuterRef("pk")))
        | Exists(Decision.objects.filter(responsible_person__organization=OuterRef("pk")))
    ).order_by("name")


def _responsible_people(request=None) -> QuerySet:
    """People the viewer may see who are responsible for some decision."""
    viewer = Viewer.for_request(request) if request is not None else Viewer(None)
    return (
        people_visible_to(viewer)
        .filter(Exists(Decision.objects.filter(responsible_person=OuterRef("pk"))))
        .order_by("last_name", "first_name", "pk")
    )


class RegisterFilter(PublicDecisionFilter):
    """The tracker's filters (committee, workgroup, status, responsible organisation, a
    Jalali range of deadlines, text) over :func:`register_decisions`, and the responsible
    person and «overdue» (yes or no)."""

    paths = {
        "committee": "meeting__committee",
        "workgroup": "meeting__workgroup",
        "status": "status",
        "deadline": "shown_deadline",
        "organization": "shown_organization",
        "district": "districts",
        "text": "shown_text",
    }

    # The live status (follow-ups move it), as the tracker's; «overdue» is its own filter.
    status = django_filters.ChoiceFilter(
        label=_("وضعیت"),
        choices=Decision.Status.choices,
        method="filter_status",
        empty_label=_("همه"),
        widget=PlainSelect,
    )
    overdue = django_filters.ChoiceFilter(
        label=_("عقب‌افتاده"),
        choices=[(YES, _("بله")), (NO, _("خیر"))],
        method="filter_overdue",
        empty_label=_("همه"),
        widget=PlainSelect,
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("سازمان مسئول اجرا"),
        queryset=_responsible_organizations,
        method="filter_organization",
        empty_label=_("همه"),
        widget=PlainSelect,
    )
    person = django_filters.ModelChoiceFilter(
        label=_("مسئول پیگیری"),
        queryset=_responsible_people,
        method="filter_person",
        empty_label=_("همه"),
        widget=PlainSelect,
    )

    class Meta:
        model = Decision
        fields: list[str] = []

    def filter_organization(self, queryset, name, value):
        return super().filter_organization(queryset, name, value.pk)

    def filter_person(self, queryset, name, value: Person):
        # A row seen only as published is matched by its live person only while the live
        # record is the published one (no correction open), so a draft does not show.
        frozen = Meeting.objects.record_frozen().values("pk")
        return queryset.filter(responsible_person=value).filter(
            Q(shown_live=True) | Q(meeting__in=frozen)
        )

    def filter_overdue(self, queryset, name, value):
        if value == YES:
            return queryset.filter(self.overdue_q())
        return queryset.exclude(self.overdue_q())


# The order of the form's fields: where, who, what state, when, then the words.
FIELD_ORDER = (
    "committee",
    "body",
    "organization",
    "person",
    "status",
    "overdue",
    "since",
    "until",
    "q",
)


def bound_filter(request, queryset: QuerySet, *, mine: bool = False) -> RegisterFilter:
    """The register's filters for this request; «my decisions» have no person to choose."""
    filterset = RegisterFilter(request.GET or None, queryset=queryset, request=request)
    fields = filterset.form.fields
    committee = fields.get("committee")
    if committee is not None and len(list(committee.choices)) <= 2:  # «all» and one
        del fields["committee"]
    if mine:
        del fields["person"]
    filterset.form.fields = {name: fields[name] for name in FIELD_ORDER if name in fields}
    return filterset


def filtered(filterset: RegisterFilter) -> QuerySet:
    """The filtered rows, or none when a filter value is not understood (the form then says
    why, in Persian) — never silently everything."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


def page_of(request, queryset: QuerySet):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    page.numbers_shown = list(
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page


# --- Rows --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One decision as the register shows it (live or as published, see the module)."""

    pk: int
    number: int
    text: str
    live: bool
    is_public: bool
    meeting_title: str
    body_name: str
    meeting_date: datetime.date
    meeting_url: str
    responsible_person: str
    responsible_organization: str
    deadline: datetime.date | None
    status: str
    status_display: str
    overdue: bool
    follow_up_url: str | None

    @property
    def responsible_display(self) -> str:
        parts = (self.responsible_person, self.responsible_organization)
        return " — ".join(part for part in parts if part)


def row(viewer: Viewer, decision: Decision, today: datetime.date) -> Row:
    meeting = decision.meeting
    follow_up = decision.has_published and policy.may_follow_up(viewer, decision)
    common = {
        "pk": decision.pk,
        "number": decision.number,
        "status": decision.status,
        "status_display": decision.get_status_display(),
        "follow_up_url": reverse("follow_up_create", args=[decision.pk]) if follow_up else None,
    }
    if decision.shown_live:
        return Row(
            **common,
            text=decision.text,
            live=True,
            is_public=decision.is_public,
            meeting_title=meeting.title,
            body_name=meeting.body_name,
            meeting_date=meeting.day,
            meeting_url=f"{meeting.get_absolute_url()}#decision-{decision.pk}",
            responsible_person=str(decision.responsible_person or ""),
            responsible_organization=str(decision.responsible_organization or ""),
            deadline=decision.deadline,
            overdue=is_overdue(decision.deadline, decision.status, today),
        )
    entry = decision.portal_entry
    return Row(
        **common,
        text=entry.text,
        live=False,
        is_public=True,
        meeting_title=entry.document.title,
        body_name=entry.document.body_name,
        meeting_date=entry.meeting_date,
        meeting_url=f"{meeting.get_absolute_url()}#pub-decisions",
        responsible_person=entry.responsible_person,
        responsible_organization=entry.responsible_organization,
        deadline=entry.deadline,
        overdue=is_overdue(entry.deadline, decision.status, today),
    )


CSV_HEADERS = (
    "کمیته یا کارگروه",
    "جلسه",
    "تاریخ جلسه (شمسی)",
    "تاریخ جلسه (میلادی)",
    "ردیف مصوبه",
    "شرح مصوبه",
    "عمومی",
    "مسئول پیگیری",
    "سازمان مسئول اجرا",
    "مهلت اجرا (شمسی)",
    "مهلت اجرا (میلادی)",
    "وضعیت کنونی",
    "عقب‌افتاده",
    "نشانی",
)


def csv_row(request, item: Row) -> list[str]:
    """Dates as Jalali with Latin digits (1405/02/08) and ISO 8601 beside them, as the
    tracker's CSV."""
    return [
        item.body_name,
        item.meeting_title,
        format_numeric_latin(item.meeting_date),
        item.meeting_date.isoformat(),
        str(item.number),
        item.text,
        "بله" if item.is_public else "خیر",
        item.responsible_person,
        item.responsible_organization,
        format_numeric_latin(item.deadline),
        item.deadline.isoformat() if item.deadline else "",
        item.status_display,
        "بله" if item.overdue else "خیر",
        request.build_absolute_uri(item.meeting_url),
    ]
