"""The pages of notifications and reminders: the dashboard's «خوانده شد», the account page
where a person chooses which emails they get, and the meeting page's reminder button.

The notifications themselves are made by the services (minutes/notices.py) and the
reminders by minutes/reminders.py; these views only read and mark.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from minutes import notices, policy, reminders
from minutes.forms import EmailPreferencesForm
from minutes.models import Meeting
from minutes.notices import EmailPreferences
from minutes.visibility import Viewer
from persian.digits import localized_digits


@login_required
@require_POST
def notification_read(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    """Mark one notification of the logged-in person read (or, without ``pk``, all)."""
    person = getattr(request.user, "person", None)
    if person is not None:
        notices.mark_read(person, pk)
    return redirect(f"{_back(request)}#notifications")


def _back(request: HttpRequest) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target.split("#", 1)[0]
    return reverse("dashboard")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    """«حساب من»: which notification emails one receives (all on until turned off), and a
    link to the API token. Invitations are always sent and are not among the choices."""
    person = getattr(request.user, "person", None)
    form = None
    if person is not None:
        form = EmailPreferencesForm(
            request.POST if request.method == "POST" else None,
            instance=EmailPreferences.of(person),
        )
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, _("انتخاب‌های شما ذخیره شد."))
            return redirect("account")
    elif request.method == "POST":
        messages.error(request, _("حساب شما به شخصی در کمیته پیوند نخورده است."))
        return redirect("account")
    groups = (
        [
            (title, [form[name] for name in names])
            for title, names in (
                (_("پرسش‌ها"), ["question_decided"]),
                (
                    _("صورتجلسه‌ها"),
                    [
                        "minutes_submitted",
                        "minutes_draft",
                        "minutes_approved",
                        "minutes_published",
                    ],
                ),
                (
                    _("مصوبات"),
                    ["decision_assigned", "follow_up", "decision_deadline", "overdue_digest"],
                ),
            )
        ]
        if form is not None
        else []
    )
    return render(
        request, "minutes/account.html", {"form": form, "groups": groups, "person": person}
    )


@login_required
@require_POST
def remind_invitees(request: HttpRequest, pk: int) -> HttpResponse:
    """«یادآوری به پاسخ‌نداده‌ها»: email every invitee who has not answered, at most once a
    day each (minutes/reminders.py), and say how many were reminded."""
    meeting = get_object_or_404(
        Meeting.objects.internal_to(Viewer.for_request(request)).select_related("committee"),
        pk=pk,
    )
    if not policy.can_schedule(request.user, meeting.committee):
        raise PermissionDenied(_("شما اجازه این کار را ندارید."))
    if meeting.status != Meeting.Status.SCHEDULED:
        messages.error(request, _("یادآوری فقط برای جلسه‌ای که هنوز برگزار نشده فرستاده می‌شود."))
        return redirect(f"{meeting.get_absolute_url()}#invitations")
    result = reminders.remind_invitees(meeting)
    if result.sent:
        messages.success(
            request,
            localized_digits(
                ngettext(
                    "به %(count)s دعوت‌شده‌ای که پاسخ نداده بود یادآوری فرستاده شد.",
                    "به %(count)s دعوت‌شده‌ای که پاسخ نداده بودند یادآوری فرستاده شد.",
                    result.sent,
                )
                % {"count": result.sent}
            ),
            extra_tags="invitations",
        )
    if result.already:
        messages.info(
            request,
            localized_digits(
                _(
                    "به %(count)s نفر امروز پیش‌تر یادآوری فرستاده شده بود و دوباره فرستاده "
                    "نشد (هر دعوت‌شده روزی یک یادآوری)."
                )
                % {"count": result.already}
            ),
            extra_tags="invitations",
        )
    if result.no_address:
        messages.warning(
            request,
            localized_digits(
                _("%(count)s دعوت‌شده پاسخ‌نداده نشانی ایمیل ندارند؛ با آنان تماس بگیرید.")
                % {"count": result.no_address}
            ),
            extra_tags="invitations",
        )
    if not (result.sent or result.already or result.no_address):
        messages.info(
            request, _("همه دعوت‌شدگان پاسخ داده‌اند؛ یادآوری لازم نیست."), extra_tags="invitations"
        )
    return redirect(f"{meeting.get_absolute_url()}#invitations")
