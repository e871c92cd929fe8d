"""The admin's date hierarchy drills down by Jalali year, month and day, seen from Tehran,
in Persian digits and month names: the audit entries at both ends of Nowruz 1405 (20 and
21 March 2026 in Tehran, one hour apart in UTC) fall in two Jalali years."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.conf import settings
from django.contrib import admin

from committee.models import AuditEntry
from persian.admin_dates import JalaliChangeList

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
LIST = "/admin/committee/auditentry/"
# 23:30 on 29 Esfand 1404 and 00:30 on 1 Farvardin 1405, Tehran time (UTC+3:30).
LAST_OF_1404 = datetime.datetime(2026, 3, 20, 20, 0, tzinfo=UTC)
FIRST_OF_1405 = datetime.datetime(2026, 3, 20, 21, 0, tzinfo=UTC)
# 10 Azar 1405, twice on the same day; and 1 Dey 1405.
AZAR = datetime.datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
DEY = datetime.datetime(2026, 12, 22, 6, 0, tzinfo=UTC)


def _entry(at: datetime.datetime, name: str) -> AuditEntry:
    return AuditEntry.objects.create(
        at=at,
        actor_name=name,
        action="organization.update",
        target_type="organization",
        target_id="1",
        target_repr=name,
    )


@pytest.fixture
def entries(db):
    return {
        "esfand": _entry(LAST_OF_1404, "ثبت پایان اسفند"),
        "farvardin": _entry(FIRST_OF_1405, "ثبت آغاز فروردین"),
        "azar": _entry(AZAR, "ثبت آذر"),
        "azar-again": _entry(AZAR + datetime.timedelta(hours=2), "ثبت دوم آذر"),
        "dey": _entry(DEY, "ثبت ماه دی"),
    }


def _bar(html: str) -> list[str]:
    """The texts of the date hierarchy's links and items, in order."""
    match = re.search(r'<nav class="toplinks">(.*?)</nav>', html, re.S)
    assert match, "no date hierarchy on the page"
    inner = re.sub(r"\s+", " ", match.group(1))
    return [unescape(t).strip() for t in re.split(r"<[^>]+>", inner) if t.strip()]


def _listed(html: str, entries) -> set[str]:
    return {key for key, entry in entries.items() if entry.target_repr in html}


def test_the_top_level_lists_the_jalali_years(world, login, entries):
    page = login(world.superuser).get(LIST)
    assert page.status_code == 200
    bar = _bar(page.content.decode())
    assert bar == ["۱۴۰۴", "۱۴۰۵"], bar
    assert 'href="?at__year=1405"' in page.content.decode()


def test_a_year_holds_what_happened_from_nowruz_to_nowruz_in_tehran(world, login, entries):
    client = login(world.superuser)
    year_1404 = client.get(LIST, {"at__year": "1404"}).content.decode()
    assert _listed(year_1404, entries) == {"esfand"}
    assert _bar(year_1404) == ["‹ همهٔ تاریخ‌ها", "اسفند ۱۴۰۴"]

    year_1405 = client.get(LIST, {"at__year": "1405"}).content.decode()
    assert _listed(year_1405, entries) == {"farvardin", "azar", "azar-again", "dey"}
    # Its months, in the calendar's order, with the year in Persian digits.
    assert _bar(year_1405) == ["‹ همهٔ تاریخ‌ها", "فروردین ۱۴۰۵", "آذر ۱۴۰۵", "دی ۱۴۰۵"]
    assert "at__month=9" in year_1405


def test_a_month_lists_its_days_and_a_day_its_rows(world, login, entries):
    client = login(world.superuser)
    azar = client.get(LIST, {"at__year": "1405", "at__month": "9"}).content.decode()
    assert _listed(azar, entries) == {"azar", "azar-again"}
    assert _bar(azar) == ["‹ ۱۴۰۵", "۱۰ آذر ۱۴۰۵"]

    day = client.get(LIST, {"at__year": "1405", "at__month": "9", "at__day": "10"})
    assert _listed(day.content.decode(), entries) == {"azar", "azar-again"}
    assert _bar(day.content.decode()) == ["‹ آذر ۱۴۰۵", "۱۰ آذر ۱۴۰۵"]

    farvardin = client.get(LIST, {"at__year": "1405", "at__month": "1", "at__day": "1"})
    assert _listed(farvardin.content.decode(), entries) == {"farvardin"}
    esfand = client.get(LIST, {"at__year": "1404", "at__month": "12", "at__day": "29"})
    assert _listed(esfand.content.decode(), entries) == {"esfand"}


def test_the_other_filters_apply_with_the_date_and_stay_in_its_links(world, login, entries):
    other = _entry(AZAR, "ثبت دیگر آذر")
    other.action = "person.create"
    other.save()
    query = {"at__year": "1405", "at__month": "9", "action": "person.create"}
    page = login(world.superuser).get(LIST, query).content.decode()
    assert other.target_repr in page
    assert _listed(page, entries) == set()
    assert re.search(r'<a href="\?[^"]*action=person.create[^"]*at__day=10', page)


@pytest.mark.parametrize(
    "query",
    [
        {"at__year": "abc"},
        {"at__year": "1404", "at__month": "13"},
        # 1404 is a common year: Esfand has 29 days.
        {"at__year": "1404", "at__month": "12", "at__day": "30"},
        {"at__year": "1405", "at__day": "3"},
        {"at__year": "99999999999999999999"},
    ],
)
def test_a_date_that_does_not_exist_is_refused_without_an_error_page(world, login, entries, query):
    response = login(world.superuser).get(LIST, query)
    # Django's answer to a lookup it cannot use: back to the list with ?e=1.
    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")


def test_in_english_the_months_are_transliterated_with_latin_digits(world, login, entries):
    client = login(world.superuser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(LIST, {"at__year": "1405"}).content.decode()
    assert _bar(page) == ["‹ All dates", "Farvardin 1405", "Azar 1405", "Dey 1405"]


def test_every_admin_with_a_date_hierarchy_reads_it_as_jalali(rf, world):
    with_hierarchy = [a for a in admin.site._registry.values() if a.date_hierarchy]
    assert len(with_hierarchy) >= 4
    request = rf.get("/")
    request.user = world.superuser
    for model_admin in with_hierarchy:
        assert issubclass(model_admin.get_changelist(request), JalaliChangeList), model_admin


def test_every_list_with_a_date_hierarchy_opens_on_a_jalali_year(world, login):
    client = login(world.superuser)
    for model, model_admin in admin.site._registry.items():
        if not model_admin.date_hierarchy:
            continue
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        response = client.get(url, {f"{model_admin.date_hierarchy}__year": "1405"})
        assert response.status_code == 200, url
        assert "همهٔ تاریخ‌ها" in response.content.decode(), url


def test_the_lists_dates_and_times_read_in_jalali_in_tehran_time(world, login, entries):
    client = login(world.superuser)
    page = client.get(LIST, {"at__year": "1405", "at__month": "9"}).content.decode()
    assert "۱۰ آذر ۱۴۰۵، ساعت ۰۹:۳۰" in page
    assert "دسامبر" not in page and "۲۰۲۶" not in page
    # The column still sorts by the field.
    assert client.get(LIST, {"o": "1"}).status_code == 200
