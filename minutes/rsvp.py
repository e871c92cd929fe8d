"""The answer links of an invitation email: accept, or decline with a note, without logging in.

A link carries the invitation's id and a nonce, signed with the site's secret
(``django.core.signing``, salted for this use only), so it cannot be forged or pointed at
another invitation. It works:

- for ``RSVP_LINK_DAYS`` days after it was made (``DJANGO_RSVP_LINK_DAYS``) and never after
  the meeting has ended;
- once: the answer marks the nonce used (``Invitation.rsvp_used_at``), and the next email
  (a reschedule, a reminder) brings links with a new nonce. An older link then reads as used.

Opening a link (GET) changes nothing — mail scanners fetch the links of incoming mail — it
shows a page with a button; the button (POST) answers through
``services.respond_to_invitation`` with the link, so the checks and the audit are those of
an answer given from the meeting page.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from minutes.errors import ServiceError
from minutes.models import Invitation, Meeting
from minutes.outbox import absolute_url
from persian.digits import localized_digits

SALT = "minutes.rsvp.answer-link"
ANSWERS = {"accept": Invitation.Response.ACCEPTED, "decline": Invitation.Response.DECLINED}
# A meeting without an end time takes answers until two hours after its start.
DEFAULT_LENGTH = datetime.timedelta(hours=2)


def _bad_link() -> str:
    return _("نشانی پیوند کامل نیست یا تغییر کرده است.")


def _expired() -> str:
    return _("پیوند پاسخ تا پایان جلسه، و حداکثر %(days)s روز پس از ایمیل، کار می‌کند.") % {
        "days": localized_digits(settings.RSVP_LINK_DAYS)
    }


class LinkError(ServiceError):
    """A link that cannot answer: ``kind`` is ``bad`` (forged, damaged, unknown), ``expired``,
    ``used`` or ``closed`` (the meeting was cancelled or held)."""

    def __init__(self, kind: str, message: str, invitation: Invitation | None = None):
        super().__init__(message)
        self.kind = kind
        self.invitation = invitation
        # A damaged link is the request's fault; the others were good links and are gone.
        self.status = 400 if kind == "bad" else 410


@dataclass(frozen=True)
class Links:
    accept: str
    decline: str


def link_token(invitation: Invitation) -> str:
    """The signed token of ``invitation``'s current links; a new nonce when there is none yet
    or the last one was used (saved on the invitation, in the caller's transaction)."""
    if not invitation.rsvp_nonce or invitation.rsvp_used_at is not None:
        invitation.rsvp_nonce = secrets.token_urlsafe(16)
        invitation.rsvp_used_at = None
        Invitation.objects.filter(pk=invitation.pk).update(
            rsvp_nonce=invitation.rsvp_nonce, rsvp_used_at=None
        )
    return signing.dumps({"i": invitation.pk, "n": invitation.rsvp_nonce}, salt=SALT)


def links_for(invitation: Invitation) -> Links:
    """The absolute accept and decline links for an email to ``invitation``'s invitee."""
    token = link_token(invitation)
    return Links(
        accept=absolute_url(reverse("rsvp_answer", args=[token, "accept"])),
        decline=absolute_url(reverse("rsvp_answer", args=[token, "decline"])),
    )


def meeting_end(meeting: Meeting) -> datetime.datetime:
    return meeting.ends_at or meeting.starts_at + DEFAULT_LENGTH


def read(token: str, *, for_update: bool = False) -> Invitation:
    """The invitation ``token`` answers, or a LinkError saying why it cannot."""
    try:
        data = signing.loads(
            token, salt=SALT, max_age=datetime.timedelta(days=settings.RSVP_LINK_DAYS)
        )
    except signing.SignatureExpired:
        raise LinkError("expired", _expired()) from None
    except signing.BadSignature:
        raise LinkError("bad", _bad_link()) from None
    queryset = Invitation.objects.select_related("meeting__committee", "meeting__workgroup")
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    invitation = queryset.filter(pk=data.get("i")).first() if isinstance(data, dict) else None
    if invitation is None or not invitation.rsvp_nonce:
        raise LinkError("bad", _bad_link())
    if data.get("n") != invitation.rsvp_nonce or invitation.rsvp_used_at is not None:
        raise LinkError(
            "used",
            _(
                "هر پیوند پاسخ یک بار کار می‌کند؛ این یکی پیش‌تر به کار رفته، یا ایمیل "
                "تازه‌تری پیوند دیگری آورده است."
            ),
            invitation,
        )
    meeting = invitation.meeting
    if meeting.status != Meeting.Status.SCHEDULED:
        raise LinkError("closed", _("این جلسه دیگر پذیرای پاسخ نیست."), invitation)
    if timezone.now() >= meeting_end(meeting):
        raise LinkError("expired", _expired(), invitation)
    return invitation
