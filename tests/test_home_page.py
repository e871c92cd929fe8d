from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from committee.models import CommitteeRole
from minutes.models import Meeting
from tests.factories import (
    CommitteeRoleFactory,
    JournalistFactory,
    MeetingFactory,
    MembershipFactory,
    PersonFactory,
)
from workgroups.models import Workgroup

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    from io import StringIO

    call_command("setup_committee", stdout=StringIO())
    return Workgroup.objects.get(order=2).committee


def test_it_shows_the_five_workgroups_under_their_official_names(client, committee):
    body = client.get("/").content.decode()
    for workgroup in committee.workgroups.all():
        assert workgroup.name in body
    assert '<html lang="fa" dir="rtl">' in body


def test_it_shows_chairs_and_both_sides_of_the_membership(client, committee):
    civil = Workgroup.objects.get(order=2)
    chair = PersonFactory(first_name="کامران", last_name="نیک‌نام", post="معاون عمرانی شهردار")
    MembershipFactory(workgroup=civil, person=chair, is_chair=True)
    journalist = JournalistFactory(first_name="نسترن", last_name="صدری")
    MembershipFactory(workgroup=civil, person=journalist)
    former = PersonFactory(first_name="بهرام", last_name="پیشین")
    MembershipFactory(
        workgroup=civil,
        person=former,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 1, 1),
    )
    body = client.get("/").content.decode()
    assert "کامران نیک‌نام" in body
    assert "نسترن صدری" in body
    assert journalist.organization.name in body
    assert "اصحاب رسانه" in body and "مدیران شهری" in body
    assert "بهرام پیشین" not in body, "a member whose term ended is not shown"


def test_contact_details_never_appear(client, committee):
    person = PersonFactory(email="secret.person@example.ir", phone="09111234567")
    MembershipFactory(workgroup=Workgroup.objects.get(order=1), person=person)
    body = client.get("/").content.decode()
    assert person.full_name in body
    assert "secret.person@example.ir" not in body
    assert "09111234567" not in body


def test_upcoming_meetings_show_jalali_dates_in_persian_digits(client, committee):
    tehran_noon = timezone.localtime().replace(hour=10, minute=30, second=0, microsecond=0)
    starts = tehran_noon + datetime.timedelta(days=3)
    MeetingFactory(
        workgroup=Workgroup.objects.get(order=2), title="بازدید از پروژه پل", starts_at=starts
    )
    MeetingFactory(
        workgroup=Workgroup.objects.get(order=2),
        title="جلسه لغوشده",
        starts_at=starts,
        status=Meeting.Status.CANCELLED,
    )
    MeetingFactory(
        workgroup=Workgroup.objects.get(order=2),
        title="جلسه درونی",
        starts_at=starts,
        is_public=False,
    )
    MeetingFactory(
        workgroup=Workgroup.objects.get(order=2),
        title="جلسه گذشته",
        starts_at=tehran_noon - datetime.timedelta(days=3),
    )
    body = client.get("/").content.decode()
    from persian.jalali import format_date

    assert "بازدید از پروژه پل" in body
    assert format_date(starts) in body
    assert "۱۰:۳۰" in body
    for hidden in ("جلسه لغوشده", "جلسه درونی", "جلسه گذشته"):
        assert hidden not in body


def test_the_committee_chair_and_secretariat_head_are_named(client, committee):
    mayor = PersonFactory(first_name="فرهاد", last_name="آزادگان", post="شهردار رشت")
    CommitteeRoleFactory(committee=committee, person=mayor, role=CommitteeRole.Role.CHAIR)
    body = client.get("/").content.decode()
    assert "فرهاد آزادگان" in body
    assert "رییس کمیته" in body


def test_the_page_is_accessible_in_structure(client, committee):
    body = client.get("/").content.decode()
    assert 'class="skip-link" href="#main"' in body
    assert '<main id="main"' in body
    assert body.count("<h1") == 1
    assert "googleapis" not in body and "cdn" not in body.lower(), "no asset from a CDN"
    assert "vendor/vazirmatn/webfonts/Vazirmatn-Regular.woff2" in body


def test_the_font_is_served_locally(client):
    response = client.get("/static/vendor/vazirmatn/webfonts/Vazirmatn-Regular.woff2")
    assert response.status_code == 200


def test_an_empty_database_gets_a_helpful_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "setup_committee" in response.content.decode()


def test_persian_is_the_default_whatever_the_browser_asks_for(client, committee):
    body = client.get("/", headers={"accept-language": "en-US,en;q=0.9"}).content.decode()
    assert '<html lang="fa" dir="rtl">' in body
    assert "جلسات پیش رو" in body


def test_the_english_locale_sits_beside_persian(client, committee):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert '<html lang="en" dir="ltr">' in body
    assert "Upcoming meetings" in body
    client.post("/i18n/setlang/", {"language": "fa", "next": "/"})
    assert '<html lang="fa" dir="rtl">' in client.get("/").content.decode()
