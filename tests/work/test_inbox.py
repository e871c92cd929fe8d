"""Issue 16: the secretariat's inbox (/inbox/) and its count in the header — what is
counted, for whom, where each entry leads, and what it costs."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from minutes import services
from minutes.models import Meeting, Question
from portal import inbox
from tests.portal.factories import CommentFactory

pytestmark = pytest.mark.django_db

INBOX = "/inbox/"
PDF_TASK = "minutes.tasks.store_minutes_pdf"


def today() -> datetime.date:
    return timezone.localdate()


def task_result(status: str, minutes_id: int = 1, **fields) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        task_path=PDF_TASK,
        args_kwargs={"args": [minutes_id], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="builtins.RuntimeError" if status == TaskResultStatus.FAILED else "",
        traceback="Traceback…\nRuntimeError: Pango is missing"
        if status == TaskResultStatus.FAILED
        else "",
        finished_at=timezone.now(),
        **fields,
    )


@pytest.fixture
def work(world):
    """One of each kind of work waiting for the secretariat of the world's committee."""
    # A question proposed for an upcoming meeting.
    upcoming = world.future_meeting(title="جلسه آینده")
    services.propose_question(
        world.journalist,
        upcoming,
        kind=Question.Kind.QUESTION,
        title="پرسش درباره آسفالت",
        text="؟",
    )
    # Published minutes with an overdue decision and two pending comments (one rejected
    # comment is not waiting).
    published = world.past_meeting(ago=datetime.timedelta(days=10), title="جلسه منتشرشده")
    world.record(published)
    world.decide(
        published,
        text="لکه‌گیری معابر منطقه ۲ انجام شود.",
        deadline=timezone.localtime(published.starts_at).date() + datetime.timedelta(days=1),
    )
    minutes = world.published(Meeting.objects.get(pk=published.pk))
    CommentFactory(minutes=minutes)
    CommentFactory(minutes=minutes)
    CommentFactory(minutes=minutes, status="rejected", rejection_reason="نامرتبط")
    # Minutes approved (waiting to be published), and submitted (waiting for approval).
    world.approved(world.past_meeting(title="جلسه تأییدشده"))
    world.submitted(world.past_meeting(world.other_workgroup, title="جلسه ارسال‌شده"))
    # A PDF task that failed, one that failed and then succeeded on retry.
    task_result(TaskResultStatus.FAILED, minutes_id=minutes.pk)
    task_result(TaskResultStatus.FAILED, minutes_id=999)
    task_result(TaskResultStatus.SUCCESSFUL, minutes_id=999)
    # An invitation email the mail server refused for good, and one that went.
    from minutes.models import OutboxEmail

    OutboxEmail.objects.create(
        kind="invite",
        to="press-2@example.org",
        subject="دعوت به جلسه: جلسه آینده",
        text="…",
        meeting=upcoming,
        status=OutboxEmail.Status.FAILED,
        attempts=5,
        last_error="SMTPRecipientsRefused: 550 mailbox unavailable",
    )
    OutboxEmail.objects.create(
        kind="invite",
        to="official-2@example.org",
        subject="دعوت به جلسه: جلسه آینده",
        text="…",
        meeting=upcoming,
        status=OutboxEmail.Status.SENT,
    )
    return {"minutes": minutes, "upcoming": upcoming, "published": published}


def counts_on_page(response) -> dict[str, int]:
    return {section["entry"].key: section["count"] for section in response.context["sections"]}


def test_the_secretariat_sees_each_kind_of_work_with_its_count(world, login, work):
    response = login(world.secretariat).get(INBOX)
    assert response.status_code == 200
    assert counts_on_page(response) == {
        "questions": 1,
        "comments": 2,
        "to_publish": 1,
        "to_approve": 1,
        "overdue": 1,
        "failed_emails": 1,
    }  # no failed tasks: this secretariat is not staff, the admin is not theirs


def test_a_superuser_also_sees_failed_tasks_not_since_retried(world, login, work):
    response = login(world.superuser).get(INBOX)
    counts = counts_on_page(response)
    assert counts["failed_tasks"] == 1
    page = response.content.decode()
    assert "RuntimeError: Pango is missing" in page
    assert "/admin/django_tasks_database/dbtaskresult/?status__exact=FAILED" in page


def test_the_staff_secretariat_sees_failed_tasks(world, login, work):
    from django.contrib.auth.models import Permission

    user = world.secretariat
    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="view_dbtaskresult"))
    assert counts_on_page(login(world.fresh(user)).get(INBOX))["failed_tasks"] == 1


def test_each_entry_leads_where_the_work_is_done(world, login, work):
    page = login(world.secretariat).get(INBOX).content.decode()
    moderation = reverse("portal_moderation", args=[world.committee.slug])
    assert f'href="{moderation}"' in page
    assert f'href="{work["upcoming"].get_absolute_url()}#questions"' in page
    assert "#minutes" in page
    decision = work["published"].decisions.get()
    assert f'href="{work["published"].get_absolute_url()}#decision-{decision.pk}"' in page
    assert 'href="/decisions/register/?overdue=yes"' in page


@pytest.mark.parametrize("who", ["chair", "official", "journalist", "nobody"])
def test_everyone_else_is_refused_and_has_no_link(world, login, work, who):
    client = login(getattr(world, who))
    response = client.get(INBOX)
    assert response.status_code == 403
    assert "دبیرخانه" in response.content.decode()
    assert 'href="/inbox/"' not in client.get("/dashboard/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, work):
    response = client.get(INBOX)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_another_committees_secretariat_counts_only_its_own(world, login, work):
    from committee.models import CommitteeRole
    from committee.permissions import sync_committee_permissions
    from tests.factories import CommitteeFactory, CommitteeRoleFactory, PersonFactory, UserFactory

    other = CommitteeFactory(name="کمیته رسانه لاهیجان", slug="lahijan")
    head = PersonFactory(user=UserFactory(username="lahijan-head"))
    CommitteeRoleFactory(committee=other, person=head, role=CommitteeRole.Role.SECRETARIAT_HEAD)
    sync_committee_permissions(other)
    response = login(head.user).get(INBOX)
    assert set(counts_on_page(response).values()) == {0}
    assert "کاری در انتظار نیست." in response.content.decode()


# --- The header's badge --------------------------------------------------------------------


def badge(html: str) -> str | None:
    match = re.search(r'href="/inbox/"[^>]*>[^<]*<span class="badge badge-count">([^<]+)<', html)
    return match.group(1) if match else None


def test_the_header_shows_the_count_to_the_secretariat_on_every_page(world, login, work):
    client = login(world.secretariat)
    for url in ("/dashboard/", "/meetings/", "/decisions/register/", "/archive/"):
        assert badge(client.get(url).content.decode()) == "۷", url


def test_the_header_has_an_inbox_link_without_a_badge_when_nothing_waits(world, login):
    html = login(world.secretariat).get("/dashboard/").content.decode()
    assert 'href="/inbox/"' in html
    assert badge(html) is None


def test_the_badge_follows_the_work(world, login, work):
    client = login(world.secretariat)
    question = Question.objects.get()
    services.decline_question(world.secretariat, question, "خارج از دستور کارگروه")
    assert badge(client.get("/dashboard/").content.decode()) == "۶"


def test_counts_is_the_one_function_behind_page_and_badge(world, work):
    from minutes.visibility import Viewer

    viewer = Viewer(world.fresh(world.secretariat))
    assert sum(inbox.counts(viewer).values()) == inbox.total(viewer) == 7
    assert inbox.total(Viewer(world.fresh(world.journalist))) is None


def test_a_new_kind_of_work_is_one_entry_in_the_list(world, login, work, monkeypatch):
    extra = inbox.Entry(
        key="extra_kind",
        label="رایانامه‌های ناموفق",
        empty="رایانامه ناموفقی نیست.",
        rows=lambda viewer: Question.objects.all(),
        item=lambda q: inbox.Item(title=f"رایانامه {q.title}", url="/outbox/"),
    )
    monkeypatch.setattr(inbox, "ENTRIES", [*inbox.ENTRIES, extra])
    client = login(world.secretariat)
    page = client.get(INBOX).content.decode()
    assert "رایانامه‌های ناموفق" in page and 'href="/outbox/"' in page
    assert badge(client.get("/dashboard/").content.decode()) == "۸"


# --- What it costs -------------------------------------------------------------------------


def test_the_badge_costs_a_count_per_kind_of_work(
    world, login, work, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # A member's page: the same page, whose header only learns that there is no inbox.
    client = login(world.journalist)
    client.get("/meetings/")  # warm up the session and the content types
    with CaptureQueriesContext(connection) as member:
        client.get("/meetings/")
    baseline = len(member)  # now: the next request clears the connection's log
    client = login(world.secretariat)
    client.get("/meetings/")
    with django_assert_max_num_queries(baseline + len(inbox.ENTRIES)):
        response = client.get("/meetings/")
    assert badge(response.content.decode()) == "۷"


def test_the_inbox_page_counts_once(world, login, work, django_assert_max_num_queries):
    client = login(world.superuser)
    client.get(INBOX)
    with django_assert_max_num_queries(30):
        response = client.get(INBOX)
    assert response.status_code == 200


def test_an_anonymous_page_asks_nothing_for_the_badge(client, work, django_assert_max_num_queries):
    client.get("/accounts/login/")
    with django_assert_max_num_queries(2):
        client.get("/accounts/login/")


def test_the_moderation_page_is_linked_even_when_no_comment_waits(world, login):
    page = login(world.secretariat).get(INBOX).content.decode()
    assert f'href="{reverse("portal_moderation", args=[world.committee.slug])}"' in page
    assert "۰ دیدگاه در انتظار بررسی" in page


def test_a_failed_email_leads_to_the_meetings_emails(world, login, work):
    page = login(world.secretariat).get(INBOX).content.decode()
    assert "ایمیل‌های نرفته" in page
    assert f'href="/meetings/{work["upcoming"].pk}/emails/"' in page
    assert "mailbox unavailable" in page
    assert 'href="/outbox/?status=failed"' in page
