"""The outbox pages of the secretariat: who was sent what about a meeting, and every email
of the committee with the failed ones first and «ارسال دوباره».

What a person may read is ``OutboxEmail.objects.visible_to`` (the secretariat of the
meeting's committee); sending again is ``services.resend_email`` (minutes/outbox.py's
``retry`` with the permission check and an audit entry).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from minutes import policy, services
from minutes.errors import ServiceError
from minutes.models import Meeting, OutboxEmail
from minutes.visibility import Viewer

PAGE_SIZE = 50


def _counts(emails) -> dict[str, int]:
    counts = {status: 0 for status in OutboxEmail.Status.values}
    for row in emails.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


@login_required
def meeting_emails(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_object_or_404(
        Meeting.objects.internal_to(Viewer.for_request(request)).select_related(
            "committee", "workgroup"
        ),
        pk=pk,
    )
    if not policy.can_read_outbox(request.user, meeting.committee):
        raise PermissionDenied(_("فقط دبیرخانه کمیته ایمیل‌های جلسه را می‌بیند."))
    emails = meeting.emails.select_related("person", "invitation")
    context = {
        "meeting": meeting,
        "emails": emails.failed_first(),
        "counts": _counts(emails),
        "here": request.get_full_path(),
    }
    return render(request, "minutes/outbox_meeting.html", context)


@login_required
def committee_outbox(request: HttpRequest) -> HttpResponse:
    committees = list(Viewer.for_request(request).managed_committees)
    if not committees:
        raise PermissionDenied(_("فقط دبیرخانه کمیته صندوق ایمیل‌ها را می‌بیند."))
    slug = request.GET.get("committee")
    committee = next((c for c in committees if c.slug == slug), committees[0])
    emails = OutboxEmail.objects.visible_to(request.user).filter(meeting__committee=committee)
    counts = _counts(emails)
    status = request.GET.get("status", "")
    shown = emails.filter(status=status) if status in OutboxEmail.Status.values else emails
    page = Paginator(
        shown.select_related("person", "meeting__workgroup", "meeting__committee").failed_first(),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    context = {
        "committee": committee,
        "committees": committees,
        "page": page,
        "emails": page.object_list,
        "counts": counts,
        "status": status if status in OutboxEmail.Status.values else "",
        "statuses": OutboxEmail.Status.choices,
        "here": request.get_full_path(),
    }
    return render(request, "minutes/outbox.html", context)


@login_required
@require_POST
def email_resend(request: HttpRequest, pk: int) -> HttpResponse:
    email = get_object_or_404(
        OutboxEmail.objects.visible_to(request.user).select_related("meeting__committee"), pk=pk
    )
    try:
        services.resend_email(request.user, email)
    except ServiceError as error:
        if error.status == 403:
            raise PermissionDenied(error.message) from None
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("ایمیل به %(to)s دوباره در صف ارسال گذاشته شد.") % {"to": email.to}
        )
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return redirect(back)
    if email.meeting_id:
        return redirect("meeting_emails", email.meeting_id)
    return redirect("committee_outbox")
