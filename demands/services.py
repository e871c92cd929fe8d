"""Every change to demands: raising one, its moderation and triage, support, and its way to
the agenda. Like minutes.services, each function checks the permission, runs in one
transaction, writes an audit entry (committee.audit) for what the secretariat does, and
raises a ServiceError with a Persian message; the citizen is told by email after the
change commits (demands.notifications)."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from committee import audit
from committee.models import Committee
from demands import notifications
from demands.models import (
    DESCRIPTION_MAX,
    NEIGHBOURHOOD_MAX,
    TITLE_MAX,
    Demand,
    District,
    Support,
    Topic,
)
from demands.photos import checked_photo
from demands.standard import STANDARD_DISTRICTS, STANDARD_TOPICS
from minutes import policy
from minutes import services as minutes_services
from minutes.errors import InvalidTransition, NotAllowed, ServiceError
from minutes.models import AgendaItem, Meeting, Minutes
from persian.digits import localized_digits, to_persian_digits
from persian.text import normalize_for_display
from persian.validators import has_control_characters
from portal.services import clean_comment_text, rejection_reason, visitor_key
from workgroups.models import Workgroup

# A visitor (one client address) may raise this many demands per window.
DEMANDS_PER_WINDOW = 3
WINDOW = datetime.timedelta(hours=1)
# The same title again this soon from the same address is a reload, not a second demand.
REPEAT_WINDOW = datetime.timedelta(minutes=30)
# Supports: one per browser or account; and from one client address at most this many on
# one demand a day (a household or an office shares an address), and this many an hour.
SUPPORTS_PER_ADDRESS_PER_DEMAND = 3
SUPPORT_ADDRESS_WINDOW = datetime.timedelta(days=1)
SUPPORTS_PER_ADDRESS_PER_HOUR = 20

DEMAND_FIELDS = ("status", "workgroup", "merged_into", "rejection_reason", "agenda_item")


def supporter_key(*, user_id: int | None = None, token: str = "") -> str:
    """The key of one supporter: their account when signed in, else their browser's
    visitor cookie (a random token), hashed with the SECRET_KEY."""
    value = f"user:{user_id}" if user_id else f"browser:{token}"
    return salted_hmac("demands.supporter", value, algorithm="sha256").hexdigest()


# --- Raising a demand -----------------------------------------------------------------------


@dataclass
class Draft:
    """A demand's fields as typed, before they are checked."""

    title: str = ""
    description: str = ""
    topic: str | int | None = None
    district: str | int | None = None
    neighbourhood: str = ""
    email: str = ""


def _one_line(value: str, *, limit: int, empty: str, field: str, required: bool = True) -> str:
    if not required and not normalize_for_display(value or ""):
        return ""
    cleaned = clean_comment_text(value, limit=limit, empty_message=empty, field=field)
    if has_control_characters(cleaned):
        raise ServiceError(
            _("این مقدار باید یک سطر باشد؛ شکست سطر، Tab و نویسه‌های کنترلی پذیرفته نیست."),
            field=field,
        )
    return cleaned


def _choice(model, committee: Committee, value, *, field: str, empty: str, unknown: str):
    if value in (None, ""):
        raise ServiceError(empty, field=field)
    try:
        return model.objects.get(committee=committee, pk=int(value))
    except (ValueError, TypeError, model.DoesNotExist):
        raise ServiceError(unknown, field=field) from None


def _clean_email(value: str) -> str:
    email = (value or "").strip()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        raise ServiceError(
            _("نشانی رایانامه درست نیست؛ مانند name@example.ir بنویسید یا خالی بگذارید."),
            field="email",
        ) from None
    if len(email) > 254:
        raise ServiceError(_("نشانی رایانامه بیش از اندازه بلند است."), field="email")
    return email


def _cleaners(committee: Committee):
    return {
        "title": lambda d: _one_line(
            d.title, limit=TITLE_MAX, empty=_("عنوان مطالبه را بنویسید."), field="title"
        ),
        "description": lambda d: clean_comment_text(
            d.description,
            limit=DESCRIPTION_MAX,
            empty_message=_("شرح مطالبه را بنویسید: مشکل چیست و از کی؟"),
            field="description",
            multiline=True,
        ),
        "topic": lambda d: _choice(
            Topic,
            committee,
            d.topic,
            field="topic",
            empty=_("موضوع مطالبه را از فهرست برگزینید."),
            unknown=_("این موضوع در فهرست موضوع‌های این کمیته نیست."),
        ),
        "district": lambda d: _choice(
            District,
            committee,
            d.district,
            field="district",
            empty=_("منطقه‌ای را که مطالبه به آن مربوط است برگزینید."),
            unknown=_("این منطقه در فهرست مناطق این کمیته نیست."),
        ),
        "neighbourhood": lambda d: _one_line(
            d.neighbourhood,
            limit=NEIGHBOURHOOD_MAX,
            empty="",
            field="neighbourhood",
            required=False,
        ),
        "email": lambda d: _clean_email(d.email),
    }


def demand_field_errors(committee: Committee, draft: Draft) -> dict[str, str]:
    """What is wrong with each field, all at once (submit_demand stops at the first), so
    the form shows every error in one go."""
    errors = {}
    for field, clean in _cleaners(committee).items():
        try:
            clean(draft)
        except ServiceError as error:
            errors[field] = error.message
    return errors


@transaction.atomic
def submit_demand(
    committee: Committee,
    draft: Draft,
    *,
    workgroup: Workgroup | None = None,
    photo=None,
    ip_address: str | None,
    raiser: str = "",
) -> Demand:
    """A visitor's demand for the committee or one of its workgroups; it waits for the
    secretariat. ``raiser`` is the visitor's supporter key (so they do not also support
    it). Nothing is stored if anything is refused, the photo included."""
    if workgroup is not None and workgroup.committee_id != committee.pk:
        raise ServiceError(_("این کارگروه از کمیته دیگری است."))
    values = {field: clean(draft) for field, clean in _cleaners(committee).items()}
    key = visitor_key(ip_address)
    recent = Demand.objects.filter(visitor_key=key, created_at__gt=timezone.now() - WINDOW)
    if recent.count() >= DEMANDS_PER_WINDOW:
        raise NotAllowed(
            localized_digits(
                _(
                    "از این نشانی در یک ساعت گذشته %(count)s مطالبه فرستاده شده است؛ "
                    "لطفاً ساعتی بعد دوباره بفرستید."
                )
                % {"count": DEMANDS_PER_WINDOW}
            )
        )
    repeated = Demand.objects.filter(
        committee=committee,
        visitor_key=key,
        title=values["title"],
        created_at__gt=timezone.now() - REPEAT_WINDOW,
    )
    if repeated.exists():
        raise ServiceError(
            _("همین مطالبه را کمی پیش فرستاده‌اید و رسیده است؛ پس از بررسی دبیرخانه منتشر می‌شود."),
            field="title",
        )
    topic = values["topic"]
    demand = Demand(
        committee=committee,
        workgroup=workgroup or topic.workgroup,
        visitor_key=key,
        raiser_key=raiser,
        **values,
    )
    stored = None
    if photo is not None:
        kind, data = checked_photo(photo)
        demand.photo_kind = kind
        demand.photo_sha256 = hashlib.sha256(data).hexdigest()
        demand.photo.save("photo", ContentFile(data), save=False)
        stored = demand.photo.name
    try:
        demand.full_clean(exclude=["photo", "visitor_key", "raiser_key"])
        demand.save()
        notifications.tell_citizen(demand, "received")
    except ValidationError as error:
        if stored:
            demand.photo.storage.delete(stored)
        field, messages = next(iter(error.message_dict.items()))
        raise ServiceError(messages[0], field=field) from None
    except BaseException:
        if stored:
            demand.photo.storage.delete(stored)
        raise
    return demand


# --- Moderation and triage (the secretariat) ------------------------------------------------


def _locked(actor, demand: Demand, *, pending: bool = True) -> Demand:
    locked = Demand.objects.select_for_update().select_related("committee").get(pk=demand.pk)
    if not policy.is_secretariat(actor, locked.committee):
        raise NotAllowed(_("فقط دبیرخانه کمیته مطالبات را بررسی می‌کند."))
    if pending and locked.status != Demand.Status.PENDING:
        raise InvalidTransition(
            _("این مطالبه پیش‌تر بررسی شده است (%(status)s).")
            % {"status": locked.get_status_display()}
        )
    return locked


def _log(actor, action: str, demand: Demand, before: dict[str, Any], note: str = "") -> None:
    audit.record(
        actor,
        action,
        demand,
        before=before,
        after=audit.snapshot(demand, DEMAND_FIELDS),
        committee=demand.committee,
        meeting_id=demand.agenda_item.meeting_id if demand.agenda_item is not None else None,
        note=note,
    )


def _moderate(actor, demand: Demand, status: str, **fields: Any) -> tuple[Demand, dict]:
    before = audit.snapshot(demand, DEMAND_FIELDS)
    demand.mark_moderated(actor, status)
    for name, value in fields.items():
        setattr(demand, name, value)
    demand.save()
    return demand, before


@transaction.atomic
def publish_demand(actor, demand: Demand) -> Demand:
    """Publish a pending demand: it is listed and may be supported."""
    locked = _locked(actor, demand)
    locked, before = _moderate(actor, locked, Demand.Status.PUBLISHED, published_at=timezone.now())
    _log(actor, "demand.publish", locked, before)
    notifications.tell_citizen(locked, "published")
    return locked


@transaction.atomic
def reject_demand(actor, demand: Demand, reason: str) -> Demand:
    """Do not publish a pending demand; the reason stays on record (and is told to the
    citizen)."""
    locked = _locked(actor, demand)
    reason = rejection_reason(reason, missing=_("علت منتشر نشدن مطالبه را بنویسید."))
    locked, before = _moderate(actor, locked, Demand.Status.REJECTED, rejection_reason=reason)
    _log(actor, "demand.reject", locked, before, note=reason)
    notifications.tell_citizen(locked, "rejected")
    return locked


@transaction.atomic
def merge_demand(actor, demand: Demand, into: Demand) -> Demand:
    """Merge a pending demand into a published one of the same committee that raises the
    same problem: it is not shown on its own, and counts for that one."""
    locked = _locked(actor, demand)
    target = Demand.objects.select_for_update().filter(pk=into.pk).first() if into.pk else None
    if target is None or target.committee_id != locked.committee_id:
        raise ServiceError(_("مطالبه مقصد در این کمیته پیدا نشد."), field="into")
    if target.pk == locked.pk:
        raise ServiceError(_("مطالبه را نمی‌توان در خودش ادغام کرد."), field="into")
    if target.status != Demand.Status.PUBLISHED:
        raise ServiceError(
            _("فقط در مطالبه‌ای منتشرشده می‌توان ادغام کرد؛ مقصد «%(status)s» است.")
            % {"status": target.get_status_display()},
            field="into",
        )
    locked, before = _moderate(actor, locked, Demand.Status.MERGED, merged_into=target)
    _log(actor, "demand.merge", locked, before, note=f"#{target.pk} {target.title}")
    notifications.tell_citizen(locked, "merged")
    return locked


@transaction.atomic
def assign_workgroup(actor, demand: Demand, workgroup: Workgroup | None) -> Demand:
    """Send a pending or published demand to a workgroup of its committee (or, with None,
    to the committee itself)."""
    locked = _locked(actor, demand, pending=False)
    if locked.status in (Demand.Status.MERGED, Demand.Status.REJECTED):
        raise InvalidTransition(
            _("این مطالبه «%(status)s» است و به کارگروهی سپرده نمی‌شود.")
            % {"status": locked.get_status_display()}
        )
    if workgroup is not None and workgroup.committee_id != locked.committee_id:
        raise ServiceError(_("این کارگروه از کمیته دیگری است."), field="workgroup")
    if locked.workgroup_id == (workgroup.pk if workgroup else None):
        return locked
    before = audit.snapshot(locked, DEMAND_FIELDS)
    locked.workgroup = workgroup
    locked.save(update_fields=["workgroup"])
    _log(actor, "demand.assign", locked, before)
    if locked.status == Demand.Status.PUBLISHED:
        notifications.tell_citizen(locked, "assigned")
    return locked


# --- Support ------------------------------------------------------------------------------


@transaction.atomic
def support_demand(demand: Demand, *, supporter: str, ip_address: str | None) -> Support:
    """One visitor's support of a published demand: once per ``supporter`` (see
    :func:`supporter_key`), and within the limits per client address."""
    locked = Demand.objects.select_for_update().get(pk=demand.pk)
    if locked.status != Demand.Status.PUBLISHED:
        raise InvalidTransition(_("فقط از مطالبه منتشرشده می‌توان حمایت کرد."))
    if supporter and supporter == locked.raiser_key:
        raise ServiceError(_("این مطالبه را خودتان طرح کرده‌اید و در شمار آن هستید."))
    if Support.objects.filter(demand=locked, supporter_key=supporter).exists():
        raise ServiceError(_("شما پیش‌تر از این مطالبه حمایت کرده‌اید؛ هر نفر یک بار."))
    address = visitor_key(ip_address)
    now = timezone.now()
    from_address = Support.objects.filter(address_key=address)
    if (
        from_address.filter(demand=locked, created_at__gt=now - SUPPORT_ADDRESS_WINDOW).count()
        >= SUPPORTS_PER_ADDRESS_PER_DEMAND
    ):
        raise NotAllowed(
            localized_digits(
                _(
                    "از این نشانی امروز %(count)s بار از این مطالبه حمایت شده است؛ "
                    "حمایت بیشتر از همین نشانی پذیرفته نمی‌شود."
                )
                % {"count": SUPPORTS_PER_ADDRESS_PER_DEMAND}
            )
        )
    if (
        from_address.filter(created_at__gt=now - datetime.timedelta(hours=1)).count()
        >= SUPPORTS_PER_ADDRESS_PER_HOUR
    ):
        raise NotAllowed(
            localized_digits(
                _(
                    "از این نشانی در یک ساعت گذشته %(count)s حمایت ثبت شده است؛ "
                    "لطفاً ساعتی بعد دوباره تلاش کنید."
                )
                % {"count": SUPPORTS_PER_ADDRESS_PER_HOUR}
            )
        )
    try:
        with transaction.atomic():
            return Support.objects.create(
                demand=locked, supporter_key=supporter, address_key=address
            )
    except IntegrityError:  # the same visitor twice at once
        raise ServiceError(_("شما پیش‌تر از این مطالبه حمایت کرده‌اید؛ هر نفر یک بار.")) from None


# --- To the agenda -------------------------------------------------------------------------


def _linkable(actor, demand: Demand) -> Demand:
    locked = Demand.objects.select_for_update().select_related("committee").get(pk=demand.pk)
    if locked.status != Demand.Status.PUBLISHED:
        raise InvalidTransition(_("فقط مطالبه منتشرشده به دستور جلسه می‌رود."))
    return locked


def _check_meeting(locked: Demand, meeting: Meeting) -> None:
    if meeting.committee_id != locked.committee_id:
        raise ServiceError(_("این جلسه از کمیته دیگری است."), field="meeting")


@transaction.atomic
def put_on_agenda(actor, demand: Demand, meeting: Meeting) -> AgendaItem:
    """Put a published demand on the agenda of a coming meeting — the secretariat, or the
    chair of the meeting's body (a workgroup's chair for its own meetings): a new agenda
    item «طرح مشکل شهری» with the demand's title and text, linked to it."""
    locked = _linkable(actor, demand)
    by_chair = not policy.is_secretariat(actor, locked.committee)
    if by_chair and not policy.chairs_meeting(actor, meeting):
        raise NotAllowed(_("مطالبه را دبیرخانه کمیته یا رییس همان کارگروه به دستور جلسه می‌برد."))
    _check_meeting(locked, meeting)
    if meeting.status != Meeting.Status.SCHEDULED or meeting.starts_at <= timezone.now():
        raise InvalidTransition(
            _("این جلسه برگزار یا لغو شده است؛ مطالبه را به دستور جلسه‌ای آینده بیفزایید.")
        )
    if locked.agenda_item_id:
        raise InvalidTransition(_("این مطالبه پیش‌تر در دستور جلسه قرار گرفته است."))
    where = locked.neighbourhood or locked.district.name
    item = minutes_services.add_agenda_item(
        actor,
        meeting,
        title=locked.title,
        description=_("مطالبه شهروندان (%(topic)s، %(where)s):\n%(text)s")
        % {"topic": locked.topic.name, "where": where, "text": locked.description},
        kind=AgendaItem.Kind.PROBLEM,
        by_chair=by_chair,
    )
    _link(actor, locked, item)
    return item


@transaction.atomic
def link_agenda_item(actor, demand: Demand, item: AgendaItem) -> Demand:
    """Link a published demand to an agenda item that already takes it up: the
    secretariat, or the chair of the item's meeting."""
    locked = _linkable(actor, demand)
    meeting = item.meeting
    if not (
        policy.is_secretariat(actor, locked.committee) or policy.chairs_meeting(actor, meeting)
    ):
        raise NotAllowed(_("مطالبه را دبیرخانه کمیته یا رییس جلسه به بند دستور پیوند می‌دهد."))
    _check_meeting(locked, meeting)
    if locked.agenda_item_id == item.pk:
        return locked
    return _link(actor, locked, item)


def _link(actor, locked: Demand, item: AgendaItem) -> Demand:
    before = audit.snapshot(locked, DEMAND_FIELDS)
    locked.agenda_item = item
    locked.linked_at = timezone.now()
    # A new item means new decisions to tell of.
    locked.decided_notified_at = None
    locked.save(update_fields=["agenda_item", "linked_at", "decided_notified_at"])
    _log(actor, "demand.agenda", locked, before)
    notifications.tell_citizen(locked, "agenda")
    return locked


def notify_decisions() -> int:
    """Tell whoever raised a demand of the decisions taken on it, once the minutes of its
    meeting are published (run by ``manage.py notify_demand_outcomes``, e.g. from cron).
    Returns how many demands were handled; each in its own transaction."""
    published = Minutes.objects.filter(status=Minutes.Status.PUBLISHED).values("meeting")
    waiting = Demand.objects.filter(
        status=Demand.Status.PUBLISHED,
        agenda_item__meeting__in=published,
        decided_notified_at__isnull=True,
    ).exclude(Q(email=""))
    done = 0
    for pk in waiting.values_list("pk", flat=True):
        with transaction.atomic():
            demand = Demand.objects.select_for_update().get(pk=pk)
            if demand.decided_notified_at is not None or not demand.meeting_is_published():
                continue
            demand.decided_notified_at = timezone.now()
            demand.save(update_fields=["decided_notified_at"])
            notifications.tell_citizen(demand, "decided")
            done += 1
    return done


# --- The committee's lists ------------------------------------------------------------------


@transaction.atomic
def ensure_lists(committee: Committee, *, districts: int = STANDARD_DISTRICTS) -> tuple[int, int]:
    """Give ``committee`` the standard topics (each in the field of its workgroup of that
    order, when it has one) and districts «منطقه ۱» … that it does not have yet. Returns
    how many topics and districts it has."""
    workgroups = {wg.order: wg for wg in Workgroup.objects.filter(committee=committee)}
    for order, (wg_order, name) in enumerate(STANDARD_TOPICS, start=1):
        Topic.objects.get_or_create(
            committee=committee,
            name=name,
            defaults={"workgroup": workgroups.get(wg_order), "order": order},
        )
    for number in range(1, districts + 1):
        District.objects.get_or_create(
            committee=committee,
            # Stored data, not interface text: the same whatever the request's language.
            name=f"منطقه {to_persian_digits(number)}",
            defaults={"order": number},
        )
    return committee.demand_topics.count(), committee.districts.count()
