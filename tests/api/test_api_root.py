"""Issue 19: /api/v1/ answers with the collections' absolute URLs and the documentation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

COLLECTIONS = [
    "committees",
    "workgroups",
    "organizations",
    "people",
    "memberships",
    "committee-roles",
    "meetings",
    "agenda-items",
    "questions",
    "invitations",
    "decisions",
    "minutes",
    "demands",
]


def test_the_root_lists_every_collection_by_its_absolute_url(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    root = response.json()
    assert root["collections"] == {
        name: f"http://testserver/api/v1/{name}/" for name in COLLECTIONS
    }
    for name, url in root["collections"].items():
        assert client.get(url).status_code in (200, 401, 403), name


def test_the_root_links_the_documentation(client):
    docs = client.get("/api/v1/").json()["documentation"]
    assert docs["docs"] == "http://testserver/api/docs/"
    assert docs["schema"] == "http://testserver/api/schema/"
    assert client.get(docs["docs"]).status_code == 200


def test_the_root_is_read_only(client):
    assert client.post("/api/v1/", {}).status_code in (401, 403, 405)


def test_the_root_lists_the_demands_and_their_counts(client):
    root = client.get("/api/v1/").json()
    assert root["collections"]["demands"] == "http://testserver/api/v1/demands/"
    assert root["demand_counts"] == "http://testserver/api/v1/demands/counts/"
    counts = client.get(root["demand_counts"])
    assert counts.status_code == 200 and "by_topic" in counts.json()
