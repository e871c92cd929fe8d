"""Reference data stays editable in the admin, but every save and delete goes through the
services: the permission they ask, their validation, an audit entry, and the derived
object permissions kept in step. A refusal is shown on the page, never a 500."""

from __future__ import annotations

import datetime

import pytest
from django.contrib import admin
from django.utils import timezone

from committee import services
from committee.models import AuditEntry, CommitteeRole, Organization, Person
from committee.permissions import COMMITTEE_MANAGE
from tests.factories import OrganizationFactory, PersonFactory, UserFactory
from tests.work.support import admin_change_data, assert_persian, messages_of, row_of
from workgroups.models import Membership
from workgroups.permissions import WORKGROUP_CHAIR, WORKGROUP_MEMBER

pytestmark = pytest.mark.django_db


def _save(client, url, **overrides):
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, admin_change_data(page, **overrides))


def test_a_superusers_change_of_an_organisation_is_audited(world, login):
    organization = world.person(world.official).organization
    response = _save(
        login(world.superuser),
        f"/admin/committee/organization/{organization.pk}/change/",
        name="منطقه ۲ شهرداری رشت",
    )
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name == "منطقه ۲ شهرداری رشت"
    entry = AuditEntry.objects.get(action="organization.update")
    assert entry.actor == world.superuser
    assert entry.changes["name"]["after"] == "منطقه ۲ شهرداری رشت"


def test_the_staff_secretariat_adds_an_organisation_through_the_service(staff_secretariat, login):
    client = login(staff_secretariat)
    page = client.get("/admin/committee/organization/add/")
    response = client.post(
        "/admin/committee/organization/add/",
        admin_change_data(page, name="خبرگزاری شمال", kind="news_agency", website=""),
    )
    assert response.status_code == 302
    created = Organization.objects.get(name="خبرگزاری شمال")
    entry = AuditEntry.objects.get(action="organization.create")
    assert (entry.actor, entry.target_id) == (staff_secretariat, str(created.pk))


def test_a_duplicate_name_is_a_form_error_and_nothing_is_written(world, login):
    first, second = OrganizationFactory(), OrganizationFactory()
    before = row_of(second)
    response = _save(
        login(world.superuser),
        f"/admin/committee/organization/{second.pk}/change/",
        name=first.name,
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert row_of(second) == before
    assert not AuditEntry.objects.filter(action__startswith="organization.").exists()


def test_deleting_an_organisation_people_belong_to_is_refused_in_persian(world, login):
    organization = world.person(world.official).organization
    client = login(world.superuser)
    url = f"/admin/committee/organization/{organization.pk}/delete/"
    response = client.post(url, {"post": "yes"})
    assert response.status_code == 200  # Django's page listing what protects it
    assert "حذف" in response.content.decode()
    assert Organization.objects.filter(pk=organization.pk).exists()
    with pytest.raises(services.ReferenceDataError) as refused:
        services.delete_organization(world.superuser, organization)
    assert_persian(refused.value.message.split(":")[0])
    assert "حذف نمی‌شود" in refused.value.message
    assert Organization.objects.filter(pk=organization.pk).exists()
    assert not AuditEntry.objects.filter(action="organization.delete").exists()


def test_an_unreferenced_organisation_is_deleted_with_an_audit_entry(world, login):
    organization = OrganizationFactory()
    response = login(world.superuser).post(
        f"/admin/committee/organization/{organization.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=organization.pk).exists()
    assert AuditEntry.objects.filter(action="organization.delete").exists()


def _refusing(monkeypatch, model, *, save=None, delete=None):
    """Make the admin's service for ``model`` refuse (as a rule checked only on saving would)."""
    model_admin = admin.site._registry[model]
    real_save, real_delete = model_admin.model_services
    monkeypatch.setattr(model_admin, "model_services", (save or real_save, delete or real_delete))


def test_the_bulk_delete_is_all_or_nothing_and_says_why(world, login, monkeypatch):
    free, refused = OrganizationFactory(), OrganizationFactory()

    def delete(actor, obj):
        if obj == refused:
            raise services.ReferenceDataError("این سازمان حذف نمی‌شود.")
        services.delete_organization(actor, obj)

    _refusing(monkeypatch, Organization, delete=delete)
    response = login(world.superuser).post(
        "/admin/committee/organization/",
        {"action": "delete_selected", "_selected_action": [free.pk, refused.pk], "post": "yes"},
        follow=True,
    )
    assert response.status_code == 200
    assert "این سازمان حذف نمی‌شود." in messages_of(response)
    assert Organization.objects.filter(pk__in=[free.pk, refused.pk]).count() == 2
    assert not AuditEntry.objects.filter(action="organization.delete").exists()


def test_a_refusal_on_saving_is_shown_on_the_form_with_what_was_typed(world, login, monkeypatch):
    organization = OrganizationFactory()
    before = row_of(organization)

    def save(actor, obj):
        raise services.ReferenceDataError("این نام پذیرفته نیست.", field="name")

    _refusing(monkeypatch, Organization, save=save)
    response = _save(
        login(world.superuser),
        f"/admin/committee/organization/{organization.pk}/change/",
        name="نامی که پذیرفته نمی‌شود",
    )
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["name"] == ["این نام پذیرفته نیست."]
    assert "نامی که پذیرفته نمی‌شود" in response.content.decode()
    assert row_of(organization) == before


def test_only_a_superuser_edits_a_committee(world, staff_secretariat, login):
    url = f"/admin/committee/committee/{world.committee.pk}/change/"
    client = login(staff_secretariat)
    assert client.get(url).status_code == 200  # read
    assert client.post(url, {"name": "کمیته دیگر"}).status_code == 403
    with pytest.raises(services.ReferenceDataError):
        services.save_committee(staff_secretariat, world.committee)
    response = _save(login(world.superuser), url, description="کمیته رسانه شهر رشت")
    assert response.status_code == 302
    assert AuditEntry.objects.get(action="committee.update").committee == world.committee


def test_a_committee_role_added_in_the_admin_grants_the_permission_at_once(
    world, staff_secretariat, login
):
    newcomer = PersonFactory(user=UserFactory(username="staff-2"))
    client = login(staff_secretariat)
    page = client.get("/admin/committee/committeerole/add/")
    response = client.post(
        "/admin/committee/committeerole/add/",
        admin_change_data(
            page,
            committee=world.committee.pk,
            person=newcomer.pk,
            role=CommitteeRole.Role.SECRETARIAT_STAFF,
            start_date=(timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
            end_date="",
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert world.fresh(newcomer.user).has_perm(COMMITTEE_MANAGE, world.committee)
    assert AuditEntry.objects.filter(action="committee_role.create").exists()


def test_a_second_chair_of_the_committee_is_refused_on_the_form(world, login):
    CommitteeRole.objects.create(
        committee=world.committee,
        person=world.person(world.chair),
        role=CommitteeRole.Role.CHAIR,
        start_date=datetime.date(2024, 3, 20),
    )
    client = login(world.superuser)
    page = client.get("/admin/committee/committeerole/add/")
    response = client.post(
        "/admin/committee/committeerole/add/",
        admin_change_data(
            page,
            committee=world.committee.pk,
            person=world.person(world.official).pk,
            role=CommitteeRole.Role.CHAIR,
            start_date="2025-01-01",
            end_date="",
        ),
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert CommitteeRole.objects.filter(role=CommitteeRole.Role.CHAIR).count() == 1


def test_a_member_added_in_the_workgroups_inline_goes_through_add_membership(
    world, staff_secretariat, login
):
    newcomer = PersonFactory(user=UserFactory(username="member-new"))
    url = f"/admin/workgroups/workgroup/{world.workgroup.pk}/change/"
    client = login(staff_secretariat)
    page = client.get(url)
    data = admin_change_data(page)
    index = int(data["memberships-TOTAL_FORMS"])
    data |= {
        "memberships-TOTAL_FORMS": index + 1,
        f"memberships-{index}-person": newcomer.pk,
        f"memberships-{index}-is_permanent": "on",
        f"memberships-{index}-start_date": (timezone.localdate()).isoformat(),
        f"memberships-{index}-workgroup": world.workgroup.pk,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert world.fresh(newcomer.user).has_perm(WORKGROUP_MEMBER, world.workgroup)
    entry = AuditEntry.objects.get(action="membership.add")
    assert entry.actor == staff_secretariat


def test_ending_a_chairs_term_in_the_admin_takes_the_permission_at_once(
    world, staff_secretariat, login
):
    seat = Membership.objects.get(workgroup=world.workgroup, is_chair=True)
    assert world.fresh(world.chair).has_perm(WORKGROUP_CHAIR, world.workgroup)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = _save(
        login(staff_secretariat),
        f"/admin/workgroups/membership/{seat.pk}/change/",
        end_date=yesterday.isoformat(),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert not world.fresh(world.chair).has_perm(WORKGROUP_CHAIR, world.workgroup)
    assert AuditEntry.objects.filter(action="membership.end", actor=staff_secretariat).exists()


def test_a_second_chair_of_a_workgroup_is_a_form_error(world, staff_secretariat, login):
    seat = Membership.objects.get(workgroup=world.workgroup, person=world.person(world.official))
    before = row_of(seat)
    response = _save(
        login(staff_secretariat),
        f"/admin/workgroups/membership/{seat.pk}/change/",
        is_chair="on",
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert row_of(seat) == before


def test_moving_a_persons_login_moves_their_permissions(world, login):
    official = world.person(world.official)
    replacement = UserFactory(username="official-2b")
    response = _save(
        login(world.superuser),
        f"/admin/committee/person/{official.pk}/change/",
        user=replacement.pk,
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert world.fresh(replacement).has_perm(WORKGROUP_MEMBER, world.workgroup)
    assert not world.fresh(world.official).has_perm(WORKGROUP_MEMBER, world.workgroup)
    assert AuditEntry.objects.filter(action="person.update").exists()


def test_staff_without_a_secretariat_role_may_not_keep_reference_data(
    world, everything_group, login
):
    clerk = UserFactory(username="clerk", is_staff=True)
    clerk.groups.add(everything_group)
    organization = world.person(world.official).organization
    client = login(clerk)
    url = f"/admin/committee/organization/{organization.pk}/change/"
    assert client.get(url).status_code == 200  # read-only
    assert client.post(url, {"name": "نام تازه", "kind": organization.kind}).status_code == 403
    assert client.get("/admin/committee/committeerole/add/").status_code == 403
    with pytest.raises(services.ReferenceDataError) as refused:
        services.save_organization(clerk, organization)
    assert refused.value.status == 403


def test_a_non_staff_chair_is_sent_to_the_admins_login(world, login):
    response = login(world.chair).get("/admin/committee/organization/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_refused_delete_is_a_message_on_the_change_page(world, login, monkeypatch):
    person = PersonFactory()

    def delete(actor, obj):
        raise services.ReferenceDataError("این شخص حذف نمی‌شود.")

    _refusing(monkeypatch, Person, delete=delete)
    response = login(world.superuser).post(
        f"/admin/committee/person/{person.pk}/delete/", {"post": "yes"}, follow=True
    )
    assert response.status_code == 200
    assert "این شخص حذف نمی‌شود." in messages_of(response)
    assert Person.objects.filter(pk=person.pk).exists()
