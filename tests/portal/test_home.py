"""The home page in the portal: besides the committee and its workgroups (tests/portal/
test_home_page.py), the latest published minutes and the decisions by status."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from committee.models import CommitteeRole
from tests.factories import CommitteeFactory, CommitteeRoleFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_the_latest_published_minutes_are_listed(portal, client):
    portal.publish(
        portal.meeting(title="جلسه قدیمی"), at=timezone.now() - datetime.timedelta(days=9)
    )
    portal.publish(portal.meeting(title="جلسه تازه"))
    body = client.get("/").content.decode()
    assert body.index("جلسه تازه") < body.index("جلسه قدیمی")
    assert 'href="/archive/"' in body


def test_decisions_are_counted_by_status_with_links_to_the_tracker(portal, client):
    today = timezone.localdate()
    portal.publish(
        decisions=[
            {"text": "الف", "deadline": today - datetime.timedelta(days=3)},
            {"text": "ب", "deadline": today + datetime.timedelta(days=3)},
            {"text": "پ", "is_public": False, "deadline": today - datetime.timedelta(days=3)},
        ]
    )
    body = client.get("/").content.decode()
    tiles = dict(
        re.findall(
            r'<a href="/decisions/\?status=(\w+)">\s*<span class="status-count">([^<]+)</span>',
            body,
        )
    )
    assert tiles == {"open": "۲", "in_progress": "۰", "done": "۰", "overdue": "۱"}


def test_the_committee_officials_are_named(portal, client):
    head = PersonFactory(first_name="نرگس", last_name="رحیم‌زاده", post="مدیر روابط عمومی")
    CommitteeRoleFactory(
        committee=portal.committee,
        person=head,
        role=CommitteeRole.Role.SECRETARIAT_HEAD,
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2021, 1, 1),
    )
    body = client.get("/").content.decode()
    assert "فرهاد آزادگان" in body and "رییس کمیته" in body
    assert str(CommitteeRole.Role.SECRETARIAT_HEAD.label) in body
    assert portal.secretariat.person.full_name in body
    assert "نرگس رحیم‌زاده" not in body, "a head whose term ended is not named"


def test_the_home_page_has_a_description_and_open_graph(portal, client):
    body = client.get("/").content.decode()
    assert "<title>کمیته رسانه شهرداری رشت</title>" in body
    assert (
        '<meta name="description" content="کمیته رسانه شهرداری رشت برای گزارش به شهروندان.">'
        in body
    )
    assert '<meta property="og:title" content="کمیته رسانه شهرداری رشت">' in body


def test_with_several_committees_each_has_its_page(portal, client):
    CommitteeFactory(slug="lahijan", name="کمیته رسانه لاهیجان")
    body = client.get("/").content.decode()
    assert 'href="/committee/rasht/"' in body and 'href="/committee/lahijan/"' in body
    page = client.get("/committee/rasht/").content.decode()
    assert "کارگروه رسانه عمرانی و ترافیکی" in page
    assert 'href="/decisions/?status=open&amp;committee=rasht"' in page
