"""``/meetings/<pk>/agenda.pdf``: the agenda (دستور جلسه) of a meeting as a PDF, for whoever
may see the meeting page, with the items that page shows them (minutes.publication.agenda).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from minutes.models import Meeting
from minutes.publication.agenda import render_agenda_pdf
from minutes.publication.agenda_names import agenda_filename
from minutes.publication.pdf_views import content_disposition
from minutes.visibility import Viewer


@login_required
@require_safe
def meeting_agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """Rendered afresh (the agenda changes until the meeting), never cached; a meeting the
    user may not see is a 404, as its page is. ``?download=1`` asks for a download."""
    viewer = Viewer.for_request(request)
    meeting = get_object_or_404(
        Meeting.objects.visible_to(viewer)
        .select_related("committee", "workgroup", "chair_person", "secretary_person")
        .distinct(),
        pk=pk,
    )
    response = HttpResponse(render_agenda_pdf(meeting, viewer), content_type="application/pdf")
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    name, fallback = agenda_filename(meeting)
    response["Content-Disposition"] = content_disposition(
        name, fallback, attachment=request.GET.get("download") == "1"
    )
    return response
