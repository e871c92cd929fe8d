"""A published meeting and a draft one, each with one row of every record model the admin
shows, built through the services where they exist (shared by the admin tests)."""

from __future__ import annotations

from minutes import services
from minutes.models import (
    AgendaItem,
    Attendance,
    Decision,
    FollowUp,
    Invitation,
    Meeting,
    Minutes,
    Question,
)

RECORD_MODELS = (Meeting, AgendaItem, Attendance, Invitation, Question, Decision, FollowUp, Minutes)


def _side_rows(world, meeting: Meeting) -> None:
    # Invitations and questions belong to meetings still to come; rows made directly here
    # stand for ones made before the meeting.
    Invitation.objects.create(meeting=meeting, person=world.person(world.official))
    Question.objects.create(
        meeting=meeting,
        author=world.person(world.journalist),
        title="زمان پایان تعریض خیابان",
        text="زمان پایان عملیات تعریض خیابان چه موقع است؟",
    )


def build_records(world) -> dict[str, dict[type, object]]:
    """{"published": {model: row}, "draft": {model: row}}. A draft decision has no
    follow-up (they are recorded after publication), so the draft side has none."""
    published = world.past_meeting()
    _side_rows(world, published)
    world.published(published)
    decision = published.decisions.get()
    services.record_follow_up(world.secretariat, decision, status="in_progress", note="آغاز شد.")

    draft = world.past_meeting()
    _side_rows(world, draft)
    world.record(draft)
    world.decide(draft)

    def rows(meeting: Meeting, with_follow_up: bool) -> dict[type, object]:
        found = {
            Meeting: meeting,
            AgendaItem: meeting.agenda_items.first(),
            Attendance: meeting.attendances.first(),
            Invitation: meeting.invitations.first(),
            Question: meeting.questions.first(),
            Decision: meeting.decisions.first(),
            Minutes: meeting.latest_minutes(),
        }
        if with_follow_up:
            found[FollowUp] = FollowUp.objects.filter(decision__meeting=meeting).first()
        assert all(found.values()), found
        return found

    return {"published": rows(published, True), "draft": rows(draft, False)}


def admin_url(model, action: str, obj=None) -> str:
    opts = model._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    return base + ("add/" if action == "add" else f"{obj.pk}/{action}/")


# What a refused POST would have changed, were it accepted.
CHANGES = {
    "title": "عنوانی که از راه مدیریت نوشته شد",
    "text": "متنی که از راه مدیریت نوشته شد",
    "summary": "خلاصه‌ای که از راه مدیریت نوشته شد",
    "status": "published",
    "note": "یادداشتی از راه مدیریت",
    "response": "accepted",
}
