"""How a page answers when a service refuses what was sent, the same for the public's
comments and the moderation of them (portal/views.py) as for citizens' demands and their
triage (demands/views.py)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from minutes.errors import NotAllowed, ServiceError


def form_refused(form: forms.Form, error: ServiceError) -> int:
    """The service's message on its field (or on the whole form when it names none of the
    form's), and the answer's status: 429 for a limit reached (``NotAllowed``), else 400."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
    return 429 if isinstance(error, NotAllowed) else 400


def moderation_refused(
    request: HttpRequest, error: ServiceError, page_url: str, anchor: str
) -> HttpResponse:
    """A moderator's action refused: 403 when it is not theirs to take; otherwise the
    message is shown on the item's own card (``anchor``), where the redirect back to the
    page brings the eye."""
    if isinstance(error, NotAllowed):
        raise PermissionDenied(error.message) from error
    messages.error(request, error.message, extra_tags=anchor)
    return redirect(f"{page_url}#{anchor}")
