"""Writing the reference data through the API: committees (superuser), organisations and
people (the secretariat), committee roles with their terms, and accounts for people by
invitation — with the same services, permissions and audit as the admin."""

from __future__ import annotations

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from committee.models import AuditEntry, Committee, CommitteeRole, Organization, Person
from tests.api.conftest import API
from tests.factories import (
    CommitteeFactory,
    CommitteeRoleFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
)
from workgroups.models import Workgroup

User = get_user_model()
ROLES = ("anonymous", "member", "other_secretariat", "secretariat", "superuser")


@pytest.fixture
def callers(world, client_for):
    """An API client per role: anonymous, a workgroup member, the secretariat of another
    committee, this committee's secretariat, a superuser."""
    other = CommitteeFactory(slug="lahijan", name="کمیته رسانه لاهیجان", city="لاهیجان")
    other_head = PersonFactory(user=UserFactory(username="lahijan-secretariat"))
    CommitteeRoleFactory(
        committee=other, person=other_head, role=CommitteeRole.Role.SECRETARIAT_HEAD
    )
    from committee.permissions import sync_committee_permissions

    sync_committee_permissions(other)
    users = {
        "anonymous": None,
        "member": world.official,
        "other_secretariat": other_head.user,
        "secretariat": world.secretariat,
        "superuser": world.superuser,
    }
    return {role: client_for(user) for role, user in users.items()}


def _statuses(callers, method, url, data=None, *, fresh=None):
    """Each role's status for one request; ``fresh`` makes the data anew per role (a
    unique name), so no row clashes with another's."""
    answers = {}
    for role in ROLES:
        body = fresh(role) if fresh else data
        response = getattr(callers[role], method)(f"{API}{url}", body, format="json")
        answers[role] = response.status_code
    return answers


# --- Permissions table --------------------------------------------------------------------------


def test_committees_are_created_changed_and_deleted_by_a_superuser_only(callers):
    def fresh(role):
        return {
            "slug": f"c-{role.replace('_', '-')}",
            "name": f"کمیته رسانه {role}",
            "municipality": "شهرداری انزلی",
            "city": "انزلی",
        }

    assert _statuses(callers, "post", "/committees/", fresh=fresh) == {
        "anonymous": 401,
        "member": 403,
        "other_secretariat": 403,
        "secretariat": 403,
        "superuser": 201,
    }
    created = Committee.objects.get(slug="c-superuser")
    # The five standard workgroups come with it, in the same transaction.
    assert Workgroup.objects.filter(committee=created).count() == 5
    assert _statuses(callers, "patch", f"/committees/{created.pk}/", {"city": "بندر انزلی"}) == {
        "anonymous": 401,
        "member": 403,
        "other_secretariat": 403,
        "secretariat": 403,
        "superuser": 200,
    }
    created.refresh_from_db()
    assert created.city == "بندر انزلی"
    response = callers["superuser"].delete(f"{API}/committees/{created.pk}/")
    assert response.status_code == 204
    assert not Committee.objects.filter(pk=created.pk).exists()


def test_organisations_are_kept_by_the_secretariat(callers, world):
    def fresh(role):
        return {"name": f"شرکت آب و فاضلاب {role}", "kind": "utility"}

    assert _statuses(callers, "post", "/organizations/", fresh=fresh) == {
        "anonymous": 401,
        "member": 403,
        "other_secretariat": 201,  # organisations are shared by every committee
        "secretariat": 201,
        "superuser": 201,
    }
    organization = Organization.objects.get(name="شرکت آب و فاضلاب secretariat")
    answer = callers["secretariat"].patch(
        f"{API}/organizations/{organization.pk}/", {"website": "https://abfa-gilan.ir"}
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["website"] == "https://abfa-gilan.ir"
    assert answer.json()["side"] == "official"
    assert callers["member"].delete(f"{API}/organizations/{organization.pk}/").status_code == 403
    assert (
        callers["secretariat"].delete(f"{API}/organizations/{organization.pk}/").status_code == 204
    )
    assert AuditEntry.objects.filter(action="organization.delete").exists()


def test_people_are_added_by_the_secretariat_and_changed_by_their_committees(callers, world):
    organization = OrganizationFactory(name="شورای اسلامی شهر رشت", kind="city_council")

    def fresh(role):
        return {
            "first_name": "زهرا",
            "last_name": f"احمدی {role}",
            "post": "عضو شورای شهر",
            "organization": organization.pk,
            "email": f"{role}@example.ir",
        }

    assert _statuses(callers, "post", "/people/", fresh=fresh) == {
        "anonymous": 401,
        "member": 403,
        "other_secretariat": 201,
        "secretariat": 201,
        "superuser": 201,
    }
    # The official of workgroup 2 belongs to this committee only: another committee's
    # secretariat sees them but may not change them.
    official = world.person(world.official)
    assert _statuses(callers, "patch", f"/people/{official.pk}/", {"post": "مدیر منطقه ۳"}) == {
        "anonymous": 401,
        "member": 403,
        "other_secretariat": 403,
        "secretariat": 200,
        "superuser": 200,
    }
    official.refresh_from_db()
    assert official.post == "مدیر منطقه ۳"


def test_the_creator_reads_back_the_contacts_of_a_person_seated_nowhere_yet(callers, world):
    organization = OrganizationFactory(name="فرماندهی انتظامی گیلان", kind="police")
    response = callers["secretariat"].post(
        f"{API}/people/",
        {
            "first_name": "رضا",
            "last_name": "کریمی",
            "post": "رییس پلیس راهور",
            "organization": organization.pk,
            "email": "karimi@example.ir",
            "phone": "013-33330000",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["email"] == "karimi@example.ir" and body["phone"] == "013-33330000"
    assert body["username"] is None and body["account_pending"] is False
    assert body["organization"]["kind"] == "police"
    # A visitor never sees contact details (nor, here, someone seated nowhere).
    assert callers["anonymous"].get(f"{API}/people/{body['id']}/").status_code == 404


def test_committee_roles_with_terms(callers, world):
    person = PersonFactory(first_name="مریم", last_name="رحیمی")

    def fresh(role):
        return {
            "committee": world.committee.pk,
            "person": person.pk,
            "role": "secretariat_staff",
            "start_date": "1404/01/01",
            "end_date": f"1404/0{ROLES.index(role) + 1}/10",
        }

    statuses = _statuses(callers, "post", "/committee-roles/", fresh=fresh)
    assert statuses == {
        "anonymous": 401,
        "member": 403,
        "other_secretariat": 403,
        "secretariat": 201,
        "superuser": 201,
    }
    term = CommitteeRole.objects.filter(person=person).order_by("pk").first()
    assert term is not None and term.start_date == datetime.date(2025, 3, 21)
    response = callers["secretariat"].patch(
        f"{API}/committee-roles/{term.pk}/", {"end_date": "2025-12-31"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["end_date"] == "2025-12-31"
    assert response.json()["committee_slug"] == world.committee.slug
    listed = callers["anonymous"].get(f"{API}/committee-roles/", {"committee": "rasht"})
    assert term.pk in {row["id"] for row in listed.json()["results"]}


def test_a_second_chair_at_the_same_time_is_refused_on_start_date(callers, world):
    chair, rival = PersonFactory(), PersonFactory()
    CommitteeRoleFactory(
        committee=world.committee,
        person=chair,
        role=CommitteeRole.Role.CHAIR,
        start_date=datetime.date(2024, 1, 1),
    )
    response = callers["secretariat"].post(
        f"{API}/committee-roles/",
        {
            "committee": world.committee.pk,
            "person": rival.pk,
            "role": "chair",
            "start_date": "2025-01-01",
        },
    )
    assert response.status_code == 400, response.content
    assert "start_date" in response.json()
    assert not CommitteeRole.objects.filter(person=rival).exists()


def test_a_staff_role_gives_the_secretariats_rights_at_once(callers, world, client_for):
    staff = PersonFactory(user=UserFactory(username="new-staff"))
    before = client_for(staff.user).post(
        f"{API}/organizations/", {"name": "اداره کل راه و شهرسازی", "kind": "provincial"}
    )
    assert before.status_code == 403
    response = callers["secretariat"].post(
        f"{API}/committee-roles/",
        {
            "committee": world.committee.pk,
            "person": staff.pk,
            "role": "secretariat_staff",
            "start_date": "2020-01-01",
        },
    )
    assert response.status_code == 201, response.content
    after = client_for(User.objects.get(pk=staff.user.pk)).post(
        f"{API}/organizations/", {"name": "اداره کل راه و شهرسازی", "kind": "provincial"}
    )
    assert after.status_code == 201, after.content


# --- Accounts by invitation ---------------------------------------------------------------------


def test_an_account_by_invitation_never_carries_a_password(
    callers, world, django_capture_on_commit_callbacks
):
    person = PersonFactory(first_name="علی", last_name="نوری", email="nouri@example.ir")
    url = f"{API}/people/{person.pk}/account/"
    # Seated nowhere yet: a login is given only to someone of the caller's committee.
    unseated = callers["secretariat"].post(url, {})
    assert unseated.status_code == 403 and "عضو کارگروه" in unseated.json()["detail"]
    MembershipFactory(workgroup=world.workgroup, person=person)
    assert callers["anonymous"].post(url, {}).status_code == 401
    assert callers["member"].post(url, {}).status_code == 403
    assert callers["other_secretariat"].post(url, {}).status_code == 403
    # A password is never accepted.
    refused = callers["secretariat"].post(url, {"password": "Secret-1405"})
    assert refused.status_code == 400 and "password" in refused.json()
    assert person.__class__.objects.get(pk=person.pk).user is None
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = callers["secretariat"].post(
            f"{API}/people/{person.pk}/account/", {"username": "a.nouri"}
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["username"] == "a.nouri" and body["account_pending"] is True
    assert "password" not in response.content.decode()
    user = User.objects.get(username="a.nouri")
    assert not user.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nouri@example.ir"]
    assert "a.nouri" in message.body
    link = re.search(r"https?://\S+/accounts/reset/\S+/", message.body)
    assert link is not None, message.body

    # The link lets the person choose their password, and then log in with it.
    browser = Client()
    path = link.group(0).split("testserver", 1)[1]
    form = browser.get(path, follow=True)
    assert form.status_code == 200
    done = browser.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Rasht-Media-1405", "new_password2": "Rasht-Media-1405"},
    )
    assert done.status_code == 302
    token = callers["anonymous"].post(
        f"{API}/auth/token/", {"username": "a.nouri", "password": "Rasht-Media-1405"}
    )
    assert token.status_code == 200, token.content
    # A second invitation is refused now that the password is chosen.
    again = callers["secretariat"].post(f"{API}/people/{person.pk}/account/", {})
    assert again.status_code == 409
    assert again.json()["code"] == "conflict"


def test_an_invitation_is_sent_again_while_the_password_is_not_chosen(
    callers, world, django_capture_on_commit_callbacks
):
    person = PersonFactory(email="samadi@example.ir")
    CommitteeRoleFactory(
        committee=world.committee, person=person, role=CommitteeRole.Role.SECRETARIAT_STAFF
    )
    with django_capture_on_commit_callbacks(execute=True):
        first = callers["secretariat"].post(f"{API}/people/{person.pk}/account/", {})
    assert first.status_code == 201, first.content
    assert first.json()["username"] == "samadi@example.ir"
    with django_capture_on_commit_callbacks(execute=True):
        second = callers["secretariat"].post(f"{API}/people/{person.pk}/account/", {})
    assert second.status_code == 200
    assert len(mail.outbox) == 2
    assert User.objects.filter(username="samadi@example.ir").count() == 1


def test_bad_account_requests_are_field_errors_and_write_nothing(callers, world):
    person = PersonFactory(email="")
    MembershipFactory(workgroup=world.workgroup, person=person)
    no_email = callers["secretariat"].post(f"{API}/people/{person.pk}/account/", {})
    assert no_email.status_code == 400
    assert "رایانامه" in no_email.json()["email"][0]
    UserFactory(username="taken")
    taken = callers["secretariat"].post(
        f"{API}/people/{person.pk}/account/", {"username": "TAKEN", "email": "t@example.ir"}
    )
    assert taken.status_code == 400
    assert "username" in taken.json()
    spaces = callers["secretariat"].post(
        f"{API}/people/{person.pk}/account/", {"username": "نام با فاصله", "email": "t@example.ir"}
    )
    assert spaces.status_code == 400 and "username" in spaces.json()
    person.refresh_from_db()
    assert person.user is None and person.email == ""
    assert not User.objects.filter(email="t@example.ir").exists()


# --- Validation, languages and transactions -----------------------------------------------------


@pytest.mark.parametrize(
    ("url", "body", "field"),
    [
        ("/organizations/", {"name": "شهرداری", "kind": "ministry"}, "kind"),
        ("/organizations/", {"name": "", "kind": "police"}, "name"),
        ("/organizations/", {"name": "x", "kind": "police", "website": "nope"}, "website"),
        ("/people/", {"first_name": "a", "last_name": "b", "post": "c"}, "organization"),
        (
            "/people/",
            {"first_name": "a", "last_name": "b", "post": "c", "organization": 10**20},
            "organization",
        ),
        ("/committee-roles/", {"committee": 1, "role": "chair"}, "person"),
        (
            "/committees/",
            {"slug": "با فاصله", "name": "x", "municipality": "y", "city": "z"},
            "slug",
        ),
    ],
)
def test_bad_input_is_a_persian_field_error(callers, world, url, body, field):
    caller = callers["superuser"]
    response = caller.post(f"{API}{url}", body, format="json")
    assert response.status_code == 400, response.content
    errors = response.json()
    assert field in errors
    assert re.search("[\u0600-\u06ff]", errors[field][0]), errors


def test_errors_are_in_english_when_asked(callers):
    response = callers["secretariat"].post(
        f"{API}/organizations/",
        {"name": "x", "kind": "ministry"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert not re.search("[\u0600-\u06ff]", response.json()["kind"][0]), response.json()


def test_a_duplicate_organisation_name_is_a_400_on_name(callers):
    OrganizationFactory(name="صدا و سیمای مرکز گیلان", kind="national_newspaper")
    response = callers["secretariat"].post(
        f"{API}/organizations/", {"name": "صدا و سیمای مرکز گیلان", "kind": "news_agency"}
    )
    assert response.status_code == 400
    assert Organization.objects.filter(name="صدا و سیمای مرکز گیلان").count() == 1


def test_an_organisation_still_named_is_not_deleted(callers, world):
    official = world.person(world.official)
    response = callers["secretariat"].delete(f"{API}/organizations/{official.organization_id}/")
    assert response.status_code == 400
    assert "حذف نمی‌شود" in response.json()["detail"]
    assert Organization.objects.filter(pk=official.organization_id).exists()
    assert not AuditEntry.objects.filter(action="organization.delete").exists()


def test_a_committee_whose_workgroup_clashes_is_not_half_written(callers, monkeypatch):
    """The committee and its workgroups are one transaction: a failure on the last
    workgroup leaves no committee behind."""
    from workgroups import services as workgroup_services
    from workgroups.services import MembershipError

    real = workgroup_services.save_workgroup
    calls = []

    def failing(actor, workgroup):
        calls.append(workgroup.slug)
        if len(calls) == 5:
            raise MembershipError("کارگروهی با همین نام یا نامک در این کمیته هست.")
        return real(actor, workgroup)

    monkeypatch.setattr(workgroup_services, "save_workgroup", failing)
    response = callers["superuser"].post(
        f"{API}/committees/",
        {
            "slug": "astara",
            "name": "کمیته رسانه آستارا",
            "municipality": "شهرداری",
            "city": "آستارا",
        },
    )
    assert response.status_code == 400
    assert not Committee.objects.filter(slug="astara").exists()
    assert not Workgroup.objects.filter(committee__slug="astara").exists()


def test_an_unsupported_method_is_405_for_everyone(callers, world):
    meeting_list = f"{API}/invitations/"
    for role in ROLES:
        assert callers[role].post(meeting_list, {}).status_code == 405, role
        assert callers[role].put(f"{API}/committees/{world.committee.pk}/", {}).status_code == 405


def test_people_without_an_account_are_not_listed_with_a_username_for_visitors(callers, world):
    rows = callers["anonymous"].get(f"{API}/people/").json()["results"]
    assert rows and all("username" not in row and "email" not in row for row in rows)
    assert Person.objects.filter(user__isnull=False).exists()
