"""The public priorities page: a committee's published demands over a Jalali period, by
topic, by district and by month, as charts (inline SVG, nothing the CSP refuses) each with
its table; the 137 centre's requests beside them, never added; the figures checked on a
small hand-made set."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from demands import imports, services
from demands.models import Demand, Support
from persian.jalali import format_numeric_latin, to_jalali

pytestmark = pytest.mark.django_db


def _url(world, query: str = "") -> str:
    return f"/committee/{world.committee.slug}/demands/priorities/{query}"


def _this_month(world) -> str:
    today = to_jalali(timezone.localdate())
    return f"?period=month&year={today.year}&month={today.month}"


@pytest.fixture
def hand_made(world):
    """Three published demands this month — two on the roads topic in district 2 (one of
    them with a twin merged into it and two supports), one on tourism in district 3 — and
    one pending and one rejected, which never count."""
    secretariat = world.portal.secretariat
    roads = world.published()
    world.published(title="پیاده‌روی شکسته خیابان لاکانی", ip="198.51.100.60")
    tourism = world.published(
        title="تابلوهای راهنمای بافت تاریخی",
        topic=str(world.other_topic.pk),
        district=str(world.other_district.pk),
        ip="198.51.100.61",
    )
    world.raise_demand(title="چاله‌های همان خیابان", ip="198.51.100.62")
    twin = Demand.objects.get(title="چاله‌های همان خیابان")
    services.merge_demand(secretariat, twin, roads)
    world.raise_demand(title="در انتظار", ip="198.51.100.63")
    world.raise_demand(title="ردشده", ip="198.51.100.64")
    services.reject_demand(secretariat, Demand.objects.get(title="ردشده"), "نامرتبط")
    for n in range(2):
        Client().post(f"{world.detail_url(roads)}support/", REMOTE_ADDR=f"192.0.2.{n}")
    assert Support.objects.count() == 2
    return {"roads": roads, "tourism": tourism}


def _table(body: str, table_id: str) -> dict[str, list[str]]:
    table = re.search(rf'<table[^>]*id="{table_id}".*?</table>', body, re.S).group(0)
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]:
        name = re.sub(r"<[^>]+>", "", re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1))
        rows[name.strip()] = [
            re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
    return rows


def test_the_figures_by_topic_district_and_month(world, hand_made, client):
    response = client.get(_url(world, _this_month(world)))
    assert response.status_code == 200
    body = response.content.decode()
    # demands, raised, supporters, on agenda, decided
    topics = _table(body, "by-topic")
    assert topics[world.topic.name] == ["۲", "۳", "۲", "۰", "۰"]
    assert topics[world.other_topic.name] == ["۱", "۱", "۰", "۰", "۰"]
    districts = _table(body, "by-district")
    assert districts["منطقه ۲"] == ["۲", "۳", "۲", "۰", "۰"]
    assert districts["منطقه ۳"] == ["۱", "۱", "۰", "۰", "۰"]
    months = _table(body, "months-table")
    assert list(months.values()) == [["۳", "۴", "۲"]]
    assert "درخواست‌های ۱۳۷ (جدا)" not in body  # nothing imported: no such column


def test_another_period_holds_none(world, hand_made, client):
    last_year = to_jalali(timezone.localdate()).year - 1
    body = client.get(_url(world, f"?period=year&year={last_year}")).content.decode()
    assert "در این بازه مطالبه‌ای منتشر نشده است." in body
    months = _table(body, "months-table")
    assert len(months) == 12 and all(v == ["۰", "۰", "۰"] for v in months.values())


def test_a_wrong_period_is_told_in_persian(world, client):
    response = client.get(_url(world, "?period=range&since=1405/13/01&until=1405/01/01"))
    assert response.status_code == 400
    assert "ماه ۱۳ وجود ندارد" in response.content.decode()


def test_the_charts_are_inline_svg_without_script_or_inline_style(world, hand_made, client):
    response = client.get(_url(world, _this_month(world)))
    body = response.content.decode()
    svgs = re.findall(r"<svg.*?</svg>", body, re.S)
    assert len(svgs) == 3  # by topic, by district, by month
    for svg in svgs:
        assert "<script" not in svg and "<style" not in svg and "style=" not in svg
        assert 'role="img"' in svg and 'aria-describedby="' in svg
    described = set(re.findall(r'aria-describedby="([^"]+)"', "".join(svgs)))
    assert described == {"by-topic", "by-district", "months-table"}
    for table_id in described:
        assert f'id="{table_id}"' in body
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "/reports/charts.css?v=" in body


def test_the_137_requests_are_beside_never_added(world, hand_made, client):
    today = to_jalali(timezone.localdate())
    data = (
        "ماه,موضوع,منطقه,تعداد درخواست\n"
        f"{today.year}/{today.month},{world.topic.name},منطقه ۲,۱۲۰\n"
        f"{today.year}/{today.month},{world.topic.name},منطقه ۴,۳۰\n"
    ).encode()
    assert imports.import_counts(world.committee, data, actor=world.portal.secretariat).ok
    body = client.get(_url(world, _this_month(world))).content.decode()
    topics = _table(body, "by-topic")
    assert topics[world.topic.name] == ["۲", "۳", "۲", "۰", "۰", "۱۵۰"]
    districts = _table(body, "by-district")
    assert districts["منطقه ۴"] == ["۰", "۰", "۰", "۰", "۰", "۳۰"]
    assert list(_table(body, "months-table").values()) == [["۳", "۴", "۲", "۱۵۰"]]
    assert len(re.findall(r"<svg.*?</svg>", body, re.S)) == 4  # and the 137 chart


def test_the_list_links_to_it_and_its_csv_takes_the_period(world, hand_made, client):
    assert _url(world) in client.get(world.list_url).content.decode()
    body = client.get(_url(world, _this_month(world))).content.decode()
    first = timezone.localdate() - datetime.timedelta(days=to_jalali(timezone.localdate()).day - 1)
    assert f"date_from={format_numeric_latin(first)}" in body
