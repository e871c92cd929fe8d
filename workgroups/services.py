"""State changes of workgroups. Every change runs in one transaction."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from committee import audit
from committee import services as committee_services
from committee.models import Committee, Person
from committee.services import ReferenceDataError
from workgroups.models import Membership, Workgroup
from workgroups.permissions import sync_workgroup_permissions
from workgroups.standard import STANDARD_DUTIES, STANDARD_WORKGROUPS

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass
class SetupResult:
    committee: Committee
    committee_created: bool
    workgroups_created: int


@transaction.atomic
def setup_committee(
    *, slug: str, name: str, municipality: str, city: str, description: str = ""
) -> SetupResult:
    """Create a committee with its five standard workgroups, or complete one that exists.

    Idempotent: running it again changes nothing. An existing committee keeps its own
    name and description; only missing standard workgroups are added.
    """
    committee, created = Committee.objects.get_or_create(
        slug=slug,
        defaults={
            "name": name,
            "municipality": municipality,
            "city": city,
            "description": description,
            "duties": "\n".join(str(duty) for duty in STANDARD_DUTIES),
        },
    )
    added = 0
    for order, wg_slug, wg_name, short_name in STANDARD_WORKGROUPS:
        _, wg_created = Workgroup.objects.get_or_create(
            committee=committee,
            slug=wg_slug,
            defaults={"name": wg_name, "short_name": short_name, "order": order},
        )
        added += wg_created
    return SetupResult(committee=committee, committee_created=created, workgroups_created=added)


class MembershipError(ReferenceDataError):
    """A refused change of membership or workgroup, with a message a person can read."""


def _may_manage(actor: User | AnonymousUser, committee: Committee) -> None:
    if not (actor.is_authenticated and actor.has_perm("committee.manage_committee", committee)):
        raise MembershipError(_("فقط دبیرخانه کمیته اعضا را مدیریت می‌کند."), status=403)


def _validated(membership: Membership) -> None:
    try:
        membership.full_clean(validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise MembershipError(messages[0], field=None if field == "__all__" else field) from None


_TERM_FIELDS = ("person", "is_permanent", "is_chair", "start_date", "end_date")


@transaction.atomic
def add_membership(
    actor: User | AnonymousUser,
    workgroup: Workgroup,
    person: Person,
    *,
    role: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
) -> Membership:
    """Seat a person on a workgroup for a term; permissions follow in the same transaction."""
    _may_manage(actor, workgroup.committee)
    membership = Membership(
        workgroup=workgroup, person=person, start_date=start_date, end_date=end_date
    )
    membership.role = role
    _validated(membership)
    try:
        membership.save()
    except IntegrityError:
        raise MembershipError(
            _("این عضویت با قواعد کارگروه (یک رییس در هر زمان) سازگار نیست.")
        ) from None
    sync_workgroup_permissions(workgroup)
    audit.record(
        actor,
        "membership.add",
        membership,
        after=audit.snapshot(membership, _TERM_FIELDS),
        committee=workgroup.committee,
    )
    return membership


@transaction.atomic
def end_membership(
    actor: User | AnonymousUser, membership: Membership, end_date: datetime.date
) -> Membership:
    """End a term (the last day it covers). A chair whose term ends today or earlier loses
    the chair's permission in this same transaction."""
    workgroup = membership.workgroup
    _may_manage(actor, workgroup.committee)
    before = audit.snapshot(membership, _TERM_FIELDS)
    membership.end_date = end_date
    _validated(membership)
    membership.save(update_fields=["end_date"])
    sync_workgroup_permissions(workgroup)
    audit.record(
        actor,
        "membership.end",
        membership,
        before=before,
        after=audit.snapshot(membership, _TERM_FIELDS),
        committee=workgroup.committee,
    )
    return membership


@transaction.atomic
def change_chair(
    actor: User | AnonymousUser, workgroup: Workgroup, new_chair: Person, start_date: datetime.date
) -> Membership:
    """Hand the chair to ``new_chair`` from ``start_date``.

    The outgoing chair's chair term ends the day before and they stay on as a permanent
    member; the incoming chair's current seat (if any) gives way to a chair term. All in
    one transaction, permissions included: the old chair loses them at once.
    """
    _may_manage(actor, workgroup.committee)
    day_before = start_date - datetime.timedelta(days=1)
    current = workgroup.memberships.active_on(start_date)
    outgoing = current.filter(is_chair=True).select_related("person").first()
    if outgoing and outgoing.person_id == new_chair.pk:
        raise MembershipError(_("این شخص هم‌اکنون رییس کارگروه است."), field="person")
    if outgoing:
        if outgoing.start_date > day_before:
            raise MembershipError(
                _("دوره ریاست فعلی از همین تاریخ آغاز شده است؛ تاریخ دیگری انتخاب کنید."),
                field="start_date",
            )
        end_membership(actor, outgoing, day_before)
        add_membership(
            actor, workgroup, outgoing.person, role=Membership.Role.PERMANENT, start_date=start_date
        )
    seat = current.filter(person=new_chair, is_chair=False).first()
    if seat:
        if seat.start_date > day_before:
            seat.delete()
        else:
            end_membership(actor, seat, day_before)
    return add_membership(
        actor, workgroup, new_chair, role=Membership.Role.CHAIR, start_date=start_date
    )


@transaction.atomic
def update_membership(actor: User | AnonymousUser, membership: Membership) -> Membership:
    """Save a term changed as a whole (the admin's form: person, role, dates, even the
    workgroup), checked and audited like the others; permissions of both workgroups follow.
    The members page uses the narrower functions above."""
    old = committee_services.stored(membership)
    workgroups = [membership.workgroup, *([old.workgroup] if old is not None else [])]
    for workgroup in workgroups:
        _may_manage(actor, workgroup.committee)
    before = audit.snapshot(old, _TERM_FIELDS) if old is not None else None
    _validated(membership)
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError:
        raise MembershipError(
            _("این عضویت با قواعد کارگروه (یک رییس در هر زمان) سازگار نیست.")
        ) from None
    for workgroup in {w.pk: w for w in workgroups}.values():
        sync_workgroup_permissions(workgroup)
    after = audit.snapshot(membership, _TERM_FIELDS)
    if before is None or audit.diff(before, after):
        audit.record(
            actor,
            "membership.update" if before is not None else "membership.add",
            membership,
            before=before,
            after=after,
            committee=membership.workgroup.committee,
        )
    return membership


@transaction.atomic
def remove_membership(actor: User | AnonymousUser, membership: Membership) -> None:
    """Delete a term entered by mistake. A term that was really held should be ended
    instead (end_membership), so the history of who sat where stays on record."""
    workgroup = membership.workgroup
    _may_manage(actor, workgroup.committee)
    before = audit.snapshot(membership, _TERM_FIELDS)
    audit.record(
        actor, "membership.remove", membership, before=before, committee=workgroup.committee
    )
    membership.delete()
    sync_workgroup_permissions(workgroup)


def _may_keep_workgroups(actor: User | AnonymousUser, committee: Committee | None) -> None:
    if not committee_services.can_manage_committee(actor, committee):
        raise MembershipError(_("فقط دبیرخانه کمیته کارگروه‌ها را ویرایش می‌کند."), status=403)


@transaction.atomic
def save_workgroup(actor: User | AnonymousUser, workgroup: Workgroup) -> Workgroup:
    """Create or change a workgroup (name, slug, order, scope) of a committee the actor's
    secretariat keeps; a workgroup moved to another committee needs both."""
    old = committee_services.stored(workgroup)
    _may_keep_workgroups(actor, workgroup.committee if workgroup.committee_id else None)
    if old is not None:
        _may_keep_workgroups(actor, old.committee)
    committee_services.save_row(
        actor,
        workgroup,
        kind="workgroup",
        committee=workgroup.committee,
        error_class=MembershipError,
        clash_message=_("کارگروهی با همین نام یا نامک در این کمیته هست."),
    )
    return workgroup


@transaction.atomic
def delete_workgroup(actor: User | AnonymousUser, workgroup: Workgroup) -> None:
    """Delete a workgroup without meetings; its memberships and permissions go with it."""
    _may_keep_workgroups(actor, workgroup.committee)
    committee_services.delete_row(
        actor,
        workgroup,
        kind="workgroup",
        committee=workgroup.committee,
        error_class=MembershipError,
    )


@transaction.atomic
def save_person(actor: User | AnonymousUser, person: Person) -> Person:
    """committee.services.save_person, and when the person's login changes, the permissions
    of their seats on workgroups too (the committee layer may not reach workgroups)."""
    old_user = committee_services.stored(person)
    old_user_id = old_user.user_id if old_user is not None else None
    committee_services.save_person(actor, person)
    if old_user is not None and old_user_id != person.user_id:
        for workgroup in Workgroup.objects.filter(memberships__person=person).distinct():
            sync_workgroup_permissions(workgroup)
    return person


# --- Committees with their standard workgroups -----------------------------------------------


@transaction.atomic
def create_committee(
    actor: User | AnonymousUser, committee: Committee, *, standard_workgroups: bool = True
) -> Committee:
    """Create a committee (superuser only) and, unless told otherwise, its five standard
    workgroups under their official names, in one transaction."""
    committee_services.save_committee(actor, committee)
    if standard_workgroups:
        for order, wg_slug, wg_name, short_name in STANDARD_WORKGROUPS:
            save_workgroup(
                actor,
                Workgroup(
                    committee=committee,
                    slug=wg_slug,
                    name=str(wg_name),
                    short_name=str(short_name),
                    order=order,
                ),
            )
    return committee


# --- Accounts for people -----------------------------------------------------------------------


class AccountError(ReferenceDataError):
    """A refused account for a person."""


def may_keep_person(
    actor: User | AnonymousUser, person: Person, *, unseated_too: bool = True
) -> bool:
    """The secretariat of a committee the person has a seat or role in (with
    ``unseated_too``, of any committee for someone seated nowhere yet), and superusers."""
    if not (actor.is_authenticated and actor.is_active):
        return False
    if actor.is_superuser:
        return True
    managed = committee_services.managed_committees(actor)
    if not managed.exists():
        return False
    committees = Committee.objects.filter(
        models.Q(roles__person=person) | models.Q(workgroups__memberships__person=person)
    ).distinct()
    if not committees.exists():
        return unseated_too
    return committees.filter(pk__in=managed.values("pk")).exists()


def _send_account_invitation(user, person: Person, base_url: str) -> None:
    from django.conf import settings
    from django.contrib.auth.tokens import default_token_generator
    from django.core.mail import send_mail
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    days = max(1, round(settings.PASSWORD_RESET_TIMEOUT / 86400))
    subject = _("دعوت به سامانه کمیته رسانه")
    body = _(
        "%(name)s گرامی،\n\n"
        "برای شما در سامانه کمیته رسانه حساب کاربری ساخته شد. نام کاربری شما: %(username)s\n"
        "برای گزینش گذرواژه، این پیوند را باز کنید (یک بار به کار می‌رود و تا %(days)s روز "
        "معتبر است):\n%(link)s\n\n"
        "اگر این دعوت را انتظار نداشتید، این نامه را نادیده بگیرید."
    ) % {
        "name": person.full_name,
        "username": user.username,
        "days": days,
        "link": f"{base_url.rstrip('/')}{path}",
    }
    send_mail(subject, body, None, [user.email])


@transaction.atomic
def invite_account(
    actor: User | AnonymousUser,
    person: Person,
    *,
    base_url: str,
    username: str = "",
    email: str = "",
) -> tuple[object, bool]:
    """Give ``person`` a login and email them a one-time link to choose their password
    (Django's password-reset tokens); no password is ever set, sent or returned. A person
    whose account was made but whose password was never chosen gets the invitation again.
    Only for someone seated in (or holding a role of) a committee the actor keeps.
    Returns the user and whether it was created. The email leaves once the transaction has
    committed; the permissions of the person's roles and seats follow in the transaction."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.validators import UnicodeUsernameValidator

    if not may_keep_person(actor, person, unseated_too=False):
        raise AccountError(
            _(
                "فقط دبیرخانه کمیته‌ای که این شخص در آن عضو است یا نقشی دارد برای او حساب "
                "می‌سازد؛ نخست او را عضو کارگروه کنید یا نقشی به او بدهید."
            ),
            status=403,
        )
    user_model = get_user_model()
    existing = person.user
    if existing is not None:
        if existing.has_usable_password() or existing.last_login is not None:
            raise AccountError(_("این شخص حساب کاربری دارد و گذرواژه‌اش را گزیده است."), status=409)
        if not existing.email:
            raise AccountError(_("حساب این شخص رایانامه ندارد."), field="email")
        transaction.on_commit(lambda: _send_account_invitation(existing, person, base_url))
        audit.record(actor, "account.reinvite", person, committee=None)
        return existing, False
    email = (email or person.email).strip()
    if not email:
        raise AccountError(
            _("برای فرستادن دعوت‌نامه، رایانامه لازم است (برای شخص یا در درخواست)."),
            field="email",
        )
    username = (username or email).strip()
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise AccountError(
            _("نام کاربری فقط حرف، رقم و نویسه‌های ‎@ . + - _‎ می‌پذیرد."), field="username"
        ) from None
    if len(username) > 150:
        raise AccountError(_("نام کاربری حداکثر ۱۵۰ نویسه است."), field="username")
    if user_model.objects.filter(username__iexact=username).exists():
        raise AccountError(_("این نام کاربری پیش‌تر گرفته شده است."), field="username")
    user = user_model(
        username=username,
        email=email,
        first_name=person.first_name[:150],
        last_name=person.last_name[:150],
    )
    user.set_unusable_password()
    user.save()
    if not person.email:
        person.email = email
    person.user = user
    save_person(actor, person)
    audit.record(actor, "account.invite", person, after={"username": username}, committee=None)
    transaction.on_commit(lambda: _send_account_invitation(user, person, base_url))
    return user, True
