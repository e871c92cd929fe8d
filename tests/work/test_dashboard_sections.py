"""Issue 19: the journalist's and the member's dashboards give each part its own heading."""

from __future__ import annotations

import re

import pytest

from minutes import services
from minutes.models import Question

pytestmark = pytest.mark.django_db


def headings(html: str, level: int) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", h).strip()
        for h in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html)
    ]


def test_the_journalists_questions_card_has_a_heading_per_part(world, login):
    meeting = world.future_meeting()
    services.propose_question(
        world.journalist, meeting, kind=Question.Kind.QUESTION, title="پرسش آزمایشی", text="متن"
    )
    html = login(world.journalist).get("/dashboard/").content.decode()
    assert {"دعوت‌نامه‌های من", "پرسش‌های من"} <= set(headings(html, 2))
    assert {"طرح پرسش تازه", "پرسش‌هایی که فرستاده‌اید"} <= set(headings(html, 3))
    assert 'class="card-subsection"' in html  # the second part is set apart


def test_every_dashboard_section_is_labelled_by_its_heading(world, login):
    html = login(world.official).get("/dashboard/").content.decode()
    for label in re.findall(r'<section class="section" aria-labelledby="([^"]+)"', html):
        assert f'id="{label}"' in html
