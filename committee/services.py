"""State changes of the reference data: committees, organisations, people and committee roles.

Like minutes.services, each function takes the acting user, checks the permission,
validates the row (``full_clean``), writes it in one transaction with an audit entry
(committee.audit) and, where roles change, recomputes the derived object permissions
(committee.permissions). A refusal is a :class:`ReferenceDataError` with a message a person
can read. The admin calls these; nothing else writes these rows by hand.

Who may do what: committees are created, changed and deleted by a superuser only; the
rest by the secretariat (``committee.manage_committee``, derived from its roles) or a
superuser. Organisations and people are shared by every committee of a deployment, so
the secretariat of any committee may keep them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from guardian.shortcuts import get_objects_for_user

from committee import audit
from committee.models import Committee, CommitteeRole, Organization, Person
from committee.permissions import COMMITTEE_MANAGE, sync_committee_permissions

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


class ReferenceDataError(Exception):
    """A refused change of reference data. ``field`` names the form field it is about (if
    any); ``status`` is the HTTP status a view answers with."""

    def __init__(self, message, *, field: str | None = None, status: int = 400):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field
        self.status = status


# --- Who may ------------------------------------------------------------------------------


def managed_committees(user: User | AnonymousUser) -> models.QuerySet[Committee]:
    """The committees whose secretariat ``user`` is (all of them for a superuser)."""
    if not (user.is_authenticated and user.is_active):
        return Committee.objects.none()
    if user.is_superuser:
        return Committee.objects.all()
    return get_objects_for_user(user, COMMITTEE_MANAGE, Committee, accept_global_perms=False)


def can_manage_committee(user: User | AnonymousUser, committee: Committee | None) -> bool:
    """Keep ``committee``'s roles (and, in workgroups.services, its workgroups)."""
    if committee is None or not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.has_perm(COMMITTEE_MANAGE, committee)


def can_manage_shared(user: User | AnonymousUser) -> bool:
    """Keep the organisations and people every committee shares."""
    return managed_committees(user).exists()


def can_edit_committees(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and user.is_active and user.is_superuser


def _require(allowed: bool, message) -> None:
    if not allowed:
        raise ReferenceDataError(message, status=403)


# --- Shared steps ---------------------------------------------------------------------------


def editable_fields(obj: models.Model) -> list[str]:
    """The fields a person edits (what the audit entry compares)."""
    return [
        f.name
        for f in obj._meta.concrete_fields
        if f.editable and not f.primary_key and not getattr(f, "auto_now", False)
    ]


def validated(obj: models.Model, error_class: type[ReferenceDataError] = ReferenceDataError):
    """``full_clean`` as a domain error naming the first bad field."""
    try:
        obj.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        if field == "__all__":
            raise error_class(messages[0]) from None
        # full_clean reports on the model's own fields, never on a reverse relation.
        label = obj._meta.get_field(field).verbose_name  # type: ignore[union-attr]
        raise error_class(f"{label}: {messages[0]}", field=field) from None


_Row = TypeVar("_Row", bound=models.Model)


def stored(obj: _Row) -> _Row | None:
    """The row as it is in the database now (None for a new one)."""
    if obj.pk is None:
        return None
    return type(obj)._default_manager.filter(pk=obj.pk).first()


def protected_message(obj: models.Model, error: ProtectedError | RestrictedError) -> str:
    """Why ``obj`` cannot be deleted, naming a few of the rows that still refer to it."""
    blocking = list(
        getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", [])
    )
    names = "، ".join(f"{o._meta.verbose_name} «{o}»" for o in blocking[:3])
    more = _(" و %(count)s مورد دیگر") % {"count": len(blocking) - 3} if len(blocking) > 3 else ""
    return _(
        "«%(obj)s» حذف نمی‌شود، چون هنوز به آن ارجاع شده است: %(names)s%(more)s. "
        "برای حفظ سابقه، به جای حذف، آن ارجاع‌ها را تغییر دهید یا دوره را پایان دهید."
    ) % {"obj": obj, "names": names, "more": more}


def save_row(
    actor: User | AnonymousUser,
    obj: models.Model,
    *,
    kind: str,
    committee: Committee | None,
    error_class: type[ReferenceDataError] = ReferenceDataError,
    clash_message: str | None = None,
) -> tuple[models.Model, dict[str, Any] | None]:
    """Validate and save ``obj`` and audit it as ``{kind}.create`` or ``{kind}.update``.
    Returns the row and its values before (None when it is new). Call inside a transaction,
    after the permission check."""
    old = stored(obj)
    fields = editable_fields(obj)
    before = audit.snapshot(old, fields) if old is not None else None
    validated(obj, error_class)
    try:
        # A savepoint, so that a refusal by the database leaves the caller's transaction usable.
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        raise error_class(
            clash_message
            or _("این تغییر با قواعد پایگاه داده سازگار نیست (ردیف تکراری یا هم‌پوشان).")
        ) from None
    after = audit.snapshot(obj, fields)
    if before is None or audit.diff(before, after):
        audit.record(
            actor,
            f"{kind}.{'create' if before is None else 'update'}",
            obj,
            before=before,
            after=after,
            committee=committee,
        )
    return obj, before


def delete_row(
    actor: User | AnonymousUser,
    obj: models.Model,
    *,
    kind: str,
    committee: Committee | None,
    error_class: type[ReferenceDataError] = ReferenceDataError,
) -> None:
    """Audit and delete ``obj``; a row still referred to (PROTECT) is refused with a message
    that says by what. Call inside a transaction, after the permission check."""
    before = audit.snapshot(obj, editable_fields(obj))
    audit.record(actor, f"{kind}.delete", obj, before=before, committee=committee)
    try:
        with transaction.atomic():
            obj.delete()
    except (ProtectedError, RestrictedError) as error:
        raise error_class(protected_message(obj, error)) from None


def _sync(committees: Iterable[Committee | None]) -> None:
    for committee in {c.pk: c for c in committees if c is not None}.values():
        sync_committee_permissions(committee)


# --- Committees -----------------------------------------------------------------------------

_ONLY_SUPERUSER = gettext_lazy("فقط مدیر کل سامانه کمیته‌ها را تعریف یا ویرایش می‌کند.")
_ONLY_SECRETARIAT = gettext_lazy("فقط دبیرخانه کمیته این اطلاعات را ویرایش می‌کند.")


@transaction.atomic
def save_committee(actor: User | AnonymousUser, committee: Committee) -> Committee:
    """Create or change a committee (superuser only)."""
    _require(can_edit_committees(actor), _ONLY_SUPERUSER)
    save_row(actor, committee, kind="committee", committee=committee)
    return committee


@transaction.atomic
def delete_committee(actor: User | AnonymousUser, committee: Committee) -> None:
    """Delete a committee without meetings (superuser only). Its roles, workgroups and
    memberships go with it; its audit trail does too, so this entry is kept apart from it."""
    _require(can_edit_committees(actor), _ONLY_SUPERUSER)
    delete_row(actor, committee, kind="committee", committee=None)


# --- Organisations and people ----------------------------------------------------------------


@transaction.atomic
def save_organization(actor: User | AnonymousUser, organization: Organization) -> Organization:
    """Create or change an organisation or outlet."""
    _require(can_manage_shared(actor), _ONLY_SECRETARIAT)
    save_row(
        actor,
        organization,
        kind="organization",
        committee=None,
        clash_message=_("سازمانی با همین نام ثبت شده است."),
    )
    return organization


@transaction.atomic
def delete_organization(actor: User | AnonymousUser, organization: Organization) -> None:
    _require(can_manage_shared(actor), _ONLY_SECRETARIAT)
    delete_row(actor, organization, kind="organization", committee=None)


def person_committees(person: Person) -> list[Committee]:
    return list(Committee.objects.filter(roles__person=person).distinct())


@transaction.atomic
def save_person(actor: User | AnonymousUser, person: Person) -> Person:
    """Create or change a person. When their login changes, the permissions of their
    committee roles move with it at once (workgroups.services.save_person does the same for
    their seats on workgroups)."""
    _require(can_manage_shared(actor), _ONLY_SECRETARIAT)
    old = stored(person)
    save_row(
        actor,
        person,
        kind="person",
        committee=None,
        clash_message=_("این حساب کاربری به شخص دیگری وصل است."),
    )
    if old is not None and old.user_id != person.user_id:
        _sync(person_committees(person))
    return person


@transaction.atomic
def delete_person(actor: User | AnonymousUser, person: Person) -> None:
    _require(can_manage_shared(actor), _ONLY_SECRETARIAT)
    delete_row(actor, person, kind="person", committee=None)


# --- Committee roles -------------------------------------------------------------------------


@transaction.atomic
def save_committee_role(actor: User | AnonymousUser, role: CommitteeRole) -> CommitteeRole:
    """Create or change a term in a committee role; permissions follow in the same
    transaction (of both committees, if the term moved from one to another)."""
    old = stored(role)
    committees = [role.committee if role.committee_id else None]
    if old is not None:
        committees.append(old.committee)
    for committee in committees:
        _require(can_manage_committee(actor, committee), _ONLY_SECRETARIAT)
    save_row(
        actor,
        role,
        kind="committee_role",
        committee=role.committee,
        clash_message=_("دوره این نقش با دوره دیگری از همین نقش هم‌پوشانی دارد."),
    )
    _sync(committees)
    return role


@transaction.atomic
def delete_committee_role(actor: User | AnonymousUser, role: CommitteeRole) -> None:
    committee = role.committee
    _require(can_manage_committee(actor, committee), _ONLY_SECRETARIAT)
    delete_row(actor, role, kind="committee_role", committee=committee)
    _sync([committee])


# What the admin calls for each model: (save, delete).
SERVICES: dict[type[models.Model], tuple[Callable, Callable]] = {
    Committee: (save_committee, delete_committee),
    Organization: (save_organization, delete_organization),
    Person: (save_person, delete_person),
    CommitteeRole: (save_committee_role, delete_committee_role),
}
