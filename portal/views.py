"""The public pages. Anonymous, Persian, and built only from what was published:
``Minutes.snapshot`` and the portal's index of it (portal.indexing), the live decision
status and follow-ups of published public decisions, announced meetings, current members
(name, post, organisation — never contact details) and approved comments."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from committee.access import client_address
from committee.models import Committee, District, officials_caption
from minutes import policy
from minutes.errors import ServiceError
from minutes.models import (
    AgendaItem,
    Attendance,
    Decision,
    FollowUp,
    Meeting,
    Minutes,
    is_overdue,
)
from minutes.publication.record import PublishedRecord
from minutes.publication.snapshot import describe_attendee, describe_vote
from persian.digits import localized_digits
from persian.jalali import format_date, format_numeric_latin
from persian.spreadsheet import csv_lines
from portal import season_reports, services
from portal.cache import cached_public_page
from portal.filters import ArchiveFilter, TrackerFilter
from portal.forms import CommentForm, RejectForm
from portal.indexing import ensure_index
from portal.models import Comment, PublicDecision, PublicDecisionQuerySet, PublishedDocument
from portal.paging import COUNT_LIMIT, SEARCH_COUNT_LIMIT, page_of
from portal.refusals import form_refused, moderation_refused
from portal.search import OVERDUE, PLENARY
from workgroups.models import Membership, Workgroup

PAGE_SIZE = 20
HOME_LATEST = 5
SEASON_REPORTS_SHOWN = 4
WORKGROUP_LATEST = 10
WORKGROUP_DECISIONS = 20
WORKGROUP_UPCOMING = 5
MODERATION_HISTORY = 100

DECISION_ORDER = ("-meeting_date", "-meeting_id", "number", "pk")
ARCHIVE_ORDER = ("-published_at", "-pk")


# --- Shared helpers ------------------------------------------------------------------------


UPCOMING_LIMIT = 10


def committee_context(committee: Committee) -> dict:
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
        workgroup.officials_caption = officials_caption(
            m.person.organization.kind for m in workgroup.official_members
        )
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


def _url(name: str, *args) -> str | None:
    """A URL that may not be installed (the PDF routes come from another feature)."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def committee_feeds(committee: Committee) -> list[dict[str, str]]:
    values = {"name": committee.name}
    return [
        {
            "type": "application/rss+xml",
            "kind": "RSS",
            "title": _("صورتجلسه‌های %(name)s (RSS)") % values,
            "url": reverse("portal_feed_rss", args=[committee.slug]),
        },
        {
            "type": "application/atom+xml",
            "kind": "Atom",
            "title": _("صورتجلسه‌های %(name)s (Atom)") % values,
            "url": reverse("portal_feed_atom", args=[committee.slug]),
        },
        {
            "type": "text/calendar",
            "kind": "iCalendar",
            "title": _("تقویم جلسات عمومی %(name)s") % values,
            "url": reverse("portal_feed_ics", args=[committee.slug]),
        },
    ]


def workgroup_feeds(workgroup: Workgroup) -> list[dict[str, str]]:
    args = [workgroup.committee.slug, workgroup.slug]
    values = {"name": workgroup.name}
    return [
        {
            "type": "application/rss+xml",
            "kind": "RSS",
            "title": _("صورتجلسه‌های %(name)s (RSS)") % values,
            "url": reverse("portal_workgroup_feed_rss", args=args),
        },
        {
            "type": "application/atom+xml",
            "kind": "Atom",
            "title": _("صورتجلسه‌های %(name)s (Atom)") % values,
            "url": reverse("portal_workgroup_feed_atom", args=args),
        },
        {
            "type": "text/calendar",
            "kind": "iCalendar",
            "title": _("تقویم جلسات عمومی %(name)s") % values,
            "url": reverse("portal_workgroup_feed_ics", args=args),
        },
    ]


def _only_committee() -> Committee | None:
    committees = list(Committee.objects.order_by("pk")[:2])
    return committees[0] if len(committees) == 1 else None


def _page(request: HttpRequest, results) -> Any:
    searching = bool(request.GET.get("q", "").strip())
    limit = SEARCH_COUNT_LIMIT if searching else COUNT_LIMIT
    return page_of(request, results, PAGE_SIZE, limit=limit)


def _filtered(filterset):
    """The filtered rows, or none when a filter value is not understood (the form then
    shows why, in Persian) — never silently everything."""
    if filterset.is_bound and not filterset.is_valid():
        return filterset.queryset.none()
    return filterset.qs


def _hide_single_committee_field(filterset) -> None:
    field = filterset.form.fields.get("committee")
    if field is not None and len(list(field.choices)) <= 2:  # «all» and one committee
        del filterset.form.fields["committee"]


def _follow_ups() -> Prefetch:
    return Prefetch("decision__follow_ups", queryset=FollowUp.objects.order_by("date", "pk"))


# Columns a list row never shows: the search keys (the longest values of a row) and the
# document's texts.
DOCUMENT_UNSHOWN = ("search_text", "search_vector")
DECISION_UNSHOWN = (
    "search_text",
    "search_vector",
    "document__search_text",
    "document__search_vector",
    "document__summary",
    "document__correction_reason",
)


def decision_rows(queryset=None):
    """Public decisions (all, or those of ``queryset``) loaded as the decision tables show
    them (portal/_decision_table.html): document, follow-ups, districts, no search columns."""
    return (
        (PublicDecision.objects if queryset is None else queryset)
        .select_related("document", "decision", "workgroup")
        .defer(*DECISION_UNSHOWN)
        .prefetch_related(
            _follow_ups(),
            Prefetch("districts", queryset=District.objects.select_related("committee")),
        )
    )


def _status_counts(queryset) -> dict[str, int]:
    """Counts by current status, and the overdue ones (counted in their status too)."""
    return queryset.aggregate(
        open=Count("pk", filter=Q(decision__status=Decision.Status.OPEN)),
        in_progress=Count("pk", filter=Q(decision__status=Decision.Status.IN_PROGRESS)),
        done=Count("pk", filter=Q(decision__status=Decision.Status.DONE)),
        cancelled=Count("pk", filter=Q(decision__status=Decision.Status.CANCELLED)),
        overdue=Count("pk", filter=PublicDecisionQuerySet.overdue_q()),
    )


def _status_links(counts: dict[str, int], extra: str = "") -> list[dict[str, Any]]:
    base = reverse("portal_decisions")
    labels = [
        (Decision.Status.OPEN, Decision.Status.OPEN.label),
        (Decision.Status.IN_PROGRESS, Decision.Status.IN_PROGRESS.label),
        (Decision.Status.DONE, Decision.Status.DONE.label),
        (OVERDUE, _("عقب‌افتاده")),
    ]
    return [
        {"code": code, "label": label, "count": counts[code], "url": f"{base}?status={code}{extra}"}
        for code, label in labels
    ]


def _meta(request: HttpRequest, title: str, description: str, **extra) -> dict[str, Any]:
    return {
        "page_title": title,
        "page_description": " ".join(description.split())[:300],
        "canonical_url": request.build_absolute_uri(request.path),
        **extra,
    }


# --- Home and committee --------------------------------------------------------------------


@cached_public_page
def home(request: HttpRequest) -> HttpResponse:
    committees = list(Committee.objects.all()[:2])
    if len(committees) == 1:
        return _committee_page(request, committees[0])
    return render(request, "home.html", {"committees": Committee.objects.all()})


@cached_public_page
def committee_detail(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    return _committee_page(request, committee)


def _committee_page(request: HttpRequest, committee: Committee) -> HttpResponse:
    ensure_index()
    context = committee_context(committee)
    latest = (
        PublishedDocument.objects.filter(committee=committee, is_latest=True)
        .defer(*DOCUMENT_UNSHOWN)
        .order_by(*ARCHIVE_ORDER)[:HOME_LATEST]
    )
    counts = _status_counts(PublicDecision.objects.filter(committee=committee))
    several = _only_committee() is None
    extra = f"&committee={committee.slug}" if several else ""
    description = committee.description or _(
        "جلسات، صورتجلسه‌ها و مصوبات %(name)s و کارگروه‌های آن"
    ) % {"name": committee.name}
    context.update(
        latest_minutes=latest,
        status_links=_status_links(counts, extra),
        committee_query=f"?committee={committee.slug}" if several else "",
        feeds=committee_feeds(committee),
        season_reports=season_reports.published(committee, limit=SEASON_REPORTS_SHOWN),
        **_meta(request, committee.name, description, site_name=committee.name),
    )
    return render(request, "portal/home.html", context)


# --- The archive of published minutes ---------------------------------------------------------


@require_GET
@cached_public_page
def archive(request: HttpRequest) -> HttpResponse:
    ensure_index()
    queryset = (
        PublishedDocument.objects.filter(is_latest=True)
        .defer(*DOCUMENT_UNSHOWN)
        .order_by(*ARCHIVE_ORDER)
    )
    filterset = ArchiveFilter(request.GET or None, queryset=queryset)
    page = _page(request, _filtered(filterset))
    _hide_single_committee_field(filterset)
    committee = _only_committee()
    feeds = committee_feeds(committee) if committee else []
    body = filterset.form.cleaned_data.get("body") if filterset.is_bound else None
    if body and body != PLENARY and committee:
        workgroup = Workgroup.objects.filter(committee=committee, slug=body).first()
        if workgroup:
            workgroup.committee = committee
            feeds = workgroup_feeds(workgroup) + feeds
    title = _("بایگانی صورتجلسه‌ها")
    description = _(
        "صورتجلسه‌های منتشرشده کمیته رسانه و کارگروه‌های آن؛ جست‌وجو در متن، دستور جلسه و مصوبات."
    )
    return render(
        request,
        "portal/archive.html",
        {
            "filter": filterset,
            "page": page,
            "feeds": feeds,
            "committee": committee,
            "searching": bool(request.GET.get("q", "").strip()),
            **_meta(request, title, description, site_name=committee.name if committee else ""),
        },
    )


# --- One published revision --------------------------------------------------------------------


def _label(choices, code: str | None) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code or ""


def _attendance(record: PublishedRecord) -> dict[str, Any]:
    groups = record.attendance
    return {
        "officials": [p for p in groups.present if not p.is_press],
        "officials_caption": officials_caption(p.kind for p in groups.present if not p.is_press),
        "press": [p for p in groups.present if p.is_press],
        "absent": [
            {
                "name": p.name,
                "post": p.post,
                "organization": p.organization,
                "status": _label(Attendance.Status, status),
                "note": describe_attendee(p),
            }
            for status in (Attendance.Status.ABSENT, Attendance.Status.EXCUSED)
            for p in groups.of(status)
        ],
        "guests": groups.guest,
    }


def _agenda(record: PublishedRecord) -> list[dict[str, Any]]:
    return [
        {
            "order": item.order,
            "title": item.title,
            "kind": item.kind,
            "kind_label": _label(AgendaItem.Kind, item.kind),
            "description": item.description,
            "presenter": item.presenter,
            "discussion": item.discussion,
            "question": item.question,
            "answer": item.answer,
            "is_question": item.is_question,
        }
        for item in record.agenda
    ]


def _decisions(record: PublishedRecord, meeting_id: int) -> list[dict[str, Any]]:
    """The published decisions with their current status and dated follow-up notes."""
    entries = record.decisions
    ids = [entry.id for entry in entries if entry.id]
    live = {
        decision.pk: decision
        for decision in Decision.objects.filter(pk__in=ids, meeting_id=meeting_id).prefetch_related(
            Prefetch("follow_ups", queryset=FollowUp.objects.order_by("date", "pk"))
        )
    }
    today = timezone.localdate()
    rows = []
    for entry in entries:
        decision = live.get(entry.id) if entry.id else None
        deadline = entry.deadline_day
        current = decision.status if decision else entry.status
        person = entry.responsible_person
        rows.append(
            {
                "number": entry.number,
                "text": entry.text,
                "deadline": entry.deadline,
                "deadline_date": deadline,
                "responsible": " — ".join(
                    part
                    for part in (
                        (f"{person.name} ({person.post})" if person.post else person.name)
                        if person
                        else "",
                        entry.responsible_organization,
                    )
                    if part
                ),
                "status_label": str(Decision.OVERDUE_LABEL)
                if entry.overdue
                else _label(Decision.Status, entry.status),
                "vote_text": describe_vote(entry.vote),
                "districts": "، ".join(entry.districts),
                "current_status": current,
                "current_label": _label(Decision.Status, current),
                "follow_ups": list(decision.follow_ups.all()) if decision else [],
                "is_overdue": is_overdue(deadline, current, today),
            }
        )
    return rows


def _size_text(size: int | None) -> str:
    if not size:
        return ""
    if size >= 1024 * 1024:
        amount = f"{size / 1024 / 1024:.1f}".replace(".", "\u066b")
        return localized_digits(_("%(amount)s مگابایت") % {"amount": amount})
    return localized_digits(_("%(amount)s کیلوبایت") % {"amount": max(1, round(size / 1024))})


# A published revision never changes: what is drawn from its snapshot alone is kept this
# long (and dropped when the template that draws it changes, see _frozen_key).
FROZEN_SECONDS = 24 * 60 * 60
FROZEN_TEMPLATE = "portal/_minutes_frozen.html"


@functools.cache
def _frozen_template_version() -> str:
    """A digest of the frozen part's template, so a deployment that changes it does not
    serve parts drawn by the old one from a shared cache."""
    from django.template.loader import get_template

    source = get_template(FROZEN_TEMPLATE).template.source
    return hashlib.sha256(source.encode()).hexdigest()[:12]


def _frozen_key(minutes: Minutes) -> str:
    return ":".join(
        [
            "portal-frozen",
            _frozen_template_version(),
            get_language() or "",
            str(minutes.pk),
            minutes.document_id,
            # A revision is published once; with its id and document id, this names it
            # even in a database whose ids start again (a test's, a restored copy).
            minutes.published_at.isoformat() if minutes.published_at else "",
        ]
    )


def frozen_part(minutes: Minutes) -> tuple[PublishedRecord, str]:
    """The published record of ``minutes`` and its attendance, agenda and summary drawn as
    HTML: made from the snapshot once per revision and language (the snapshot is read only
    then), then kept in Django's cache — unlike the page cache (portal/cache.py) it is not
    dropped by changes to the record, since a published revision never changes. What may
    change since publication (the decisions' status and follow-ups, newer revisions,
    comments, the PDF) is read for every request."""
    key = _frozen_key(minutes)
    kept = cache.get(key)
    if kept is not None:
        return kept
    snapshot = Minutes.objects.filter(pk=minutes.pk).values_list("snapshot", flat=True).get()
    record = PublishedRecord.from_json(snapshot)
    html = render_to_string(
        FROZEN_TEMPLATE,
        {"record": record, "attendance": _attendance(record), "agenda": _agenda(record)},
    )
    cache.set(key, (record, html), FROZEN_SECONDS)
    return record, html


def minutes_detail(request: HttpRequest, document_id: str) -> HttpResponse:
    minutes = get_object_or_404(
        Minutes.objects.select_related("meeting__committee", "meeting__workgroup__committee").defer(
            "snapshot"
        ),
        document_id=document_id,
        status=Minutes.Status.PUBLISHED,
    )
    record, frozen_html = frozen_part(minutes)
    page_url = reverse("portal_minutes", args=[minutes.document_id])
    form = CommentForm()
    status = 200
    if request.method == "POST":
        form = CommentForm(request.POST)
        if form.is_valid() and form.is_trap_filled:
            # A robot: answer as if all went well, store nothing.
            messages.success(
                request,
                _("دیدگاه شما رسید و پس از بررسی دبیرخانه منتشر می‌شود."),
                extra_tags="comments",
            )
            return redirect(f"{page_url}#comments")
        if form.is_valid():
            errors = services.comment_field_errors(
                name=form.cleaned_data["name"], body=form.cleaned_data["body"]
            )
            for field, message in errors.items():
                form.add_error(field, message)
                status = 400
        if form.is_valid():
            try:
                services.submit_comment(
                    minutes,
                    name=form.cleaned_data["name"],
                    body=form.cleaned_data["body"],
                    ip_address=client_address(request),
                )
            except ServiceError as error:
                status = form_refused(form, error)
            else:
                messages.success(
                    request,
                    _("دیدگاه شما رسید و پس از بررسی دبیرخانه منتشر می‌شود."),
                    extra_tags="comments",
                )
                return redirect(f"{page_url}#comments")
    elif request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405)

    meeting = minutes.meeting
    revisions = list(
        Minutes.objects.filter(meeting=meeting, status=Minutes.Status.PUBLISHED)
        .order_by("revision")
        .values("revision", "document_id", "published_at", "correction_reason")
    )
    newest = revisions[-1] if revisions else None
    info = record.meeting
    body = record.body
    workgroup = meeting.workgroup
    feeds = (workgroup_feeds(workgroup) if workgroup else []) + committee_feeds(meeting.committee)
    title = _("صورتجلسه %(title)s — %(body)s، جلسه شماره %(number)s سال %(year)s") % {
        "title": info.title,
        "body": body.name,
        "number": localized_digits("" if info.number is None else info.number),
        "year": localized_digits("" if info.jalali_year is None else info.jalali_year),
    }
    description = record.summary or _("صورتجلسه منتشرشده %(body)s، %(date)s") % {
        "body": body.name,
        "date": format_date(info.starts_instant),
    }
    context = {
        "minutes": minutes,
        "record": record,
        "frozen_html": mark_safe(frozen_html),  # rendered by the template engine, escaped
        "quorum": record.quorum_text,
        "lacks_quorum": record.lacks_quorum,
        "decisions": _decisions(record, meeting.pk),
        "revisions": revisions,
        "superseded_by": newest if newest and newest["revision"] != minutes.revision else None,
        "comments": minutes.portal_comments.filter(status=Comment.Status.APPROVED),
        "form": form,
        "pdf_url": _url("minutes_pdf", minutes.document_id) if minutes.sha256 else None,
        "pdf_size": _size_text(minutes.pdf_size),
        "verify_url": _url("minutes_verify_document", minutes.document_id),
        "body_url": (
            reverse("portal_workgroup", args=[meeting.committee.slug, workgroup.slug])
            if workgroup
            else reverse("committee_detail", args=[meeting.committee.slug])
        ),
        "meeting_url": meeting.get_absolute_url(),
        "feeds": feeds,
        **_meta(
            request,
            title,
            description,
            og_type="article",
            site_name=record.committee.name,
        ),
    }
    return render(request, "portal/minutes_detail.html", context, status=status)


# --- The decisions tracker -------------------------------------------------------------------


def _tracker(request: HttpRequest) -> TrackerFilter:
    ensure_index()
    return TrackerFilter(request.GET or None, queryset=decision_rows().order_by(*DECISION_ORDER))


@require_GET
@cached_public_page
def decisions(request: HttpRequest) -> HttpResponse:
    filterset = _tracker(request)
    page = _page(request, _filtered(filterset))
    _hide_single_committee_field(filterset)
    committee = _only_committee()
    query = request.GET.copy()
    query.pop("page", None)
    csv_url = reverse("portal_decisions_csv") + (f"?{query.urlencode()}" if query else "")
    title = _("پیگیری مصوبات")
    description = _(
        "مصوبات عمومی کمیته رسانه و کارگروه‌های آن، با مسئول اجرا، مهلت، وضعیت کنونی "
        "و گزارش‌های پیگیری."
    )
    return render(
        request,
        "portal/decisions.html",
        {
            "filter": filterset,
            "page": page,
            "csv_url": csv_url,
            "report_url": reverse("portal_report", args=[committee.slug]) if committee else "",
            "today": timezone.localdate(),
            "feeds": committee_feeds(committee) if committee else [],
            **_meta(request, title, description, site_name=committee.name if committee else ""),
        },
    )


CSV_HEADERS = (
    "شناسه سند",
    "کمیته یا کارگروه",
    "جلسه",
    "شماره جلسه",
    "سال جلسه",
    "تاریخ جلسه (شمسی)",
    "تاریخ جلسه (میلادی)",
    "ردیف مصوبه",
    "شرح مصوبه",
    "مسئول پیگیری",
    "سازمان مسئول اجرا",
    "مهلت اجرا (شمسی)",
    "مهلت اجرا (میلادی)",
    "وضعیت کنونی",
    "عقب‌افتاده",
    "پیگیری‌ها",
    "نشانی",
)


def _csv_row(request: HttpRequest, row: PublicDecision) -> list[str]:
    document = row.document
    follow_ups = row.decision.follow_ups.all() if row.decision_id else []
    return [
        document.document_id,
        document.body_name,
        document.title,
        str(document.meeting_number),
        str(document.jalali_year),
        format_numeric_latin(row.meeting_date),
        row.meeting_date.isoformat(),
        str(row.number),
        row.text,
        row.responsible_person,
        row.responsible_organization,
        format_numeric_latin(row.deadline),
        row.deadline.isoformat() if row.deadline else "",
        row.get_current_status_display(),
        "بله" if row.is_overdue else "خیر",
        " | ".join(
            f"{format_numeric_latin(f.date)} {f.get_status_display()}: {f.note}" for f in follow_ups
        ),
        request.build_absolute_uri(row.get_absolute_url()),
    ]


@require_GET
def decisions_csv(request: HttpRequest) -> HttpResponse:
    """Exactly the rows the tracker shows for the same filter, in the same order, all pages.
    UTF-8 with a BOM (so spreadsheet programs read Persian), Persian headers, dates as
    Jalali with Latin digits (1405/02/08) and ISO 8601 beside them."""
    filterset = _tracker(request)
    if filterset.is_bound and not filterset.is_valid():
        errors = "\n".join(str(e) for errors in filterset.errors.values() for e in errors)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    today = timezone.localdate()
    filename = f"decisions-{format_numeric_latin(today).replace('/', '-')}.csv"
    persian = f"مصوبات-{format_numeric_latin(today).replace('/', '-')}.csv"
    rows = filterset.qs.iterator(chunk_size=500)
    response = StreamingHttpResponse(
        _csv_lines(request, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(persian)}"
    )
    return response


def _csv_lines(request: HttpRequest, rows) -> Iterator[str]:
    """The whole tracker is some hundred thousand decisions at a large city's scale: a line
    at a time, with every cell made safe for spreadsheets (persian.spreadsheet)."""
    return csv_lines(CSV_HEADERS, (_csv_row(request, row) for row in rows))


# --- Workgroup pages ---------------------------------------------------------------------------


@require_GET
@cached_public_page
def workgroup_detail(request: HttpRequest, committee_slug: str, slug: str) -> HttpResponse:
    ensure_index()
    workgroup = get_object_or_404(
        Workgroup.objects.select_related("committee"), committee__slug=committee_slug, slug=slug
    )
    committee = workgroup.committee
    members = list(
        Membership.objects.active_on(timezone.localdate())
        .filter(workgroup=workgroup)
        .select_related("person__organization")
        .order_by("-is_chair", "-is_permanent", "person__last_name", "person__first_name")
    )
    decisions_qs = PublicDecision.objects.filter(workgroup=workgroup)
    query = f"?committee={committee.slug}&body={workgroup.slug}"
    description = workgroup.scope or _("صورتجلسه‌ها، مصوبات و اعضای %(name)s") % {
        "name": workgroup.name
    }
    context = {
        "committee": committee,
        "workgroup": workgroup,
        "chair": next((m for m in members if m.is_chair), None),
        "officials": [m for m in members if not m.person.is_press],
        "officials_caption": officials_caption(
            m.person.organization.kind for m in members if not m.person.is_press
        ),
        "press": [m for m in members if m.person.is_press],
        "latest_minutes": PublishedDocument.objects.filter(workgroup=workgroup, is_latest=True)
        .defer(*DOCUMENT_UNSHOWN)
        .order_by(*ARCHIVE_ORDER)[:WORKGROUP_LATEST],
        "decisions": decision_rows()
        .filter(workgroup=workgroup)
        .order_by(*DECISION_ORDER)[:WORKGROUP_DECISIONS],
        "status_links": _status_links(
            _status_counts(decisions_qs), f"&committee={committee.slug}&body={workgroup.slug}"
        ),
        "upcoming_meetings": Meeting.objects.filter(workgroup=workgroup)
        .public()
        .upcoming()
        .select_related("workgroup", "committee")[:WORKGROUP_UPCOMING],
        "archive_url": reverse("portal_archive") + query,
        "tracker_url": reverse("portal_decisions") + query,
        "today": timezone.localdate(),
        "feeds": workgroup_feeds(workgroup) + committee_feeds(committee),
        **_meta(request, workgroup.name, description, site_name=committee.name),
    }
    return render(request, "portal/workgroup.html", context)


# --- Moderation of comments (the secretariat) -------------------------------------------------


def _secretariat_committee(request: HttpRequest, slug: str) -> Committee:
    committee = get_object_or_404(Committee, slug=slug)
    if not policy.is_secretariat(request.user, committee):
        raise PermissionDenied(_("فقط دبیرخانه کمیته دیدگاه‌ها را بررسی می‌کند."))
    return committee


@login_required
@require_GET
def moderation(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _secretariat_committee(request, slug)
    comments = Comment.objects.filter(minutes__meeting__committee=committee).select_related(
        "minutes__meeting", "moderated_by"
    )
    pending = list(comments.filter(status=Comment.Status.PENDING).order_by("created_at", "pk"))
    for comment in pending:
        comment.reject_form = RejectForm(prefix=f"c{comment.pk}")
        comment.anchor = f"comment-{comment.pk}"  # where a refusal's message is shown
    history = comments.exclude(status=Comment.Status.PENDING).order_by("-moderated_at", "-pk")[
        :MODERATION_HISTORY
    ]
    return render(
        request,
        "portal/moderation.html",
        {
            "committee": committee,
            "pending": pending,
            "history": history,
            **_meta(request, _("بررسی دیدگاه‌ها"), _("دیدگاه‌های در انتظار بررسی")),
        },
    )


@login_required
@require_POST
def moderate(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    committee = _secretariat_committee(request, slug)
    comment = get_object_or_404(Comment, pk=pk, minutes__meeting__committee=committee)
    try:
        if action == "approve":
            services.approve_comment(request.user, comment)
            messages.success(request, _("دیدگاه منتشر شد."))
        elif action == "reject":
            form = RejectForm(request.POST, prefix=f"c{comment.pk}")
            reason = form.data.get(form.add_prefix("reason"), "")
            services.reject_comment(request.user, comment, reason)
            messages.success(request, _("دیدگاه منتشر نشد و علت آن ثبت شد."))
        else:
            raise Http404
    except ServiceError as error:
        page = reverse("portal_moderation", args=[committee.slug])
        return moderation_refused(request, error, page, f"comment-{comment.pk}")
    return redirect("portal_moderation", slug=committee.slug)


# --- robots.txt ------------------------------------------------------------------------------


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        f"Sitemap: {request.build_absolute_uri(reverse('portal_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def committee_logo(request: HttpRequest, slug: str) -> HttpResponse:
    """The committee's logo as uploaded (PNG or SVG, checked by content on upload and here),
    never sniffed, and an SVG in a sandbox with nothing to load."""
    from committee.models import LOGO_CONTENT_TYPES, logo_kind

    committee = get_object_or_404(Committee, slug=slug)
    if not committee.logo:
        raise Http404
    with committee.logo.open("rb") as handle:
        data = handle.read()
    kind = logo_kind(data)
    if kind is None:
        raise Http404
    response = HttpResponse(data, content_type=LOGO_CONTENT_TYPES[kind])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    response["Cache-Control"] = "public, max-age=3600"
    return response
