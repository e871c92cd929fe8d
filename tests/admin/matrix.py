"""The admin rows of the permission tables (tests/test_permission_matrix.py with session
logins, tests/api/test_permission_matrix.py with the API's token credentials): every demo
role, plus a logged-in outsider, against the add, change and delete URLs of every record
model, for a published row and a draft one. Built once on the demo, like the tables.

LOGIN is the admin's login page (everyone who is not staff), 403 the admin's refusal of a
missing has_*_permission, DONE a redirect after a save that went through the services.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from committee.models import AuditEntry, Committee, Organization, Person
from minutes.models import (
    AgendaItem,
    Attendance,
    Decision,
    FollowUp,
    Invitation,
    Meeting,
    Minutes,
    Question,
)
from tests.admin.records import CHANGES, RECORD_MODELS, admin_url

LOGIN, DONE = "admin login", "done"
ADMIN_ROLES = (
    "anonymous",
    "outsider",
    "press-2",
    "official-2",
    "chair-1",
    "chair-2",
    "secretariat",
    "admin",
)
# Columns:            anonymous outsider press-2 official-2 chair-1 chair-2 secretariat admin
REFUSED_TO_ALL = (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, 403, 403)
ONLY_THE_SECRETARIAT = (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, DONE, DONE)
ONLY_A_SUPERUSER = (LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, 403, DONE)
STATES = ("published", "draft")


def admin_row(method, model, action, state, *expected, audit=None):
    assert len(expected) == len(ADMIN_ROLES)
    return method, model, action, state, dict(zip(ADMIN_ROLES, expected, strict=True)), audit


ADMIN_MATRIX = [
    *[admin_row("get", model, "add", None, *REFUSED_TO_ALL) for model in RECORD_MODELS],
    *[
        admin_row("post", model, action, state, *REFUSED_TO_ALL)
        for model in RECORD_MODELS
        for action in ("change", "delete")
        for state in STATES
        if not (model is FollowUp and state == "draft")  # follow-ups come after publication
    ],
    # Reference data: editable, through the services, which audit the change.
    admin_row(
        "post", Organization, "change", None, *ONLY_THE_SECRETARIAT, audit="organization.update"
    ),
    admin_row("post", Committee, "change", None, *ONLY_A_SUPERUSER, audit="committee.update"),
]


def build_admin_rows() -> dict:
    """One row of each record model on a published meeting and on a draft one of the demo
    (with an outsider login, and the invitation and question the demo's past meetings lack)."""
    get_user_model().objects.create_user("outsider", password="demo")
    published = Minutes.objects.filter(status=Minutes.Status.PUBLISHED).latest("published_at")
    draft = (
        Minutes.objects.filter(
            status=Minutes.Status.DRAFT,
            meeting__decisions__isnull=False,
            meeting__attendances__isnull=False,
            meeting__agenda_items__isnull=False,
        )
        .distinct()
        .first()
    )
    press = Person.objects.get(user__username="press-2")
    rows: dict = {"published": {}, "draft": {}}
    for state, minutes in (("published", published), ("draft", draft)):
        meeting = minutes.meeting
        invitation = meeting.invitations.first() or Invitation.objects.create(
            meeting=meeting, person=press
        )
        question = meeting.questions.first() or Question.objects.create(
            meeting=meeting, author=press, title="پرسش آزمایشی", text="متن پرسش آزمایشی"
        )
        rows[state] = {
            Meeting: meeting,
            AgendaItem: meeting.agenda_items.first(),
            Attendance: meeting.attendances.first(),
            Invitation: invitation,
            Question: question,
            Decision: meeting.decisions.first(),
            Minutes: minutes,
        }
    rows["published"][FollowUp] = FollowUp.objects.filter(
        decision__meeting__minutes__status=Minutes.Status.PUBLISHED
    ).first()
    return rows


REFERENCE_DATA = {
    Organization: lambda org: {"name": f"{org.name} (ویرایش)", "kind": org.kind, "website": ""},
    Committee: lambda c: {
        "name": c.name,
        "municipality": c.municipality,
        "city": c.city,
        "slug": c.slug,
        "description": "معرفی تازه کمیته",
        "duties": c.duties,
        "roles-TOTAL_FORMS": 0,
        "roles-INITIAL_FORMS": 0,
    },
}


def run_admin_matrix(test, rows, client_for, *, only_login: bool = False) -> None:
    """Run ADMIN_MATRIX in ``test`` (a TestCase): ``client_for(role)`` is a client with that
    role's credentials. Each row runs in a rolled-back savepoint and checks, before the
    rollback, that a refused row left the database as it was. ``only_login``: credentials
    the admin does not know (an API token), so every row is its login page."""
    for method, model, action, state, expected, audit in ADMIN_MATRIX:
        for role, want in expected.items():
            want = LOGIN if only_login else want
            with test.subTest(role=role, model=model.__name__, action=action, state=state):
                with transaction.atomic():
                    client = client_for(role)
                    obj = _target(model, state, rows)
                    if obj is None and action != "add":
                        continue
                    before = _row(obj)
                    audit_count = AuditEntry.objects.count()
                    url = admin_url(model, action, obj)
                    if method == "get":
                        response = client.get(url)
                    elif action == "delete":
                        response = client.post(url, {"post": "yes"})
                    else:
                        response = client.post(url, _data(model, obj))
                    _check(test, response, want)
                    if want == DONE:
                        test.assertTrue(AuditEntry.objects.filter(action=audit).exists())
                    else:
                        test.assertEqual(_row(obj), before)
                        test.assertEqual(AuditEntry.objects.count(), audit_count)
                    transaction.set_rollback(True)


def _target(model, state, rows):
    if model in REFERENCE_DATA:
        return model.objects.order_by("pk").first()
    if state is None:
        return None
    return rows[state].get(model)


def _row(obj):
    if obj is None:
        return None
    return type(obj)._default_manager.filter(pk=obj.pk).values().first()


def _data(model, obj) -> dict:
    if model in REFERENCE_DATA:
        return REFERENCE_DATA[model](obj)
    return dict(CHANGES)


def _check(test, response, want) -> None:
    if want == LOGIN:
        test.assertEqual(response.status_code, 302)
        test.assertTrue(response["Location"].startswith("/admin/login/"), response["Location"])
    elif want == DONE:
        test.assertEqual(response.status_code, 302, response.content[:500])
        test.assertFalse(response["Location"].startswith("/admin/login/"))
    else:
        test.assertEqual(response.status_code, want)
