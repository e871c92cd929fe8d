"""The visibility rules themselves (minutes/visibility.py): ``visible_to`` and ``internal_to``
of each record, asked of the models directly for every persona, and the one definition of
«overdue». The pages and the API are tested through these in their own modules."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.test import RequestFactory

from minutes import services
from minutes.models import (
    AgendaItem,
    Decision,
    FollowUp,
    Invitation,
    Meeting,
    Minutes,
    Question,
    is_overdue,
)
from minutes.visibility import Viewer, people_visible_to
from tests.factories import (
    DecisionFactory,
    FollowUpFactory,
    InvitationFactory,
    MeetingFactory,
    MinutesFactory,
    PersonFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "nobody",
    "journalist",
    "official",
    "chair",
    "other_chair",
    "other_journalist",
    "secretariat",
    "superuser",
]


def _user(world, role: str):
    return world.anonymous if role == "anonymous" else getattr(world, role)


@pytest.fixture
def record(world) -> SimpleNamespace:
    """An unannounced workgroup meeting with a draft record (a public and an internal
    agenda item, a journalist's question, a guest from the other workgroup, a decision
    with a follow-up note, draft minutes) and an unannounced plenary."""
    meeting = world.past_meeting(is_public=False)
    meeting.agenda_items.filter(order=2).update(is_public=False)
    decision = DecisionFactory(meeting=meeting)
    plenary = MeetingFactory(workgroup=None, committee=world.committee, is_public=False)
    return SimpleNamespace(
        meeting=meeting,
        plenary=plenary,
        public_item=meeting.agenda_items.get(order=1),
        internal_item=meeting.agenda_items.get(order=2),
        question=QuestionFactory(meeting=meeting, author=world.person(world.journalist)),
        invitation=InvitationFactory(
            meeting=meeting, person=world.person(world.other_journalist), is_guest=True
        ),
        decision=decision,
        follow_up=FollowUpFactory(decision=decision),
        minutes=MinutesFactory(meeting=meeting),
    )


# Who sees the workgroup's internal record: its members (chair included), the
# secretariat, superusers — not the other workgroup, not a user without a role.
MEMBERS = {"journalist", "official", "chair", "secretariat", "superuser"}

# (what, the queryset asked, expected roles)
TABLE = [
    (
        "workgroup meeting, internal",
        lambda r, who: Meeting.objects.internal_to(who),
        "meeting",
        MEMBERS,
    ),
    (
        "workgroup meeting, visible",
        lambda r, who: Meeting.objects.visible_to(who),
        "meeting",
        MEMBERS,
    ),
    (
        # The plenary's internal record: the secretariat and the workgroups' chairs.
        "plenary, internal",
        lambda r, who: Meeting.objects.internal_to(who),
        "plenary",
        {"chair", "other_chair", "secretariat", "superuser"},
    ),
    (
        "public item, visible",
        lambda r, who: AgendaItem.objects.visible_to(who),
        "public_item",
        MEMBERS,
    ),
    (
        "internal item, visible",
        lambda r, who: AgendaItem.objects.visible_to(who),
        "internal_item",
        MEMBERS,
    ),
    (
        "internal item, internal",
        lambda r, who: AgendaItem.objects.internal_to(who),
        "internal_item",
        MEMBERS,
    ),
    (
        # A member reads only their own question; the chair and the secretariat all.
        "question, internal",
        lambda r, who: Question.objects.internal_to(who),
        "question",
        {"journalist", "chair", "secretariat", "superuser"},
    ),
    (
        "question, visible",
        lambda r, who: Question.objects.visible_to(who),
        "question",
        {"journalist", "chair", "secretariat", "superuser"},
    ),
    (
        # The guest sees their own invitation to a meeting not otherwise internal to them.
        "invitation, visible",
        lambda r, who: Invitation.objects.visible_to(who),
        "invitation",
        MEMBERS | {"other_journalist"},
    ),
    ("decision, internal", lambda r, who: Decision.objects.internal_to(who), "decision", MEMBERS),
    ("follow-up, internal", lambda r, who: FollowUp.objects.internal_to(who), "follow_up", MEMBERS),
    (
        "draft minutes, internal",
        lambda r, who: Minutes.objects.internal_to(who),
        "minutes",
        MEMBERS,
    ),
    ("draft minutes, visible", lambda r, who: Minutes.objects.visible_to(who), "minutes", MEMBERS),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("what", "rows", "name", "allowed"), TABLE, ids=[t[0] for t in TABLE])
def test_each_persona_sees_exactly_the_internal_record_the_rules_allow(
    world, record, role, what, rows, name, allowed
):
    user = _user(world, role)
    obj = getattr(record, name)
    for who in (user, Viewer(user)):  # a user and the look-ups made once give one answer
        assert rows(record, who).filter(pk=obj.pk).exists() is (role in allowed), (what, role)


@pytest.mark.parametrize("role", ROLES)
def test_an_inactive_member_sees_only_what_the_public_sees(world, record, role):
    user = _user(world, role)
    if role == "anonymous":
        return
    user.is_active = False
    assert not Meeting.objects.internal_to(user).exists()
    assert not Question.objects.visible_to(user).exists()
    assert not Invitation.objects.visible_to(user).exists()


def test_published_minutes_show_their_public_parts_until_a_correction_is_opened(world):
    meeting = world.past_meeting()
    meeting.agenda_items.filter(order=2).update(is_public=False)
    minutes = world.published(meeting)
    public = meeting.agenda_items.get(order=1)
    for role in ROLES:
        who = _user(world, role)
        assert Minutes.objects.visible_to(who).filter(pk=minutes.pk).exists(), role
        assert AgendaItem.objects.visible_to(who).filter(pk=public.pk).exists(), role
        internal = AgendaItem.objects.visible_to(who).filter(order=2, meeting=meeting)
        assert internal.exists() is (role in MEMBERS), role

    services.issue_correction(world.secretariat, minutes, "اصلاح نام مسئول اجرا")
    # The record is being edited again: nothing of it is public until it is published.
    assert not AgendaItem.objects.visible_to(world.anonymous).filter(meeting=meeting).exists()
    assert Minutes.objects.visible_to(world.anonymous).filter(pk=minutes.pk).exists()
    draft = meeting.latest_minutes()
    assert not Minutes.objects.visible_to(world.anonymous).filter(pk=draft.pk).exists()
    assert Minutes.objects.visible_to(world.official).filter(pk=draft.pk).exists()


@pytest.mark.parametrize(
    ("role", "whole_directory", "contacts"),
    [
        ("anonymous", False, False),
        ("nobody", False, False),
        ("journalist", True, False),
        ("official", True, False),
        ("chair", True, False),
        ("secretariat", True, True),
        ("superuser", True, True),
    ],
)
def test_the_directory_and_contact_details_by_persona(world, role, whole_directory, contacts):
    outsider = PersonFactory()  # no seat, no role: only insiders see them
    official = world.person(world.official)
    people = people_visible_to(_user(world, role))
    assert people.filter(pk=outsider.pk).exists() is whole_directory
    assert bool(people.get(pk=official.pk).api_contacts) is contacts


def test_the_look_ups_are_made_once_per_request_and_again_for_another_user(world):
    request = RequestFactory().get("/")
    request.user = world.chair
    viewer = Viewer.for_request(request)
    assert Viewer.for_request(request) is viewer
    assert Viewer.of(viewer) is viewer
    request.user = world.official
    assert Viewer.for_request(request) is not viewer
    assert Viewer.for_request(request).user == world.official


# --- «Overdue» ---------------------------------------------------------------------------

DAY = datetime.date(2026, 1, 10)
OVERDUE_TABLE = [
    # (status, deadline, overdue on DAY)
    (Decision.Status.OPEN, DAY - datetime.timedelta(days=1), True),
    (Decision.Status.IN_PROGRESS, DAY - datetime.timedelta(days=1), True),
    (Decision.Status.DONE, DAY - datetime.timedelta(days=1), False),
    (Decision.Status.CANCELLED, DAY - datetime.timedelta(days=1), False),
    (Decision.Status.OPEN, DAY, False),  # due today is not late yet
    (Decision.Status.IN_PROGRESS, DAY + datetime.timedelta(days=1), False),
    (Decision.Status.OPEN, None, False),  # no deadline, never late
]


def test_overdue_is_one_rule_for_querysets_objects_and_values(world):
    meeting = world.past_meeting()
    rows = [
        (DecisionFactory(meeting=meeting, status=status, deadline=deadline), expected)
        for status, deadline, expected in OVERDUE_TABLE
    ]
    late = set(Decision.objects.overdue(DAY).values_list("pk", flat=True))
    assert late == {decision.pk for decision, expected in rows if expected}
    for decision, expected in rows:
        assert decision.overdue_on(DAY) is expected, decision.status
        assert is_overdue(decision.deadline, decision.status, DAY) is expected
    assert set(Decision.OPEN_STATUSES) == {Decision.Status.OPEN, Decision.Status.IN_PROGRESS}
