"""Every model is in the admin, in Persian, and its pages open."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from committee.audit import record
from committee.permissions import sync_committee_permissions
from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    CommitteeRoleFactory,
    DecisionFactory,
    FollowUpFactory,
    InvitationFactory,
    MembershipFactory,
    MinutesFactory,
    QuestionFactory,
    UserFactory,
)
from workgroups.permissions import sync_workgroup_permissions

pytestmark = pytest.mark.django_db

# Group object permissions exist only so guardian never falls back to its generic table;
# permissions here are granted to users from roles, so there is nothing to show.
DOMAIN_MODELS = [
    model
    for label in ("committee", "workgroups", "minutes")
    for model in apps.get_app_config(label).get_models()
    if not model.__name__.endswith("GroupObjectPermission")
]


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def filled():
    CommitteeRoleFactory()
    MembershipFactory(is_chair=True)
    meeting = AgendaItemFactory().meeting
    AttendanceFactory(meeting=meeting)
    FollowUpFactory(decision=DecisionFactory(meeting=meeting))
    MinutesFactory(meeting=meeting)
    InvitationFactory(meeting=meeting)
    QuestionFactory(meeting=meeting)
    membership = MembershipFactory(person__user=UserFactory(), is_chair=True)
    sync_workgroup_permissions(membership.workgroup)
    role = CommitteeRoleFactory(person__user=UserFactory())
    sync_committee_permissions(role.committee)
    record(None, "test.create", meeting, after={"title": meeting.title})
    _one_of_each_newer_model(meeting)
    return meeting


def _one_of_each_newer_model(meeting):
    # Record models added after this fixture was written (the admin shows them read-only
    # by default) get a row here, so their pages are opened too.
    try:
        vote = apps.get_model("minutes", "Vote")
    except LookupError:
        return
    vote.objects.create(
        decision=meeting.decisions.first(),
        person=AttendanceFactory(meeting=meeting).person,
        choice="for",
    )
    from django.core.files.base import ContentFile

    attachment = apps.get_model("minutes", "Attachment")(
        meeting=meeting,
        title="گزارش پیمانکار",
        original_name="report.pdf",
        kind="pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
    )
    attachment.file.save("report.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    person = meeting.attendances.first().person
    apps.get_model("minutes", "Notification").objects.create(
        person=person, kind="follow_up", text="پیگیری تازه", link="/", meeting=meeting
    )
    apps.get_model("minutes", "EmailPreferences").objects.create(person=person)
    apps.get_model("committee", "District").objects.create(
        committee=meeting.committee, name="منطقه ۱"
    )
    apps.get_model("minutes", "OutboxEmail").objects.create(
        kind="invite", to="member@example.org", subject="دعوت به جلسه", text="متن", meeting=meeting
    )


def test_every_domain_model_is_registered():
    assert DOMAIN_MODELS
    missing = [m.__name__ for m in DOMAIN_MODELS if m not in admin.site._registry]
    assert missing == []


@pytest.mark.parametrize("model", DOMAIN_MODELS, ids=lambda m: m.__name__)
def test_the_changelist_add_and_change_pages_open_in_persian(admin_client, filled, model):
    opts = model._meta
    changelist = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    assert changelist.status_code == 200
    assert 'lang="fa"' in changelist.content.decode()
    assert str(opts.verbose_name_plural) in changelist.content.decode()
    add = admin_client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_add"))
    # Records written only by the services (audit, derived permissions) cannot be added.
    model_admin = admin.site._registry[model]
    assert add.status_code == (200 if model_admin.has_add_permission(add.wsgi_request) else 403)
    obj = model.objects.first()
    assert obj is not None, f"the fixture makes no {model.__name__}"
    change = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    )
    assert change.status_code == 200


def test_the_search_finds_a_name_typed_with_arabic_letters(admin_client):
    from tests.factories import PersonFactory

    PersonFactory(first_name="یاسمن", last_name="کیانی")
    response = admin_client.get(reverse("admin:committee_person_changelist"), {"q": "كياني"})
    assert "کیانی" in response.content.decode()


def test_the_meeting_page_shows_agenda_attendance_and_decisions_for_reading(admin_client, filled):
    response = admin_client.get(reverse("admin:minutes_meeting_change", args=[filled.pk]))
    body = response.content.decode()
    for prefix in ("agenda_items", "attendances", "decisions", "minutes"):
        assert f'name="{prefix}-TOTAL_FORMS"' in body
    assert filled.agenda_items.first().title in body
    assert 'name="_save"' not in body, "the record is read-only, even for a superuser"
