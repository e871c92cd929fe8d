"""The signed-in desk: the register of decisions with «my decisions» (portal/register.py)
and the secretariat's inbox (portal/inbox.py). Short views: the rules are in those modules,
who sees what in ``minutes.visibility``."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from minutes.visibility import Viewer
from persian.jalali import format_numeric_latin
from persian.spreadsheet import csv_lines
from portal import inbox as work
from portal import register

# --- The register of decisions -----------------------------------------------------------


def _decisions(request: HttpRequest, mine: bool):
    viewer = Viewer.for_request(request)
    decisions = register.register_decisions(viewer)
    if mine:
        person = viewer.person
        if person is None:
            return viewer, decisions.none()
        decisions = decisions.filter(responsible_person=person, shown_live=True)
    return viewer, decisions


def _register_page(request: HttpRequest, *, mine: bool) -> HttpResponse:
    viewer, decisions = _decisions(request, mine)
    filterset = register.bound_filter(request, decisions, mine=mine)
    page = register.page_of(request, register.filtered(filterset))
    today = timezone.localdate()
    page.rows = [register.row(viewer, decision, today) for decision in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    csv_name = "my_decisions_csv" if mine else "decision_register_csv"
    context = {
        "mine": mine,
        "has_person": viewer.person is not None,
        "filter": filterset,
        "page": page,
        "action": request.path,
        "csv_url": reverse(csv_name) + (f"?{query.urlencode()}" if query else ""),
    }
    return render(request, "portal/register.html", context)


@login_required
@require_GET
def decision_register(request: HttpRequest) -> HttpResponse:
    return _register_page(request, mine=False)


@login_required
@require_GET
def my_decisions(request: HttpRequest) -> HttpResponse:
    return _register_page(request, mine=True)


def _register_csv(request: HttpRequest, *, mine: bool) -> HttpResponse:
    """Exactly the rows the page shows for the same filter, every page, in the same order:
    UTF-8 with a BOM, Persian headers, every cell safe for spreadsheets."""
    viewer, decisions = _decisions(request, mine)
    filterset = register.bound_filter(request, decisions, mine=mine)
    if filterset.is_bound and not filterset.is_valid():
        errors = "\n".join(str(e) for errors in filterset.errors.values() for e in errors)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    today = timezone.localdate()
    stamp = format_numeric_latin(today).replace("/", "-")
    filename = f"{'my-decisions' if mine else 'decision-register'}-{stamp}.csv"
    persian = f"{'مصوبات-من' if mine else 'دفتر-مصوبات'}-{stamp}.csv"
    rows = filterset.qs.iterator(chunk_size=500)
    lines: Iterator[str] = csv_lines(
        register.CSV_HEADERS,
        (register.csv_row(request, register.row(viewer, d, today)) for d in rows),
    )
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f"attachment; filename=\"{filename}\"; filename*=UTF-8''{quote(persian)}"
    )
    return response


@login_required
@require_GET
def decision_register_csv(request: HttpRequest) -> HttpResponse:
    return _register_csv(request, mine=False)


@login_required
@require_GET
def my_decisions_csv(request: HttpRequest) -> HttpResponse:
    return _register_csv(request, mine=True)


# --- The inbox -----------------------------------------------------------------------------


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    viewer = Viewer.for_request(request)
    if not work.is_secretariat(viewer):
        raise PermissionDenied(_("کارتابل از آنِ دبیرخانه کمیته است."))
    counts = work.counts(viewer)
    sections = [
        {
            "entry": entry,
            "count": counts[entry.key],
            "items": entry.items(viewer),
            "more_url": entry.more_url(viewer),
        }
        for entry in work.entries_for(viewer)
    ]
    context = {"sections": sections, "total": sum(counts.values())}
    return render(request, "portal/inbox.html", context)
