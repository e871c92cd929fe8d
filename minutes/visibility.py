"""Who may see what: the one place the pages, the API, the open-data exports and the
portal decide it.

The rules are queryset methods of the minutes models, so that a list shows only what the
caller may see and anything else is a 404 (never a 403 that would confirm it exists):
``visible_to(who)`` for everything the caller may see, ``internal_to(who)`` for the
internal record alone where the two differ. ``who`` is a user or a :class:`Viewer`, the
guardian look-ups of one user made once; :meth:`Viewer.for_request` keeps one per request,
shared by a view, its serializers and its filters. Whether an action is allowed on a
visible object is asked of ``minutes.policy`` (403 when not) and checked again by the
service that makes the change.

Public data for everyone:

* committees, workgroups, organisations, memberships (terms of office are public);
* people who hold or held a seat or a committee role: name, post, organisation only
  (:func:`people_visible_to`);
* meetings announced to the public or with published minutes
  (``Meeting.objects.visible_to``); the public agenda items, accepted journalists'
  questions and public decisions only as they were published: decisions through the
  portal's index of the latest published revision (``portal.models.PublicDecision``;
  ``Decision.objects.visible_to`` gives both, telling live rows from published ones),
  agenda items and questions only while the meeting's latest minutes revision is the
  published one (``Meeting.objects.record_frozen``: an open correction hides them again
  until it is published, so nothing edited in a correction leaks);
* published minutes revisions.

The internal record (drafts, internal items and decisions, questions, invitations) for
those to whom the meeting is internal (``Meeting.objects.internal_to``): the secretariat
of its committee, the members of its workgroup, and for a plenary the committee's chair
and the workgroups' chairs. Among the questions of such a meeting a member sees only
their own; the secretariat and the chair of the body see all. Invitations also to the
person invited. Contact details (email, phone) only for the secretariat of a committee the
person belongs to (a seat in one of its workgroups or a role in it, in any term) and for
superusers (:func:`contacts_expression`). A superuser sees everything.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet, Value
from guardian.shortcuts import get_objects_for_user

from committee.models import Committee, CommitteeRole, Person
from workgroups.models import Membership, Workgroup

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# The object permissions that carry the roles (committee/permissions.py,
# workgroups/permissions.py); minutes.policy asks the same ones.
MANAGE = "committee.manage_committee"
CHAIR_COMMITTEE = "committee.chair_committee"
CHAIR_WORKGROUP = "workgroups.chair_workgroup"
MEMBER_WORKGROUP = "workgroups.member_workgroup"


class Viewer:
    """One user's guardian look-ups (the committees they run, the workgroups they sit on
    or chair), as querysets made once and reused by every rule."""

    def __init__(self, user: User | AnonymousUser | None):
        self.user = user if user is not None else AnonymousUser()

    @classmethod
    def of(cls, who: Viewer | User | AnonymousUser | None) -> Viewer:
        """``who`` itself if it is a Viewer; else the look-ups of that user, made afresh."""
        return who if isinstance(who, Viewer) else cls(who)

    @classmethod
    def for_request(cls, request: Any) -> Viewer:
        """The request's Viewer, kept on the underlying Django request (a DRF request wraps
        one), so the view, its serializers and its filters share it."""
        django_request = getattr(request, "_request", request)
        viewer = getattr(django_request, "_viewer", None)
        if viewer is None or viewer.user != request.user:
            viewer = cls(request.user)
            django_request._viewer = viewer
        return viewer

    # --- who the user is ---------------------------------------------------------------

    @property
    def authenticated(self) -> bool:
        return bool(self.user.is_authenticated and self.user.is_active)

    @property
    def superuser(self) -> bool:
        return self.authenticated and self.user.is_superuser

    def _objects(self, perms, model, **kwargs) -> QuerySet:
        if not self.authenticated:
            return model.objects.none()
        # accept_global_perms=False: a model-wide permission (the secretariat's admin
        # group has some) must not turn into "every committee".
        return get_objects_for_user(self.user, perms, model, accept_global_perms=False, **kwargs)

    # Each look-up is read once, as a set of ids (one small query), and the rules filter on
    # those ids: a guardian queryset inlined as a subquery in every rule made each list's
    # SQL some 10 kB long, and compiling it cost more than running it (issue 17: about
    # 190 ms of CPU for the API's meeting list of 19 meetings).

    def _ids(self, perms, model, **kwargs) -> frozenset[int]:
        return frozenset(self._objects(perms, model, **kwargs).values_list("pk", flat=True))

    @cached_property
    def managed_committee_ids(self) -> frozenset[int]:
        """Committees whose secretariat the user is (every one for a superuser)."""
        if self.superuser:
            return frozenset(Committee.objects.values_list("pk", flat=True))
        return self._ids(MANAGE, Committee)

    @cached_property
    def managed_committees(self) -> QuerySet:
        """Committees whose secretariat the user is (every one for a superuser)."""
        return Committee.objects.filter(pk__in=self.managed_committee_ids)

    @cached_property
    def chaired_committee_ids(self) -> frozenset[int]:
        return self._ids(CHAIR_COMMITTEE, Committee)

    @cached_property
    def chaired_committees(self) -> QuerySet:
        return Committee.objects.filter(pk__in=self.chaired_committee_ids)

    @cached_property
    def seat_ids(self) -> frozenset[int]:
        """Workgroups the user sits on (as a member or the chair)."""
        return self._ids([MEMBER_WORKGROUP, CHAIR_WORKGROUP], Workgroup, any_perm=True)

    @cached_property
    def seats(self) -> QuerySet:
        """Workgroups the user sits on (as a member or the chair)."""
        return Workgroup.objects.filter(pk__in=self.seat_ids)

    @cached_property
    def member_workgroup_ids(self) -> frozenset[int]:
        """Workgroups the user sits on as a member (minutes.policy: a journalist member
        proposes questions)."""
        return self._ids(MEMBER_WORKGROUP, Workgroup)

    @cached_property
    def chaired_workgroup_ids(self) -> frozenset[int]:
        return self._ids(CHAIR_WORKGROUP, Workgroup)

    @cached_property
    def chaired_workgroups(self) -> QuerySet:
        return Workgroup.objects.filter(pk__in=self.chaired_workgroup_ids)

    @cached_property
    def plenary_committee_ids(self) -> frozenset[int]:
        """Committees whose plenary meetings are internal to the user as a chair: those
        they chair and those of the workgroups they chair."""
        ids = set(self.chaired_committee_ids)
        if self.chaired_workgroup_ids:
            ids.update(
                Workgroup.objects.filter(pk__in=self.chaired_workgroup_ids).values_list(
                    "committee_id", flat=True
                )
            )
        return frozenset(ids)

    @cached_property
    def person(self) -> Person | None:
        pk = self.user.pk
        if not self.authenticated or pk is None:
            return None
        return Person.objects.filter(user_id=pk).first()

    @cached_property
    def is_insider(self) -> bool:
        """Holds any role or seat (or is a superuser): sees the whole directory of people."""
        if not self.authenticated:
            return False
        if self.superuser:
            return True
        return bool(self.managed_committee_ids or self.chaired_committee_ids or self.seat_ids)


# --- People and their contact details ----------------------------------------------------


def people_visible_to(who: Viewer | User | AnonymousUser | None) -> QuerySet:
    """Insiders see the whole directory (they invite guests and record attendance);
    everyone else the people who hold or held a seat or a committee role. Annotated with
    ``api_contacts``: whether the caller may read the person's email and phone."""
    viewer = Viewer.of(who)
    people = Person.objects.all()
    if not viewer.is_insider:
        people = people.filter(
            Exists(Membership.objects.filter(person=OuterRef("pk")))
            | Exists(CommitteeRole.objects.filter(person=OuterRef("pk")))
        )
    return people.annotate(api_contacts=contacts_expression(viewer))


def contacts_expression(who: Viewer | User | AnonymousUser | None, person_ref: str = "pk"):
    """An expression: the caller may read the contact details of the person at
    ``person_ref`` (superuser, or secretariat of a committee the person belongs to)."""
    viewer = Viewer.of(who)
    if viewer.superuser:
        return Value(True)
    if not viewer.authenticated:
        return Value(False)
    managed = viewer.managed_committee_ids
    if not managed:
        return Value(False)
    return Exists(
        Membership.objects.filter(person=OuterRef(person_ref), workgroup__committee_id__in=managed)
    ) | Exists(CommitteeRole.objects.filter(person=OuterRef(person_ref), committee_id__in=managed))
