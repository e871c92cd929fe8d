"""Journey 2 in the browser: a journalist of the civil-works workgroup (press-2) proposes a
question for the meeting the secretariat scheduled; the secretariat accepts it and it joins
the agenda."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e import steps
from tests.e2e.steps import QUESTION_TITLE, agenda_titles

pytestmark = pytest.mark.e2e


def test_journalist_proposes_a_question_and_the_secretariat_accepts_it(
    civil_meeting, pages, server, shots
):
    journalist = pages.open("press-2")
    steps.propose_question(journalist, server, civil_meeting, shots)

    secretariat = pages.open("secretariat")
    steps.accept_question(secretariat, server, civil_meeting, shots)

    journalist.reload()
    card = journalist.locator("#questions li").filter(has_text=QUESTION_TITLE)
    expect(card).to_contain_text("پذیرفته و در دستور جلسه")
    expect(agenda_titles(journalist).last).to_have_text(QUESTION_TITLE)
