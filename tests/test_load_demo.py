from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from committee.models import Committee, Organization, Person
from minutes.models import Attendance, Decision, Meeting, Minutes
from workgroups.models import Membership, Workgroup

pytestmark = pytest.mark.django_db

LOGINS = ["admin", "secretariat", *[f"chair-{n}" for n in range(1, 6)], "press-2", "official-2"]


@pytest.fixture
def demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _counts():
    models = (Committee, Workgroup, Organization, Person, Membership, Meeting, Decision, Minutes)
    return {model.__name__: model.objects.count() for model in models}


def test_it_loads_a_realistic_committee_and_prints_the_logins(demo):
    assert "Demo loaded" in demo
    for username in LOGINS:
        assert username in demo
    assert Person.objects.count() >= 30
    kinds = set(Organization.objects.values_list("kind", flat=True))
    assert set(Organization.PRESS_KINDS) <= kinds, "every press kind is represented"
    assert Meeting.objects.filter(status=Meeting.Status.HELD).count() >= 12
    assert Meeting.objects.upcoming().exists()
    assert Attendance.objects.exists() and Decision.objects.exists()


def test_loading_again_changes_nothing(demo):
    before = _counts()
    out = StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", "--if-empty", stdout=StringIO())
    assert _counts() == before
    assert "already loaded" in out.getvalue()


def test_it_leaves_a_database_with_other_data_alone():
    call_command("setup_committee", "--slug", "lahijan", "--city", "لاهیجان", stdout=StringIO())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "not the demo" in out.getvalue()
    assert Committee.objects.count() == 1


def test_each_workgroup_has_one_chair_and_both_sides(demo):
    for workgroup in Workgroup.objects.all():
        current = Membership.objects.current().filter(workgroup=workgroup)
        assert current.chairs().count() == 1
        assert current.officials().exists() and current.press().exists()


@pytest.mark.parametrize("username", LOGINS)
def test_every_documented_login_works_with_the_password_demo(demo, username, rf):
    request = rf.post("/accounts/login/")
    assert authenticate(request, username=username, password="demo") is not None


def test_the_chair_logins_belong_to_the_chairs_in_official_order(demo):
    for order in range(1, 6):
        chair = Workgroup.objects.get(order=order).chair
        assert chair.user.username == f"chair-{order}"


def test_press_2_and_official_2_sit_on_workgroup_2(demo):
    civil = Workgroup.objects.get(order=2)
    press = Person.objects.get(user__username="press-2")
    official = Person.objects.get(user__username="official-2")
    assert press.is_press and not official.is_press
    for person in (press, official):
        seat = Membership.objects.current().get(workgroup=civil, person=person)
        assert seat.is_permanent and not seat.is_chair


def test_the_secretariat_may_use_the_admin_and_the_chairs_may_not(demo, client):
    login = {"username": "secretariat", "password": "demo"}
    assert client.post("/accounts/login/", login).status_code == 302
    assert client.get("/admin/minutes/meeting/").status_code == 200
    client.logout()
    login = {"username": "chair-2", "password": "demo"}
    assert client.post("/accounts/login/", login).status_code == 302
    assert client.get("/admin/minutes/meeting/").status_code == 302


def test_the_prose_is_persian_without_arabic_keyboard_letters(demo):
    texts = list(Decision.objects.values_list("text", flat=True))
    texts += list(Meeting.objects.values_list("title", flat=True))
    assert texts
    for text in texts:
        assert "ي" not in text and "ك" not in text
        assert "lorem" not in text.lower()
