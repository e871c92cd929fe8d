"""Issue 19: the audit page in words: Persian action names, fields by their verbose names,
values as choice labels, before and after isolated so the arrow reads right to left, and
the time on one line."""

from __future__ import annotations

import pytest
from django.utils import timezone

from committee.models import AuditEntry
from minutes import services
from minutes.audit_display import ACTIONS
from minutes.models import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(world, login):
    meeting = world.past_meeting()
    world.published(meeting)
    decision = meeting.decisions.get()
    services.record_follow_up(
        world.secretariat,
        decision,
        status=Decision.Status.IN_PROGRESS,
        date=timezone.localdate(),
        note="کار آغاز شده است.",
    )
    return login(world.secretariat).get(f"/meetings/{meeting.pk}/audit/").content.decode()


def test_actions_are_named_in_persian_not_by_code(page):
    assert "پیگیری مصوبه" in page
    assert "انتشار صورتجلسه" in page
    assert "decision.follow_up" not in page and "minutes.publish" not in page


def test_fields_and_values_are_in_words_with_the_arrow_between_isolates(page):
    before = Decision.Status.OPEN.label
    after = Decision.Status.IN_PROGRESS.label
    assert (
        f'<dt>وضعیت</dt><dd><del><span class="visually-hidden">پیش از تغییر: </span>'
        f'<bdi>{before}</bdi></del> <span aria-hidden="true">←</span> '
        f'<ins><span class="visually-hidden">پس از تغییر: </span><bdi>{after}</bdi></ins>'
    ) in page
    assert ">in_progress<" not in page and "<dt>status</dt>" not in page


def test_the_time_stays_on_one_line(page):
    assert '<td class="nowrap"><time datetime=' in page


def test_every_action_the_services_write_for_a_meeting_has_a_label(world):
    meeting = world.past_meeting()
    world.published(meeting)
    written = set(AuditEntry.objects.values_list("action", flat=True))
    assert written <= set(ACTIONS)
