"""The decisions tracker: every public decision as last published, with its current status;
filters (body, status incl. overdue, responsible organisation, deadline range, text) and a
CSV of exactly what the filter shows."""

from __future__ import annotations

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone

from minutes import services
from minutes.models import Decision
from persian.jalali import format_numeric, format_numeric_latin
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def shown(response) -> list[str]:
    """The decision texts in the tracker's table, in order."""
    body = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", text).strip()
        for text in re.findall(
            r'<th scope="row" class="decision-text">'
            r'<span class="decision-number">[^<]*</span> (.*?)</th>',
            body,
            flags=re.S,
        )
    ]


def exported(client, query: str = "") -> tuple[list[str], list[list[str]], object]:
    response = client.get(f"/decisions/export.csv{query}")
    raw = response.getvalue()  # streamed
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    return rows[0], rows[1:], response


@pytest.fixture
def decisions(portal):
    """Four decisions in two workgroups with different states, responsible bodies and
    deadlines, plus a plenary one."""
    other_org = OrganizationFactory(name="سازمان پسماند شهرداری رشت")
    minutes = portal.publish(
        portal.meeting(portal.workgroup, title="جلسه عمرانی", days_ago=60),
        decisions=[
            {"text": "مصوبه باز عقب‌افتاده", "deadline": TODAY() - datetime.timedelta(days=10)},
            {"text": "مصوبه در حال اجرا", "deadline": TODAY() + datetime.timedelta(days=20)},
            {
                "text": "مصوبه انجام‌شده",
                "deadline": TODAY() - datetime.timedelta(days=20),
                "responsible_organization": other_org,
                "responsible_person": None,
            },
        ],
    )
    by_number = {d.number: d for d in minutes.meeting.decisions.all()}
    services.record_follow_up(
        portal.secretariat,
        by_number[2],
        status=Decision.Status.IN_PROGRESS,
        note="کار آغاز شد.",
        date=TODAY() - datetime.timedelta(days=3),
    )
    services.record_follow_up(
        portal.secretariat, by_number[3], status=Decision.Status.DONE, note="تمام شد."
    )
    portal.publish(
        portal.meeting(portal.other_workgroup, title="جلسه فرهنگی", days_ago=5),
        decisions=[{"text": "مصوبه فرهنگی", "deadline": None}],
    )
    portal.publish(
        portal.meeting(None, title="جلسه کل کمیته", days_ago=1),
        decisions=[{"text": "مصوبه کمیته", "deadline": TODAY() + datetime.timedelta(days=60)}],
    )
    return other_org


def test_every_public_decision_is_listed_newest_meeting_first(decisions, client):
    assert shown(client.get("/decisions/")) == [
        "مصوبه کمیته",
        "مصوبه فرهنگی",
        "مصوبه باز عقب‌افتاده",
        "مصوبه در حال اجرا",
        "مصوبه انجام‌شده",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=open", ["مصوبه کمیته", "مصوبه فرهنگی", "مصوبه باز عقب‌افتاده"]),
        ("status=in_progress", ["مصوبه در حال اجرا"]),
        ("status=done", ["مصوبه انجام‌شده"]),
        ("status=cancelled", []),
        ("status=overdue", ["مصوبه باز عقب‌افتاده"]),
        ("body=civil-works", ["مصوبه باز عقب‌افتاده", "مصوبه در حال اجرا", "مصوبه انجام‌شده"]),
        ("body=culture", ["مصوبه فرهنگی"]),
        ("body=committee", ["مصوبه کمیته"]),
        ("q=انجامشده", ["مصوبه انجام‌شده"]),
        ("q=عقب افتاده", ["مصوبه باز عقب‌افتاده"]),
    ],
)
def test_the_filters(decisions, client, query, expected):
    assert shown(client.get(f"/decisions/?{query}")) == expected


def test_the_responsible_organisation_filter(decisions, portal, client):
    assert shown(client.get(f"/decisions/?organization={decisions.pk}")) == ["مصوبه انجام‌شده"]
    body = client.get("/decisions/").content.decode()
    assert f'<option value="{decisions.pk}">سازمان پسماند شهرداری رشت</option>' in body
    assert f'<option value="{portal.organization.pk}">' in body


def test_the_deadline_range_in_jalali(decisions, client):
    since = format_numeric(TODAY() - datetime.timedelta(days=15))
    until = format_numeric_latin(TODAY() + datetime.timedelta(days=30))
    assert shown(client.get("/decisions/", {"since": since, "until": until})) == [
        "مصوبه باز عقب‌افتاده",
        "مصوبه در حال اجرا",
    ]


def test_overdue_decisions_stand_out_with_words_not_only_colour(decisions, client):
    body = client.get("/decisions/?status=overdue").content.decode()
    assert '<tr class="is-overdue">' in body
    assert '<span class="badge badge-overdue">عقب‌افتاده</span>' in body


def test_follow_ups_are_dated(decisions, client):
    body = client.get("/decisions/?status=in_progress").content.decode()
    assert "کار آغاز شد." in body
    from persian.jalali import format_date

    assert format_date(TODAY() - datetime.timedelta(days=3)) in body


def test_the_csv_holds_exactly_the_filtered_rows_in_the_same_order(decisions, client):
    for query in ("", "?status=open", "?body=civil-works", "?status=overdue", "?q=مصوبه"):
        headers, rows, response = exported(client, query)
        assert [row[headers.index("شرح مصوبه")] for row in rows] == shown(
            client.get(f"/decisions/{query}")
        )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="decisions-')
    assert "filename*=UTF-8''" in disposition


def test_the_csv_has_persian_headers_and_both_date_forms(decisions, client):
    headers, rows, _response = exported(client, "?status=overdue")
    assert headers[:3] == ["شناسه سند", "کمیته یا کارگروه", "جلسه"]
    (row,) = rows
    record = dict(zip(headers, row, strict=True))
    deadline = TODAY() - datetime.timedelta(days=10)
    assert record["مهلت اجرا (شمسی)"] == format_numeric_latin(deadline)
    assert record["مهلت اجرا (میلادی)"] == deadline.isoformat()
    assert record["وضعیت کنونی"] == "در انتظار اقدام"
    assert record["عقب‌افتاده"] == "بله"
    assert record["نشانی"].startswith("http://testserver/archive/")


def test_the_csv_is_not_paginated(portal, client):
    portal.publish(decisions=[{"text": f"مصوبه {n}"} for n in range(25)])
    _headers, rows, _response = exported(client)
    assert len(rows) == 25
    assert len(shown(client.get("/decisions/"))) == 20


def test_a_bad_filter_gives_a_persian_error_not_everything(decisions, client):
    response = client.get("/decisions/export.csv?since=۱۴۰۵/۱۳/۰۱")
    assert response.status_code == 400
    assert "ماه ۱۳ وجود ندارد" in response.content.decode()
    body = client.get("/decisions/?since=1405/13/01").content.decode()
    assert "ماه ۱۳ وجود ندارد" in body
    assert shown(client.get("/decisions/?since=1405/13/01")) == []


def test_a_decision_of_an_open_correction_does_not_appear_before_it_is_published(portal, client):
    minutes = portal.publish(decisions=[{"text": "مصوبه منتشرشده"}])
    correction = portal.correct(minutes)
    meeting = minutes.meeting
    services.add_decision(
        portal.chair,
        meeting,
        expected_version=None,
        text="مصوبه افزوده در اصلاحیه",
        responsible_organization=portal.organization,
    )
    # The published decision is being edited in the draft: the tracker keeps the published text.
    Decision.objects.filter(meeting=meeting, number=1).update(text="متن ویرایش‌شده در پیش‌نویس")
    body = client.get("/decisions/").content.decode()
    assert "مصوبه افزوده در اصلاحیه" not in body
    assert "متن ویرایش‌شده در پیش‌نویس" not in body
    assert shown(client.get("/decisions/")) == ["مصوبه منتشرشده"]
    assert "مصوبه افزوده در اصلاحیه" not in exported(client)[1].__repr__()
    portal.republish(correction)
    assert shown(client.get("/decisions/")) == [
        "متن ویرایش‌شده در پیش‌نویس",
        "مصوبه افزوده در اصلاحیه",
    ]


def test_internal_decisions_never_appear(portal, client):
    portal.publish(
        decisions=[{"text": "مصوبه عمومی"}, {"text": "مصوبه محرمانه", "is_public": False}]
    )
    assert shown(client.get("/decisions/")) == ["مصوبه عمومی"]
    assert "مصوبه محرمانه" not in client.get("/decisions/export.csv").getvalue().decode()
