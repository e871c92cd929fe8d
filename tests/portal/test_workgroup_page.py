"""A workgroup's public page: scope, chair and members (never contact details), its
published minutes, its public decisions and its upcoming public meetings."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.factories import JournalistFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db

URL = "/committee/rasht/workgroups/civil-works/"


def test_the_page_shows_scope_chair_and_members_with_post_and_organisation(portal, client):
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "کارگروه رسانه عمرانی و ترافیکی" in body
    assert "پیگیری پروژه‌های عمرانی، ترافیک و حمل و نقل عمومی شهر." in body
    assert "کامران نیک‌نام" in body and "معاون عمرانی شهردار" in body
    assert "سعید امیرخانی" in body and "سازمان حمل و نقل و ترافیک شهرداری رشت" in body
    assert "نسترن صدری" in body and portal.journalist.organization.name in body
    assert body.count("<h1") == 1


def test_contact_details_never_appear(portal, client):
    person = PersonFactory(email="hidden.member@example.ir", phone="09121112233")
    MembershipFactory(workgroup=portal.workgroup, person=person)
    journalist = JournalistFactory(email="press.member@example.ir", phone="+98 911 000 1122")
    MembershipFactory(workgroup=portal.workgroup, person=journalist)
    body = client.get(URL).content.decode()
    assert person.full_name in body and journalist.full_name in body
    for secret in ("hidden.member@example.ir", "09121112233", "press.member@example.ir", "911 000"):
        assert secret not in body
    assert "mailto:" not in body and "tel:" not in body


def test_former_members_are_not_listed(portal, client):
    former = PersonFactory(first_name="بهرام", last_name="پیشین")
    MembershipFactory(
        workgroup=portal.workgroup,
        person=former,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 1, 1),
    )
    assert "بهرام پیشین" not in client.get(URL).content.decode()


def test_its_minutes_decisions_and_meetings_and_nobody_elses(portal, client):
    portal.publish(
        portal.meeting(title="جلسه این کارگروه"), decisions=[{"text": "مصوبه این کارگروه"}]
    )
    portal.publish(
        portal.meeting(portal.other_workgroup, title="جلسه کارگروه دیگر"),
        decisions=[{"text": "مصوبه کارگروه دیگر"}],
    )
    MeetingFactory(
        workgroup=portal.workgroup,
        title="بازدید آینده از پل",
        starts_at=timezone.now() + datetime.timedelta(days=4),
    )
    body = client.get(URL).content.decode()
    assert "جلسه این کارگروه" in body and "مصوبه این کارگروه" in body
    assert "بازدید آینده از پل" in body
    assert "جلسه کارگروه دیگر" not in body and "مصوبه کارگروه دیگر" not in body
    assert 'href="/archive/?committee=rasht&amp;body=civil-works"' in body
    assert 'href="/decisions/?committee=rasht&amp;body=civil-works"' in body


def test_an_unknown_workgroup_is_not_found(portal, client):
    assert client.get("/committee/rasht/workgroups/nope/").status_code == 404
    assert client.get("/committee/other/workgroups/civil-works/").status_code == 404


def test_the_secretariats_members_page_is_still_its_own(portal, client):
    response = client.get(URL + "members/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_home_page_links_to_each_workgroup(portal, client):
    body = client.get("/").content.decode()
    assert f'href="{URL}"' in body
    assert 'href="/committee/rasht/workgroups/culture/"' in body
