"""Every transition of the minutes, allowed and refused: draft → submitted (the chair),
submitted → approved (the chair), approved → published (the secretariat); corrections.

A refusal is a NotAllowed or InvalidTransition with a Persian message, and the row in the
database is exactly as it was (status, timestamps, version, everything)."""

from __future__ import annotations

import pytest

from minutes import services
from minutes.errors import InvalidTransition, NotAllowed, ServiceError
from minutes.models import Meeting, Minutes
from tests.work.support import assert_persian, messages_of, row_of, rows_of

pytestmark = pytest.mark.django_db

SERVICES = {
    "submit": services.submit_minutes,
    "approve": services.approve_minutes,
    "publish": services.publish_minutes,
}
# The state each transition starts from, and who may make it.
SOURCE = {"submit": "draft", "approve": "submitted", "publish": "approved"}
RIGHTFUL = {"submit": "chair", "approve": "chair", "publish": "secretariat"}
REASON = "نام سازمان مسئول در مصوبه ۲ اشتباه ثبت شده بود."


@pytest.fixture
def meeting(world) -> Meeting:
    return world.past_meeting()


def minutes_in(world, meeting: Meeting, state: str) -> Minutes:
    if state == "draft":
        world.record(meeting)
        world.decide(meeting)
        return meeting.latest_minutes()
    return getattr(world, state)(meeting)


def actor(world, name: str):
    return world.anonymous if name == "anonymous" else getattr(world, name)


def refused(service, who, minutes: Minutes, error=ServiceError) -> ServiceError:
    """Call ``service`` expecting ``error``; the row must not have changed at all."""
    before = row_of(minutes)
    with pytest.raises(error) as caught:
        service(who, minutes)
    assert_persian(caught.value.message)
    assert row_of(minutes) == before
    minutes.refresh_from_db()
    assert minutes.status == before["status"]
    assert minutes.version == before["version"]
    return caught.value


# --- Allowed ------------------------------------------------------------------------------


def test_the_chair_submits_the_draft_of_a_held_meeting(world, meeting):
    draft = minutes_in(world, meeting, "draft")
    services.submit_minutes(world.chair, draft)
    draft.refresh_from_db()
    assert draft.status == Minutes.Status.SUBMITTED
    assert draft.submitted_at is not None
    assert draft.approved_at is None and draft.published_at is None


def test_the_chair_approves_submitted_minutes(world, meeting):
    minutes = minutes_in(world, meeting, "submitted")
    services.approve_minutes(world.chair, minutes)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.APPROVED
    assert minutes.approved_at is not None
    assert minutes.approved_by == world.chair
    assert minutes.published_at is None


def test_the_secretariat_publishes_approved_minutes(world, meeting):
    minutes = minutes_in(world, meeting, "approved")
    services.publish_minutes(world.secretariat, minutes)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.PUBLISHED
    assert minutes.published_at is not None
    assert minutes.published_by == world.secretariat
    assert minutes.document_id.endswith("-R1")
    assert minutes.snapshot["decisions"]


# --- Refused: the wrong state -------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "action"),
    [
        ("draft", "publish"),
        ("draft", "approve"),
        ("submitted", "submit"),
        ("submitted", "publish"),
        ("approved", "submit"),
        ("approved", "approve"),
        ("published", "publish"),
        ("published", "approve"),
        ("published", "submit"),
    ],
)
def test_a_transition_from_the_wrong_state_is_refused_in_persian_and_changes_nothing(
    world, meeting, state, action
):
    minutes = minutes_in(world, meeting, state)
    error = refused(SERVICES[action], actor(world, RIGHTFUL[action]), minutes, InvalidTransition)
    assert minutes.get_status_display() in error.message


def test_publishing_twice_is_refused_and_the_first_publication_stands(world, meeting):
    minutes = minutes_in(world, meeting, "published")
    first = row_of(minutes)
    refused(services.publish_minutes, world.secretariat, minutes, InvalidTransition)
    assert row_of(minutes)["published_at"] == first["published_at"]
    assert row_of(minutes)["document_id"] == first["document_id"]


# --- Refused: someone without the right ---------------------------------------------------


@pytest.mark.parametrize("action", ["submit", "approve", "publish"])
@pytest.mark.parametrize("who", ["official", "journalist", "other_chair", "nobody", "anonymous"])
def test_a_transition_by_someone_without_the_right_is_refused(world, meeting, action, who):
    minutes = minutes_in(world, meeting, SOURCE[action])
    refused(SERVICES[action], actor(world, who), minutes, NotAllowed)


def test_the_secretariat_may_not_submit_or_approve_a_workgroups_minutes(world, meeting):
    draft = minutes_in(world, meeting, "draft")
    refused(services.submit_minutes, world.secretariat, draft, NotAllowed)
    services.submit_minutes(world.chair, draft)
    refused(services.approve_minutes, world.secretariat, draft, NotAllowed)


def test_the_chair_may_not_publish(world, meeting):
    approved = minutes_in(world, meeting, "approved")
    refused(services.publish_minutes, world.chair, approved, NotAllowed)


def test_a_chair_of_another_workgroup_cannot_move_this_workgroups_minutes(world, meeting):
    minutes = minutes_in(world, meeting, "submitted")
    refused(services.approve_minutes, world.other_chair, minutes, NotAllowed)
    refused(services.submit_minutes, world.other_chair, minutes, NotAllowed)


# --- The meeting must have been held ----------------------------------------------------


def test_submitting_requires_the_meeting_to_have_been_held(world, meeting):
    # A decision opens the draft, but nobody has recorded the meeting: it is still scheduled.
    world.decide(meeting)
    draft = meeting.latest_minutes()
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.SCHEDULED
    error = refused(services.submit_minutes, world.chair, draft, InvalidTransition)
    assert "حضور و غیاب" in error.message


# --- Through the HTML view --------------------------------------------------------------


def test_the_chair_submits_and_approves_through_the_view(world, meeting, login):
    client = login(world.chair)
    draft = minutes_in(world, meeting, "draft")
    response = client.post(f"/minutes/{draft.pk}/submit/")
    assert response.status_code == 302
    assert response.url == f"/meetings/{meeting.pk}/"
    draft.refresh_from_db()
    assert draft.status == Minutes.Status.SUBMITTED

    response = client.post(f"/minutes/{draft.pk}/approve/", follow=True)
    draft.refresh_from_db()
    assert draft.status == Minutes.Status.APPROVED
    assert "صورتجلسه تأیید شد." in messages_of(response)


def test_the_secretariat_publishes_through_the_view(world, meeting, login):
    minutes = minutes_in(world, meeting, "approved")
    response = login(world.secretariat).post(f"/minutes/{minutes.pk}/publish/")
    assert response.status_code == 302
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.PUBLISHED


@pytest.mark.parametrize(
    ("state", "action"),
    [("draft", "publish"), ("draft", "approve"), ("approved", "submit"), ("published", "publish")],
)
def test_a_refused_transition_in_the_view_shows_the_persian_reason_and_changes_nothing(
    world, meeting, login, state, action
):
    minutes = minutes_in(world, meeting, state)
    before = row_of(minutes)
    client = login(actor(world, RIGHTFUL[action]))
    response = client.post(f"/minutes/{minutes.pk}/{action}/", follow=True)
    assert response.redirect_chain == [(f"/meetings/{meeting.pk}/", 302)]
    shown = messages_of(response)
    assert len(shown) == 1
    assert_persian(shown[0])
    assert "فقط از وضعیت" in shown[0]
    assert row_of(minutes) == before


@pytest.mark.parametrize(
    ("who", "action", "status"),
    [
        ("official", "submit", 403),
        ("journalist", "submit", 403),
        ("secretariat", "submit", 403),
        ("official", "approve", 403),
        ("secretariat", "approve", 403),
        ("chair", "publish", 403),
        ("journalist", "publish", 403),
        ("other_chair", "submit", 404),
        ("other_chair", "approve", 404),
        ("other_chair", "publish", 404),
        ("nobody", "submit", 404),
    ],
)
def test_a_transition_in_the_view_by_someone_without_the_right_is_refused(
    world, meeting, login, who, action, status
):
    minutes = minutes_in(world, meeting, SOURCE[action])
    before = row_of(minutes)
    response = login(getattr(world, who)).post(f"/minutes/{minutes.pk}/{action}/")
    assert response.status_code == status
    if status == 403:
        assert "دسترسی ندارید" in response.content.decode()
    assert row_of(minutes) == before


def test_an_anonymous_visitor_is_sent_to_log_in_and_nothing_changes(world, meeting, client):
    draft = minutes_in(world, meeting, "draft")
    before = row_of(draft)
    response = client.post(f"/minutes/{draft.pk}/submit/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert row_of(draft) == before


def test_the_view_refuses_submitting_minutes_of_a_meeting_not_yet_held(world, meeting, login):
    world.decide(meeting)
    draft = meeting.latest_minutes()
    before = row_of(draft)
    response = login(world.chair).post(f"/minutes/{draft.pk}/submit/", follow=True)
    assert any("حضور و غیاب" in message for message in messages_of(response))
    assert row_of(draft) == before


def test_an_unknown_action_is_not_found(world, meeting, login):
    draft = minutes_in(world, meeting, "draft")
    before = row_of(draft)
    assert login(world.chair).post(f"/minutes/{draft.pk}/delete/").status_code == 404
    assert row_of(draft) == before


# --- Corrections ------------------------------------------------------------------------


def test_a_correction_opens_revision_2_as_a_draft_linked_to_the_published_one(world, meeting):
    published = minutes_in(world, meeting, "published")
    correction = services.issue_correction(world.secretariat, published, f"  {REASON}  ")
    correction.refresh_from_db()
    assert correction.revision == 2
    assert correction.status == Minutes.Status.DRAFT
    assert correction.corrects == published
    assert correction.correction_reason == REASON
    assert correction.summary == published.summary
    assert meeting.latest_minutes() == correction


def test_the_chair_may_issue_a_correction_too(world, meeting):
    published = minutes_in(world, meeting, "published")
    correction = services.issue_correction(world.chair, published, REASON)
    assert correction.revision == 2


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_a_correction_needs_a_reason(world, meeting, reason):
    published = minutes_in(world, meeting, "published")
    before = rows_of(Minutes.objects.filter(meeting=meeting))
    with pytest.raises(ServiceError) as caught:
        services.issue_correction(world.secretariat, published, reason)
    assert caught.value.field == "reason"
    assert_persian(caught.value.message)
    assert rows_of(Minutes.objects.filter(meeting=meeting)) == before


def test_a_second_open_correction_is_refused(world, meeting):
    published = minutes_in(world, meeting, "published")
    services.issue_correction(world.secretariat, published, REASON)
    with pytest.raises(InvalidTransition) as caught:
        services.issue_correction(world.secretariat, published, "علت دیگر")
    assert_persian(caught.value.message)
    assert Minutes.objects.filter(meeting=meeting).count() == 2


def test_only_published_minutes_can_be_corrected(world, meeting):
    approved = minutes_in(world, meeting, "approved")
    with pytest.raises(InvalidTransition) as caught:
        services.issue_correction(world.secretariat, approved, REASON)
    assert_persian(caught.value.message)
    assert Minutes.objects.filter(meeting=meeting).count() == 1


def test_others_may_not_issue_a_correction(world, meeting):
    published = minutes_in(world, meeting, "published")
    for who in (world.official, world.journalist, world.other_chair, world.anonymous):
        with pytest.raises(NotAllowed):
            services.issue_correction(who, published, REASON)
    assert Minutes.objects.filter(meeting=meeting).count() == 1


def test_publishing_revision_2_leaves_revision_1_published_and_unchanged(world, meeting):
    first = minutes_in(world, meeting, "published")
    stored_first = row_of(first)
    decision = meeting.decisions.get()
    old_text = decision.text

    correction = services.issue_correction(world.secretariat, first, REASON)
    services.update_decision(
        world.chair,
        decision,
        expected_version=None,
        text="سازمان حمل و نقل گزارش لکه‌گیری معابر را تا پایان ماه ارائه کند.",
    )
    services.submit_minutes(world.chair, correction)
    services.approve_minutes(world.chair, correction)
    services.publish_minutes(world.secretariat, correction)

    correction.refresh_from_db()
    assert correction.status == Minutes.Status.PUBLISHED
    assert correction.document_id.endswith("-R2")
    assert correction.snapshot["decisions"][0]["text"].startswith("سازمان حمل و نقل")
    assert row_of(first) == stored_first
    assert first.status == Minutes.Status.PUBLISHED
    assert row_of(first)["snapshot"]["decisions"][0]["text"] == old_text


def test_a_correction_through_the_view(world, meeting, login):
    published = minutes_in(world, meeting, "published")
    client = login(world.secretariat)
    response = client.post(f"/minutes/{published.pk}/correct/", {"reason": ""})
    assert response.status_code == 200
    assert Minutes.objects.filter(meeting=meeting).count() == 1
    response = client.post(f"/minutes/{published.pk}/correct/", {"reason": REASON})
    assert response.status_code == 302
    correction = meeting.latest_minutes()
    assert (correction.revision, correction.corrects_id) == (2, published.pk)
