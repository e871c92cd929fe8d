"""A list page costs the same number of SQL queries with one item as with fifty."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from minutes import services
from minutes.models import Decision

pytestmark = pytest.mark.django_db

PAGES = (
    "/",
    "/archive/",
    "/archive/?q=گزارش&body=civil-works",
    "/decisions/",
    "/decisions/?status=open&q=مصوبه",
    "/decisions/export.csv",
    "/committee/rasht/workgroups/civil-works/",
    "/feeds/rasht/minutes.atom",
    "/sitemap.xml",
)


def queries(client, url: str) -> int:
    client.get(url)  # warm up: nothing left to index, caches of content types filled
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        response.getvalue()  # a streamed response (the CSV) runs its queries as it is read
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def publish_with_follow_up(portal, n: int) -> None:
    minutes = portal.publish(
        portal.meeting(title=f"جلسه {n}"),
        decisions=[{"text": f"مصوبه {n}-1"}, {"text": f"مصوبه {n}-2"}],
    )
    decision = minutes.meeting.decisions.order_by("number").first()
    services.record_follow_up(
        portal.secretariat, decision, status=Decision.Status.IN_PROGRESS, note=f"پیگیری {n}"
    )


def test_list_pages_cost_the_same_with_one_item_and_with_fifty(portal, client):
    publish_with_follow_up(portal, 0)
    with_one = {url: queries(client, url) for url in PAGES}
    for n in range(1, 50):
        publish_with_follow_up(portal, n)
    with_fifty = {url: queries(client, url) for url in PAGES}
    assert with_fifty == with_one
    # 7 since issue 17: a page is read as its primary keys, then those rows
    # (portal/paging.py), so that a deep page skips index entries, not joined rows.
    assert with_one["/archive/"] <= 7, with_one
