"""Journey 3 in the browser: a meeting that starts within the hour; the journalist proposes
a question, the secretariat accepts it; chair-2 records attendance, the answer, the
discussion and the summary, adds two decisions with Jalali deadlines, submits and approves;
the secretariat publishes. The steps run in the `published_meeting` stage (conftest.py),
which the citizen's journey builds on; this test checks what they left behind."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from persian.jalali import format_date
from tests.e2e.steps import ANSWER, DECISIONS, QUESTION_TITLE, SUMMARY

pytestmark = pytest.mark.e2e


def test_chair_records_decides_and_approves_then_the_secretariat_publishes(
    published_meeting, pages, server
):
    meeting = published_meeting.meeting

    chair = pages.open("chair-2")
    chair.goto(server(meeting.path))
    minutes = chair.locator("#minutes")
    expect(minutes).to_contain_text("منتشرشده")
    expect(minutes).to_contain_text(SUMMARY)
    # Published minutes are frozen: no more recording, only a correction.
    expect(chair.get_by_role("button", name="ارسال برای تأیید")).to_have_count(0)
    expect(chair.get_by_role("link", name="صدور اصلاحیه")).to_be_visible()
    attendance = chair.locator("table").filter(has_text="وضعیت حضور")
    expect(attendance).to_contain_text("حاضر")
    expect(attendance).to_contain_text("غیبت موجه")

    # Anyone now reads the answer and the decisions with their Jalali deadlines.
    visitor = pages.open()
    visitor.goto(server(meeting.path))
    main = visitor.locator("main")
    expect(main).to_contain_text(QUESTION_TITLE)
    expect(main).to_contain_text(ANSWER)
    for text, deadline in zip(DECISIONS, published_meeting.deadlines, strict=True):
        row = visitor.locator("table tbody tr").filter(has_text=text)
        expect(row).to_contain_text(format_date(deadline, lang="fa"))
