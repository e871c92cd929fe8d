"""The structure every public page must have: one h1, headings that never skip a level,
landmarks, labelled controls, captioned tables with header scopes, Persian and RTL."""

from __future__ import annotations

import itertools
import re

import pytest

from committee.models import Organization, Person
from tests.portal.factories import CommentFactory

pytestmark = pytest.mark.django_db

LETTERS = "الف ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع غ".split()


@pytest.fixture
def pages(portal):
    # The factories number people and organisations with Latin digits; real names have none.
    for letter, person in zip(LETTERS, Person.objects.order_by("pk"), strict=False):
        Person.objects.filter(pk=person.pk).update(last_name=f"رحیمی {letter}")
    for letter, organization in zip(LETTERS, Organization.objects.order_by("pk"), strict=False):
        Organization.objects.filter(pk=organization.pk).update(name=f"سازمان {letter}")
    minutes = portal.publish()
    CommentFactory(minutes=minutes, status="approved")
    return [
        "/",
        "/archive/",
        "/archive/?q=گزارش",
        f"/archive/{minutes.document_id}/",
        "/decisions/",
        "/committee/rasht/workgroups/civil-works/",
        "/committee/rasht/report/",
        f"/committee/rasht/organizations/{portal.organization.pk}/",
    ]


def headings(body: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", body)]


def test_every_page_has_one_h1_and_headings_in_order(pages, client):
    for url in pages:
        body = client.get(url).content.decode()
        levels = headings(body)
        assert levels.count(1) == 1 and levels[0] == 1, url
        for before, after in itertools.pairwise(levels):
            assert after <= before + 1, f"{url}: h{before} followed by h{after}"


def test_every_page_has_landmarks_and_is_persian_right_to_left(pages, client):
    for url in pages:
        body = client.get(url).content.decode()
        assert '<html lang="fa" dir="rtl">' in body, url
        assert '<main id="main"' in body and '<header class="site-header">' in body, url
        assert '<nav class="portal-nav" aria-label="بخش‌های درگاه عمومی">' in body, url
        assert 'class="skip-link" href="#main"' in body, url
        assert '<meta name="description" content="' in body, url
        assert '<meta property="og:description" content="' in body, url


def test_every_form_control_has_a_label(pages, client):
    for url in pages:
        body = client.get(url).content.decode()
        ids = re.findall(
            r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|submit)")[^>]*id="([^"]+)"', body
        )
        for control in ids:
            assert f'<label for="{control}">' in body, f"{url}: #{control} has no label"


def test_tables_have_captions_and_header_scopes(pages, client):
    for url in pages:
        body = client.get(url).content.decode()
        for table in re.findall(r"<table.*?</table>", body, flags=re.S):
            assert "<caption" in table, url
            assert "<th>" not in table, f"{url}: a header cell without scope"
            assert 'scope="col"' in table, url


def test_digits_shown_to_people_are_persian(pages, client):
    for url in pages:
        body = client.get(url).content.decode()
        text = re.sub(r"<(script|style)[^>]*>.*?</\1>", "", body, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)  # tags and their attributes
        text = re.sub(r"[A-Z0-9]+(?:-[A-Z0-9]+)+", " ", text)  # document identifiers
        text = re.sub(r"\b[0-9a-f]{64}\b", " ", text)  # SHA-256
        text = re.sub(r"&#\d+;", " ", text)
        found = re.findall(r".{0,20}[0-9].{0,20}", text)
        assert not found, f"{url}: Latin digits in {found[:3]}"
