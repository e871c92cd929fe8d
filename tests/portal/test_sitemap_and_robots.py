"""sitemap.xml lists the public pages and every published revision, never a draft;
robots.txt lets crawlers in and points to the sitemap."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from minutes import services

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [node.text for node in root.findall("s:url/s:loc", NS)]


def test_the_sitemap_lists_pages_workgroups_and_published_minutes(portal, client):
    minutes = portal.publish()
    draft_meeting = portal.meeting(title="جلسه پیش‌نویس")
    services.record_meeting(portal.chair, draft_meeting, expected_version=None, summary="x")
    found = locations(client)
    for path in (
        "/",
        "/archive/",
        "/decisions/",
        "/committee/rasht/workgroups/civil-works/",
        "/committee/rasht/workgroups/culture/",
        f"/archive/{minutes.document_id}/",
    ):
        assert f"http://testserver{path}" in found
    assert not any("/meetings/" in loc for loc in found)
    assert len([loc for loc in found if "/archive/" in loc and loc.endswith("-R1/")]) == 1


def test_every_published_revision_has_its_own_entry(portal, client):
    first = portal.publish()
    second = portal.republish(portal.correct(first))
    found = locations(client)
    assert f"http://testserver/archive/{first.document_id}/" in found
    assert f"http://testserver/archive/{second.document_id}/" in found


def test_robots_allows_all_and_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines and "Allow: /" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
