"""Notifications: who is told what, in the dashboard and by email, when a question is
decided, minutes move through their workflow, someone is made responsible for a decision or
a follow-up is recorded on it; nobody hears of their own action, of something they may not
see, or of a change that was rolled back; email choices are honoured, invitations always go."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from committee.models import Person
from minutes import services
from minutes.models import Decision, EmailPreferences, Meeting, Notification, OutboxEmail
from tests.factories import PersonFactory, UserFactory
from tests.work.support import assert_persian

pytestmark = pytest.mark.django_db

PERSIAN_DIGIT = re.compile(r"[۰-۹]")


class Rollback(Exception):
    pass


def notified(user_or_person, kind=None) -> list[Notification]:
    person = user_or_person if isinstance(user_or_person, Person) else user_or_person.person
    rows = Notification.objects.filter(person=person)
    if kind:
        rows = rows.filter(kind=kind)
    return list(rows)


def emails_to(user_or_person, kind=None) -> list[OutboxEmail]:
    person = user_or_person if isinstance(user_or_person, Person) else user_or_person.person
    rows = OutboxEmail.objects.filter(person=person)
    if kind:
        rows = rows.filter(kind=kind)
    return list(rows)


def sent_to(address: str):
    return [m for m in mail.outbox if address in m.to]


def html_of(message) -> str:
    return next(body for body, kind in message.alternatives if kind == "text/html")


def outsider(username="outsider", **fields) -> Person:
    """Someone with a login who sits on no workgroup of the meeting's (an official elsewhere)."""
    return PersonFactory(
        user=UserFactory(username=username), email=f"{username}@example.org", **fields
    )


@pytest.fixture
def question(world):
    meeting = world.future_meeting(title="جلسه ترافیک")
    return services.propose_question(
        world.journalist,
        meeting,
        kind="question",
        title="زمان بازگشایی پل",
        text="پل چه زمانی بازگشایی می‌شود؟",
    )


# --- Questions ------------------------------------------------------------------------------


def test_the_author_hears_their_question_was_accepted(
    world, question, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_question(world.secretariat, question)
    [entry] = notified(world.journalist)
    assert entry.kind == Notification.Kind.QUESTION_ACCEPTED
    assert "زمان بازگشایی پل" in entry.text and "جلسه ترافیک" in entry.text
    assert entry.link == f"{question.meeting.get_absolute_url()}#questions"
    [message] = sent_to("press-2@example.org")
    assert "در دستور جلسه قرار گرفت" in message.subject
    assert "زمان بازگشایی پل" in message.body
    html = html_of(message)
    assert 'dir="rtl"' in html and "زمان بازگشایی پل" in html
    assert f"{question.meeting.get_absolute_url()}#questions" in html
    # The secretariat, who accepted it, hears nothing of its own action.
    assert notified(world.secretariat) == []
    assert len(mail.outbox) == 1


def test_a_declined_question_tells_its_author_why(
    world, question, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.decline_question(world.secretariat, question, "در حوزه این کارگروه نیست.")
    [entry] = notified(world.journalist)
    assert entry.kind == Notification.Kind.QUESTION_DECLINED
    assert "در حوزه این کارگروه نیست." in entry.text
    [message] = sent_to("press-2@example.org")
    assert "پذیرفته نشد" in message.subject
    assert "علت: در حوزه این کارگروه نیست." in message.body
    assert "در حوزه این کارگروه نیست." in html_of(message)
    assert_persian(message.subject)


# --- Minutes ------------------------------------------------------------------------------


def test_submitted_minutes_reach_the_secretariat_and_the_preview_the_members_present(
    world, django_capture_on_commit_callbacks, login
):
    meeting = world.past_meeting(title="جلسه آسفالت")
    world.record(meeting)
    world.decide(meeting)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        minutes = services.submit_minutes(world.chair, meeting.latest_minutes())
    [entry] = notified(world.secretariat)
    assert entry.kind == Notification.Kind.MINUTES_SUBMITTED
    assert "جلسه آسفالت" in entry.text and entry.link == meeting.get_absolute_url()
    [message] = sent_to("secretariat@example.org")
    assert "برای تأیید فرستاده شد" in message.subject

    preview = reverse("minutes_draft_preview", args=[minutes.pk])
    for member in (world.official, world.journalist):
        [entry] = notified(member)
        assert entry.kind == Notification.Kind.MINUTES_DRAFT and entry.link == preview
        [message] = sent_to(f"{member.username}@example.org")
        assert f"http://testserver{preview}" in message.body or preview in message.body
        assert preview in html_of(message)
    # The chair submitted it; the other workgroup was not there.
    assert notified(world.chair) == []
    assert notified(world.other_chair) == notified(world.other_journalist) == []
    # The link works for the member present who received it.
    response = login(world.official).get(preview)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_a_member_not_present_gets_no_preview_link(world, django_capture_on_commit_callbacks):
    meeting = world.past_meeting()
    attendance = {e.person.pk: "present" for e in services.expected_attendance(meeting)} | {
        world.person(world.journalist).pk: {"status": "excused", "excuse": "بیماری"}
    }
    services.record_meeting(world.chair, meeting, expected_version=None, attendance=attendance)
    world.decide(meeting)
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_minutes(world.chair, meeting.latest_minutes())
    assert notified(world.journalist) == []
    assert notified(world.official, Notification.Kind.MINUTES_DRAFT)


def test_approved_minutes_reach_the_secretariat(world, django_capture_on_commit_callbacks):
    meeting = world.past_meeting(title="جلسه آسفالت")
    minutes = world.submitted(meeting)
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_minutes(world.chair, minutes)
    assert [n.kind for n in Notification.objects.all()] == [Notification.Kind.MINUTES_APPROVED]
    [entry] = notified(world.secretariat)
    assert "آماده انتشار" in entry.text
    [message] = mail.outbox
    assert message.to == ["secretariat@example.org"]
    assert "آماده انتشار" in message.subject and "آماده انتشار" in html_of(message)


def test_published_minutes_reach_the_members_and_those_responsible(world):
    """The body's members and an outsider responsible for a public decision hear of the
    publication, the outsider with their decision; an outsider responsible only for an
    internal decision hears nothing."""
    meeting = world.past_meeting(title="جلسه آسفالت")
    world.record(meeting)
    carrier = outsider("carrier", first_name="مریم", last_name="رضایی")
    hidden = outsider("hidden")
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    world.decide(
        meeting, text="لکه‌گیری معابر منطقه ۵", responsible_person=carrier, deadline=deadline
    )
    world.decide(meeting, text="گزارش محرمانه", responsible_person=hidden, is_public=False)
    # In the draft the outsiders cannot see the decisions: nobody told them yet.
    assert notified(carrier) == notified(hidden) == []
    world.approved(meeting)
    minutes = services.publish_minutes(world.secretariat, meeting.latest_minutes())
    link = reverse("portal_minutes", args=[minutes.document_id])
    for user in (world.chair, world.official, world.journalist):
        [entry] = notified(user, Notification.Kind.MINUTES_PUBLISHED)
        assert entry.link == link
    [entry] = notified(carrier, Notification.Kind.MINUTES_PUBLISHED)
    [email] = emails_to(carrier, Notification.Kind.MINUTES_PUBLISHED)
    assert "لکه‌گیری معابر منطقه ۵" in email.text and "بر عهده شماست" in email.text
    assert "لکه‌گیری معابر منطقه ۵" in email.html
    assert "گزارش محرمانه" not in email.text
    # Jalali deadline in Persian digits.
    from persian.jalali import format_date

    assert format_date(deadline) in email.text and PERSIAN_DIGIT.search(format_date(deadline))
    # Now that it is public, the outsider is told they are responsible for it.
    [assigned] = notified(carrier, Notification.Kind.DECISION_ASSIGNED)
    assert "لکه‌گیری معابر منطقه ۵" in assigned.text
    assert notified(hidden) == [] and emails_to(hidden) == []
    # The secretariat published it and is not a member of the workgroup.
    assert notified(world.secretariat, Notification.Kind.MINUTES_PUBLISHED) == []
    assert notified(world.other_journalist) == []


# --- Decisions ----------------------------------------------------------------------------


def test_the_person_named_responsible_is_told_and_so_is_the_next_one(
    world, django_capture_on_commit_callbacks
):
    meeting = world.past_meeting()
    world.record(meeting)
    with django_capture_on_commit_callbacks(execute=True):
        decision = world.decide(meeting, text="بازگشایی پل تا پایان ماه")
    [entry] = notified(world.official, Notification.Kind.DECISION_ASSIGNED)
    assert "بازگشایی پل تا پایان ماه" in entry.text
    assert entry.link == f"{meeting.get_absolute_url()}#decision-{decision.pk}"
    [message] = sent_to("official-2@example.org")
    assert "بازگشایی پل تا پایان ماه" in message.body
    assert PERSIAN_DIGIT.search(message.body)  # the Jalali deadline
    assert not re.search(r"\d{4}-\d{2}-\d{2}", message.body)

    # Another save that keeps the same person tells nobody again; a new person is told.
    services.update_decision(world.chair, decision, expected_version=None, text="بازگشایی پل")
    assert len(notified(world.official)) == 1
    services.update_decision(
        world.chair,
        decision,
        expected_version=None,
        responsible_person=world.person(world.journalist),
    )
    assert notified(world.journalist, Notification.Kind.DECISION_ASSIGNED)


def test_a_follow_up_is_told_to_the_person_responsible(world, django_capture_on_commit_callbacks):
    meeting = world.past_meeting(ago=datetime.timedelta(days=3))
    world.published(meeting)
    decision = meeting.decisions.get()
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.record_follow_up(
            world.secretariat,
            decision,
            status=Decision.Status.IN_PROGRESS,
            note="قرارداد پیمانکار امضا شد.",
        )
    [entry] = notified(world.official)
    assert entry.kind == Notification.Kind.FOLLOW_UP
    assert "در حال اجرا" in entry.text
    [message] = mail.outbox
    assert message.to == ["official-2@example.org"]
    assert "قرارداد پیمانکار امضا شد." in message.body
    assert "قرارداد پیمانکار امضا شد." in html_of(message)
    # The responsible person recording their own progress hears nothing.
    services.record_follow_up(
        world.official, decision, status=Decision.Status.DONE, note="انجام شد."
    )
    assert len(notified(world.official)) == 1


def test_a_rolled_back_change_tells_nobody(world, question, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(Rollback), transaction.atomic():
            services.accept_question(world.secretariat, question)
            assert notified(world.journalist)  # inside the transaction
            raise Rollback
    assert not Notification.objects.exists()
    assert not OutboxEmail.objects.exists()
    assert mail.outbox == []


# --- Preferences --------------------------------------------------------------------------


def test_an_email_turned_off_is_not_sent_but_the_dashboard_still_shows_it(
    world, question, django_capture_on_commit_callbacks
):
    EmailPreferences.objects.create(person=world.person(world.journalist), question_decided=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_question(world.secretariat, question)
    assert mail.outbox == [] and not OutboxEmail.objects.exists()
    assert notified(world.journalist, Notification.Kind.QUESTION_ACCEPTED)


def test_invitations_go_even_with_every_email_turned_off(world, django_capture_on_commit_callbacks):
    person = world.person(world.official)
    EmailPreferences.objects.create(
        person=person, **{name: False for name in EmailPreferences.FIELDS}
    )
    meeting = world.future_meeting()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_invitations(world.secretariat, meeting)
    assert sent_to("official-2@example.org")


def test_every_notification_email_links_to_the_account_page(
    world, question, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_question(world.secretariat, question)
    [message] = mail.outbox
    assert "/account/" in message.body
    assert 'href="http://127.0.0.1:8000/account/"' in html_of(message)


def test_the_account_page_saves_the_choices(world, login):
    client = login(world.journalist)
    page = client.get("/account/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="question_decided"' in html and "checked" in html
    assert "دعوت‌نامه جلسات" in html  # invitations are not a choice
    response = client.post("/account/", {"minutes_published": "on"})
    assert response.status_code == 302
    prefs = EmailPreferences.objects.get(person=world.person(world.journalist))
    assert prefs.minutes_published and not prefs.question_decided and not prefs.follow_up


def test_the_header_links_the_account_page(world, login):
    html = login(world.official).get("/dashboard/").content.decode()
    assert 'href="/account/"' in html


# --- The dashboard ------------------------------------------------------------------------


def test_the_dashboard_shows_unread_notifications_and_marks_them_read(world, question, login):
    services.accept_question(world.secretariat, question)
    person = world.person(world.journalist)
    Notification.objects.create(person=person, kind="follow_up", text="اعلان دوم", link="/")
    client = login(world.journalist)
    html = client.get("/dashboard/").content.decode()
    assert "اعلان‌های تازه" in html and 'class="count-badge"' in html
    assert ">۲</span>" in html
    assert "پرسش شما «زمان بازگشایی پل»" in html and "خوانده شد" in html
    first = Notification.objects.get(kind=Notification.Kind.QUESTION_ACCEPTED)
    response = client.post(reverse("notification_read", args=[first.pk]))
    assert response.status_code == 302 and response["Location"].endswith("#notifications")
    first.refresh_from_db()
    assert first.read_at is not None
    html = client.get("/dashboard/").content.decode()
    assert "پرسش شما «زمان بازگشایی پل»" not in html and ">۱</span>" in html
    client.post(reverse("notifications_read"))
    assert not Notification.objects.unread().filter(person=person).exists()
    assert "اعلان تازه‌ای ندارید." in client.get("/dashboard/").content.decode()


def test_one_cannot_mark_another_persons_notification(world, question, login):
    services.accept_question(world.secretariat, question)
    entry = Notification.objects.get()
    login(world.official).post(reverse("notification_read", args=[entry.pk]))
    entry.refresh_from_db()
    assert entry.read_at is None


def test_marking_read_needs_a_post(world, login):
    assert login(world.official).get(reverse("notifications_read")).status_code == 405


def test_an_outsider_to_the_meeting_is_never_told_of_its_draft(world):
    """A member of another workgroup made responsible for a draft decision of this one
    cannot see it: nothing is said until publication (and then only of public decisions)."""
    meeting = world.past_meeting()
    world.record(meeting)
    world.decide(meeting, responsible_person=world.person(world.other_journalist))
    assert notified(world.other_journalist) == []
    assert Meeting.objects.internal_to(world.other_journalist).filter(pk=meeting.pk).count() == 0


def test_plain_text_is_not_html_escaped(world, django_capture_on_commit_callbacks):
    meeting = world.future_meeting(title="جلسه «پل» & میدان")
    question = services.propose_question(
        world.journalist, meeting, kind="question", title='پل "شهدا" & میدان', text="متن"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_question(world.secretariat, question)
    [message] = mail.outbox
    assert 'پل "شهدا" & میدان' in message.body
    assert "&amp;" not in message.body and "&quot;" not in message.body
    assert "&amp;" in html_of(message)  # the HTML escapes it
