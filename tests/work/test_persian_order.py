"""Issue 19: people and organisations are listed in Persian alphabetical order — پ چ ژ ک گ
in their places, not after ی; Arabic ي/ك with their Persian twins; ZWNJ ignored — on the
pages, in the selects and in the admin, on SQLite and PostgreSQL alike (the collation
``fa``, persian/collation.py)."""

from __future__ import annotations

import re

import pytest

from committee.models import Organization, Person
from minutes.models import Invitation
from persian.collation import sort_key
from tests.factories import MembershipFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db

# In Persian order; the ZWNJ of «ژاله‌وند» is ignored («ژالهوند» < «ژیان»). (Names typed
# with Arabic ي/ك are stored with the Persian letters: committee.models, normalize_for_display.)
LAST_NAMES = [
    "آذری",
    "بهرامی",
    "پارسا",
    "تهرانی",
    "چراغی",
    "زمانی",
    "ژاله‌وند",
    "ژیان",
    "کاظمی",
    "کریمی",
    "گودرزی",
    "لطفی",
    "یزدانی",
    "یگانه",
]
ORGANIZATIONS = [
    f"{word} شهر"
    for word in (
        "بازار",
        "پارک",
        "تئاتر",
        "چاپخانه",
        "زمین",
        "ژاندارمری",
        "کتابخانه",
        "گلخانه",
        "موزه",
        "یادمان",
    )
]


def _shuffled(names):
    # By code point the Persian letters come last: create them in that (wrong) order.
    return sorted(names)


@pytest.fixture
def people():
    organization = OrganizationFactory(name="منطقه ۳ شهرداری")
    return [
        PersonFactory(first_name="سارا", last_name=name, organization=organization)
        for name in _shuffled(LAST_NAMES)
    ]


def _in_page_order(html: str, names) -> list[str]:
    found = [(html.find(name), name) for name in names]
    assert all(position >= 0 for position, _ in found), [n for p, n in found if p < 0]
    return [name for _, name in sorted(found)]


def test_the_python_sort_key_is_the_persian_alphabet():
    assert sorted(_shuffled(LAST_NAMES), key=sort_key) == LAST_NAMES


def test_arabic_letters_sort_as_their_persian_twins():
    names = ["يگانه", "کاظمی", "یزدانی", "كريمی", "گودرزی", "لطفی"]
    assert sorted(names, key=sort_key) == ["کاظمی", "كريمی", "گودرزی", "لطفی", "یزدانی", "يگانه"]


def test_the_database_orders_people_and_organisations_in_persian(people):
    assert [p.last_name for p in Person.objects.filter(pk__in=[p.pk for p in people])] == LAST_NAMES
    for name in _shuffled(ORGANIZATIONS):
        OrganizationFactory(name=name)
    listed = list(Organization.objects.filter(name__endswith=" شهر").values_list("name", flat=True))
    assert listed == ORGANIZATIONS


def test_the_presenter_select_lists_people_in_persian_order(world, login, people):
    meeting = world.future_meeting()
    html = login(world.secretariat).get(f"/meetings/{meeting.pk}/agenda/new/").content.decode()
    select = re.search(r'<select name="presenter".*?</select>', html, re.S).group(0)
    assert _in_page_order(select, LAST_NAMES) == LAST_NAMES


def test_the_responsible_organisation_select_is_in_persian_order(world, login):
    for name in _shuffled(ORGANIZATIONS):
        OrganizationFactory(name=name)
    meeting = world.past_meeting()
    html = login(world.chair).get(f"/meetings/{meeting.pk}/decisions/new/").content.decode()
    select = re.search(r'<select name="responsible_organization".*?</select>', html, re.S).group(0)
    assert _in_page_order(select, ORGANIZATIONS) == ORGANIZATIONS


def test_the_invitee_table_of_a_meeting_is_in_persian_order(world, login, people):
    meeting = world.future_meeting()
    for person in people:
        Invitation.objects.create(meeting=meeting, person=person, is_guest=True)
    html = login(world.secretariat).get(f"/meetings/{meeting.pk}/").content.decode()
    assert _in_page_order(html, LAST_NAMES) == LAST_NAMES


def test_the_admins_list_of_people_is_in_persian_order(world, client, people):
    client.force_login(world.superuser)
    html = client.get("/admin/committee/person/", {"q": "سارا"}).content.decode()
    assert _in_page_order(html, LAST_NAMES) == LAST_NAMES
    # and sorted by a column, in reverse
    html = client.get("/admin/committee/person/", {"q": "سارا", "o": "-1"}).content.decode()
    assert _in_page_order(html, LAST_NAMES) == LAST_NAMES[::-1]


def test_the_published_minutes_list_those_present_in_persian_order(world, client):
    first_names = [
        "یاسمن",
        "پروین",
        "مهسا",
        "گلناز",
        "چکاوک",
        "ژینا",
        "زهره",
        "کیانا",
        "تینا",
        "بنفشه",
    ]
    for first_name in first_names:
        person = PersonFactory(
            first_name=first_name,
            last_name="حاضری",
            organization=world.person(world.official).organization,
        )
        MembershipFactory(workgroup=world.workgroup, person=person)
    meeting = world.past_meeting()
    minutes = world.published(meeting)
    html = client.get(f"/archive/{minutes.document_id}/").content.decode()
    names = [f"{name} حاضری" for name in first_names]
    in_order = [
        "بنفشه",
        "پروین",
        "تینا",
        "چکاوک",
        "زهره",
        "ژینا",
        "کیانا",
        "گلناز",
        "مهسا",
        "یاسمن",
    ]
    assert _in_page_order(html, names) == [f"{name} حاضری" for name in in_order]
