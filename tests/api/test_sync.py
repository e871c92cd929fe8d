"""A mirror syncs incrementally: every read carries an ETag and a matching If-None-Match
is a 304 without a body; lists take ?updated_since= (each row's own updated_at, which
every listed model has and every answer shows); every error has a code and a detail."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from tests.api.conftest import API, ids, results

pytestmark = pytest.mark.django_db

LISTS = (
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
)


@pytest.mark.parametrize("user", [None, "secretariat"])
def test_an_unchanged_answer_is_a_304_and_a_changed_one_is_not(world, client_for, user):
    meeting = world.future_meeting()
    client = client_for(getattr(world, user) if user else None)
    for url in (f"{API}/meetings/", f"{API}/meetings/{meeting.pk}/", f"{API}/"):
        first = client.get(url)
        assert first.status_code == 200
        etag = first["ETag"]
        assert etag.startswith('"') and len(etag) > 10
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
        assert again.status_code == 304, url
        assert again.content == b""
        assert again["ETag"] == etag
        other = client.get(url, HTTP_IF_NONE_MATCH='"something-else"')
        assert other.status_code == 200
    etag = client.get(f"{API}/meetings/{meeting.pk}/")["ETag"]
    meeting.title = "عنوان تازه جلسه"
    meeting.save()
    changed = client.get(f"{API}/meetings/{meeting.pk}/", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_an_error_has_no_etag(world, client_for):
    response = client_for(None).get(f"{API}/meetings/999999/")
    assert response.status_code == 404
    assert "ETag" not in response


@pytest.mark.parametrize("resource", LISTS)
def test_every_list_takes_updated_since_and_shows_updated_at(world, client_for, resource):
    world.future_meeting()
    client = client_for(world.secretariat)
    everything = client.get(f"{API}/{resource}/")
    assert everything.status_code == 200
    later = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    assert results(client.get(f"{API}/{resource}/", {"updated_since": later})) == []
    rows = everything.json()["results"]
    if rows:
        assert "updated_at" in rows[0]
        earlier = "2000-01-01T00:00:00Z"
        shown = client.get(f"{API}/{resource}/", {"updated_since": earlier}).json()["count"]
        assert shown == everything.json()["count"]


def test_updated_since_returns_what_changed(world, client_for):
    old = world.future_meeting(ahead=datetime.timedelta(days=3))
    fresh = world.future_meeting(ahead=datetime.timedelta(days=4))
    type(old).objects.filter(pk=old.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=10)
    )
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    client = client_for(None)
    assert ids(client.get(f"{API}/meetings/", {"updated_since": since})) == {fresh.pk}
    # A date alone is its start in Tehran; Persian digits are read too.
    day = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    assert ids(client.get(f"{API}/meetings/", {"updated_since": day})) == {fresh.pk}


def test_updated_since_takes_any_iso_offset_and_refuses_the_calendars_edge(world, client_for):
    # ISO 8601 allows offsets up to ±23:59, PostgreSQL's timestamps only ±15:59 (it refused
    # "+18:29" with a server error that schemathesis found): the moment is read in UTC.
    fresh = world.future_meeting()
    client = client_for(None)
    assert ids(client.get(f"{API}/meetings/", {"updated_since": "0488-11-28T09:47:29+18:29"}))
    assert fresh.pk in ids(
        client.get(f"{API}/meetings/", {"updated_since": "2000-01-01T23:00:00-23:59"})
    )
    edge = client.get(f"{API}/meetings/", {"updated_since": "0001-01-01T00:00:00+05:00"})
    assert edge.status_code == 400
    assert "ISO" in edge.json()["updated_since"][0]


def test_every_error_has_a_code_and_a_detail(world, client_for):
    secretariat = client_for(world.secretariat)
    responses = [
        secretariat.post(f"{API}/meetings/", {"title": ""}),  # field errors
        client_for(None).get(f"{API}/meetings/", {"nope": "1"}),  # unknown parameter
        client_for(None).get(f"{API}/meetings/999999/"),
        client_for(None).post(f"{API}/meetings/", {}),
        secretariat.put(f"{API}/meetings/1/", {}),
    ]
    for response in responses:
        body = response.json()
        assert response.status_code >= 400
        assert isinstance(body["code"], str) and body["code"], body
        assert isinstance(body["detail"], str) and body["detail"], body
    fields = responses[0].json()
    assert fields["code"] == "invalid"
    assert "title" in fields and "title" in fields["detail"]
