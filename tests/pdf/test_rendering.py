"""What the published minutes say, on paper: layout of Iranian official minutes, Jalali
dates and Persian digits, the footer on every page, and nothing internal."""

from __future__ import annotations

import copy
import re

import pytest
from django.utils import translation

from minutes import services
from minutes.models import Minutes
from minutes.publication import pdf as minutes_pdf
from minutes.publication.pdf import fa_text, qr_svg, render_minutes_pdf, shown
from minutes.publication.snapshot import build_snapshot
from persian.digits import to_persian_digits
from tests.pdf.conftest import (
    ANSWER,
    INTERNAL_DECISION_MARKER,
    INTERNAL_ITEM_MARKER,
    MEETING_TITLE,
    PUBLIC_DECISIONS,
    QUESTION_TITLE,
    WORKGROUP_NAME,
    contains,
    page_texts,
    pdf_text,
    publish,
    reader,
)

pytestmark = pytest.mark.django_db


def test_the_published_pdf_has_the_letterhead_and_title_of_official_minutes(
    published, published_text
):
    for expected in (
        "بسمه تعالی",
        "شهرداری رشت",
        WORKGROUP_NAME,
        "صورتجلسه",
        MEETING_TITLE,
        "جلسه شماره ۱ سال ۱۴۰۳",
        "شماره",
        published.document_id,
        "پیوست",
        "ندارد",
        "محل برگزاری",
        "سالن جلسات شهرداری",
    ):
        assert contains(published_text, expected), expected


def test_dates_are_jalali_with_persian_month_names_and_persian_digits(published_text):
    assert "۸ اردیبهشت ۱۴۰۳" in published_text  # the meeting, in the letterhead
    assert "شنبه ۸ اردیبهشت ۱۴۰۳" in published_text  # with its weekday
    assert "۱۰:۰۰" in published_text and "۱۲:۰۰" in published_text  # start and end
    assert "۳۱ اردیبهشت ۱۴۰۳" in published_text  # a decision's deadline
    assert "۱۰ اردیبهشت ۱۴۰۳" in published_text  # publication, in the footer
    assert "April" not in published_text and "2024" not in published_text


def test_no_latin_digit_is_printed_except_in_the_document_identifier(published, published_text):
    rest = published_text.replace(published.document_id, "")
    assert not re.search(r"[0-9]", rest), re.findall(r".{0,20}[0-9].{0,20}", rest)


def test_every_page_carries_the_footer_with_page_n_of_m_identifier_and_verification_line(
    published, published_pdf, tmp_path
):
    pages = page_texts(published_pdf, tmp_path)
    total = len(pages)
    assert total == len(reader(published_pdf).pages) >= 2
    for number, text in enumerate(pages, start=1):
        page_label = f"صفحه {to_persian_digits(number)} از {to_persian_digits(total)}"
        assert contains(text, page_label), (number, text[-300:])
        assert to_persian_digits(number) in text
        assert published.document_id in text
        assert contains(text, "برای بررسی اصالت این سند، شناسه را در نشانی زیر وارد کنید")
        assert f"/verify/{published.document_id}/" in text
        assert contains(text, "تاریخ انتشار ۱۰ اردیبهشت ۱۴۰۳")


def test_attendance_is_grouped_into_officials_press_absent_and_guests(published_text):
    text = published_text
    for expected in ("حاضرین", "مدیران شهری", "اصحاب رسانه", "غایبین", "مدعوین"):
        assert contains(text, expected), expected
    for column in ("ردیف", "نام و نام خانوادگی", "سمت", "سازمان", "رسانه", "امضا"):
        assert contains(text, column), column
    officials = text.index("مدیران شهری")
    press = text.index("اصحاب رسانه", officials)
    absent = text.index("غایبین", press)
    assert contains(text[officials:press], "رضا احمدی")
    assert contains(text[press:absent], "نرگس صادقی")
    assert contains(text[press:absent], "سارا مرادی")
    assert contains(text[absent:], "حسین کریمی")
    assert contains(text[absent:], "زهرا حسینی")
    assert contains(text[absent:], "غیبت موجه")
    assert contains(text, "امیر صالحی") and contains(text, "پلیس راهور رشت")


def test_agenda_summary_and_the_journalists_question_with_its_answer(published_text):
    text = published_text
    assert contains(text, "دستور جلسه")
    assert contains(text, "خلاصه مذاکرات")
    assert contains(text, "جلسه با حضور اعضای کارگروه و اصحاب رسانه برگزار شد.")
    assert contains(text, "لکه‌گیری ۱۲ خیابان اصلی پایان یافته است")
    # The item made from the question carries its title; the label says what it is,
    # without printing the title a second time.
    assert contains(text, QUESTION_TITLE)
    assert contains(text, "پرسش")
    assert not contains(text, f"پرسش: {QUESTION_TITLE}")
    assert contains(text, "طرح‌کننده: نرگس صادقی")
    assert contains(text, "پاسخ")
    assert contains(text, ANSWER)


def test_the_decisions_table_lists_every_public_decision_under_its_own_number(published_text):
    text = published_text
    assert contains(text, "مصوبات")
    for column in ("ردیف", "شرح مصوبه", "مسئول اجرا", "مهلت اجرا", "وضعیت"):
        assert contains(text, column), column
    for decision in PUBLIC_DECISIONS:
        assert contains(text, decision), decision
    assert contains(text, "در انتظار اقدام") and contains(text, "در حال اجرا")
    # The internal decision no. 2 is left out without renumbering the third.
    third = text.index("روابط عمومی شهرداری")
    assert "۳" in text[third - 40 : third]


def test_internal_agenda_items_and_decisions_never_appear(published_text, published_pdf):
    assert INTERNAL_ITEM_MARKER not in published_text
    assert INTERNAL_DECISION_MARKER not in published_text
    assert not contains(published_text, INTERNAL_ITEM_MARKER)
    assert not contains(published_text, INTERNAL_DECISION_MARKER)


def test_the_signature_block_names_the_chair_and_the_secretary(published_text):
    signatures = published_text[published_text.rindex("رییس جلسه") :]
    assert contains(signatures, "مریم کاظمی")
    assert contains(signatures, "دبیر جلسه")
    assert contains(signatures, "علی نوروزی")
    assert contains(signatures, "امضا")


def test_a_correction_says_which_revision_it_corrects_and_why(
    world, published, django_capture_on_commit_callbacks, tmp_path
):
    reason = "نام مسئول اجرای مصوبه اول اشتباه ثبت شده بود."
    correction = services.issue_correction(world.secretariat, published, reason)
    Minutes.objects.filter(pk=correction.pk).update(status=Minutes.Status.APPROVED)
    correction = publish(world, correction, django_capture_on_commit_callbacks)
    with correction.pdf.open("rb") as handle:
        text = pdf_text(handle.read(), tmp_path)
    assert correction.document_id.endswith("-R2")
    assert contains(text, "اصلاحیه ویرایش ۱")
    assert contains(text, reason)
    assert published.document_id in text  # the document it replaces
    published.refresh_from_db()
    assert published.pdf and published.sha256  # the corrected one keeps its own copy


def test_a_draft_is_stamped_on_every_page_and_has_no_verification_line(world, tmp_path):
    data = render_minutes_pdf(build_snapshot(world.minutes, public=True), draft=True)
    pages = page_texts(data, tmp_path)
    assert len(pages) >= 2
    for text in pages:
        assert contains(text, "پیش‌نویس")
        assert not contains(text, "برای بررسی اصالت این سند")
        assert "/verify/" not in text
    assert reader(data).metadata.title.startswith("پیش‌نویس صورتجلسه")


def test_it_renders_in_persian_even_when_english_is_active(published, tmp_path):
    with translation.override("en"):
        data = render_minutes_pdf(published.snapshot, verify_url="/verify/x/")
    text = pdf_text(data, tmp_path)
    assert contains(text, "صورتجلسه") and contains(text, "مصوبات")
    assert "۸ اردیبهشت ۱۴۰۳" in text
    assert "Ordibehesht" not in text and "Minutes" not in text


def test_an_entry_flagged_internal_in_a_future_snapshot_is_still_left_out(published, tmp_path):
    snapshot = copy.deepcopy(published.snapshot)
    snapshot["agenda"].append(
        {**snapshot["agenda"][0], "id": 999, "title": "بند پنهان آلبالویک", "is_public": False}
    )
    snapshot["decisions"].append(
        {**snapshot["decisions"][0], "id": 999, "text": "مصوبه پنهان آلبالویک", "is_public": False}
    )
    text = pdf_text(render_minutes_pdf(snapshot, verify_url="/verify/x/"), tmp_path)
    assert not contains(text, "آلبالویک")
    assert contains(text, PUBLIC_DECISIONS[0])


def test_user_text_gets_persian_digits_except_inside_latin_words():
    assert fa_text("خیابان 17 شهریور، ساعت 10:30") == "خیابان ۱۷ شهریور، ساعت ۱۰:۳۰"
    assert fa_text("COVID-19 و https://example.org/a?id=17") == (
        "COVID-19 و https://example.org/a?id=17"
    )
    assert fa_text(None) == ""


def test_each_line_of_user_text_is_a_bidi_isolate_in_its_own_direction():
    rli, fsi, pdi = "\u2067", "\u2068", "\u2069"
    assert shown("Gilan Today: گزارش") == f"{rli}Gilan Today: گزارش{pdi}"  # Persian inside
    assert shown('<img src="x">') == f'{fsi}<img src="x">{pdi}'  # left to right
    assert shown("سطر یک\n\nسطر 2") == f"{rli}سطر یک{pdi}\n\n{rli}سطر ۲{pdi}"


def test_the_qr_code_encodes_the_verification_address_and_only_a_published_copy_has_it(
    published,
):
    url = f"https://rasht.example.ir/verify/{published.document_id}/"
    prepared = minutes_pdf._prepare(published.snapshot, draft=False, verify_url=url)
    [(data_uri, (svg, mime))] = prepared.inline.items()
    assert svg == qr_svg(url) and mime == "image/svg+xml"
    assert f'src="{data_uri}"' in prepared.html
    assert f'<a href="{url}">' in prepared.html  # an absolute address is also a link
    draft = minutes_pdf._prepare(published.snapshot, draft=True, verify_url=url)
    assert draft.inline == {} and "data:image" not in draft.html
