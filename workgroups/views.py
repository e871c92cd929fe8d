"""Members and terms of a workgroup, managed by the committee's secretariat."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from workgroups import services
from workgroups.forms import AddMemberForm, ChangeChairForm, EndTermForm
from workgroups.models import Workgroup

FORMS = {"add": AddMemberForm, "end": EndTermForm, "chair": ChangeChairForm}


def _forms(workgroup: Workgroup, request: HttpRequest | None = None, which: str = ""):
    built = {}
    for name, form_class in FORMS.items():
        data = request.POST if request is not None and name == which else None
        kwargs = {} if form_class is AddMemberForm else {"workgroup": workgroup}
        built[name] = form_class(data, prefix=name, **kwargs)
    return built


def _run(request: HttpRequest, workgroup: Workgroup, which: str, form) -> bool:
    data = form.cleaned_data
    try:
        if which == "add":
            services.add_membership(
                request.user,
                workgroup,
                data["person"],
                role=data["role"],
                start_date=data["start_date"],
                end_date=data["end_date"],
            )
        elif which == "end":
            services.end_membership(request.user, data["membership"], data["end_date"])
        else:
            services.change_chair(request.user, workgroup, data["person"], data["start_date"])
    except services.MembershipError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return False
    return True


@login_required
def members(request: HttpRequest, committee_slug: str, slug: str) -> HttpResponse:
    workgroup = get_object_or_404(
        Workgroup.objects.select_related("committee"), committee__slug=committee_slug, slug=slug
    )
    if not request.user.has_perm("committee.manage_committee", workgroup.committee):
        raise PermissionDenied(_("فقط دبیرخانه کمیته اعضا را مدیریت می‌کند."))
    which = request.POST.get("form", "") if request.method == "POST" else ""
    forms = _forms(workgroup, request, which)
    if which in forms and forms[which].is_valid() and _run(request, workgroup, which, forms[which]):
        messages.success(request, _("تغییر عضویت ذخیره شد و دسترسی‌ها به‌روز شد."))
        return redirect("workgroup_members", committee_slug, slug)
    memberships = workgroup.memberships.select_related("person__organization").order_by(
        "-end_date", "-is_chair", "-is_permanent", "person__last_name"
    )
    return render(
        request,
        "workgroups/members.html",
        {"workgroup": workgroup, "memberships": memberships, "forms": forms},
    )
