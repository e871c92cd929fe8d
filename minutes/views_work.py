"""The working interface: the secretariat schedules, chairs record, members answer.

Each view finds its object through ``Meeting.objects.internal_to(viewer)`` or
``visible_to(viewer)`` (minutes/visibility.py; anything else is a 404, so another
workgroup's internal record is not even confirmed to exist), asks ``minutes.policy``
whether the action is allowed (403 if not), and calls one service. Service errors come
back as Persian messages; nothing is half-saved because each service runs in one
transaction.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from committee import quorum as quorum_rules
from committee.models import AuditEntry, Committee
from minutes import audit_display, policy, services
from minutes.errors import ServiceError
from minutes.filters import MeetingFilter
from minutes.forms import (
    AgendaFormSet,
    AttachmentForm,
    DecisionForm,
    FollowUpForm,
    InviteForm,
    MeetingForm,
    PastMeetingForm,
    QuestionForm,
    ReasonForm,
    RecordForm,
    RequiredAgendaItemForm,
    ResponseForm,
)
from minutes.models import (
    Attachment,
    Decision,
    Invitation,
    Meeting,
    Minutes,
    Notification,
    Question,
)
from minutes.outbox import OutboxEmail
from minutes.publication.record import as_record, published_record
from minutes.visibility import Viewer
from persian.digits import localized_digits


def _viewer(request: HttpRequest) -> Viewer:
    return Viewer.for_request(request)


def _internal_meeting(request: HttpRequest, pk: int) -> Meeting:
    queryset = Meeting.objects.internal_to(_viewer(request)).select_related(
        "workgroup", "committee"
    )
    return get_object_or_404(queryset, pk=pk)


def _posted(request: HttpRequest):
    """The POST data for a bound form, even when empty (a form of optional fields)."""
    return request.POST if request.method == "POST" else None


def _forbid_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("شما اجازه این کار را ندارید."))


def _fail(request: HttpRequest, error: ServiceError, form=None, *, section: str = "") -> None:
    """Show a refused operation: on the form's field when there is one, else as a message
    (shown in ``section`` of the meeting page when the redirect goes there)."""
    # A form may ask for a field under another name than the service's (``end``, ``ends_at``).
    field = getattr(form, "service_field_names", {}).get(error.field, error.field)
    if form is not None and field and field in form.fields:
        form.add_error(field, error.message)
    elif form is not None:
        form.add_error(None, error.message)
    else:
        messages.error(request, error.message, extra_tags=section)


def _with_reason(request, meeting, act, *, heading: str, button: str, done: str) -> HttpResponse:
    """The pages that ask for a reason (cancel, decline, correct): one form, one service."""
    form = ReasonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data["reason"])
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(request, done)
            return redirect("meeting_detail", meeting.pk)
    context = {"form": form, "meeting": meeting, "heading": heading, "button": button}
    return render(request, "minutes/reason_form.html", context)


def _managed_committee(request: HttpRequest) -> Committee:
    committees = list(_viewer(request).managed_committees)
    if not committees:
        raise PermissionDenied(_("فقط دبیرخانه کمیته جلسه برنامه‌ریزی می‌کند."))
    slug = request.GET.get("committee")
    return next((c for c in committees if c.slug == slug), committees[0])


# --- Dashboard and lists ------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    viewer = _viewer(request)
    now = timezone.now()
    internal = Meeting.objects.internal_to(viewer).select_related("workgroup", "committee")
    managed = list(viewer.managed_committees)
    context: dict = {"managed": managed, "now": now}
    if managed:
        ours = internal.filter(committee__in=managed)
        context["upcoming"] = ours.filter(
            status=Meeting.Status.SCHEDULED, starts_at__gte=now
        ).order_by("starts_at")[:20]
        context["to_publish"] = Minutes.objects.filter(
            meeting__committee__in=managed, status=Minutes.Status.APPROVED
        ).select_related("meeting__workgroup")
        context["proposed_questions"] = Question.objects.filter(
            meeting__committee__in=managed, status=Question.Status.PROPOSED
        ).select_related("meeting__workgroup", "author__organization")
        context["overdue"] = [
            d
            for d in Decision.objects.filter(
                meeting__committee__in=managed,
                meeting__minutes__status=Minutes.Status.PUBLISHED,
            )
            .overdue()
            .select_related("meeting__workgroup", "responsible_organization", "responsible_person")
            .distinct()
            .order_by("deadline", "pk")[:DASHBOARD_OVERDUE]
        ]
    chaired = list(viewer.chaired_workgroups.filter(pk__in=internal.values("workgroup")))
    if chaired:
        context["chaired"] = chaired
        chair_meetings = list(
            internal.filter(workgroup__in=chaired)
            .order_by("-starts_at", "-pk")
            .prefetch_related(Prefetch("minutes", queryset=Minutes.objects.order_by("revision")))[
                :20
            ]
        )
        for meeting in chair_meetings:
            revisions = meeting.minutes.all()  # prefetched: no query per row
            meeting.latest_revision = revisions[len(revisions) - 1] if revisions else None
        context["chair_meetings"] = chair_meetings
    person = viewer.person
    if person is not None:
        # The person's unread notifications (minutes/notices.py), newest first.
        unread = Notification.objects.unread().filter(person=person)
        context["unread_count"] = unread.count()
        context["notifications"] = list(unread.select_related("meeting")[:30])
        context["invitations"] = (
            Invitation.objects.filter(
                person=person, meeting__status=Meeting.Status.SCHEDULED, meeting__starts_at__gte=now
            )
            .select_related("meeting__workgroup", "meeting__committee")
            .order_by("meeting__starts_at")
        )
        context["my_questions"] = Question.objects.filter(author=person).select_related(
            "meeting__workgroup"
        )[:20]
        context["my_decisions"] = (
            Decision.objects.filter(
                responsible_person=person, meeting__minutes__status=Minutes.Status.PUBLISHED
            )
            .select_related("meeting__workgroup")
            .distinct()[:20]
        )
        context["question_meetings"] = [
            m
            for m in internal.filter(status=Meeting.Status.SCHEDULED, starts_at__gte=now)[:20]
            if policy.can_propose_question(viewer, m)
        ]
    return render(request, "minutes/dashboard.html", context)


MEETINGS_PER_PAGE = 50
# The dashboard lists this many overdue decisions; the register has them all.
DASHBOARD_OVERDUE = 20


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    base = Meeting.objects.internal_to(_viewer(request)).select_related("workgroup", "committee")
    meetings = MeetingFilter(request.GET or None, queryset=base.order_by("-starts_at", "pk"))
    # A page at a time: a secretariat of five years of weekly meetings has some 1,300.
    rows = meetings.queryset.none() if meetings.errors else meetings.qs
    page = Paginator(rows, MEETINGS_PER_PAGE).get_page(request.GET.get("page"))
    page.numbers_shown = list(
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return render(request, "minutes/meeting_list.html", {"filter": meetings, "page": page})


# --- Scheduling ---------------------------------------------------------------------------


def _new_meeting(request: HttpRequest, form_class, create, *, done: str, then: str, **context):
    """The form of a new meeting with its agenda; ``create`` is the service that makes it."""
    committee = _managed_committee(request)
    form = form_class(_posted(request), committee=committee)
    agenda = AgendaFormSet(_posted(request), prefix="agenda")
    if request.method == "POST" and form.is_valid() and agenda.is_valid():
        items = [f.service_fields() for f in agenda if f.has_content()]
        try:
            meeting = create(
                request.user, committee=committee, agenda=items, **form.service_fields()
            )
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(request, done)
            return redirect(then, meeting.pk)
    return render(request, "minutes/meeting_form.html", {"form": form, "agenda": agenda, **context})


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    return _new_meeting(
        request,
        MeetingForm,
        services.schedule_meeting,
        done=_("جلسه برنامه‌ریزی شد. اکنون می‌توانید دعوت‌نامه‌ها را بفرستید."),
        then="meeting_detail",
    )


@login_required
def meeting_register_past(request: HttpRequest) -> HttpResponse:
    """Register a meeting that was held before it was entered here (from paper)."""
    return _new_meeting(
        request,
        PastMeetingForm,
        services.register_past_meeting,
        done=_("جلسه برگزارشده ثبت شد. اکنون حضور و غیاب، مذاکرات و مصوبات آن را ثبت کنید."),
        then="meeting_record",
        past=True,
    )


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _internal_meeting(request, pk)
    _forbid_unless(policy.can_schedule(_viewer(request), meeting.committee))
    form = MeetingForm(
        _posted(request), committee=meeting.committee, initial=MeetingForm.initial_for(meeting)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(request.user, meeting, **form.service_fields())
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("تغییرات جلسه ذخیره شد."))
            return redirect("meeting_detail", meeting.pk)
    return render(request, "minutes/meeting_form.html", {"form": form, "meeting": meeting})


@login_required
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _internal_meeting(request, pk)
    _forbid_unless(policy.can_schedule(_viewer(request), meeting.committee))
    # The cancellation is sent to everyone invited (services.cancel_meeting); say so only
    # when someone was.
    invited = meeting.invitations.count()
    if invited:
        done = localized_digits(
            ngettext(
                "جلسه لغو شد و به %(count)s دعوت‌شده خبر داده شد.",
                "جلسه لغو شد و به %(count)s دعوت‌شده خبر داده شد.",
                invited,
            )
            % {"count": invited}
        )
    else:
        done = _("جلسه لغو شد. کسی به این جلسه دعوت نشده بود که خبر لغو برایش فرستاده شود.")
    return _with_reason(
        request,
        meeting,
        lambda reason: services.cancel_meeting(request.user, meeting, reason),
        heading=_("لغو جلسه"),
        button=_("لغو جلسه"),
        done=done,
    )


# --- Agenda -------------------------------------------------------------------------------


@login_required
def agenda_item_form(request: HttpRequest, pk: int, item_pk: int | None = None) -> HttpResponse:
    meeting = _internal_meeting(request, pk)
    _forbid_unless(policy.can_schedule(_viewer(request), meeting.committee))
    item = get_object_or_404(meeting.agenda_items, pk=item_pk) if item_pk else None
    form = RequiredAgendaItemForm(
        _posted(request), instance=item, initial={"version": item.version if item else None}
    )
    if request.method == "POST" and form.is_valid():
        try:
            if item is None:
                services.add_agenda_item(request.user, meeting, **form.service_fields())
            else:
                services.update_agenda_item(
                    request.user,
                    item,
                    expected_version=form.expected_version(),
                    **form.service_fields(),
                )
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("دستور جلسه به‌روز شد."))
            return redirect("meeting_detail", meeting.pk)
    return render(
        request,
        "minutes/simple_form.html",
        {
            "form": form,
            "meeting": meeting,
            "item": item,
            "heading": _("ویرایش بند دستور جلسه") if item else _("افزودن بند به دستور جلسه"),
        },
    )


def _confirm_delete(request, meeting, *, heading: str, what: str, details, blocked, back: str):
    """The page a delete button leads to: what is deleted and what goes with it, then «حذف»
    or «انصراف». ``blocked`` lists what keeps the row from being deleted (then no «حذف»)."""
    context = {
        "meeting": meeting,
        "heading": heading,
        "what": what,
        "details": details,
        "blocked": [line for line in blocked if line],
        "back": back,
        "version": _draft_version(meeting),
    }
    return render(request, "minutes/confirm_delete.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agenda_item_action(request: HttpRequest, pk: int, item_pk: int, action: str) -> HttpResponse:
    meeting = _internal_meeting(request, pk)
    _forbid_unless(policy.can_schedule(_viewer(request), meeting.committee))
    item = get_object_or_404(meeting.agenda_items, pk=item_pk)
    if request.method != "POST":
        if action != "delete":
            return HttpResponseNotAllowed(["POST"])
        decisions = list(item.decisions.order_by("number"))
        attachments = list(item.attachments.order_by("pk"))
        blocked = [
            _("مصوبه %(number)s: %(text)s") % {"number": localized_digits(d.number), "text": d.text}
            for d in decisions
        ] + [_("پیوست: %(title)s") % {"title": a.title} for a in attachments]
        if hasattr(item, "question"):
            blocked.append(_("این بند از پرسش اصحاب رسانه آمده است."))
        return _confirm_delete(
            request,
            meeting,
            heading=_("حذف بند دستور جلسه"),
            what=item.title,
            details=[
                localized_digits(_("مصوبه‌های این بند: %(count)s") % {"count": len(decisions)}),
                localized_digits(_("پیوست‌های این بند: %(count)s") % {"count": len(attachments)}),
            ],
            blocked=blocked,
            back=f"{meeting.get_absolute_url()}#agenda",
        )
    try:
        if action == "up":
            services.move_agenda_item(request.user, item, -1)
        elif action == "down":
            services.move_agenda_item(request.user, item, +1)
        elif action == "delete":
            services.remove_agenda_item(request.user, item)
            messages.success(
                request,
                _("بند «%(title)s» از دستور جلسه حذف شد.") % {"title": item.title},
                extra_tags="agenda",
            )
        else:
            raise Http404
    except ServiceError as error:
        _fail(request, error, section="agenda")
    return redirect(f"{meeting.get_absolute_url()}#agenda")


# --- Invitations --------------------------------------------------------------------------


def _invitation_email_states(meeting: Meeting) -> list[tuple[int, str]]:
    """What became of the invitations' emails not gone yet, in words: waiting in the outbox
    for the background worker (not a failure), refused by the mail server (tried again,
    its error on «ایمیل‌های جلسه»), or never written for want of an address."""
    unsent = meeting.invitations.filter(sent_at__isnull=True)
    no_address = unsent.filter(person__email="").count()
    emails = OutboxEmail.objects.filter(invitation__in=unsent, kind="invite").exclude(
        status=OutboxEmail.Status.SENT
    )
    refused = emails.filter(Q(status=OutboxEmail.Status.FAILED) | ~Q(last_error="")).count()
    waiting = emails.filter(status=OutboxEmail.Status.QUEUED, last_error="").count()
    states = []
    if waiting:
        states.append(
            (
                messages.INFO,
                _(
                    "ایمیل %(count)s دعوت‌نامه در صف ارسال است و کارگزار پس‌زمینه آن را "
                    "می‌فرستد؛ وضعیت هر کدام در «ایمیل‌های جلسه» است."
                )
                % {"count": localized_digits(waiting)},
            )
        )
    if refused:
        states.append(
            (
                messages.WARNING,
                _(
                    "ایمیل %(count)s دعوت‌نامه نرفت (خطای کارگزار ایمیل)؛ دعوت ثبت شده است، "
                    "ارسال دوباره آزموده می‌شود و خطا در «ایمیل‌های جلسه» آمده است."
                )
                % {"count": localized_digits(refused)},
            )
        )
    if no_address:
        states.append(
            (
                messages.WARNING,
                _(
                    "%(count)s دعوت‌شده نشانی ایمیل ندارد؛ دعوت ثبت شده و در پیشخوان او "
                    "دیده می‌شود، اما ایمیلی نمی‌رود."
                )
                % {"count": localized_digits(no_address)},
            )
        )
    return states


@login_required
def meeting_invite(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _internal_meeting(request, pk)
    _forbid_unless(policy.can_schedule(_viewer(request), meeting.committee))
    form = InviteForm(_posted(request), meeting=meeting)
    # «مرور گیرندگان» shows who would be invited, with the guests chosen, and sends nothing.
    reviewing = request.method == "POST" and "review" in request.POST
    if request.method == "POST" and form.is_valid() and not reviewing:
        try:
            count = services.send_invitations(request.user, meeting, form.cleaned_data["guests"])
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(
                request, _("%(count)s دعوت‌نامه فرستاده شد.") % {"count": localized_digits(count)}
            )
            for level, text in _invitation_email_states(meeting):
                messages.add_message(request, level, text)
            return redirect("meeting_detail", meeting.pk)
    guests = form.cleaned_data.get("guests", []) if form.is_bound and form.is_valid() else []
    recipients = services.planned_invitations(meeting, guests)
    context = {
        "form": form,
        "meeting": meeting,
        "recipients": recipients,
        "emailed": sum(1 for r in recipients if r.emailed),
        "new": sum(1 for r in recipients if r.state == "new"),
        "without_email": [r for r in recipients if not r.person.email],
        "reviewing": reviewing,
    }
    return render(request, "minutes/invite_form.html", context)


@login_required
def invitation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    person = getattr(request.user, "person", None)
    invitation = get_object_or_404(
        Invitation.objects.select_related("meeting"), pk=pk, person=person
    )
    # Reopening one's answer keeps one's note (and the answer) in the form.
    form = ResponseForm(
        _posted(request),
        initial={"response": invitation.response, "note": invitation.response_note},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.respond_to_invitation(
                request.user, invitation, form.cleaned_data["response"], form.cleaned_data["note"]
            )
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("پاسخ شما ثبت شد."))
            return redirect("dashboard")
    return render(
        request,
        "minutes/simple_form.html",
        {"form": form, "meeting": invitation.meeting, "heading": _("پاسخ به دعوت‌نامه")},
    )


# --- Journalists' questions ---------------------------------------------------------------


@login_required
def question_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _internal_meeting(request, pk)
    _forbid_unless(policy.can_propose_question(_viewer(request), meeting))
    form = QuestionForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.propose_question(request.user, meeting, **form.cleaned_data)
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("پرسش شما برای دبیرخانه فرستاده شد."))
            return redirect("meeting_detail", meeting.pk)
    return render(
        request,
        "minutes/simple_form.html",
        {"form": form, "meeting": meeting, "heading": _("طرح پرسش یا مشکل شهری برای این جلسه")},
    )


@login_required
def question_decide(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    question = get_object_or_404(Question.objects.select_related("meeting"), pk=pk)
    meeting = _internal_meeting(request, question.meeting_id)
    _forbid_unless(policy.can_schedule(_viewer(request), meeting.committee))
    if action == "accept":
        if request.method != "POST":
            raise Http404
        try:
            services.accept_question(request.user, question)
        except ServiceError as error:
            _fail(request, error)
        else:
            messages.success(request, _("پرسش در دستور جلسه قرار گرفت."))
        return redirect("meeting_detail", meeting.pk)
    return _with_reason(
        request,
        meeting,
        lambda reason: services.decline_question(request.user, question, reason),
        heading=_("نپذیرفتن پرسش: %(title)s") % {"title": question.title},
        button=_("ثبت"),
        done=_("پرسش پذیرفته نشد؛ علت برای طرح‌کننده نمایش داده می‌شود."),
    )


# --- Recording ----------------------------------------------------------------------------


def _draft_version(meeting: Meeting) -> int:
    latest = meeting.latest_minutes()
    return latest.version if latest else 0


@login_required
def meeting_record(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _internal_meeting(request, pk)
    user = request.user
    viewer = _viewer(request)
    _forbid_unless(policy.can_record_attendance(viewer, meeting))
    latest = meeting.latest_minutes()
    if meeting.status == Meeting.Status.CANCELLED or (
        latest is not None and latest.status != Minutes.Status.DRAFT
    ):
        messages.info(
            request,
            _("صورتجلسه این جلسه دیگر پیش‌نویس نیست و ثبت جلسه بسته است."),
        )
        return redirect("meeting_detail", meeting.pk)
    quorum = meeting.quorum().as_dict()
    form = RecordForm(
        _posted(request),
        meeting=meeting,
        expected=services.expected_attendance(meeting),
        can_record=policy.can_record(viewer, meeting),
        initial={
            "version": latest.version if latest else 0,
            "summary": getattr(latest, "summary", ""),
            "classification": getattr(latest, "classification", ""),
            "distribution": getattr(latest, "distribution", ""),
        },
    )
    too_early = policy.too_early_to_record(meeting)
    if too_early:
        # Said at the top of the form before anyone types (record_form.html); the fields
        # are shown but cannot be filled in, and a POST anyway saves nothing.
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST" and not too_early and form.is_valid():
        fields = form.service_fields()
        try:
            services.record_meeting(user, meeting, **fields)
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("ثبت جلسه ذخیره شد."))
            return redirect("meeting_detail", meeting.pk)
    return render(
        request,
        "minutes/record_form.html",
        {
            "form": form,
            "meeting": meeting,
            "quorum": quorum_rules.describe(quorum),
            "lacks_quorum": quorum_rules.lacks_quorum(quorum),
            "too_early": too_early,
            "recording_opens_at": policy.recording_opens_at(meeting),
        },
    )


@login_required
def decision_form(request: HttpRequest, pk: int, decision_pk: int | None = None) -> HttpResponse:
    meeting = _internal_meeting(request, pk)
    _forbid_unless(policy.can_record(_viewer(request), meeting))
    decision = get_object_or_404(meeting.decisions, pk=decision_pk) if decision_pk else None
    form = DecisionForm(
        _posted(request),
        instance=decision,
        meeting=meeting,
        initial={"version": _draft_version(meeting)},
    )
    if request.method == "POST" and form.is_valid():
        version = form.cleaned_data["version"]
        try:
            if decision is None:
                services.add_decision(
                    request.user,
                    meeting,
                    expected_version=version,
                    voters=form.voters(),
                    **form.service_fields(),
                )
            else:
                decision.refresh_from_db()
                services.update_decision(
                    request.user,
                    decision,
                    expected_version=version,
                    voters=form.voters(),
                    **form.service_fields(),
                )
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("مصوبه ذخیره شد."), extra_tags="decisions")
            return redirect(f"{meeting.get_absolute_url()}#decisions")
    return render(
        request,
        "minutes/simple_form.html",
        {
            "form": form,
            "meeting": meeting,
            "heading": _("ویرایش مصوبه") if decision else _("ثبت مصوبه"),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def decision_delete(request: HttpRequest, pk: int, decision_pk: int) -> HttpResponse:
    meeting = _internal_meeting(request, pk)
    _forbid_unless(policy.can_record(_viewer(request), meeting))
    decision = get_object_or_404(meeting.decisions, pk=decision_pk)
    if request.method != "POST":
        follow_ups = decision.follow_ups.count()
        return _confirm_delete(
            request,
            meeting,
            heading=_("حذف مصوبه %(number)s") % {"number": localized_digits(decision.number)},
            what=decision.text,
            details=[
                localized_digits(_("پیگیری‌های ثبت‌شده: %(count)s") % {"count": follow_ups}),
                localized_digits(_("رأی‌های ثبت‌شده: %(count)s") % {"count": decision.votes.count()}),
            ],
            blocked=[
                _("برای این مصوبه پیگیری ثبت شده است؛ سابقه پیگیری حذف نمی‌شود.")
                if follow_ups
                else ""
            ],
            back=f"{meeting.get_absolute_url()}#decisions",
        )
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1  # no version from the page: treat as stale rather than skip the check
    try:
        services.remove_decision(request.user, decision, expected_version=version)
    except ServiceError as error:
        _fail(request, error, section="decisions")
    else:
        messages.success(request, _("مصوبه حذف شد."), extra_tags="decisions")
    return redirect(f"{meeting.get_absolute_url()}#decisions")


# --- Minutes lifecycle --------------------------------------------------------------------


@login_required
@require_POST
def minutes_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    minutes = get_object_or_404(Minutes, pk=pk)
    meeting = _internal_meeting(request, minutes.meeting_id)
    if action not in services.ONE_CLICK:
        raise Http404
    step = services.WORKFLOW[action]
    _forbid_unless(step.allowed(request.user, meeting))
    try:
        step.service(request.user, minutes)
    except ServiceError as error:
        _fail(request, error)
    else:
        messages.success(request, step.done)
    return redirect("meeting_detail", meeting.pk)


@login_required
def minutes_correct(request: HttpRequest, pk: int) -> HttpResponse:
    minutes = get_object_or_404(Minutes, pk=pk)
    meeting = _internal_meeting(request, minutes.meeting_id)
    step = services.WORKFLOW["correct"]
    _forbid_unless(step.allowed(request.user, meeting))
    return _with_reason(
        request,
        meeting,
        lambda reason: step.service(request.user, minutes, reason),
        heading=_("صدور اصلاحیه صورتجلسه"),
        button=_("باز کردن اصلاحیه"),
        done=str(step.done),
    )


# --- Attachments --------------------------------------------------------------------------


@login_required
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _internal_meeting(request, pk)
    _forbid_unless(policy.can_attach(_viewer(request), meeting))
    form = AttachmentForm(request.POST or None, request.FILES or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_attachment(
                request.user,
                meeting,
                upload=form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                agenda_item=form.cleaned_data["agenda_item"],
                public=form.cleaned_data["public"],
            )
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("پیوست افزوده شد."))
            return redirect(f"{meeting.get_absolute_url()}#attachments")
    return render(
        request,
        "minutes/simple_form.html",
        {"form": form, "meeting": meeting, "heading": _("افزودن پیوست"), "multipart": True},
    )


@login_required
@require_POST
def attachment_remove(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    meeting = _internal_meeting(request, pk)
    _forbid_unless(policy.can_attach(_viewer(request), meeting))
    attachment = get_object_or_404(meeting.attachments, pk=attachment_pk)
    try:
        services.remove_attachment(request.user, attachment)
    except ServiceError as error:
        _fail(request, error)
    else:
        messages.success(request, _("پیوست برداشته شد."))
    return redirect(f"{meeting.get_absolute_url()}#attachments")


def attachment_download(request: HttpRequest, pk: int) -> HttpResponse:
    """An attachment as stored: always a download, never rendered by the browser. Public
    ones of published minutes for everyone; the rest for those who see the meeting's
    internal record."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("meeting", "agenda_item"), pk=pk
    )
    meeting = attachment.meeting
    # Public only once a published revision lists it (an erratum's draft may add more).
    published = any(
        entry.id == attachment.pk
        for snapshot in meeting.minutes.filter(status=Minutes.Status.PUBLISHED).values_list(
            "snapshot", flat=True
        )
        for entry in as_record(snapshot).attachments
        if snapshot
    )
    if not (policy.can_view_internal(_viewer(request), meeting) or published):
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.download_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- Follow-up and audit ------------------------------------------------------------------


@login_required
def follow_up_create(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(Decision.objects.select_related("meeting"), pk=pk)
    meeting = get_object_or_404(
        Meeting.objects.visible_to(_viewer(request)).distinct(), pk=decision.meeting_id
    )
    _forbid_unless(policy.can_follow_up(_viewer(request), decision))
    form = FollowUpForm(
        _posted(request), initial={"status": decision.status, "date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_follow_up(request.user, decision, **form.cleaned_data)
        except ServiceError as error:
            _fail(request, error, form)
        else:
            messages.success(request, _("پیگیری ثبت شد."), extra_tags="decisions")
            return redirect(f"{meeting.get_absolute_url()}#decisions")
    return render(
        request,
        "minutes/simple_form.html",
        {
            "form": form,
            "meeting": meeting,
            "decision": decision,
            "heading": _("ثبت پیگیری مصوبه %(number)s")
            % {"number": localized_digits(decision.number)},
        },
    )


@login_required
def meeting_audit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _internal_meeting(request, pk)
    _forbid_unless(policy.is_secretariat(_viewer(request), meeting.committee))
    entries = list(AuditEntry.objects.filter(meeting_id=meeting.pk).select_related("actor"))
    for entry in entries:
        entry.label = audit_display.action_label(entry.action)
        entry.rows = audit_display.changes(entry)
    return render(request, "minutes/audit.html", {"meeting": meeting, "entries": entries})


# --- The meeting page ---------------------------------------------------------------------


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One page for everyone: the public part for all; the internal record, the forms and
    the workflow buttons for those whose roles allow them."""
    viewer = _viewer(request)
    visible = Meeting.objects.visible_to(viewer).select_related(
        "workgroup", "committee", "chair_person", "secretary_person"
    )
    meeting = get_object_or_404(visible.distinct(), pk=pk)
    # The rules asked below go through the request's Viewer: its look-ups read once.
    user = viewer
    internal = policy.can_view_internal(user, meeting)
    revisions = list(meeting.minutes.order_by("revision"))
    latest = revisions[-1] if revisions else None
    published = [m for m in revisions if m.is_published]
    items = meeting.agenda_items.select_related("presenter__organization", "question")
    decisions = meeting.decisions.select_related(
        "responsible_organization", "responsible_person", "agenda_item"
    ).prefetch_related("follow_ups")
    context = {
        "meeting": meeting,
        "internal": internal,
        "items": items if internal else [],
        "decisions": decisions if internal else [],
        # Outsiders read what was published, frozen at publication, never the live rows.
        "public_record": published_record(published[-1].snapshot)
        if published and not internal
        else None,
        "latest": latest,
        "revisions": revisions if internal else published,
        "published": published,
        # Recording is possible until the minutes leave the draft state.
        "record_open": meeting.status != Meeting.Status.CANCELLED
        and (latest is None or latest.status == Minutes.Status.DRAFT),
        "attendances": meeting.attendances.all() if internal else [],
        "can_schedule": policy.can_schedule(user, meeting.committee),
        "can_record": policy.can_record(user, meeting),
        "can_record_attendance": policy.can_record_attendance(user, meeting),
        # The workflow's buttons for the latest revision (minutes.services.WORKFLOW).
        "minutes_steps": services.next_steps(user, latest),
        "can_attach": policy.can_attach(user, meeting),
        "can_propose": policy.can_propose_question(user, meeting)
        and meeting.status == Meeting.Status.SCHEDULED,
        "is_secretariat": policy.is_secretariat(user, meeting.committee),
        "is_chair": policy.chairs_meeting(user, meeting),
        "can_preview_draft": policy.can_preview_draft(user, meeting),
    }
    if internal or published:
        frozen = published_record(published[-1].snapshot) if published else None
        quorum = (
            meeting.quorum().as_dict()
            if internal
            else (frozen.quorum.as_dict() if frozen and frozen.quorum else None)
        )
        context["quorum"] = quorum_rules.describe(quorum)
        context["lacks_quorum"] = quorum_rules.lacks_quorum(quorum)
        if internal and quorum and meeting.status == Meeting.Status.SCHEDULED:
            if not quorum["present"]:
                context["quorum"] = quorum_rules.describe_ahead(quorum)
                context["lacks_quorum"] = False
    if internal:
        context["attachments"] = meeting.attachments.select_related("agenda_item")
        context["record_frozen"] = bool(latest and latest.is_published)
        context["unrecorded"] = (
            services.unrecorded_attendance(meeting)
            if meeting.status == Meeting.Status.HELD and context["record_open"]
            else []
        )
        context["questions"] = meeting.questions.internal_to(viewer).select_related(
            "author__organization", "agenda_item"
        )
        invitations = list(meeting.invitations.select_related("person__organization"))
        context["invitations"] = invitations
        context["rsvp_counts"] = {
            response: sum(1 for inv in invitations if inv.response == response)
            for response in Invitation.Response.values
        }
        if context["is_secretariat"]:
            context["failed_emails"] = meeting.emails.failed().count()
        context["unanswered"] = context["rsvp_counts"][Invitation.Response.PENDING]
        person = viewer.person
        context["my_invitation"] = next(
            (inv for inv in invitations if person is not None and inv.person_id == person.pk),
            None,
        )
    context["follow_up_ids"] = (
        {d.pk for d in context["decisions"] if published and policy.can_follow_up(user, d)}
        if viewer.authenticated
        else set()
    )
    return render(request, "minutes/meeting_detail.html", context)
