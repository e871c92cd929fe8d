"""Journalists' questions: a journalist member of the workgroup proposes one for an upcoming
meeting; the secretariat puts it on the agenda or declines it with a reason the journalist
sees; the chair records the answer given in the meeting."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from minutes import services
from minutes.errors import InvalidTransition, NotAllowed, ServiceError
from minutes.models import AgendaItem, Meeting, Question
from tests.work.support import assert_persian, form_data, messages_of, row_of

pytestmark = pytest.mark.django_db

TITLE = "زمان پایان عملیات تعریض خیابان سعدی"
TEXT = "عملیات تعریض خیابان سعدی از دو سال پیش آغاز شده است؛ زمان پایان آن چه موقع است؟"
REASON = "این موضوع در دستور جلسه هفته آینده کارگروه شهرسازی است."
ANSWER = "پیمانکار تا پایان خرداد کار را تحویل می‌دهد."


@pytest.fixture
def meeting(world) -> Meeting:
    return world.future_meeting()


def propose(world, meeting, **fields) -> Question:
    fields = {"kind": Question.Kind.QUESTION, "title": TITLE, "text": TEXT, **fields}
    return services.propose_question(world.journalist, meeting, **fields)


# --- Proposing ----------------------------------------------------------------------------


def test_a_journalist_member_proposes_a_question_for_an_upcoming_meeting(world, meeting):
    question = propose(world, meeting, title=f"  {TITLE} ", text=f"\n{TEXT}  ")
    question.refresh_from_db()
    assert question.status == Question.Status.PROPOSED
    assert question.author == world.person(world.journalist)
    assert (question.title, question.text) == (TITLE, TEXT)
    assert question.meeting == meeting
    assert question.agenda_item is None


def test_a_journalist_member_proposes_through_the_view(world, meeting, login):
    client = login(world.journalist)
    url = f"/meetings/{meeting.pk}/questions/new/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"kind": "problem", "title": TITLE, "text": TEXT}, follow=True)
    assert response.redirect_chain == [(f"/meetings/{meeting.pk}/", 302)]
    assert_persian(messages_of(response)[0])
    question = Question.objects.get(meeting=meeting)
    assert (question.kind, question.author.user) == ("problem", world.journalist)


@pytest.mark.parametrize("who", ["official", "chair", "secretariat"])
def test_a_member_who_is_not_a_journalist_may_not_propose(world, meeting, login, who):
    client = login(getattr(world, who))
    url = f"/meetings/{meeting.pk}/questions/new/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"kind": "question", "title": TITLE, "text": TEXT}).status_code == 403
    with pytest.raises(NotAllowed) as caught:
        services.propose_question(
            getattr(world, who), meeting, kind="question", title=TITLE, text=TEXT
        )
    assert_persian(caught.value.message)
    assert not Question.objects.exists()


def test_a_journalist_of_another_workgroup_does_not_find_the_form(world, meeting, login):
    # The meeting is announced publicly, but its question form is internal to the workgroup.
    assert meeting.is_public
    client = login(world.other_journalist)
    url = f"/meetings/{meeting.pk}/questions/new/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"kind": "question", "title": TITLE, "text": TEXT}).status_code == 404
    with pytest.raises(NotAllowed):
        services.propose_question(
            world.other_journalist, meeting, kind="question", title=TITLE, text=TEXT
        )
    assert not Question.objects.exists()


def test_an_anonymous_visitor_is_sent_to_log_in(world, meeting, client):
    response = client.post(
        f"/meetings/{meeting.pk}/questions/new/", {"kind": "question", "title": TITLE, "text": TEXT}
    )
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert not Question.objects.exists()


def test_no_question_for_a_meeting_that_has_started(world):
    meeting = world.past_meeting()
    with pytest.raises(InvalidTransition) as caught:
        propose(world, meeting)
    assert_persian(caught.value.message)
    assert not Question.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"text": ""}, "text"),
        ({"text": " \n "}, "text"),
        ({"text": "ب" * 4001}, "text"),
        ({"title": "ع" * 301}, "title"),
    ],
)
def test_an_empty_or_too_long_question_is_refused_in_persian(world, meeting, fields, field):
    with pytest.raises(ServiceError) as caught:
        propose(world, meeting, **fields)
    assert caught.value.field == field
    assert_persian(caught.value.message)
    assert not Question.objects.exists()


def test_a_text_of_exactly_4000_characters_is_accepted(world, meeting):
    assert len(propose(world, meeting, text="پ" * 4000).text) == 4000


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"title": "", "text": TEXT}, "title"),
        ({"title": TITLE, "text": ""}, "text"),
        ({"title": TITLE, "text": "ب" * 4001}, "text"),
    ],
)
def test_the_view_shows_a_persian_error_and_stores_nothing(world, meeting, login, data, field):
    response = login(world.journalist).post(
        f"/meetings/{meeting.pk}/questions/new/", {"kind": "question", **data}
    )
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert_persian(errors[0])
    assert not Question.objects.exists()


# --- Accepting and declining ---------------------------------------------------------------


def test_the_secretariat_accepts_a_question_onto_the_end_of_the_agenda(world, meeting):
    question = propose(world, meeting)
    last = meeting.agenda_items.order_by("-order").first().order
    item = services.accept_question(world.secretariat, question)
    item.refresh_from_db()
    question.refresh_from_db()
    assert item.kind == AgendaItem.Kind.QUESTION
    assert item.presenter == world.person(world.journalist)
    assert (item.title, item.description) == (TITLE, TEXT)
    assert item.order == last + 1
    assert list(meeting.agenda_items.order_by("order"))[-1] == item
    assert question.status == Question.Status.ACCEPTED
    assert question.agenda_item == item
    assert question.decided_by == world.secretariat
    assert question.decided_at is not None


def test_a_city_problem_becomes_a_problem_item(world, meeting):
    question = propose(world, meeting, kind=Question.Kind.PROBLEM)
    assert services.accept_question(world.secretariat, question).kind == AgendaItem.Kind.PROBLEM


def test_the_secretariat_accepts_through_the_view(world, meeting, login):
    question = propose(world, meeting)
    client = login(world.secretariat)
    assert client.get(f"/questions/{question.pk}/accept/").status_code == 404  # POST only
    response = client.post(f"/questions/{question.pk}/accept/")
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == Question.Status.ACCEPTED


def test_the_secretariat_declines_with_a_reason_the_journalist_sees(world, meeting, login):
    question = propose(world, meeting)
    services.decline_question(world.secretariat, question, f"  {REASON}  ")
    question.refresh_from_db()
    assert (question.status, question.decline_reason) == (Question.Status.DECLINED, REASON)
    assert not meeting.agenda_items.filter(kind=AgendaItem.Kind.QUESTION).exists()

    page = login(world.journalist).get("/dashboard/")
    assert page.status_code == 200
    html = page.content.decode()
    assert TITLE in html
    assert REASON in html


def test_the_secretariat_declines_through_the_view(world, meeting, login):
    question = propose(world, meeting)
    client = login(world.secretariat)
    url = f"/questions/{question.pk}/decline/"
    response = client.post(url, {"reason": ""})
    assert response.status_code == 200
    question.refresh_from_db()
    assert question.status == Question.Status.PROPOSED
    assert client.post(url, {"reason": REASON}).status_code == 302
    question.refresh_from_db()
    assert (question.status, question.decline_reason) == (Question.Status.DECLINED, REASON)


@pytest.mark.parametrize("reason", ["", "   "])
def test_declining_requires_a_reason(world, meeting, reason):
    question = propose(world, meeting)
    before = row_of(question)
    with pytest.raises(ServiceError) as caught:
        services.decline_question(world.secretariat, question, reason)
    assert caught.value.field == "reason"
    assert_persian(caught.value.message)
    assert row_of(question) == before


@pytest.mark.parametrize(
    ("first", "second"),
    [("accept", "accept"), ("accept", "decline"), ("decline", "accept"), ("decline", "decline")],
)
def test_a_question_cannot_be_decided_twice(world, meeting, first, second):
    question = propose(world, meeting)

    def decide(action):
        if action == "accept":
            return services.accept_question(world.secretariat, question)
        return services.decline_question(world.secretariat, question, REASON)

    decide(first)
    before = row_of(question), meeting.agenda_items.count()
    with pytest.raises(InvalidTransition) as caught:
        decide(second)
    assert_persian(caught.value.message)
    assert (row_of(question), meeting.agenda_items.count()) == before


def test_a_question_cannot_be_put_on_the_agenda_of_a_meeting_already_held(world, meeting):
    question = propose(world, meeting)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=2)
    )
    world.record(Meeting.objects.get(pk=meeting.pk))
    question.refresh_from_db()
    agenda = list(meeting.agenda_items.values_list("pk", flat=True))
    with pytest.raises(InvalidTransition) as caught:
        services.accept_question(world.secretariat, question)
    assert_persian(caught.value.message)
    assert list(meeting.agenda_items.values_list("pk", flat=True)) == agenda
    question.refresh_from_db()
    assert question.status == Question.Status.PROPOSED
    # Declining it, with a reason, is still possible.
    services.decline_question(world.secretariat, question, REASON)


def test_only_the_secretariat_decides(world, meeting, login):
    question = propose(world, meeting)
    for who in (world.chair, world.journalist, world.official, world.other_chair):
        with pytest.raises(NotAllowed):
            services.accept_question(who, question)
        with pytest.raises(NotAllowed):
            services.decline_question(who, question, REASON)
    assert login(world.chair).post(f"/questions/{question.pk}/accept/").status_code == 403
    assert login(world.other_chair).post(f"/questions/{question.pk}/accept/").status_code == 404
    question.refresh_from_db()
    assert question.status == Question.Status.PROPOSED


# --- The answer -------------------------------------------------------------------------


def test_the_chair_records_the_answer_through_the_record_form(world, meeting, login):
    question = propose(world, meeting)
    item = services.accept_question(world.secretariat, question)
    # The day of the meeting comes (the clock is simulated by moving the meeting).
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=30)
    )

    client = login(world.chair)
    url = f"/meetings/{meeting.pk}/record/"
    form = client.get(url).context["form"]
    assert f"ans_{item.pk}" in form.fields
    data = form_data(
        form, **{f"ans_{item.pk}": f" {ANSWER} ", f"disc_{item.pk}": "خبرنگار پرسش را طرح کرد."}
    )
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.answer == ANSWER
    assert item.discussion == "خبرنگار پرسش را طرح کرد."

    minutes = world.published(Meeting.objects.get(pk=meeting.pk))
    (entry,) = [e for e in minutes.snapshot["agenda"] if e["id"] == item.pk]
    assert entry["answer"] == ANSWER
    assert entry["question"]["title"] == TITLE
