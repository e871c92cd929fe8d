"""Every model is in the admin, in Persian, and its pages open."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    CommitteeRoleFactory,
    DecisionFactory,
    FollowUpFactory,
    MembershipFactory,
    MinutesFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DOMAIN_MODELS = [
    model
    for label in ("committee", "workgroups", "minutes")
    for model in apps.get_app_config(label).get_models()
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
    return meeting


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
    assert add.status_code == 200
    obj = model.objects.first()
    change = admin_client.get(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    )
    assert change.status_code == 200


def test_the_search_finds_a_name_typed_with_arabic_letters(admin_client):
    from tests.factories import PersonFactory

    PersonFactory(first_name="یاسمن", last_name="کیانی")
    response = admin_client.get(reverse("admin:committee_person_changelist"), {"q": "كياني"})
    assert "کیانی" in response.content.decode()


def test_the_meeting_page_has_agenda_attendance_and_decision_inlines(admin_client, filled):
    response = admin_client.get(reverse("admin:minutes_meeting_change", args=[filled.pk]))
    body = response.content.decode()
    for prefix in ("agenda_items", "attendances", "decisions"):
        assert f'name="{prefix}-TOTAL_FORMS"' in body
