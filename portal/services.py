"""Every change the portal makes: public comments and their moderation.

Like minutes.services, each function checks the permission, runs in one transaction,
writes an audit entry (committee.audit) and raises a ServiceError with a Persian message.
"""

from __future__ import annotations

import datetime
import re

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from committee import audit
from minutes import policy
from minutes.errors import InvalidTransition, NotAllowed, ServiceError
from minutes.models import Minutes
from persian.digits import localized_digits
from persian.text import normalize_for_display
from portal.models import Comment

COMMENT_MAX = 2000
NAME_MAX = 100
REASON_MAX = 1000
# A visitor may send this many comments per window; counted in the database.
COMMENTS_PER_WINDOW = 5
WINDOW = datetime.timedelta(hours=1)
# The same text sent again this soon, by the same address or under the same name, is a
# double click or a reload, not a second comment.
REPEAT_WINDOW = datetime.timedelta(minutes=10)

# Markup: an HTML/XML tag or comment, or a character reference. Links typed as plain text
# are allowed (they are shown as text, never as links).
_MARKUP = re.compile(r"<\s*[/!?]?\s*[A-Za-z][^<>]*>|<!--|&#?[A-Za-z0-9]+;")

COMMENT_FIELDS = ("status", "rejection_reason")


def visitor_key(ip_address: str | None) -> str:
    """A keyed hash of the visitor's address (HMAC-SHA256 with the SECRET_KEY): the same
    visitor gets the same key, and the address itself is never stored."""
    return salted_hmac(
        "portal.comment-visitor", ip_address or "unknown", algorithm="sha256"
    ).hexdigest()


def recent_comment_count(key: str, *, now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    return Comment.objects.filter(visitor_key=key, created_at__gt=now - WINDOW).count()


def has_markup(text: str) -> bool:
    return bool(_MARKUP.search(text or ""))


def clean_comment_text(
    text: str | None, *, limit: int, empty_message: str, field: str, multiline: bool = False
) -> str:
    """The text as it will be stored, or a ServiceError with a Persian message."""
    text = text or ""
    if multiline:
        lines = [normalize_for_display(line) for line in text.replace("\r\n", "\n").split("\n")]
        # At most one blank line in a row.
        cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    else:
        cleaned = normalize_for_display(text)
    if not cleaned:
        raise ServiceError(empty_message, field=field)
    if len(cleaned) > limit:
        raise ServiceError(
            localized_digits(
                _("این متن حداکثر %(limit)s نویسه است؛ متن شما %(length)s نویسه دارد.")
                % {"limit": limit, "length": len(cleaned)}
            ),
            field=field,
        )
    if has_markup(cleaned):
        raise ServiceError(
            _(
                "برچسب‌های HTML (مانند <a> یا <b>) پذیرفته نیست؛ متن ساده بنویسید. "
                "نشانی پیوند را می‌توانید به شکل متن ساده بنویسید."
            ),
            field=field,
        )
    return cleaned


def _clean_name(name: str | None) -> str:
    return clean_comment_text(
        name, limit=NAME_MAX, empty_message=_("نام خود را بنویسید."), field="name"
    )


def _clean_body(body: str | None) -> str:
    return clean_comment_text(
        body,
        limit=COMMENT_MAX,
        empty_message=_("متن دیدگاه را بنویسید."),
        field="body",
        multiline=True,
    )


def comment_field_errors(*, name: str | None, body: str | None) -> dict[str, str]:
    """What is wrong with each field of a comment, all at once (submit_comment stops at
    the first), so the form can show every error in one go."""
    errors = {}
    for field, clean, value in (("name", _clean_name, name), ("body", _clean_body, body)):
        try:
            clean(value)
        except ServiceError as error:
            errors[field] = error.message
    return errors


@transaction.atomic
def submit_comment(minutes: Minutes, *, name: str, body: str, ip_address: str | None) -> Comment:
    """A visitor's comment on published minutes; it waits for the secretariat."""
    if minutes.status != Minutes.Status.PUBLISHED:
        raise InvalidTransition(_("فقط برای صورتجلسه منتشرشده می‌توان دیدگاه فرستاد."))
    name = _clean_name(name)
    body = _clean_body(body)
    key = visitor_key(ip_address)
    if recent_comment_count(key) >= COMMENTS_PER_WINDOW:
        raise NotAllowed(
            localized_digits(
                _(
                    "از این نشانی در یک ساعت گذشته %(count)s دیدگاه فرستاده شده است؛ "
                    "لطفاً ساعتی بعد دوباره بفرستید."
                )
                % {"count": COMMENTS_PER_WINDOW}
            )
        )
    repeated = Comment.objects.filter(
        Q(visitor_key=key) | Q(name=name),
        minutes=minutes,
        body=body,
        created_at__gt=timezone.now() - REPEAT_WINDOW,
    )
    if repeated.exists():
        raise ServiceError(
            _(
                "همین دیدگاه را چند دقیقه پیش فرستاده‌اید و رسیده است؛ "
                "پس از بررسی دبیرخانه منتشر می‌شود."
            ),
            field="body",
        )
    return Comment.objects.create(minutes=minutes, name=name, body=body, visitor_key=key)


def _moderated(actor, comment: Comment) -> Comment:
    locked = Comment.objects.select_for_update().select_related("minutes__meeting__committee")
    locked = locked.get(pk=comment.pk)
    committee = locked.minutes.meeting.committee
    if not policy.is_secretariat(actor, committee):
        raise NotAllowed(_("فقط دبیرخانه کمیته دیدگاه‌ها را بررسی می‌کند."))
    if locked.status != Comment.Status.PENDING:
        raise InvalidTransition(
            _("این دیدگاه پیش‌تر بررسی شده است (%(status)s).")
            % {"status": locked.get_status_display()}
        )
    return locked


def _log(actor, action: str, comment: Comment, before: dict, note: str = "") -> None:
    meeting = comment.minutes.meeting
    audit.record(
        actor,
        action,
        comment,
        before=before,
        after=audit.snapshot(comment, COMMENT_FIELDS),
        committee=meeting.committee,
        meeting_id=meeting.pk,
        note=note,
    )


def rejection_reason(reason: str | None, *, missing: str) -> str:
    """A moderator's reason for not publishing (a comment, a citizen's demand), as kept:
    normalised for display, required (``missing`` says so), at most ``REASON_MAX``
    characters."""
    reason = normalize_for_display(reason or "")
    if not reason:
        raise ServiceError(missing, field="reason")
    if len(reason) > REASON_MAX:
        raise ServiceError(
            localized_digits(_("علت حداکثر %(limit)s نویسه است.") % {"limit": REASON_MAX}),
            field="reason",
        )
    return reason


@transaction.atomic
def approve_comment(actor, comment: Comment) -> Comment:
    locked = _moderated(actor, comment)
    before = audit.snapshot(locked, COMMENT_FIELDS)
    locked.mark_moderated(actor, Comment.Status.APPROVED)
    locked.save(update_fields=["status", "moderated_by", "moderated_at"])
    _log(actor, "comment.approve", locked, before)
    return locked


@transaction.atomic
def reject_comment(actor, comment: Comment, reason: str) -> Comment:
    locked = _moderated(actor, comment)
    reason = rejection_reason(reason, missing=_("علت منتشر نشدن دیدگاه را بنویسید."))
    before = audit.snapshot(locked, COMMENT_FIELDS)
    locked.mark_moderated(actor, Comment.Status.REJECTED)
    locked.rejection_reason = reason
    locked.save(update_fields=["status", "rejection_reason", "moderated_by", "moderated_at"])
    _log(actor, "comment.reject", locked, before, note=reason)
    return locked
