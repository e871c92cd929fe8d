"""Who may see and do what through the API — the one place the API decides it.

Two layers:

* :class:`Visibility` says which rows exist for the caller. Every viewset's queryset starts
  from it (``api.views.base.BaseViewSet.get_queryset``), so a list returns only what the
  caller may see and anything else is a 404 — never a 403 that would confirm it exists.
  Meetings start from ``Meeting.objects.visible_to(user)`` and the internal record from
  ``Meeting.objects.internal_to(user)``, the same definitions the HTML views use.
* The permission classes below only open an endpoint (reading for anyone, writing for
  logged-in users). Whether an action is allowed on a visible object is asked of
  ``minutes.policy`` (403 when not) and checked again by the service that makes the change.

Public data for everyone:

* committees, workgroups, organisations, memberships (terms of office are public);
* people who hold or held a seat or a committee role: name, post, organisation only;
* meetings announced to the public or with published minutes; the public agenda items,
  accepted journalists' questions and public decisions only as they were published:
  decisions through the portal's index of the latest published revision
  (``portal.models.PublicDecision``), agenda items and questions only while the meeting's
  latest minutes revision is the published one (an open correction hides them again until
  it is published, so nothing edited in a correction leaks);
* published minutes revisions.

The internal record (drafts, internal items and decisions, questions, invitations) for
those to whom the meeting is internal. Contact details (email, phone) only for the
secretariat of a committee the person belongs to (a seat in one of its workgroups or a
role in it, in any term) and for superusers.
"""

from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, Value
from guardian.shortcuts import get_objects_for_user
from rest_framework.permissions import SAFE_METHODS, BasePermission

from committee.models import Committee, CommitteeRole, Person
from minutes import policy
from minutes.models import AgendaItem, Decision, Invitation, Meeting, Minutes, Question
from workgroups.models import Membership, Workgroup

# --- Opening endpoints ---------------------------------------------------------------------


class ReadOnly(BasePermission):
    """Anyone may read (what :class:`Visibility` lets them see); nobody writes here."""

    def has_permission(self, request, view) -> bool:
        return request.method in SAFE_METHODS


class ReadAnyoneWriteAuthenticated(BasePermission):
    """Anyone may read; writing needs a logged-in user (401 otherwise, whatever the id, so
    an anonymous request learns nothing). What the user may change is decided per object
    by minutes.policy and the services."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated and request.user.is_active)


class AuthenticatedOnly(BasePermission):
    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_active)


# --- What exists for the caller --------------------------------------------------------------


def _latest_revision_status() -> Subquery:
    return Subquery(
        Minutes.objects.filter(meeting=OuterRef("pk")).order_by("-revision").values("status")[:1]
    )


class Visibility:
    """The rows one user may see, as querysets. Built once per request
    (:meth:`for_request`); guardian's lookups are made once and reused."""

    def __init__(self, user):
        self.user = user if user is not None else AnonymousUser()

    @classmethod
    def for_request(cls, request) -> Visibility:
        # Cached on the underlying Django request, so the viewset, its serializers and its
        # filters share one instance.
        django_request = getattr(request, "_request", request)
        visibility = getattr(django_request, "_api_visibility", None)
        if visibility is None or visibility.user != request.user:
            visibility = cls(request.user)
            django_request._api_visibility = visibility
        return visibility

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

    @cached_property
    def managed_committees(self) -> QuerySet:
        """Committees whose secretariat the user is."""
        if self.superuser:
            return Committee.objects.all()
        return self._objects(policy.MANAGE, Committee)

    @cached_property
    def chaired_committees(self) -> QuerySet:
        return self._objects(policy.CHAIR_COMMITTEE, Committee)

    @cached_property
    def seats(self) -> QuerySet:
        """Workgroups the user sits on (as a member or the chair)."""
        return self._objects(
            [policy.MEMBER_WORKGROUP, policy.CHAIR_WORKGROUP], Workgroup, any_perm=True
        )

    @cached_property
    def chaired_workgroups(self) -> QuerySet:
        return self._objects(policy.CHAIR_WORKGROUP, Workgroup)

    @cached_property
    def person(self) -> Person | None:
        if not self.authenticated:
            return None
        return Person.objects.filter(user=self.user).first()

    @cached_property
    def is_insider(self) -> bool:
        """Holds any role or seat (or is a superuser): sees the whole directory of people."""
        if not self.authenticated:
            return False
        if self.superuser:
            return True
        return (
            self.managed_committees.exists()
            or self.chaired_committees.exists()
            or self.seats.exists()
        )

    # --- meetings ------------------------------------------------------------------------

    @cached_property
    def meetings(self) -> QuerySet:
        """Every meeting the caller may see (the public part at least)."""
        return Meeting.objects.visible_to(self.user)

    @cached_property
    def internal_meetings(self) -> QuerySet:
        """Meetings whose internal record the caller may see."""
        return Meeting.objects.internal_to(self.user)

    def internal_meeting_exists(self, meeting_ref: str = "pk") -> Exists:
        """An expression: the meeting at ``meeting_ref`` is internal to the caller."""
        return Exists(self.internal_meetings.filter(pk=OuterRef(meeting_ref)))

    @cached_property
    def frozen_meetings(self) -> QuerySet:
        """Meetings whose latest minutes revision is published: their live record is the
        published one (the models refuse to change it), so its public parts may be shown."""
        return Meeting.objects.annotate(_latest_status=_latest_revision_status()).filter(
            _latest_status=Minutes.Status.PUBLISHED
        )

    # --- the record ------------------------------------------------------------------------

    @cached_property
    def agenda_items(self) -> QuerySet:
        return AgendaItem.objects.filter(
            Q(meeting__in=self.internal_meetings.values("pk"))
            | Q(is_public=True, meeting__in=self.frozen_meetings.values("pk"))
        )

    def _full_question_view(self) -> Q:
        """Where the caller sees every question, not only their own: the secretariat of
        the committee and the chair of the body (as on the meeting page)."""
        return (
            Q(meeting__committee__in=self.managed_committees.values("pk"))
            | Q(meeting__workgroup__in=self.chaired_workgroups.values("pk"))
            | Q(
                meeting__workgroup__isnull=True,
                meeting__committee__in=self.chaired_committees.values("pk"),
            )
        )

    @cached_property
    def questions(self) -> QuerySet:
        published = Q(
            status=Question.Status.ACCEPTED,
            agenda_item__is_public=True,
            meeting__in=self.frozen_meetings.values("pk"),
        )
        if not self.authenticated:
            return Question.objects.filter(published)
        internal = Q(meeting__in=self.internal_meetings.values("pk"))
        if not self.superuser:
            own = Q(author=self.person) if self.person is not None else Q(pk__in=[])
            internal &= self._full_question_view() | own
        return Question.objects.filter(internal | published)

    @cached_property
    def invitations(self) -> QuerySet:
        """Invitations of meetings internal to the caller, and the caller's own (a guest
        answers an invitation to a meeting that is not otherwise internal to them)."""
        if not self.authenticated:
            return Invitation.objects.none()
        own = Q(person=self.person) if self.person is not None else Q(pk__in=[])
        return Invitation.objects.filter(Q(meeting__in=self.internal_meetings.values("pk")) | own)

    @cached_property
    def decisions(self) -> QuerySet:
        """Live decisions of meetings internal to the caller, and the public decisions of
        the latest published revisions (the portal's index; their published values are
        shown, see ``api.serializers.read.DecisionSerializer``).

        ``api_internal`` tells the two apart. A decision added or changed in an open
        correction is in the index only once the correction is published."""
        internal = self.internal_meeting_exists("meeting_id")
        return Decision.objects.annotate(api_internal=internal).filter(
            Q(api_internal=True) | Q(portal_entry__isnull=False)
        )

    @cached_property
    def minutes(self) -> QuerySet:
        """Published revisions for everyone; every revision of meetings internal to the
        caller (drafts, submitted, approved)."""
        return Minutes.objects.filter(
            Q(status=Minutes.Status.PUBLISHED) | Q(meeting__in=self.internal_meetings.values("pk"))
        )

    # --- reference data ------------------------------------------------------------------

    @cached_property
    def people(self) -> QuerySet:
        """Insiders see the whole directory (they invite guests and record attendance);
        everyone else the people who hold or held a seat or a committee role."""
        people = Person.objects.all()
        if not self.is_insider:
            people = people.filter(
                Exists(Membership.objects.filter(person=OuterRef("pk")))
                | Exists(CommitteeRole.objects.filter(person=OuterRef("pk")))
            )
        return people.annotate(api_contacts=self.contacts_expression())

    def contacts_expression(self, person_ref: str = "pk"):
        """An expression: the caller may read the contact details of the person at
        ``person_ref`` (superuser, or secretariat of a committee the person belongs to)."""
        if self.superuser:
            return Value(True)
        if not self.authenticated:
            return Value(False)
        managed = self.managed_committees.values("pk")
        return Exists(
            Membership.objects.filter(person=OuterRef(person_ref), workgroup__committee__in=managed)
        ) | Exists(CommitteeRole.objects.filter(person=OuterRef(person_ref), committee__in=managed))
