"""RSS, Atom and iCalendar feeds, read back with real parsers (feedparser, icalendar), and
the pages that advertise them."""

from __future__ import annotations

import datetime
import re

import feedparser
import icalendar
import pytest
from django.utils import timezone

from minutes.models import Meeting
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(portal):
    first = portal.publish(
        portal.meeting(title="جلسه عمرانی"),
        summary="خلاصه جلسه عمرانی",
        at=timezone.now() - datetime.timedelta(days=2),
    )
    second = portal.publish(
        portal.meeting(portal.other_workgroup, title="جلسه فرهنگی"),
        at=timezone.now() - datetime.timedelta(days=1),
    )
    return first, second


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, feedparser.parse(response.content)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_committee_feed_lists_every_published_minutes_newest_first(published, client, kind):
    first, second = published
    _response, feed = parse(client, f"/feeds/rasht/minutes.{kind}")
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == ("rss20" if kind == "rss" else "atom10")
    assert "کمیته رسانه شهرداری رشت" in feed.feed.title
    assert [e.link for e in feed.entries] == [
        f"http://testserver/archive/{second.document_id}/",
        f"http://testserver/archive/{first.document_id}/",
    ]
    assert feed.entries[0].title.startswith("جلسه فرهنگی")
    assert "خلاصه جلسه عمرانی" in feed.entries[1].summary
    assert (
        feed.entries[1].published_parsed[:3]
        == (first.published_at.astimezone(datetime.UTC).timetuple()[:3])
    )


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_workgroup_feed_lists_only_its_minutes(published, client, kind):
    first, _second = published
    _response, feed = parse(client, f"/feeds/rasht/civil-works/minutes.{kind}")
    assert not feed.bozo
    assert [e.link for e in feed.entries] == [f"http://testserver/archive/{first.document_id}/"]
    assert "کارگروه رسانه عمرانی و ترافیکی" in feed.feed.title


def test_a_correction_is_its_own_feed_item(published, portal, client):
    first, _second = published
    second_revision = portal.republish(portal.correct(first, "اصلاح مهلت"))
    _response, feed = parse(client, "/feeds/rasht/civil-works/minutes.atom")
    assert [e.link for e in feed.entries] == [
        f"http://testserver/archive/{second_revision.document_id}/",
        f"http://testserver/archive/{first.document_id}/",
    ]
    assert "اصلاحیه" in feed.entries[0].title
    assert "اصلاح مهلت" in feed.entries[0].summary


def test_unknown_bodies_have_no_feed(portal, client):
    assert client.get("/feeds/nope/minutes.rss").status_code == 404
    assert client.get("/feeds/rasht/nope/minutes.atom").status_code == 404
    assert client.get("/feeds/rasht/nope/meetings.ics").status_code == 404


@pytest.fixture
def meetings(portal):
    soon = (timezone.now() + datetime.timedelta(days=3)).replace(second=0, microsecond=0)
    return {
        "public": MeetingFactory(workgroup=portal.workgroup, title="جلسه اعلام‌شده", starts_at=soon),
        "other": MeetingFactory(
            workgroup=portal.other_workgroup, title="جلسه فرهنگی پیش رو", starts_at=soon
        ),
        "internal": MeetingFactory(
            workgroup=portal.workgroup, title="جلسه اعلام‌نشده", starts_at=soon, is_public=False
        ),
        "cancelled": MeetingFactory(
            workgroup=portal.workgroup,
            title="جلسه لغوشده",
            starts_at=soon,
            status=Meeting.Status.CANCELLED,
        ),
        "past": MeetingFactory(
            workgroup=portal.workgroup,
            title="جلسه گذشته",
            starts_at=timezone.now() - datetime.timedelta(days=3),
        ),
    }


def events(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return calendar, [c for c in calendar.walk("VEVENT")]


def test_the_calendar_holds_the_announced_meetings_still_to_come(meetings, client):
    calendar, found = events(client, "/feeds/rasht/meetings.ics")
    assert str(calendar["METHOD"]) == "PUBLISH"
    summaries = sorted(str(e["SUMMARY"]) for e in found)
    assert summaries == [
        "جلسه اعلام‌شده — کارگروه رسانه عمرانی و ترافیکی",
        "جلسه فرهنگی پیش رو — کارگروه رسانه فرهنگی و اجتماعی",
    ]
    meeting = meetings["public"]
    (event,) = [e for e in found if str(e["SUMMARY"]).startswith("جلسه اعلام‌شده")]
    assert event.decoded("DTSTART") == meeting.starts_at.astimezone(datetime.UTC)
    assert str(event["URL"]) == f"http://testserver/meetings/{meeting.pk}/"
    assert f"http://testserver/meetings/{meeting.pk}/" in str(event["DESCRIPTION"])
    assert str(event["UID"]) == f"meeting-{meeting.pk}@rasht.media-committee"
    assert str(event["LOCATION"]) == meeting.location


def test_a_workgroup_calendar_holds_only_its_meetings(meetings, client):
    _calendar, found = events(client, "/feeds/rasht/civil-works/meetings.ics")
    assert [str(e["SUMMARY"]) for e in found] == ["جلسه اعلام‌شده — کارگروه رسانه عمرانی و ترافیکی"]


def test_the_calendar_describes_each_meeting_fully(meetings, client):
    calendar, found = events(client, "/feeds/rasht/meetings.ics")
    assert (str(calendar["VERSION"]), str(calendar["PRODID"])) == (
        "2.0",
        "-//media-committee//portal//FA",
    )
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Tehran"
    assert str(calendar["X-WR-CALNAME"]) == "جلسات عمومی کمیته رسانه شهرداری رشت"
    meeting = meetings["public"]
    (event,) = [e for e in found if str(e["SUMMARY"]).startswith("جلسه اعلام‌شده")]
    assert event.decoded("DTEND") == meeting.starts_at + datetime.timedelta(hours=2)
    assert event.decoded("DTSTAMP") == meeting.updated_at.replace(microsecond=0)
    assert (str(event["STATUS"]), event["SEQUENCE"]) == ("CONFIRMED", 0)
    assert meeting.body_name in str(event["DESCRIPTION"])


def test_line_breaks_and_control_characters_keep_the_calendar_whole(meetings, client):
    meeting = meetings["public"]
    Meeting.objects.filter(pk=meeting.pk).update(title="جلسه\r\nاعلام‌شده\x0b", location="سالن\r۲")
    response = client.get("/feeds/rasht/meetings.ics")
    content = response.content.decode()
    assert "\x0b" not in content and "\n" not in content.replace("\r\n", "")
    _calendar, found = events(client, "/feeds/rasht/meetings.ics")
    (event,) = [e for e in found if str(e["UID"]).startswith(f"meeting-{meeting.pk}@")]
    assert str(event["SUMMARY"]) == "جلسه اعلام‌شده — کارگروه رسانه عمرانی و ترافیکی"
    assert str(event["LOCATION"]) == "سالن ۲"


def alternates(body: str) -> list[tuple[str, str]]:
    return re.findall(r'<link rel="alternate" type="([^"]+)" title="[^"]+" href="([^"]+)">', body)


def test_pages_advertise_the_feeds_that_fit_them(published, client):
    first, _second = published
    committee = [
        ("application/rss+xml", "/feeds/rasht/minutes.rss"),
        ("application/atom+xml", "/feeds/rasht/minutes.atom"),
        ("text/calendar", "/feeds/rasht/meetings.ics"),
    ]
    workgroup = [
        ("application/rss+xml", "/feeds/rasht/civil-works/minutes.rss"),
        ("application/atom+xml", "/feeds/rasht/civil-works/minutes.atom"),
        ("text/calendar", "/feeds/rasht/civil-works/meetings.ics"),
    ]
    assert alternates(client.get("/").content.decode()) == committee
    assert alternates(client.get("/archive/").content.decode()) == committee
    assert alternates(client.get("/archive/?body=civil-works").content.decode()) == (
        workgroup + committee
    )
    assert alternates(client.get("/decisions/").content.decode()) == committee
    assert alternates(client.get("/committee/rasht/workgroups/civil-works/").content.decode()) == (
        workgroup + committee
    )
    assert alternates(client.get(f"/archive/{first.document_id}/").content.decode()) == (
        workgroup + committee
    )
    # And every advertised feed answers.
    for _type, href in workgroup + committee:
        assert client.get(href).status_code == 200
