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
