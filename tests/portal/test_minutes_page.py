"""One published revision, in HTML: the same content as the PDF, read from the frozen
snapshot, with the current status of its decisions, its revisions and its verification."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from committee.models import Person
from minutes import services
from minutes.models import AgendaItem, Attendance, Decision, Meeting, Minutes, Question
from persian.digits import to_persian_digits
from persian.jalali import format_date
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(portal):
    meeting = portal.meeting(
        title="ترافیک میدان شهرداری",
        location="سالن جلسات سازمان حمل و نقل",
        chair_person=portal.official,
        days_ago=40,
    )
    guest = PersonFactory(first_name="سیاوش", last_name="کیانی‌فرد", post="معاون شهرسازی")
    absent = PersonFactory(first_name="رامین", last_name="قاسمی‌نیا", post="دبیر سرویس شهری")
    item = AgendaItem.objects.create(
        meeting=meeting, order=1, title="زمان پایان تعریض خیابان", kind="question"
    )
    Question.objects.create(
        meeting=meeting,
        author=portal.journalist,
        title="زمان پایان تعریض خیابان",
        text="تعریض خیابان از دو سال پیش آغاز شده؛ کی تمام می‌شود؟",
        status=Question.Status.ACCEPTED,
        agenda_item=item,
    )
    AgendaItem.objects.filter(pk=item.pk).update(answer="تا پایان شهریور تمام می‌شود.")
    minutes = portal.publish(
        meeting,
        summary="جلسه با گزارش معاون عمرانی آغاز شد.",
        items=[{"title": "گزارش آسفالت", "discussion": "لکه‌گیری در سه منطقه انجام شد."}],
        decisions=[
            {
                "text": "گزارش لکه‌گیری ارائه شود.",
                "deadline": timezone.localdate() - datetime.timedelta(days=5),
            },
            {"text": "طرح تعریض تا پایان شهریور تمام شود."},
        ],
        attendance={
            guest: Attendance.Status.GUEST,
            absent: {"status": Attendance.Status.EXCUSED, "excuse": "مأموریت اداری"},
        },
    )
    return minutes, guest, absent


def page(client, minutes):
    return client.get(f"/archive/{minutes.document_id}/")


def test_the_page_shows_the_header_of_the_minutes(published, client):
    minutes, _guest, _absent = published
    response = page(client, minutes)
    assert response.status_code == 200
    body = response.content.decode()
    meeting = minutes.meeting
    assert "ترافیک میدان شهرداری" in body
    assert "کارگروه رسانه عمرانی و ترافیکی" in body
    assert f"جلسه شماره ۱ سال {to_persian_digits(meeting.jalali_year)}" in body
    assert format_date(meeting.starts_at, with_weekday=True) in body
    assert "۱۰:۰۰" in body and "۱۲:۰۰" in body
    assert "سالن جلسات سازمان حمل و نقل" in body
    assert "سعید امیرخانی" in body  # the chair of the meeting
    assert body.count("<h1") == 1


def test_attendance_is_grouped_as_on_the_day(published, client):
    minutes, _guest, _absent = published
    body = page(client, minutes).content.decode()
    assert "حاضران — مدیران شهری" in body and "حاضران — اصحاب رسانه" in body
    assert "نسترن صدری" in body
    assert Person.objects.get(first_name="نسترن").organization.name in body
    assert "مدعوان" in body and "سیاوش کیانی‌فرد" in body
    assert "غایبان" in body and "رامین قاسمی‌نیا" in body and "غیبت موجه" in body


def test_journalists_questions_come_with_their_answers(published, client):
    minutes, _guest, _absent = published
    body = page(client, minutes).content.decode()
    assert "تعریض خیابان از دو سال پیش آغاز شده؛ کی تمام می‌شود؟" in body
    assert "تا پایان شهریور تمام می‌شود." in body
    assert "لکه‌گیری در سه منطقه انجام شد." in body


def test_decisions_show_the_published_and_the_current_status_with_follow_ups(
    published, portal, client
):
    minutes, _guest, _absent = published
    decision = minutes.meeting.decisions.get(number=2)
    services.record_follow_up(
        portal.secretariat,
        decision,
        status=Decision.Status.IN_PROGRESS,
        note="پیمانکار کار را از سر گرفت.",
        date=timezone.localdate() - datetime.timedelta(days=1),
    )
    body = page(client, minutes).content.decode()
    assert "<caption" in body and 'scope="col"' in body and 'scope="row"' in body
    assert "وضعیت هنگام انتشار" in body
    assert "در حال اجرا" in body
    assert "پیمانکار کار را از سر گرفت." in body
    assert format_date(timezone.localdate() - datetime.timedelta(days=1)) in body
    # The first decision is past its deadline and still open: marked with words.
    row = body.split('id="decision-1"')[1].split("</tr>")[0]
    assert '<tr id="decision-1" class="is-overdue">' in body
    assert '<tr id="decision-2">' in body
    assert "عقب‌افتاده" in row
    row2 = body.split('id="decision-2"')[1].split("</tr>")[0]
    assert "عقب‌افتاده" not in row2


def test_the_page_reads_the_snapshot_not_the_live_rows(published, client):
    minutes, _guest, _absent = published
    meeting = minutes.meeting
    Meeting.objects.filter(pk=meeting.pk).update(title="عنوان عوض‌شده", location="جای دیگر")
    AgendaItem.objects.filter(meeting=meeting).update(
        discussion="مذاکرات بازنویسی‌شده", answer="پاسخ بازنویسی‌شده"
    )
    Decision.objects.filter(meeting=meeting).update(text="متن بازنویسی‌شده")
    Attendance.objects.filter(meeting=meeting).update(person_name="نام بازنویسی‌شده")
    Minutes.objects.filter(pk=minutes.pk).update(summary="خلاصه بازنویسی‌شده")
    body = page(client, minutes).content.decode()
    for changed in (
        "عنوان عوض‌شده",
        "جای دیگر",
        "مذاکرات بازنویسی‌شده",
        "پاسخ بازنویسی‌شده",
        "متن بازنویسی‌شده",
        "نام بازنویسی‌شده",
        "خلاصه بازنویسی‌شده",
    ):
        assert changed not in body
    for published_text in (
        "ترافیک میدان شهرداری",
        "لکه‌گیری در سه منطقه انجام شد.",
        "گزارش لکه‌گیری ارائه شود.",
        "جلسه با گزارش معاون عمرانی آغاز شد.",
    ):
        assert published_text in body


def test_the_download_appears_only_once_the_pdf_is_stored(published, client):
    minutes, _guest, _absent = published
    pdf_url = f"/minutes/{minutes.document_id}.pdf"
    assert pdf_url not in page(client, minutes).content.decode()
    Minutes.objects.filter(pk=minutes.pk).update(
        sha256="ab" * 32, pdf="minutes/x.pdf", pdf_size=88123
    )
    body = page(client, minutes).content.decode()
    assert f'href="{pdf_url}"' in body
    assert "۸۶ کیلوبایت" in body
    assert "ab" * 32 in body


def test_verification_details_are_shown(published, client):
    minutes, _guest, _absent = published
    body = page(client, minutes).content.decode()
    assert minutes.document_id in body
    assert f'href="/verify/{minutes.document_id}/"' in body
    assert "اصالت سند" in body


def test_revisions_are_listed_with_their_reasons_and_the_old_one_points_to_the_new(
    published, portal, client
):
    minutes, _guest, _absent = published
    correction = portal.correct(minutes, "اصلاح مهلت مصوبه دوم")
    # An open correction is a draft: its reason is not public yet.
    assert "اصلاح مهلت مصوبه دوم" not in page(client, minutes).content.decode()
    assert client.get(f"/archive/{minutes.document_id[:-1]}2/").status_code == 404
    second = portal.republish(correction)
    old = page(client, minutes).content.decode()
    new = page(client, second).content.decode()
    assert "اصلاح مهلت مصوبه دوم" in old and "اصلاح مهلت مصوبه دوم" in new
    assert f'href="/archive/{second.document_id}/"' in old
    assert "این ویرایش با اصلاحیه‌ای تازه‌تر جایگزین شده است." in old
    assert f'href="/archive/{minutes.document_id}/"' in new
    assert "این ویرایش، اصلاحیه ویرایش ۱ است." in new


def test_drafts_and_unknown_documents_are_not_found(portal, client):
    meeting = portal.meeting()
    services.record_meeting(portal.chair, meeting, expected_version=None, summary="x")
    assert client.get("/archive/RASHT-WG2-1405-001-R1/").status_code == 404


def test_the_page_has_a_title_description_and_open_graph(published, client):
    minutes, _guest, _absent = published
    body = page(client, minutes).content.decode()
    assert "<title>صورتجلسه ترافیک میدان شهرداری" in body
    assert '<meta name="description" content="جلسه با گزارش معاون عمرانی آغاز شد.">' in body
    assert '<meta property="og:type" content="article">' in body
    assert '<meta property="og:title" content="صورتجلسه ترافیک میدان شهرداری' in body


def test_the_meeting_page_links_outsiders_to_the_published_minutes(published, client):
    minutes, _guest, _absent = published
    body = client.get(f"/meetings/{minutes.meeting_id}/").content.decode()
    assert f'href="/archive/{minutes.document_id}/"' in body
