"""The pages of demands: the public form (per committee and per workgroup), the public list
with its counts by topic and district and its CSV, a demand's page with the support button
and what became of it, and the secretariat's triage. Every change goes through
demands.services."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Sum, TextField, Value
from django.db.models.functions import Concat
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from committee.access import client_address
from committee.models import Committee
from demands import counts, imports, services
from demands.forms import (
    AgendaForm,
    AssignForm,
    DemandFilter,
    DemandForm,
    ImportCountsForm,
    LinkForm,
    MergeForm,
)
from demands.models import Demand, ImportBatch, ImportedCount
from demands.photos import KINDS
from minutes import policy
from minutes.errors import NotAllowed, ServiceError
from minutes.models import AgendaItem, FollowUp, Meeting
from persian.digits import localized_digits
from persian.jalali import format_date, format_numeric_latin, to_jalali
from persian.search import Folded
from persian.spreadsheet import csv_lines
from persian.text import normalize
from portal.forms import RejectForm
from portal.indexing import ensure_index
from portal.models import PublicDecision, PublishedDocument
from portal.refusals import form_refused, moderation_refused
from workgroups.models import Workgroup

PAGE_SIZE = 20
OLDEST_WAITING = 5
TRIAGE_HISTORY = 100
# The browser's visitor cookie: a random token, signed, that makes one support per browser.
VISITOR_COOKIE = "demand_visitor"
VISITOR_COOKIE_AGE = 365 * 24 * 3600


def _meta(request: HttpRequest, title: str, description: str, **extra: Any) -> dict[str, Any]:
    return {
        "page_title": title,
        "page_description": " ".join(description.split())[:300],
        "canonical_url": request.build_absolute_uri(request.path),
        **extra,
    }


def _visitor(request: HttpRequest) -> tuple[str, str | None]:
    """(the supporter key of this visitor, a new cookie token to set or None)."""
    if request.user.is_authenticated:
        return services.supporter_key(user_id=request.user.pk), None
    token = request.get_signed_cookie(VISITOR_COOKIE, default="", salt="demands.visitor")
    new = None
    if not token:
        token = new = secrets.token_urlsafe(18)
    return services.supporter_key(token=token), new


def _remember(response: HttpResponse, token: str | None) -> HttpResponse:
    if token:
        response.set_signed_cookie(
            VISITOR_COOKIE,
            token,
            salt="demands.visitor",
            max_age=VISITOR_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


# --- Raising a demand ----------------------------------------------------------------------


def demand_new(request: HttpRequest, slug: str, workgroup_slug: str | None = None) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    workgroup = (
        get_object_or_404(Workgroup, committee=committee, slug=workgroup_slug)
        if workgroup_slug
        else None
    )
    here = request.path
    form = DemandForm(committee=committee, workgroup=workgroup)
    status = 200
    thanks = _(
        "مطالبه شما رسید و پس از بررسی دبیرخانه منتشر می‌شود. اگر رایانامه نوشته‌اید، "
        "از نتیجه باخبر می‌شوید."
    )
    if request.method == "POST":
        form = DemandForm(request.POST, request.FILES, committee=committee, workgroup=workgroup)
        if form.is_valid() and form.is_trap_filled:
            # A robot: answer as if all went well, store nothing.
            messages.success(request, thanks, extra_tags="demand")
            return redirect(here)
        if form.is_valid():
            draft = services.Draft(
                **{f: form.cleaned_data[f] for f in services.Draft.__dataclass_fields__}
            )
            for field, message in services.demand_field_errors(committee, draft).items():
                form.add_error(field, message)
                status = 400
        if form.is_valid():
            raiser, token = _visitor(request)
            try:
                services.submit_demand(
                    committee,
                    draft,
                    workgroup=workgroup,
                    photo=form.cleaned_data["photo"] or None,
                    ip_address=client_address(request),
                    raiser=raiser,
                )
            except ServiceError as error:
                status = form_refused(form, error)
            else:
                messages.success(request, thanks, extra_tags="demand")
                return _remember(redirect(here), token)
        else:
            status = 400
    elif request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405)
    body = workgroup.name if workgroup else committee.name
    return render(
        request,
        "demands/new.html",
        {
            "committee": committee,
            "workgroup": workgroup,
            "form": form,
            "lists_missing": not (
                committee.demand_topics.exists() and committee.districts.exists()
            ),
            "list_url": reverse("demand_list", args=[committee.slug]),
            **_meta(
                request,
                _("طرح مطالبه — %(body)s") % {"body": body},
                _("مشکلی از شهر را برای %(body)s طرح کنید.") % {"body": body},
                site_name=committee.name,
            ),
        },
        status=status,
    )


# --- The public list ------------------------------------------------------------------------


@require_GET
def demands_home(request: HttpRequest) -> HttpResponse:
    committees = list(Committee.objects.all()[:2])
    if len(committees) == 1:
        return redirect("demand_list", slug=committees[0].slug)
    return render(
        request,
        "demands/committees.html",
        {
            "committees": Committee.objects.all(),
            **_meta(request, _("مطالبات شهروندان"), _("مطالبات شهروندان از کمیته‌های رسانه")),
        },
    )


def _filtered(committee: Committee, data) -> tuple[DemandFilter, Any]:
    ensure_index()
    form = DemandFilter(data, committee=committee)
    demands = (
        Demand.objects.public()
        .filter(committee=committee)
        .with_counts()
        .with_stage()
        .select_related("topic", "district", "workgroup", "committee")
    )
    if not form.is_valid():
        return form, demands.none()
    values = form.cleaned_data
    if values["topic"]:
        demands = demands.filter(topic=values["topic"])
    if values["district"]:
        demands = demands.filter(district=values["district"])
    if values["date_from"]:
        demands = demands.filter(created_at__date__gte=values["date_from"])
    if values["date_to"]:
        demands = demands.filter(created_at__date__lte=values["date_to"])
    words = normalize(values["q"]).split()
    if words:
        demands = demands.alias(
            _folded=Folded(
                Concat(
                    "title",
                    Value(" "),
                    "description",
                    Value(" "),
                    "neighbourhood",
                    output_field=TextField(),
                )
            )
        )
        for word in words:
            demands = demands.filter(_folded__contains=word)
    return form, demands


def _ordered(demands, order: str):
    if order == "new":
        return demands.order_by("-published_at", "-pk")
    if order == "old":
        return demands.order_by("published_at", "pk")
    return demands.order_by("-weight", "-published_at", "-pk")


def _imported(committee: Committee, form: DemandFilter) -> dict[str, Any]:
    """The 137 centre's counts under the list's filters (demands.counts.imported)."""
    if not form.is_valid():
        return counts.imported(ImportedCount.objects.none())
    values = form.cleaned_data
    return counts.imported(
        ImportedCount.objects.filter(committee=committee),
        topic=values["topic"],
        district=values["district"],
        date_from=values["date_from"],
        date_to=values["date_to"],
    )


_counts = counts.summarise


@require_GET
def demand_list(request: HttpRequest, slug: str) -> HttpResponse:
    committee = get_object_or_404(Committee, slug=slug)
    form, demands = _filtered(committee, request.GET)
    order = form.cleaned_data.get("order", "") if form.is_valid() else ""
    stage = form.cleaned_data.get("stage", "") if form.is_valid() else ""
    counts = _counts(demands, _imported(committee, form))
    page = Paginator(_ordered(demands.at_stage(stage), order), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    oldest = demands.at_stage("waiting").order_by("published_at", "pk")[:OLDEST_WAITING]
    query = request.GET.copy()
    query.pop("page", None)
    stage_query = query.copy()
    stage_query.pop("stage", None)
    return render(
        request,
        "demands/list.html",
        {
            "committee": committee,
            "form": form,
            "page": page,
            "counts": counts,
            "oldest": oldest,
            "stage_query": stage_query.urlencode(),
            "csv_url": reverse("demand_counts_csv", args=[committee.slug])
            + (f"?{query.urlencode()}" if query else ""),
            "new_url": reverse("demand_new", args=[committee.slug]),
            "is_secretariat": policy.is_secretariat(request.user, committee),
            **_meta(
                request,
                _("مطالبات شهروندان — %(name)s") % {"name": committee.name},
                _("مشکلاتی که شهروندان طرح کرده‌اند، به ترتیب شمار طرح و حمایت."),
                site_name=committee.name,
            ),
        },
    )


@require_GET
def demand_counts_csv(request: HttpRequest, slug: str) -> HttpResponse:
    """The counts of the list (same filters) as CSV: one row per topic, then per district."""
    committee = get_object_or_404(Committee, slug=slug)
    form, demands = _filtered(committee, request.GET)
    counts = _counts(demands, _imported(committee, form))
    header = [
        _("گروه‌بندی"),
        _("نام"),
        _("شمار مطالبات"),
        _("شمار طرح‌کنندگان"),
        _("شمار حمایت‌ها"),
        _("در دستور جلسه"),
        _("به مصوبه رسید"),
        _("درخواست‌های سامانه ۱۳۷ (جدا)"),
    ]
    rows = []
    for kind, label in (("by_topic", _("موضوع")), ("by_district", _("منطقه"))):
        for group in counts[kind]:
            rows.append(
                [
                    label,
                    group["name"],
                    group["demands"],
                    group["raised"],
                    group["supporters"],
                    group["agenda"],
                    group["decided"],
                    group["imported"],
                ]
            )
    response = HttpResponse(
        "".join(csv_lines(header, rows)), content_type="text/csv; charset=utf-8"
    )
    day = format_numeric_latin(timezone.localdate()).replace("/", "-")
    response["Content-Disposition"] = f'attachment; filename="demands-{committee.slug}-{day}.csv"'
    return response


# --- One demand ------------------------------------------------------------------------------


def _public_demand(slug: str, pk: int) -> Demand:
    demand = get_object_or_404(
        Demand.objects.with_counts()
        .with_stage()
        .select_related(
            "committee", "workgroup", "topic", "district", "agenda_item__meeting", "merged_into"
        ),
        pk=pk,
        committee__slug=slug,
    )
    return demand


def _outcome(demand: Demand) -> dict[str, Any]:
    """What the public may see of the agenda item a demand led to, and of the decisions
    taken on it once the minutes are published (from the portal's index)."""
    item = demand.agenda_item
    if item is None:
        return {}
    meeting = item.meeting
    shown = meeting.is_public and item.is_public
    decisions = list(
        PublicDecision.objects.filter(decision__agenda_item=item, document__is_latest=True)
        .select_related("document", "decision")
        .order_by("number")
    )
    follow_ups: dict[int, list[FollowUp]] = {}
    for follow_up in FollowUp.objects.filter(
        decision__in=[d.decision_id for d in decisions if d.decision_id]
    ).order_by("date", "pk"):
        follow_ups.setdefault(follow_up.decision_id, []).append(follow_up)
    for decision in decisions:
        decision.follow_up_list = follow_ups.get(decision.decision_id, [])
    document = decisions[0].document if decisions else None
    if document is None and demand.stage == "considered":
        document = PublishedDocument.objects.filter(meeting=meeting, is_latest=True).first()
    return {
        "meeting": meeting if shown else None,
        "meeting_url": meeting.get_absolute_url() if shown else "",
        "body_name": meeting.body_name,
        "item": item if shown else None,
        "decisions": decisions,
        "document": document,
    }


def demand_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    ensure_index()  # the decisions are read from the portal's index
    demand = _public_demand(slug, pk)
    if demand.status == Demand.Status.MERGED:
        target = demand.merged_into
        if target is not None and target.status == Demand.Status.PUBLISHED:
            return HttpResponsePermanentRedirect(target.get_absolute_url())
    if demand.status != Demand.Status.PUBLISHED:
        raise Http404
    if request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405)
    key, _token = _visitor(request)
    supported = demand.supports.filter(supporter_key=key).exists()
    chair_form = chair_agenda_form = None
    is_secretariat = policy.is_secretariat(request.user, demand.committee)
    if request.user.is_authenticated and not is_secretariat and demand.agenda_item_id is None:
        items = _chaired_items(request.user, demand.committee)
        if items:
            chair_form = LinkForm(prefix=f"d{demand.pk}", items=items)
        meetings = _chaired_coming_meetings(request.user, demand.committee)
        if meetings:
            chair_agenda_form = AgendaForm(prefix=f"d{demand.pk}", meetings=meetings)
    return render(
        request,
        "demands/detail.html",
        {
            "committee": demand.committee,
            "demand": demand,
            "outcome": _outcome(demand),
            "supported": supported,
            "own": bool(demand.raiser_key) and demand.raiser_key == key,
            "chair_form": chair_form,
            "chair_agenda_form": chair_agenda_form,
            "is_secretariat": is_secretariat,
            "photo_url": reverse("demand_photo", args=[demand.committee.slug, demand.pk])
            if demand.photo
            else "",
            "list_url": reverse("demand_list", args=[demand.committee.slug]),
            **_meta(
                request,
                demand.title,
                demand.description,
                site_name=demand.committee.name,
                og_type="article",
            ),
        },
    )


def _chaired_items(user, committee: Committee) -> list[AgendaItem]:
    """The recent and coming agenda items of the meetings ``user`` chairs (a workgroup's
    chair, or the committee's for its plenary meetings)."""
    chaired: dict[int | None, bool] = {}
    items = []
    for item in _recent_items(committee):
        meeting = item.meeting
        if meeting.workgroup_id not in chaired:
            chaired[meeting.workgroup_id] = policy.chairs_meeting(user, meeting)
        if chaired[meeting.workgroup_id]:
            items.append(item)
    return items


def _chaired_coming_meetings(user, committee: Committee) -> list[Meeting]:
    """The coming meetings ``user`` chairs, to whose agenda they may add a demand."""
    return [m for m in _coming_meetings(committee) if policy.chairs_meeting(user, m)]


@login_required
@require_POST
def demand_chair_agenda(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The chair of a workgroup puts a published demand on a coming meeting of their
    workgroup as a new agenda item (demands.services.put_on_agenda checks that they chair
    it)."""
    demand = get_object_or_404(Demand, pk=pk, committee__slug=slug)
    page = f"{reverse('demand_detail', args=[slug, pk])}#outcome-title"
    meeting = _pick(Meeting, _field(request, pk, "meeting"), committee=demand.committee)
    try:
        if meeting is None:
            raise ServiceError(_("جلسه‌ای آینده را برگزینید."))
        item = services.put_on_agenda(request.user, demand, meeting)
    except NotAllowed as error:
        raise PermissionDenied(error.message) from error
    except ServiceError as error:
        messages.error(request, error.message, extra_tags="outcome")
        return redirect(page)
    messages.success(
        request,
        _("مطالبه بند «%(title)s» در دستور جلسه «%(meeting)s» شد.")
        % {"title": item.title, "meeting": meeting.title},
        extra_tags="outcome",
    )
    return redirect(page)


@login_required
@require_POST
def demand_chair_link(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The chair of a meeting links a published demand to the agenda item of that meeting
    which takes it up (demands.services.link_agenda_item checks that they chair it)."""
    demand = get_object_or_404(Demand, pk=pk, committee__slug=slug)
    page = f"{reverse('demand_detail', args=[slug, pk])}#outcome-title"
    item = _pick(AgendaItem, _field(request, pk, "item"), meeting__committee=demand.committee)
    try:
        if item is None:
            raise ServiceError(_("بندی از دستور جلسه را برگزینید."))
        services.link_agenda_item(request.user, demand, item)
    except NotAllowed as error:
        raise PermissionDenied(error.message) from error
    except ServiceError as error:
        messages.error(request, error.message, extra_tags="outcome")
        return redirect(page)
    messages.success(request, _("مطالبه به بند دستور جلسه پیوند داده شد."), extra_tags="outcome")
    return redirect(page)


@require_POST
def demand_support(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    demand = get_object_or_404(Demand, pk=pk, committee__slug=slug)
    key, token = _visitor(request)
    page = f"{reverse('demand_detail', args=[slug, pk])}#support"
    try:
        services.support_demand(demand, supporter=key, ip_address=client_address(request))
    except ServiceError as error:
        messages.error(request, error.message, extra_tags="support")
        return _remember(redirect(page), token)
    messages.success(request, _("حمایت شما ثبت شد. سپاس!"), extra_tags="support")
    return _remember(redirect(page), token)


@require_GET
def demand_photo(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The photo of a published demand (the secretariat also sees those still pending),
    served as stored, typed by what it was checked to be, never sniffed."""
    demand = get_object_or_404(Demand, pk=pk, committee__slug=slug)
    if not demand.photo or demand.photo_kind not in KINDS:
        raise Http404
    if demand.status != Demand.Status.PUBLISHED and not policy.is_secretariat(
        request.user, demand.committee
    ):
        raise Http404
    with demand.photo.open("rb") as handle:
        data = handle.read()
    response = HttpResponse(data, content_type=KINDS[demand.photo_kind])
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    if demand.status != Demand.Status.PUBLISHED:
        response["Cache-Control"] = "private, no-store"
    return response


# --- Triage (the secretariat) ----------------------------------------------------------------


def _secretariat_committee(request: HttpRequest, slug: str) -> Committee:
    committee = get_object_or_404(Committee, slug=slug)
    if not policy.is_secretariat(request.user, committee):
        raise PermissionDenied(_("فقط دبیرخانه کمیته مطالبات را بررسی می‌کند."))
    return committee


def _coming_meetings(committee: Committee) -> list[Meeting]:
    meetings = list(
        Meeting.objects.filter(
            committee=committee, status=Meeting.Status.SCHEDULED, starts_at__gt=timezone.now()
        )
        .select_related("workgroup", "committee")
        .order_by("starts_at")[:30]
    )
    for meeting in meetings:
        meeting.choice_label = (
            f"{format_date(meeting.starts_at)} — {meeting.body_name} — {meeting.title}"
        )
    return meetings


def _recent_items(committee: Committee) -> list[AgendaItem]:
    """The agenda items of the meetings of the last 180 days and the coming ones."""
    since = timezone.now() - datetime.timedelta(days=180)
    items = list(
        AgendaItem.objects.filter(meeting__committee=committee, meeting__starts_at__gte=since)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting__workgroup", "meeting__committee")
        .order_by("-meeting__starts_at", "order")[:100]
    )
    for item in items:
        meeting = item.meeting
        item.choice_label = f"{format_date(meeting.starts_at)} — {meeting.body_name} — {item.title}"
    return items


@login_required
@require_GET
def triage(request: HttpRequest, slug: str) -> HttpResponse:
    committee = _secretariat_committee(request, slug)
    demands = Demand.objects.filter(committee=committee).select_related(
        "topic", "district", "workgroup", "moderated_by", "merged_into", "committee"
    )
    pending = list(demands.filter(status=Demand.Status.PENDING).order_by("created_at", "pk"))
    for demand in pending:
        prefix = f"d{demand.pk}"
        demand.reject_form = RejectForm(prefix=prefix)
        demand.merge_form = MergeForm(prefix=prefix, demand=demand)
        demand.assign_form = AssignForm(prefix=prefix, demand=demand)
        demand.anchor = f"demand-{demand.pk}"
    meetings = _coming_meetings(committee)
    items = _recent_items(committee)
    published = list(
        demands.filter(status=Demand.Status.PUBLISHED)
        .with_counts()
        .select_related("agenda_item__meeting__workgroup", "agenda_item__meeting__committee")
        .order_by("agenda_item", "-weight", "published_at")[:200]
    )
    for demand in published:
        prefix = f"d{demand.pk}"
        demand.assign_form = AssignForm(prefix=prefix, demand=demand)
        demand.agenda_form = AgendaForm(prefix=prefix, meetings=meetings)
        demand.link_form = LinkForm(prefix=prefix, items=items)
        demand.anchor = f"demand-{demand.pk}"
    history = demands.exclude(status__in=[Demand.Status.PENDING, Demand.Status.PUBLISHED])
    history = history.order_by("-moderated_at", "-pk")[:TRIAGE_HISTORY]
    return render(
        request,
        "demands/triage.html",
        {
            "committee": committee,
            "pending": pending,
            "published": published,
            "history": history,
            **_meta(request, _("بررسی مطالبات"), _("مطالبات در انتظار بررسی")),
        },
    )


def _field(request: HttpRequest, pk: int, name: str) -> str:
    return request.POST.get(f"d{pk}-{name}", "")


def _pick(model, value: str, **scope):
    try:
        return model.objects.get(pk=int(value), **scope)
    except (ValueError, model.DoesNotExist):
        return None


@login_required
@require_POST
def triage_action(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    committee = _secretariat_committee(request, slug)
    demand = get_object_or_404(Demand, pk=pk, committee=committee)
    try:
        if action == "publish":
            services.publish_demand(request.user, demand)
            messages.success(request, _("مطالبه منتشر شد."))
        elif action == "reject":
            services.reject_demand(request.user, demand, _field(request, pk, "reason"))
            messages.success(request, _("مطالبه منتشر نشد و علت آن ثبت شد."))
        elif action == "merge":
            target = _pick(Demand, _field(request, pk, "into"), committee=committee)
            if target is None:
                raise ServiceError(_("مطالبه منتشرشده‌ای را برای ادغام برگزینید."))
            services.merge_demand(request.user, demand, target)
            messages.success(
                request,
                localized_digits(
                    _("مطالبه در مطالبه #%(pk)s ادغام شد و در شمار آن آمد.") % {"pk": target.pk}
                ),
            )
        elif action == "assign":
            value = _field(request, pk, "workgroup")
            workgroup = _pick(Workgroup, value, committee=committee) if value else None
            if value and workgroup is None:
                raise ServiceError(_("این کارگروه در این کمیته نیست."))
            services.assign_workgroup(request.user, demand, workgroup)
            messages.success(
                request,
                _("مطالبه به %(body)s سپرده شد.")
                % {"body": workgroup.name if workgroup else committee.name},
            )
        elif action == "agenda":
            meeting = _pick(Meeting, _field(request, pk, "meeting"), committee=committee)
            if meeting is None:
                raise ServiceError(_("جلسه‌ای آینده را برگزینید."))
            services.put_on_agenda(request.user, demand, meeting)
            messages.success(request, _("مطالبه به دستور جلسه افزوده شد."))
        elif action == "link":
            item = _pick(AgendaItem, _field(request, pk, "item"), meeting__committee=committee)
            if item is None:
                raise ServiceError(_("بندی از دستور جلسه را برگزینید."))
            services.link_agenda_item(request.user, demand, item)
            messages.success(request, _("مطالبه به بند دستور جلسه پیوند داده شد."))
        else:
            raise Http404
    except ServiceError as error:
        page = reverse("demand_triage", args=[committee.slug])
        return moderation_refused(request, error, page, f"demand-{demand.pk}")
    return redirect("demand_triage", slug=committee.slug)


# --- Counts of another channel (the 137 contact centre) ------------------------------------


@login_required
def import_counts(request: HttpRequest, slug: str) -> HttpResponse:
    """The secretariat's page to import the 137 centre's CSV: the layout, the template, the
    problems of a refused file by row and column, and the files imported so far."""
    committee = _secretariat_committee(request, slug)
    form = ImportCountsForm()
    report = None
    status = 200
    if request.method == "POST":
        form = ImportCountsForm(request.POST, request.FILES)
        upload = request.FILES.get("file")
        if not form.is_valid() or upload is None:
            form.add_error("file", _("پرونده CSV را برگزینید."))
            status = 400
        elif upload.size > imports.MAX_BYTES:
            form.add_error(
                "file",
                localized_digits(
                    _("پرونده بیش از %(size)s مگابایت است؛ آن را به چند پرونده بخش کنید.")
                    % {"size": imports.MAX_BYTES // (1024 * 1024)}
                ),
            )
            status = 400
        else:
            dry_run = form.cleaned_data["dry_run"]
            report = imports.import_counts(
                committee,
                upload.read(),
                actor=request.user,
                file_name=upload.name or "",
                dry_run=dry_run,
            )
            if report.ok and not dry_run:
                messages.success(
                    request,
                    localized_digits(
                        _(
                            "%(rows)s ردیف وارد شد: %(created)s تازه، %(updated)s جایگزین، "
                            "%(unchanged)s بی‌تغییر (روی‌هم %(requests)s درخواست)."
                        )
                        % {
                            "rows": len(report.rows),
                            "created": report.created,
                            "updated": report.updated,
                            "unchanged": report.unchanged,
                            "requests": report.requests,
                        }
                    ),
                    extra_tags="import",
                )
                return redirect("demand_import", slug=committee.slug)
            if not report.ok:
                status = 400
    elif request.method not in ("GET", "HEAD"):
        return HttpResponse(status=405)
    batches = ImportBatch.objects.filter(committee=committee).select_related("imported_by")[:20]
    months = (
        ImportedCount.objects.filter(committee=committee)
        .order_by("-year", "-month")
        .values("year", "month")
        .annotate(total=Sum("requests"), rows=Count("pk"))[:24]
    )
    return render(
        request,
        "demands/import.html",
        {
            "committee": committee,
            "form": form,
            "report": report,
            "problems": [str(p) for p in report.problems] if report else [],
            "columns": imports.COLUMNS,
            "batches": batches,
            "months": [{**m, "label": imports.month_label(m["year"], m["month"])} for m in months],
            "topics": committee.demand_topics.all(),
            "districts": committee.districts.all(),
            **_meta(
                request,
                _("ورود شمار درخواست‌های سامانه ۱۳۷"),
                _("شمار ماهانه درخواست‌های سامانه ۱۳۷ به تفکیک موضوع و منطقه"),
            ),
        },
        status=status,
    )


@login_required
@require_GET
def import_template(request: HttpRequest, slug: str) -> HttpResponse:
    """The template of the 137 centre's CSV: the header, and a row for every topic and
    district of the committee for the last month, with the count to fill in."""
    committee = _secretariat_committee(request, slug)
    today = to_jalali(timezone.localdate())
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    header = [persian for _key, persian, _english in imports.COLUMNS]
    response = HttpResponse(
        "".join(csv_lines(header, imports.template_rows(committee, year, month))),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="137-{committee.slug}-template.csv"'
    return response
