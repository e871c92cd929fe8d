"""The archive of published minutes: filters by body and Jalali date range, search that
finds Persian however it is typed, stable ordering and accessible pagination."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from minutes.models import AgendaItem
from persian.digits import ARABIC_INDIC_DIGITS, LATIN_DIGITS, PERSIAN_DIGITS
from persian.jalali import format_numeric, format_numeric_latin

pytestmark = pytest.mark.django_db

TO_ARABIC_INDIC = str.maketrans(LATIN_DIGITS + PERSIAN_DIGITS, ARABIC_INDIC_DIGITS * 2)


def titles(response) -> list[str]:
    body = response.content.decode()
    return re.findall(r'<h3 class="doc-title"><a href="[^"]+">([^<]+)</a>', body)


def test_the_archive_lists_published_minutes_and_not_drafts(portal, client):
    portal.publish(portal.meeting(title="جلسه منتشرشده"))
    draft_meeting = portal.meeting(title="جلسه با صورتجلسه پیش‌نویس")
    from minutes import services

    services.record_meeting(portal.chair, draft_meeting, expected_version=None, summary="x")
    response = client.get("/archive/")
    assert response.status_code == 200
    assert titles(response) == ["جلسه منتشرشده"]


def test_the_workgroup_filter_and_the_whole_committee(portal, client):
    portal.publish(portal.meeting(portal.workgroup, title="جلسه عمرانی"))
    portal.publish(portal.meeting(portal.other_workgroup, title="جلسه فرهنگی"))
    portal.publish(portal.meeting(None, title="جلسه کل کمیته"))
    assert titles(client.get("/archive/?body=civil-works")) == ["جلسه عمرانی"]
    assert titles(client.get("/archive/?body=culture")) == ["جلسه فرهنگی"]
    assert titles(client.get("/archive/?body=committee")) == ["جلسه کل کمیته"]
    assert len(titles(client.get("/archive/"))) == 3


def test_an_unknown_workgroup_is_refused_in_persian_and_lists_nothing(portal, client):
    portal.publish()
    body = client.get("/archive/?body=nope").content.decode()
    assert "یک گزینهٔ معتبر انتخاب کنید" in body
    assert 'class="doc-title"' not in body


@pytest.mark.parametrize("script", ["persian", "latin", "arabic-indic"])
def test_the_date_range_takes_jalali_dates_in_any_digits(portal, client, script):
    portal.publish(portal.meeting(days_ago=30, title="جلسه یک ماه پیش"))
    portal.publish(portal.meeting(days_ago=10, title="جلسه ده روز پیش"))
    portal.publish(portal.meeting(days_ago=2, title="جلسه دو روز پیش"))
    today = timezone.localdate()
    since, until = today - datetime.timedelta(days=15), today - datetime.timedelta(days=5)

    def typed(day):
        if script == "persian":
            return format_numeric(day)  # ۱۴۰۵/۰۲/۰۸
        if script == "latin":
            year, month, dayn = format_numeric_latin(day).split("/")
            return f"{year}/{int(month)}/{int(dayn)}"  # 1405/2/8
        return format_numeric_latin(day).replace("/", "-").translate(TO_ARABIC_INDIC)

    response = client.get("/archive/", {"since": typed(since), "until": typed(until)})
    assert titles(response) == ["جلسه ده روز پیش"]
    # The typed values are shown back as they were typed.
    assert typed(since) in response.content.decode()


def test_the_date_range_includes_both_ends(portal, client):
    portal.publish(portal.meeting(days_ago=10, title="جلسه مرزی"))
    day = format_numeric(timezone.localdate() - datetime.timedelta(days=10))
    assert titles(client.get("/archive/", {"since": day, "until": day})) == ["جلسه مرزی"]


def test_a_date_that_does_not_exist_is_refused_in_persian(portal, client):
    portal.publish()
    body = client.get("/archive/", {"since": "۱۴۰۵/۰۷/۳۱"}).content.decode()
    assert "وجود ندارد" in body
    assert 'class="doc-title"' not in body


# --- search ---------------------------------------------------------------------------------


@pytest.fixture
def searchable(portal):
    """One minutes whose text holds what the searches below look for, one that does not."""
    meeting = portal.meeting(title="برنامه‌ریزی ترافیک مدارس")
    portal.publish(
        meeting,
        summary="تصمیم گرفته شد ساعت کار ۱۴ خط اتوبوس تغییر کند.",
        items=[
            {
                "title": "گزارش کودکان کار",
                "discussion": "کارشناسان گفتند طرح به زودی اجرا می‌شود.",
            },
            {"title": "بند درونی", "is_public": False, "discussion": "محرمانه‌ترین گفت‌وگو"},
        ],
        decisions=[{"text": "سامانه هوشمند پارکینگ راه‌اندازی شود."}],
    )
    portal.publish(portal.meeting(title="جلسه دیگر"), summary="موضوعی دیگر")
    return meeting


@pytest.mark.parametrize(
    "query",
    [
        "تصمیم",  # as written
        "تصميم",  # Arabic yeh
        "كودكان",  # Arabic kaf
        "١٤ خط",  # Arabic-Indic digits
        "14 خط",  # Latin digits
        "میشود",  # without the zero-width non-joiner
        "می شود",  # with a space instead of it
        "برنامهریزی",  # the title, without ZWNJ
        "برنامه\u200cریزی",  # the title, with it
        "  پارکینگ   هوشمند ",  # a public decision, words in any order and spacing
        "ترافیک مدارس",
    ],
)
def test_search_finds_persian_however_it_is_typed(searchable, client, query):
    assert titles(client.get("/archive/", {"q": query})) == ["برنامه‌ریزی ترافیک مدارس"]


def test_search_never_finds_internal_items(searchable, client):
    assert titles(client.get("/archive/", {"q": "محرمانه‌ترین"})) == []


def test_search_needs_every_word(searchable, client):
    assert titles(client.get("/archive/", {"q": "تصمیم دلفین"})) == []


def test_search_and_filters_combine(searchable, portal, client):
    assert titles(client.get("/archive/", {"q": "تصمیم", "body": "culture"})) == []
    assert len(titles(client.get("/archive/", {"q": "تصمیم", "body": "civil-works"}))) == 1


def test_search_does_not_see_live_rows_changed_after_publication(searchable, client):
    AgendaItem.objects.filter(meeting=searchable).update(discussion="واژه‌ای تازه")
    assert titles(client.get("/archive/", {"q": "واژه‌ای تازه"})) == []


# --- ordering and pagination ------------------------------------------------------------------


def test_newest_publication_first_with_a_stable_tie_break_and_pages_of_twenty(portal, client):
    base = timezone.now() - datetime.timedelta(days=1)
    for n in range(23):
        # Two publications share every timestamp: the later one (higher id) comes first.
        portal.publish(
            portal.meeting(title=f"جلسه {n:02d}"),
            at=base + datetime.timedelta(minutes=n // 2),
        )
    first = client.get("/archive/")
    second = client.get("/archive/?page=2")
    expected = [f"جلسه {n:02d}" for n in range(22, -1, -1)]
    assert titles(first) + titles(second) == expected
    assert len(titles(first)) == 20
    body = first.content.decode()
    assert '<nav class="pagination" aria-label="صفحه‌بندی">' in body
    assert 'aria-current="page"' in body and "?page=2" in body and 'rel="next"' in body
    assert "صفحه ۱ از ۲" in body
    assert "۲۳ صورتجلسه" in body
    # A page that does not exist shows the last one rather than an error.
    assert titles(client.get("/archive/?page=99")) == titles(second)


def test_pagination_keeps_the_filters(portal, client):
    for n in range(21):
        portal.publish(portal.meeting(title=f"جلسه {n}"))
    body = client.get("/archive/?body=civil-works").content.decode()
    assert "?body=civil-works&amp;page=2" in body


def test_the_list_is_accessible_in_structure(portal, client):
    portal.publish()
    body = client.get("/archive/").content.decode()
    assert body.count("<h1") == 1
    assert (
        '<form method="get" action="/archive/" class="filter-form portal-filter" role="search"'
        in body
    )
    for name in ("body", "since", "until", "q"):
        assert f'<label for="id_{name}">' in body
    assert '<nav class="portal-nav"' in body
    assert "<title>بایگانی صورتجلسه‌ها" in body
    assert '<meta property="og:title" content="بایگانی صورتجلسه‌ها">' in body
