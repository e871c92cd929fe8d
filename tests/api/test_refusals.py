"""Correct refusals: a role that may not do an action is told who may (the service's own
message), never DRF's or the project's generic «شما اجازه…»; a method an endpoint lacks
is a 405 for everyone, a superuser included."""

from __future__ import annotations

import pytest

from tests.api.conftest import API

pytestmark = pytest.mark.django_db

GENERIC = ("شما اجازه", "You do not have permission", "You are not allowed")


def _refusal(response, expected: str) -> None:
    assert response.status_code == 403, response.content[:300]
    body = response.json()
    assert body["code"] == "permission_denied"
    for text in GENERIC:
        assert text not in body["detail"], body
    assert expected in body["detail"], body


def test_the_workflow_refusals_name_who_may(world, client_for):
    meeting = world.past_meeting()
    submitted = world.submitted(meeting)
    secretariat = client_for(world.secretariat)
    _refusal(
        secretariat.post(f"{API}/minutes/{submitted.pk}/approve/"),
        "فقط رییس جلسه صورتجلسه را تأیید می‌کند.",
    )
    approved_meeting = world.past_meeting()
    approved = world.approved(approved_meeting)
    _refusal(
        client_for(world.chair).post(f"{API}/minutes/{approved.pk}/publish/"),
        "فقط دبیرخانه صورتجلسه را منتشر می‌کند.",
    )
    draft_meeting = world.past_meeting()
    draft = world.record(draft_meeting)
    _refusal(
        client_for(world.official).post(f"{API}/minutes/{draft.pk}/submit/"),
        "فقط رییس جلسه صورتجلسه را ارسال می‌کند.",
    )


def test_the_meeting_and_agenda_refusals_name_who_may(world, client_for):
    meeting = world.future_meeting()
    chair = client_for(world.chair)
    _refusal(
        chair.patch(f"{API}/meetings/{meeting.pk}/", {"location": "جای دیگر"}),
        "فقط دبیرخانه کمیته جلسه را تغییر می‌دهد.",
    )
    _refusal(
        chair.post(f"{API}/meetings/{meeting.pk}/cancel/", {"reason": "دلیل"}),
        "فقط دبیرخانه کمیته جلسه را لغو می‌کند.",
    )
    _refusal(
        chair.post(f"{API}/meetings/{meeting.pk}/invite/", {}),
        "فقط دبیرخانه کمیته دعوت‌نامه می‌فرستد.",
    )
    _refusal(
        chair.post(f"{API}/agenda-items/", {"meeting": meeting.pk, "title": "بند"}),
        "دستور جلسه را فقط دبیرخانه کمیته تنظیم می‌کند.",
    )
    item = meeting.agenda_items.first()
    if item is not None:
        _refusal(
            chair.delete(f"{API}/agenda-items/{item.pk}/"),
            "دستور جلسه را فقط دبیرخانه کمیته تنظیم می‌کند.",
        )


def test_the_refusal_is_english_when_asked(world, client_for):
    meeting = world.past_meeting()
    submitted = world.submitted(meeting)
    response = client_for(world.secretariat).post(
        f"{API}/minutes/{submitted.pk}/approve/", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 403
    detail = response.json()["detail"]
    assert not any("\u0600" <= ch <= "\u06ff" for ch in detail), detail


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("put", "committees/"),
        ("post", "invitations/"),
        ("post", "questions/1/"),
        ("put", "meetings/1/"),
        ("delete", "minutes/1/"),
        ("post", ""),
    ],
)
def test_a_missing_method_is_a_405_even_for_a_superuser(world, client_for, method, path):
    response = getattr(client_for(world.superuser), method)(f"{API}/{path}", {})
    assert response.status_code == 405, response.content[:200]
    assert response.json()["code"] == "method_not_allowed"
