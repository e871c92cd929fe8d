"""The answer links of invitation emails (minutes/rsvp.py): no login needed.

GET shows what the answer will be, with a button and (to decline) a note field, and
changes nothing: mail scanners and link previews open every link of an incoming email.
POST records the answer through ``services.respond_to_invitation`` (the same checks and
audit as an answer from the meeting page). A link that is damaged, expired, used or for a
meeting that no longer takes answers gets a Persian page saying so and what to do instead
(400 for a damaged link, 410 for one that was good).
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from minutes import rsvp, services
from minutes.errors import ServiceError
from minutes.forms import LinkAnswerForm


def _refused(request: HttpRequest, error: rsvp.LinkError) -> HttpResponse:
    invitation = error.invitation
    context = {
        "error": error,
        "invitation": invitation,
        "meeting": invitation.meeting if invitation else None,
    }
    return render(request, "minutes/rsvp_refused.html", context, status=error.status)


@never_cache
@require_http_methods(["GET", "POST"])
def rsvp_answer(request: HttpRequest, token: str, answer: str) -> HttpResponse:
    if answer not in rsvp.ANSWERS:
        raise Http404
    response = rsvp.ANSWERS[answer]
    try:
        invitation = rsvp.read(token)
    except rsvp.LinkError as error:
        return _refused(request, error)
    declining = answer == "decline"
    form = LinkAnswerForm(
        request.POST if request.method == "POST" else None,
        initial={"note": invitation.response_note},
        declining=declining,
    )
    context = {
        "invitation": invitation,
        "meeting": invitation.meeting,
        "form": form,
        "answer": answer,
        "declining": declining,
        "other_url": reverse("rsvp_answer", args=[token, "accept" if declining else "decline"]),
    }
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.respond_to_invitation(
                request.user, invitation, response, form.cleaned_data["note"], link=token
            )
        except rsvp.LinkError as error:
            return _refused(request, error)
        except ServiceError as error:
            form.add_error(None, error.message)
        else:
            return render(request, "minutes/rsvp_done.html", context | {"invitation": invitation})
    return render(request, "minutes/rsvp_confirm.html", context)
