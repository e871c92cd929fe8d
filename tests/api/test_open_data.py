"""Open data: Popolo (people, organisations, memberships, posts) and Open Civic Data events
(public meetings), with nothing that is not public — no contact details, no internal
meeting, no unpublished agenda."""

from __future__ import annotations

import json

import pytest

from committee.models import CommitteeRole
from tests.api.conftest import API
from tests.factories import CommitteeRoleFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_popolo_has_people_organisations_memberships_and_posts_and_no_contacts(world, client_for):
    CommitteeRoleFactory(
        committee=world.committee,
        person=PersonFactory(first_name="کامران", email="mayor@example.org", phone="0131"),
        role=CommitteeRole.Role.CHAIR,
    )
    outsider = PersonFactory(first_name="بیرونی")
    response = client_for(None).get(f"{API}/open-data/popolo.json")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"persons", "organizations", "memberships", "posts"}
    text = json.dumps(data, ensure_ascii=False)
    assert "@example.org" not in text and "0131" not in text
    assert all(
        set(p) <= {"id", "name", "given_name", "family_name", "sort_name"} for p in data["persons"]
    )
    assert f"person/{outsider.pk}" not in {p["id"] for p in data["persons"]}

    organizations = {o["id"]: o for o in data["organizations"]}
    committee = organizations[f"committee/{world.committee.slug}"]
    assert committee["classification"] == "committee"
    workgroup = organizations[f"committee/{world.committee.slug}/workgroup/{world.workgroup.slug}"]
    assert workgroup["parent_id"] == committee["id"]

    posts = {p["id"]: p for p in data["posts"]}
    chair_post = f"{workgroup['id']}/post/chair"
    assert posts[chair_post]["organization_id"] == workgroup["id"]

    chair = world.person(world.chair)
    seat = next(
        m
        for m in data["memberships"]
        if m["person_id"] == f"person/{chair.pk}" and m["organization_id"] == workgroup["id"]
    )
    assert seat["post_id"] == chair_post
    assert seat["role"] == "chair"
    assert seat["on_behalf_of_id"] == f"organization/{chair.organization_id}"
    assert seat["start_date"] == "2024-03-20"
    person_ids = {p["id"] for p in data["persons"]}
    organization_ids = set(organizations)
    for membership in data["memberships"]:
        assert membership["person_id"] in person_ids
        assert membership["organization_id"] in organization_ids
        assert membership.get("post_id") is None or membership["post_id"] in posts


def test_ocd_events_list_public_meetings_only_with_what_was_published(world, client_for):
    internal = world.future_meeting(is_public=False)
    announced = world.future_meeting(is_public=True)
    held = world.past_meeting(is_public=False)
    minutes = world.published(held)
    response = client_for(world.secretariat).get(f"{API}/open-data/ocd-events.json")
    assert response.status_code == 200
    events = {e["extras"]["meeting_id"]: e for e in response.json()["events"]}
    assert internal.pk not in events
    assert set(events) == {announced.pk, held.pk}

    upcoming = events[announced.pk]
    assert upcoming["classification"] == "committee-meeting"
    assert upcoming["status"] == "confirmed"
    assert upcoming["timezone"] == "Asia/Tehran"
    assert upcoming["all_day"] is False
    assert upcoming["start_date"].endswith("+03:30")
    assert upcoming["location"]["name"] == announced.location
    assert upcoming["agenda"] == []  # not announced before publication
    assert upcoming["participants"][0]["note"] == "host"
    assert upcoming["id"].startswith("ocd-event/")

    past = events[held.pk]
    assert past["status"] == "passed"
    assert [item["description"] for item in past["agenda"]] == [
        "گزارش آسفالت معابر",
        "ترافیک میدان شهرداری",
    ]
    assert [item["order"] for item in past["agenda"]] == ["1", "2"]
    assert {p["type"] for p in past["participants"]} == {"organization", "person"}
    assert any(minutes.document_id in link["url"] for link in past["links"])
    # The PDF is listed once it has been rendered and hashed (here it has not).
    assert past["documents"] == []
    text = json.dumps(response.json(), ensure_ascii=False)
    assert "@example.org" not in text


def test_the_ocd_id_of_a_meeting_is_stable(world, client_for):
    meeting = world.future_meeting()
    first = client_for(None).get(f"{API}/open-data/ocd-events.json").json()["events"][0]["id"]
    again = client_for(None).get(f"{API}/open-data/ocd-events.json").json()["events"][0]["id"]
    assert first == again
    assert meeting.pk
