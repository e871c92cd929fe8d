"""Issue 17: the public lists and the API's decisions and minutes cost the same whatever
the record's size — bounded counts and pages read by primary key (portal/paging.py),
cursor pages in the API (api/pagination.py), the minutes page drawn from its frozen part
(portal.views.frozen_part) — and still show and link every row."""

from __future__ import annotations

import base64
import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from minutes import services
from minutes.models import Decision
from portal import views as portal_views

pytestmark = pytest.mark.django_db

API = "/api/v1"


def publish(portal, n: int, decisions: int = 2):
    minutes = portal.publish(
        portal.meeting(title=f"جلسه {n}", days_ago=3 + n),
        decisions=[{"text": f"مصوبه {n}-{k}"} for k in range(1, decisions + 1)],
    )
    decision = minutes.meeting.decisions.order_by("number").first()
    services.record_follow_up(
        portal.secretariat, decision, status=Decision.Status.IN_PROGRESS, note=f"پیگیری {n}"
    )
    return minutes


def queries(client, url: str) -> int:
    client.get(url)  # warm up: the index, the frozen part of a minutes page
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            response.getvalue()
    assert response.status_code == 200, (url, response.content[:300])
    return len(captured.captured_queries)


def next_cursor_url(client, url: str) -> str:
    return client.get(url).json()["next"].split("testserver", 1)[1]


def test_the_new_targets_cost_the_same_queries_with_one_item_and_with_thirty(portal, client):
    cache.clear()
    first = publish(portal, 0)
    api = APIClient()

    def urls() -> dict[str, str]:
        # Deep pages: the tracker's page 3 (the last page while there are fewer), the
        # API's page after the first.
        return {
            "minutes page": f"/archive/{first.document_id}/",
            "tracker deep": "/decisions/?page=3",
            "tracker filtered": "/decisions/?status=in_progress&body=civil-works",
            "archive dates": "/archive/?since=1300/01/01&until=1500/12/29",
            "workgroup feed": f"/feeds/{portal.committee.slug}/civil-works/minutes.rss",
            "calendar": f"/feeds/{portal.committee.slug}/meetings.ics",
            "csv": "/decisions/export.csv?body=civil-works",
        }

    def api_queries() -> dict[str, int]:
        out = {}
        for name in ("decisions", "minutes"):
            out[name] = queries(api, f"{API}/{name}/?page_size=1")
            out[f"{name} next"] = queries(api, next_cursor_url(api, f"{API}/{name}/?page_size=1"))
        return out

    publish(portal, 1)
    with_two = {name: queries(client, url) for name, url in urls().items()} | api_queries()
    for n in range(2, 30):
        publish(portal, n)
    with_thirty = {name: queries(client, url) for name, url in urls().items()} | api_queries()
    assert with_thirty == with_two


def test_past_the_count_limit_the_list_says_more_than_and_pages_on(portal, client, monkeypatch):
    for n in range(4):
        publish(portal, n)  # 8 decisions
    monkeypatch.setattr(portal_views, "COUNT_LIMIT", 5)
    monkeypatch.setattr(portal_views, "PAGE_SIZE", 2)
    first = client.get("/decisions/").content.decode()
    assert "بیش از ۵ مصوبه" in first
    assert "صفحه ۱ (بیش از ۵ ردیف)" in first
    # The pages that exist after this one are linked, and no last page is claimed.
    assert 'href="?page=2"' in first and 'href="?page=3"' in first
    assert 'href="?page=4"' not in first
    seen = []
    for number in range(1, 5):
        page = client.get(f"/decisions/?page={number}").content.decode()
        seen += re.findall(r"مصوبه (\d+)-(\d+)", page)
        assert ('rel="next"' in page) == (number < 4), number
    assert len(set(seen)) == 8, seen
    # Past the end, the first page rather than an error.
    assert "صفحه ۱ (بیش از" in client.get("/decisions/?page=99").content.decode()


def test_under_the_limit_the_count_is_exact_and_the_last_page_known(portal, client, monkeypatch):
    for n in range(3):
        publish(portal, n)
    monkeypatch.setattr(portal_views, "PAGE_SIZE", 2)
    page = client.get("/decisions/").content.decode()
    assert "۶ مصوبه" in page and "بیش از" not in page
    assert "صفحه ۱ از ۳" in page
    assert "صفحه ۳ از ۳" in client.get("/decisions/?page=9").content.decode()


def test_the_api_cursor_walks_every_decision_once_in_order_and_back(portal):
    for n in range(5):
        publish(portal, n, decisions=3)  # 15 decisions, 3 a meeting at distinct times
    api = APIClient()
    url = f"{API}/decisions/?page_size=4"
    pages, ids = [], []
    while url:
        body = api.get(url).json()
        assert set(body) == {"next", "previous", "results"}
        pages.append((url, [row["id"] for row in body["results"]]))
        ids += pages[-1][1]
        url = body["next"] and body["next"].split("testserver", 1)[1]
    expected = list(
        Decision.objects.order_by("-meeting__starts_at", "-meeting_id", "number", "pk").values_list(
            "pk", flat=True
        )
    )
    assert ids == expected and len(pages) == 4
    # «previous» from the third page is the second.
    third = api.get(pages[2][0]).json()
    previous = api.get(third["previous"].split("testserver", 1)[1]).json()
    assert [row["id"] for row in previous["results"]] == pages[1][1]
    assert api.get(pages[0][0]).json()["previous"] is None


@pytest.mark.parametrize(
    "cursor",
    [
        "not-base64!",
        base64.urlsafe_b64encode(b"[1,2]").decode(),
        base64.urlsafe_b64encode(json.dumps({"k": ["x", 1, 1, 1]}).encode()).decode(),
        base64.urlsafe_b64encode(
            json.dumps({"k": ["2026-01-01T10:00:00", 1, 1, 1]}).encode()  # no time zone
        ).decode(),
        base64.urlsafe_b64encode(json.dumps({"k": [1, 2]}).encode()).decode(),
    ],
)
def test_a_cursor_the_api_did_not_write_is_a_404_in_persian(portal, cursor):
    publish(portal, 0)
    response = APIClient().get(f"{API}/decisions/", {"cursor": cursor})
    assert response.status_code == 404
    assert "cursor" in response.json()["detail"] and "درست نیست" in response.json()["detail"]


def test_the_minutes_page_reads_the_snapshot_once_and_the_live_status_every_time(portal, client):
    cache.clear()
    minutes = publish(portal, 0)
    url = f"/archive/{minutes.document_id}/"
    with CaptureQueriesContext(connection) as first:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as second:
        page = client.get(url).content.decode()
    assert any('"snapshot"' in q["sql"] for q in first.captured_queries)
    assert not any('"snapshot"' in q["sql"] for q in second.captured_queries)
    assert "حاضران و غایبان" in page and "پیگیری 0" in page
    decision = minutes.meeting.decisions.order_by("number").first()
    services.record_follow_up(
        portal.secretariat, decision, status=Decision.Status.DONE, note="انجام شد تمام"
    )
    assert "انجام شد تمام" in client.get(url).content.decode()
