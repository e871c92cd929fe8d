"""Issue 19: an accepted journalist's question is on the agenda as the meeting's press item
(an item of the press kind), and the published page prints its title once."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from minutes import services
from minutes.models import AgendaItem, Meeting, Question

pytestmark = pytest.mark.django_db

TITLE = "زمان پایان عملیات تعریض خیابان سعدی"


def test_the_published_page_prints_an_accepted_questions_title_once(world, client):
    meeting = world.future_meeting()
    question = services.propose_question(
        world.journalist,
        meeting,
        kind=Question.Kind.QUESTION,
        title=TITLE,
        text="عملیات تعریض کی به پایان می‌رسد؟",
    )
    item = services.accept_question(world.secretariat, question)
    assert item.kind == AgendaItem.Kind.QUESTION  # the press kind
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    meeting.refresh_from_db()
    minutes = world.published(meeting)
    html = client.get(f"/archive/{minutes.document_id}/").content.decode()
    agenda = html[html.index('class="agenda"') :]
    agenda = agenda[: agenda.index("</ol>")]
    assert agenda.count(TITLE) == 1


SHORT_TITLE = "تعریض سعدی"
SHORT_TEXT = "پایان عملیات کی است؟"


def _accepted(world, meeting):
    question = services.propose_question(
        world.journalist, meeting, kind=Question.Kind.QUESTION, title=SHORT_TITLE, text=SHORT_TEXT
    )
    return question, services.accept_question(world.secretariat, question)


def _held_and_published(world, meeting):
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    meeting.refresh_from_db()
    return world.published(meeting)


def test_an_accepted_question_goes_under_the_meetings_press_item(world):
    meeting = world.future_meeting()
    press = services.add_agenda_item(
        world.secretariat, meeting, title="پرسش‌های اصحاب رسانه", kind=AgendaItem.Kind.QUESTION
    )
    items = meeting.agenda_items.count()
    question, item = _accepted(world, meeting)
    assert item == press
    assert meeting.agenda_items.count() == items  # no new item
    question.refresh_from_db()
    assert question.agenda_item == press
    press.refresh_from_db()
    assert press.title == "پرسش‌های اصحاب رسانه"


def test_a_second_question_gets_its_own_item_when_the_press_item_is_taken(world):
    meeting = world.future_meeting()
    services.add_agenda_item(
        world.secretariat, meeting, title="پرسش‌های اصحاب رسانه", kind=AgendaItem.Kind.QUESTION
    )
    _accepted(world, meeting)
    second = services.propose_question(
        world.journalist, meeting, kind=Question.Kind.QUESTION, title="پل سپیدرود", text="کی؟"
    )
    item = services.accept_question(world.secretariat, second)
    assert item.title == "پل سپیدرود"


@pytest.mark.parametrize("press_item", [False, True])
def test_the_minutes_pdf_prints_a_questions_title_and_text_once(world, tmp_path, press_item):
    from minutes.publication.pdf import render_minutes_pdf
    from tests.pdf.conftest import pdf_text

    meeting = world.future_meeting()
    if press_item:
        services.add_agenda_item(
            world.secretariat, meeting, title="پرسش‌های اصحاب رسانه", kind=AgendaItem.Kind.QUESTION
        )
    _accepted(world, meeting)
    minutes = _held_and_published(world, meeting)
    text = pdf_text(render_minutes_pdf(minutes.snapshot), tmp_path)
    assert text.count("سعدی") == 1 + (0 if press_item else 1), text  # the agenda list, once below
    assert text.count("عملیات کی") == 1, text


def test_the_published_page_shows_a_question_under_the_press_item_once(world, client):
    meeting = world.future_meeting()
    services.add_agenda_item(
        world.secretariat, meeting, title="پرسش‌های اصحاب رسانه", kind=AgendaItem.Kind.QUESTION
    )
    _accepted(world, meeting)
    minutes = _held_and_published(world, meeting)
    html = client.get(f"/archive/{minutes.document_id}/").content.decode()
    assert html.count(SHORT_TITLE) == 1 and html.count(SHORT_TEXT) == 1
