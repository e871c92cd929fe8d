"""Issue 16: the register of decisions (/decisions/register/) and «my decisions»
(/decisions/mine/) — who sees which rows, every filter, the Persian search, the CSV, and
bad filter input answered in Persian."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.utils import timezone

from minutes import services
from minutes.models import Decision, Meeting
from persian.jalali import format_numeric
from tests.factories import OrganizationFactory
from tests.work.support import assert_persian

pytestmark = pytest.mark.django_db

REGISTER = "/decisions/register/"
REGISTER_CSV = "/decisions/register/export.csv"
MINE = "/decisions/mine/"
MINE_CSV = "/decisions/mine/export.csv"

PUBLIC_A = "بازگشایی پیاده‌رو خیابان امام تا پایان خرداد انجام شود."
INTERNAL_A = "گزارش محرمانه هزینه‌های پروژه پل به دبیرخانه داده شود."
PUBLIC_B = "جشنواره کتاب کودک در بوستان ملت برگزار شود."
INTERNAL_B = "فهرست مهمانان ویژه جشنواره تهیه شود."
DRAFT_A = "پیش‌نویس: تعمیر چراغ‌های میدان شهرداری."


def today() -> datetime.date:
    return timezone.localdate()


def texts(response) -> str:
    return response.content.decode()


@pytest.fixture
def record(world):
    """Workgroup A (the world's workgroup) and B (the other one), each with a published
    meeting holding a public and an internal decision; A also has a draft decision. The
    official of A is responsible for A's public decision, which is overdue."""
    a = world.past_meeting(ago=datetime.timedelta(days=20), title="جلسه عمرانی")
    world.record(a)
    official = world.person(world.official)
    world.decide(
        a,
        text=PUBLIC_A,
        responsible_person=official,
        responsible_organization=official.organization,
        deadline=today() - datetime.timedelta(days=3),
    )
    other_org = OrganizationFactory(name="سازمان پارک‌ها و فضای سبز")
    world.decide(
        a,
        text=INTERNAL_A,
        is_public=False,
        responsible_person=None,
        responsible_organization=other_org,
        deadline=today() + datetime.timedelta(days=40),
    )
    world.published(Meeting.objects.get(pk=a.pk))

    b = world.past_meeting(
        world.other_workgroup, ago=datetime.timedelta(days=15), title="جلسه فرهنگی"
    )
    world.record(b)
    world.decide(
        b,
        text=PUBLIC_B,
        responsible_person=world.person(world.other_chair),
        responsible_organization=None,
    )
    world.decide(b, text=INTERNAL_B, is_public=False, responsible_person=None)
    world.published(Meeting.objects.get(pk=b.pk))

    draft = world.past_meeting(ago=datetime.timedelta(days=1), title="جلسه پیش‌نویس")
    world.record(draft)
    world.decide(draft, text=DRAFT_A, responsible_person=None)
    return {"a": a, "b": b, "draft": draft, "other_org": other_org}


def decision(text: str) -> Decision:
    return Decision.objects.get(text=text)


# --- Who sees what -------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, record):
    for url in (REGISTER, REGISTER_CSV, MINE, MINE_CSV):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_a_member_of_a_sees_a_whole_and_only_what_b_published(world, login, record):
    page = texts(login(world.journalist).get(REGISTER))
    assert PUBLIC_A in page and INTERNAL_A in page and DRAFT_A in page
    assert PUBLIC_B in page
    assert INTERNAL_B not in page


def test_a_member_of_b_does_not_see_internal_decisions_of_a(world, login, record):
    page = texts(login(world.other_journalist).get(REGISTER))
    assert PUBLIC_A in page and PUBLIC_B in page and INTERNAL_B in page
    assert INTERNAL_A not in page and DRAFT_A not in page


def test_the_secretariat_sees_every_decision_of_its_committee(world, login, record):
    page = texts(login(world.secretariat).get(REGISTER))
    for text in (PUBLIC_A, INTERNAL_A, PUBLIC_B, INTERNAL_B, DRAFT_A):
        assert text in page


def test_a_user_without_a_role_sees_only_published_public_decisions(world, login, record):
    page = texts(login(world.nobody).get(REGISTER))
    assert PUBLIC_A in page and PUBLIC_B in page
    for text in (INTERNAL_A, INTERNAL_B, DRAFT_A):
        assert text not in page


def test_an_outsider_reads_the_published_text_while_a_correction_is_drafted(world, login, record):
    minutes = record["a"].latest_minutes()
    services.issue_correction(world.secretariat, minutes, "اصلاح متن مصوبه")
    public = decision(PUBLIC_A)
    edited = "متن ویرایش‌شده در پیش‌نویس اصلاحیه"
    Decision.objects.filter(pk=public.pk).update(text=edited)
    outsider = texts(login(world.other_journalist).get(REGISTER))
    assert PUBLIC_A in outsider and edited not in outsider
    insider = texts(login(world.journalist).get(REGISTER))
    assert edited in insider


def test_rows_link_to_the_meeting_and_to_the_follow_up_form_where_allowed(world, login, record):
    public = decision(PUBLIC_A)
    follow_up = f"/decisions/{public.pk}/follow-up/"
    page = texts(login(world.official).get(REGISTER))
    assert f"{record['a'].get_absolute_url()}#decision-{public.pk}" in page
    assert f"{record['b'].get_absolute_url()}#pub-decisions" in page
    assert follow_up in page  # the official is responsible for it
    # Not for a draft's decision, nor for someone else's.
    assert f"/decisions/{decision(DRAFT_A).pk}/follow-up/" not in page
    assert f"/decisions/{decision(PUBLIC_B).pk}/follow-up/" not in page
    # The journalist may not record follow-up at all; the secretariat may for every
    # published decision of its committee.
    assert "/follow-up/" not in texts(login(world.journalist).get(REGISTER))
    secretariat = texts(login(world.secretariat).get(REGISTER))
    assert follow_up in secretariat
    assert f"/decisions/{decision(INTERNAL_B).pk}/follow-up/" in secretariat
    assert login(world.official).get(follow_up).status_code == 200


# --- «My decisions» ------------------------------------------------------------------------


def test_my_decisions_are_those_i_am_responsible_for(world, login, record):
    page = texts(login(world.official).get(MINE))
    assert "مصوبات من" in page
    assert PUBLIC_A in page
    for text in (INTERNAL_A, PUBLIC_B, INTERNAL_B, DRAFT_A):
        assert text not in page


def test_my_decisions_include_one_of_another_body_once_published(world, login, record):
    """Made responsible for an internal decision of a body one does not sit on: listed
    (as on the dashboard) once its minutes are published, and may be followed up."""
    meeting = world.past_meeting(world.other_workgroup, title="جلسه دوم فرهنگی")
    world.record(meeting)
    text = "نماینده منطقه ۲ گزارش ترافیک جشنواره را بدهد."
    world.decide(
        meeting, text=text, is_public=False, responsible_person=world.person(world.official)
    )
    assert text not in texts(login(world.official).get(MINE))  # still a draft
    world.published(Meeting.objects.get(pk=meeting.pk))
    page = texts(login(world.official).get(MINE))
    assert text in page
    assert f"/decisions/{decision(text).pk}/follow-up/" in page


def test_my_decisions_without_a_person_says_why(world, login, record):
    response = login(world.superuser).get(MINE)
    assert response.status_code == 200
    assert "حساب شما به شخصی در فهرست اعضا پیوند نخورده است" in texts(response)
    assert PUBLIC_A not in texts(response)


def test_my_decisions_csv_has_only_mine(world, login, record):
    rows = read_csv(login(world.official).get(MINE_CSV))
    assert [r["شرح مصوبه"] for r in rows] == [PUBLIC_A]


# --- Filters -------------------------------------------------------------------------------


def shown(client, **query) -> set[str]:
    response = client.get(REGISTER, query)
    assert response.status_code == 200
    page = texts(response)
    return {t for t in (PUBLIC_A, INTERNAL_A, PUBLIC_B, INTERNAL_B, DRAFT_A) if t in page}


def test_filter_by_workgroup(world, login, record):
    client = login(world.secretariat)
    assert shown(client, body=world.other_workgroup.slug) == {PUBLIC_B, INTERNAL_B}
    assert shown(client, body=world.workgroup.slug) == {PUBLIC_A, INTERNAL_A, DRAFT_A}


def test_filter_by_responsible_organisation(world, login, record):
    client = login(world.secretariat)
    assert shown(client, organization=record["other_org"].pk) == {INTERNAL_A}
    # The tracker files a decision under its person's organisation when it names none.
    chair_org = world.person(world.other_chair).organization
    assert PUBLIC_B in shown(client, organization=chair_org.pk)


def test_filter_by_responsible_person(world, login, record):
    client = login(world.secretariat)
    official = world.person(world.official)
    assert shown(client, person=official.pk) == {PUBLIC_A}
    assert shown(client, person=world.person(world.other_chair).pk) == {PUBLIC_B}


def test_filter_by_status(world, login, record):
    services.record_follow_up(
        world.secretariat, decision(PUBLIC_B), status=Decision.Status.DONE, note="برگزار شد."
    )
    client = login(world.secretariat)
    assert shown(client, status="done") == {PUBLIC_B}
    assert PUBLIC_B not in shown(client, status="open")


def test_filter_overdue_yes_and_no(world, login, record):
    client = login(world.secretariat)
    assert shown(client, overdue="yes") == {PUBLIC_A}
    assert shown(client, overdue="no") == {INTERNAL_A, PUBLIC_B, INTERNAL_B, DRAFT_A}


def test_filter_by_a_jalali_deadline_range(world, login, record):
    client = login(world.secretariat)
    since = format_numeric(today() + datetime.timedelta(days=35))  # Persian digits
    assert shown(client, since=since) == {INTERNAL_A}
    until = format_numeric(today()).replace("/", "-")
    assert shown(client, until=until) == {PUBLIC_A}


def test_search_folds_arabic_yeh_and_kaf(world, login, record):
    client = login(world.other_journalist)
    # «كتاب كودك» typed with the Arabic kaf, «ملت» plain; «محرمانه» with an Arabic yeh
    # would find A's internal decision, which this member may not see.
    assert shown(client, q="كتاب كودك") == {PUBLIC_B}
    assert shown(client, q="مهمانان ويژه") == {INTERNAL_B}
    assert shown(client, q="هزينه") == set()
    assert shown(login(world.journalist), q="هزينه‌هاي پروژه") == {INTERNAL_A}


def test_search_finds_published_text_of_another_body(world, login, record):
    assert shown(login(world.other_journalist), q="پياده رو") == {PUBLIC_A}


@pytest.mark.parametrize(
    "query",
    [
        {"since": "1405/13/40"},
        {"until": "فردا"},
        {"person": "نامعلوم"},
        {"organization": "999999"},
        {"overdue": "شاید"},
        {"status": "lost"},
        {"body": "no-such-workgroup"},
    ],
)
def test_bad_filter_input_gets_a_persian_error(world, login, record, query):
    client = login(world.secretariat)
    response = client.get(REGISTER, query)
    assert response.status_code == 200
    form = response.context["filter"].form
    assert form.errors
    for errors in form.errors.values():
        for error in errors:
            # Django's message repeats the value typed, which may be Latin.
            for value in query.values():
                error = error.replace(value, "")
            assert_persian(error)
    assert PUBLIC_A not in texts(response)  # nothing shown rather than everything
    csv_response = client.get(REGISTER_CSV, query)
    assert csv_response.status_code == 400
    message = csv_response.content.decode()
    for value in query.values():
        message = message.replace(value, "")
    assert_persian(message)


def test_pages_of_twenty_five(world, login, record):
    meeting = world.past_meeting(title="جلسه پرمصوبه")
    world.record(meeting)
    for n in range(30):
        world.decide(meeting, text=f"مصوبه آزمایشی شماره {n}")
    client = login(world.secretariat)
    first = client.get(REGISTER)
    assert len(first.context["page"].rows) == 25
    second = client.get(REGISTER, {"page": 2})
    total = first.context["page"].paginator.count
    assert len(second.context["page"].rows) == total - 25
    assert 'rel="next"' in texts(first)


# --- CSV -----------------------------------------------------------------------------------


def read_csv(response) -> list[dict[str, str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff"))))


def test_csv_has_the_filtered_rows_with_persian_headers(world, login, record):
    client = login(world.journalist)
    rows = read_csv(client.get(REGISTER_CSV, {"body": world.workgroup.slug}))
    assert list(rows[0]) == [
        "کمیته یا کارگروه",
        "جلسه",
        "تاریخ جلسه (شمسی)",
        "تاریخ جلسه (میلادی)",
        "ردیف مصوبه",
        "شرح مصوبه",
        "عمومی",
        "مسئول پیگیری",
        "سازمان مسئول اجرا",
        "مهلت اجرا (شمسی)",
        "مهلت اجرا (میلادی)",
        "وضعیت کنونی",
        "عقب‌افتاده",
        "نشانی",
    ]
    by_text = {r["شرح مصوبه"]: r for r in rows}
    assert set(by_text) == {PUBLIC_A, INTERNAL_A, DRAFT_A}
    overdue = by_text[PUBLIC_A]
    deadline = decision(PUBLIC_A).deadline
    assert overdue["عقب‌افتاده"] == "بله"
    assert overdue["عمومی"] == "بله"
    assert by_text[INTERNAL_A]["عمومی"] == "خیر"
    assert overdue["مهلت اجرا (میلادی)"] == deadline.isoformat()
    assert overdue["مهلت اجرا (شمسی)"].isascii()
    assert overdue["مسئول پیگیری"] == str(world.person(world.official))
    assert overdue["نشانی"].startswith("http://testserver/meetings/")


def test_csv_of_an_outsider_leaves_out_internal_rows(world, login, record):
    rows = read_csv(login(world.other_journalist).get(REGISTER_CSV))
    assert INTERNAL_A not in {r["شرح مصوبه"] for r in rows}
    assert PUBLIC_A in {r["شرح مصوبه"] for r in rows}


def test_csv_cells_that_look_like_formulas_are_text(world, login, record):
    meeting = world.past_meeting(title="جلسه آزمون")
    world.record(meeting)
    world.decide(meeting, text='=HYPERLINK("http://example.com")')
    rows = read_csv(login(world.secretariat).get(REGISTER_CSV, {"q": "HYPERLINK"}))
    assert [r["شرح مصوبه"] for r in rows] == ['\'=HYPERLINK("http://example.com")']


# --- Where it is linked from ---------------------------------------------------------------


def test_the_header_and_dashboard_link_the_register_and_my_decisions(world, login, record):
    client = login(world.journalist)
    page = texts(client.get("/dashboard/"))
    assert page.count('href="/decisions/register/"') >= 2  # header and dashboard
    assert page.count('href="/decisions/mine/"') >= 2
    assert 'href="/decisions/register/"' not in texts(client.logout() or client.get("/"))


def test_my_decisions_offer_no_person_to_choose(world, login, record):
    form = login(world.official).get(MINE).context["filter"].form
    assert "person" not in form.fields
    assert {"body", "organization", "status", "overdue", "since", "until", "q"} <= set(form.fields)
