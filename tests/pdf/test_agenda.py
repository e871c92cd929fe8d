"""The agenda (دستور جلسه) as a PDF: /meetings/<pk>/agenda.pdf and render_agenda_pdf, with
the items and invitees the meeting page shows the reader; and the draft preview's link."""

from __future__ import annotations

import pytest
from django.urls import reverse

from minutes.models import Invitation, Meeting
from minutes.publication.agenda import render_agenda_pdf
from tests.factories import PersonFactory
from tests.pdf.conftest import (
    INTERNAL_ITEM_MARKER,
    MEETING_TITLE,
    QUESTION_TITLE,
    contains,
    page_texts,
    pdf_file,
    pdf_text,
    reader,
    run_tool,
)

pytestmark = pytest.mark.django_db

REPORT_TITLE = "گزارش لکه‌گیری معابر اصلی"
GUEST_NAME = ("کامران", "یوسفی")


def _agenda(client, user, meeting):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("meeting_agenda_pdf", args=[meeting.pk]))


def _invite(world):
    Invitation.objects.create(meeting=world.meeting, person=world.member.person)
    guest = PersonFactory(first_name=GUEST_NAME[0], last_name=GUEST_NAME[1], post="کارشناس ترافیک")
    Invitation.objects.create(meeting=world.meeting, person=guest, is_guest=True)


def test_a_member_downloads_the_whole_agenda_with_the_facts_of_the_meeting(client, world, tmp_path):
    response = _agenda(client, world.member, world.meeting)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith('inline; filename="agenda-1403-02-08.pdf"; filename*=UTF-8')
    assert "%DB%B1%DB%B4%DB%B0%DB%B3-%DB%B0%DB%B2-%DB%B0%DB%B8" in disposition  # ۱۴۰۳-۰۲-۰۸

    info = run_tool("pdfinfo", str(pdf_file(response.content, tmp_path, "agenda.pdf")))
    assert info.returncode == 0, info.stderr
    assert reader(response.content).metadata.title == f"دستور جلسه — {MEETING_TITLE}"
    text = pdf_text(response.content, tmp_path)
    for expected in (
        "بسمه تعالی",
        "کارگروه رسانه عمرانی و ترافیکی",
        MEETING_TITLE,
        "جلسه شماره ۱ سال ۱۴۰۳",
        "شنبه ۸ اردیبهشت ۱۴۰۳",
        "۱۰:۰۰ / ۱۲:۰۰",
        "سالن جلسات شهرداری",
        REPORT_TITLE,
        QUESTION_TITLE,
        f"بند داخلی {INTERNAL_ITEM_MARKER}",
        "این نسخه بندهای درونی دارد",
    ):
        assert contains(text, expected), expected
    # The items in the agenda's order.
    compact_text = text.replace("\n", " ")
    assert compact_text.index(REPORT_TITLE.split()[0]) < compact_text.index(INTERNAL_ITEM_MARKER)
    # The page number in Persian digits in the footer.
    assert all(contains(page, "صفحه ۱ از ۱") for page in page_texts(response.content, tmp_path))
    # Nothing of the minutes: no discussion, no decisions.
    assert not contains(text, "لکه‌گیری ۱۲ خیابان اصلی پایان یافته")


def test_the_invitees_are_listed_for_members_with_the_guests_apart(client, world, tmp_path):
    _invite(world)
    text = pdf_text(_agenda(client, world.member, world.meeting).content, tmp_path)
    assert contains(text, "دعوت‌شدگان") and contains(text, "مدعوین")
    assert contains(text, "رضا احمدی") and contains(text, " ".join(GUEST_NAME))


def test_someone_the_meeting_is_not_internal_to_gets_no_internal_item_nor_invitees(
    client, world, published, tmp_path
):
    _invite(world)
    response = _agenda(client, world.other_chair, world.meeting)
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    # The public items, as the meeting page shows them once the minutes are published.
    assert contains(text, REPORT_TITLE) and contains(text, QUESTION_TITLE)
    assert INTERNAL_ITEM_MARKER not in text and not contains(text, "درونی")
    assert not contains(text, "دعوت‌شدگان") and not contains(text, " ".join(GUEST_NAME))


def test_before_publication_an_outsider_reads_that_the_items_are_not_public_yet(
    client, world, tmp_path
):
    text = pdf_text(_agenda(client, world.other_chair, world.meeting).content, tmp_path)
    assert contains(text, MEETING_TITLE) and contains(text, "شنبه ۸ اردیبهشت ۱۴۰۳")
    assert not contains(text, REPORT_TITLE) and INTERNAL_ITEM_MARKER not in text
    assert contains(text, "پس از انتشار صورتجلسه به‌طور عمومی منتشر می‌شود")


def test_without_a_viewer_the_paper_carries_the_public_items_only(world, tmp_path):
    """What an invitation email attaches: the public agenda, before any publication."""
    text = pdf_text(render_agenda_pdf(world.meeting), tmp_path)
    assert contains(text, REPORT_TITLE) and contains(text, QUESTION_TITLE)
    assert INTERNAL_ITEM_MARKER not in text
    assert not contains(text, "دعوت‌شدگان")


def test_a_meeting_the_user_may_not_see_is_404(client, world):
    Meeting.objects.filter(pk=world.meeting.pk).update(is_public=False)
    assert _agenda(client, world.other_chair, world.meeting).status_code == 404
    assert client.get(reverse("meeting_agenda_pdf", args=[987654])).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, world):
    response = _agenda(client, None, world.meeting)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_rejects_post(client, world):
    client.force_login(world.member)
    assert client.post(reverse("meeting_agenda_pdf", args=[world.meeting.pk])).status_code == 405


# --- the links on the meeting page --------------------------------------------------------


def _meeting_page(client, user, world) -> str:
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("meeting_detail", args=[world.meeting.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["member", "other_chair"])
def test_the_meeting_page_links_the_agenda_pdf_for_those_logged_in(client, world, who):
    page = _meeting_page(client, getattr(world, who), world)
    assert reverse("meeting_agenda_pdf", args=[world.meeting.pk]) in page


def test_the_meeting_page_has_no_agenda_link_for_an_anonymous_visitor(client, world):
    assert reverse("meeting_agenda_pdf", args=[world.meeting.pk]) not in _meeting_page(
        client, None, world
    )


@pytest.mark.parametrize("who", ["chair", "secretariat"])
def test_the_chair_and_the_secretariat_see_the_link_to_the_draft_preview(client, world, who):
    page = _meeting_page(client, getattr(world, who), world)
    assert reverse("minutes_draft_preview", args=[world.minutes.pk]) in page
    # …and the link leads to the preview.
    response = client.get(reverse("minutes_draft_preview", args=[world.minutes.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_a_plain_member_sees_no_link_to_the_draft_preview(client, world):
    page = _meeting_page(client, world.member, world)
    assert reverse("minutes_draft_preview", args=[world.minutes.pk]) not in page


def test_published_minutes_have_no_preview_link(client, world, published):
    page = _meeting_page(client, world.chair, world)
    assert reverse("minutes_draft_preview", args=[published.pk]) not in page
