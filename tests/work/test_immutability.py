"""Published minutes and what they record cannot change, whatever the path: the services,
a plain save() or delete(), the HTML views, or the admin. Only the write-once PDF fields
and a decision's follow-up status may change after publication."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from minutes import services
from minutes.errors import ServiceError
from minutes.models import (
    AgendaItem,
    Attendance,
    Decision,
    FollowUp,
    Meeting,
    Minutes,
    PublishedRecordError,
)
from tests.work.support import admin_change_data, assert_persian, form_data, row_of, rows_of

pytestmark = pytest.mark.django_db

NEW_TEXT = "این متن نباید جایگزین مصوبه منتشرشده شود."


@pytest.fixture
def meeting(world) -> Meeting:
    # Held ten days ago, so that follow-ups dated in the last days fall within its life.
    meeting = world.past_meeting(ago=datetime.timedelta(days=10))
    world.published(meeting)
    return meeting


@pytest.fixture
def decision(meeting) -> Decision:
    return meeting.decisions.get()


def record_state(meeting: Meeting) -> dict:
    """Everything the published minutes record, read from the database."""
    return {
        "meeting": row_of(meeting),
        "agenda": rows_of(AgendaItem.objects.filter(meeting=meeting)),
        "attendance": rows_of(Attendance.objects.filter(meeting=meeting)),
        "decisions": rows_of(Decision.objects.filter(meeting=meeting)),
        "minutes": rows_of(Minutes.objects.filter(meeting=meeting)),
        "follow_ups": rows_of(FollowUp.objects.filter(decision__meeting=meeting)),
    }


# --- (a) The services --------------------------------------------------------------------


def service_calls(world, meeting: Meeting):
    decision = meeting.decisions.get()
    item = meeting.agenda_items.first()
    official = world.person(world.official)
    return {
        "update_decision": lambda: services.update_decision(
            world.chair, decision, expected_version=None, text=NEW_TEXT
        ),
        "update_decision_deadline": lambda: services.update_decision(
            world.chair,
            decision,
            expected_version=None,
            deadline=decision.deadline + datetime.timedelta(days=10),
        ),
        "add_decision": lambda: services.add_decision(
            world.chair,
            meeting,
            expected_version=None,
            text=NEW_TEXT,
            responsible_organization=official.organization,
        ),
        "remove_decision": lambda: services.remove_decision(
            world.chair, decision, expected_version=None
        ),
        "record_meeting": lambda: services.record_meeting(
            world.chair,
            meeting,
            expected_version=None,
            attendance={official.pk: Attendance.Status.ABSENT},
            items={item.pk: {"discussion": "مذاکره تازه"}},
            summary="خلاصه تازه",
        ),
        "record_attendance_by_the_secretariat": lambda: services.record_meeting(
            world.secretariat,
            meeting,
            expected_version=None,
            attendance={official.pk: {"status": Attendance.Status.EXCUSED, "excuse": "مأموریت"}},
        ),
        "update_agenda_item": lambda: services.update_agenda_item(
            world.secretariat, item, title="عنوان تازه"
        ),
        "add_agenda_item": lambda: services.add_agenda_item(
            world.secretariat, meeting, title="بند تازه"
        ),
        "remove_agenda_item": lambda: services.remove_agenda_item(
            world.secretariat, meeting.agenda_items.last()
        ),
        "move_agenda_item": lambda: services.move_agenda_item(world.secretariat, item, +1),
        "update_meeting_time": lambda: services.update_meeting(
            world.secretariat, meeting, starts_at=meeting.starts_at + datetime.timedelta(hours=1)
        ),
        "update_meeting_place": lambda: services.update_meeting(
            world.secretariat, meeting, location="تالار شورای شهر"
        ),
        "update_meeting_title": lambda: services.update_meeting(
            world.secretariat, meeting, title="عنوان تازه جلسه"
        ),
    }


SERVICE_CALLS = [
    "update_decision",
    "update_decision_deadline",
    "add_decision",
    "remove_decision",
    "record_meeting",
    "record_attendance_by_the_secretariat",
    "update_agenda_item",
    "add_agenda_item",
    "remove_agenda_item",
    "move_agenda_item",
    "update_meeting_time",
    "update_meeting_place",
    "update_meeting_title",
]


@pytest.mark.parametrize("call", SERVICE_CALLS)
def test_the_services_refuse_to_change_a_published_record(
    world, meeting, call, django_capture_on_commit_callbacks
):
    before = record_state(meeting)
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(ServiceError) as caught:
            service_calls(world, meeting)[call]()
    assert_persian(caught.value.message)
    assert record_state(meeting) == before
    assert callbacks == []  # nobody is told about a change that did not happen


# --- (b) A plain save() or delete() -----------------------------------------------------


def refused_save(obj, **changes) -> None:
    before = row_of(obj)
    for name, value in changes.items():
        setattr(obj, name, value)
    with pytest.raises(PublishedRecordError) as caught:
        obj.save()
    assert_persian(caught.value)
    obj.refresh_from_db()
    assert row_of(obj) == before
    for name in changes:
        attname = obj._meta.get_field(name).attname
        assert getattr(obj, attname) == before[attname]


def test_saving_changed_summary_of_published_minutes_is_refused(meeting):
    refused_save(meeting.latest_minutes(), summary="خلاصه‌ای دیگر")


def test_putting_published_minutes_back_to_draft_is_refused(meeting):
    refused_save(meeting.latest_minutes(), status=Minutes.Status.DRAFT)


def test_changing_the_published_document_id_or_snapshot_is_refused(meeting):
    refused_save(meeting.latest_minutes(), document_id="RASHT-FORGED-1")
    refused_save(meeting.latest_minutes(), snapshot={"decisions": []})


def test_saving_a_published_decisions_changed_text_is_refused(decision):
    refused_save(decision, text=NEW_TEXT)


def test_saving_a_published_decisions_changed_deadline_is_refused(decision):
    refused_save(decision, deadline=decision.deadline + datetime.timedelta(days=30))


def test_saving_a_published_decisions_changed_responsibility_is_refused(decision, world):
    refused_save(decision, responsible_person=world.person(world.journalist))


def test_saving_an_agenda_items_changed_discussion_is_refused(meeting):
    refused_save(meeting.agenda_items.first(), discussion="مذاکره‌ای که نبود")


def test_saving_an_attendances_changed_status_is_refused(meeting):
    refused_save(meeting.attendances.first(), status=Attendance.Status.ABSENT)


def test_saving_the_meetings_changed_title_is_refused(meeting):
    refused_save(Meeting.objects.get(pk=meeting.pk), title="عنوان دیگر")


def test_saving_the_meetings_changed_time_is_refused(meeting):
    fresh = Meeting.objects.get(pk=meeting.pk)
    refused_save(fresh, starts_at=fresh.starts_at - datetime.timedelta(days=1))


def test_adding_rows_to_a_published_record_is_refused(world, meeting):
    before = record_state(meeting)
    official = world.person(world.official)
    for obj in (
        Decision(meeting=meeting, text=NEW_TEXT, responsible_organization=official.organization),
        AgendaItem(meeting=meeting, order=9, title="بند افزوده"),
        Attendance(meeting=meeting, person=world.person(world.other_chair), status="guest"),
    ):
        with pytest.raises(PublishedRecordError):
            obj.save()
    assert record_state(meeting) == before


@pytest.mark.parametrize("what", ["minutes", "decision", "agenda_item", "attendance", "meeting"])
def test_deleting_any_part_of_a_published_record_is_refused(meeting, what):
    target = {
        "minutes": meeting.latest_minutes,
        "decision": lambda: meeting.decisions.get(),
        "agenda_item": lambda: meeting.agenda_items.first(),
        "attendance": lambda: meeting.attendances.first(),
        "meeting": lambda: Meeting.objects.get(pk=meeting.pk),
    }[what]()
    before = record_state(meeting)
    with pytest.raises(PublishedRecordError):
        target.delete()
    assert record_state(meeting) == before


def test_the_pdf_fields_are_written_once_after_publication(meeting):
    minutes = meeting.latest_minutes()
    before = row_of(minutes)
    minutes.pdf = "minutes/RASHT-WG1-R1.pdf"
    minutes.sha256 = "a" * 64
    minutes.pdf_size = 48213
    minutes.save(update_fields=["pdf", "sha256", "pdf_size"])

    stored = row_of(minutes)
    assert (stored["pdf"], stored["sha256"], stored["pdf_size"]) == (
        "minutes/RASHT-WG1-R1.pdf",
        "a" * 64,
        48213,
    )
    assert {k: v for k, v in stored.items() if k not in Minutes.WRITE_ONCE_FIELDS} == {
        k: v for k, v in before.items() if k not in Minutes.WRITE_ONCE_FIELDS
    }

    for name, value in [("sha256", "b" * 64), ("pdf_size", 1), ("pdf", "minutes/other.pdf")]:
        again = Minutes.objects.get(pk=minutes.pk)
        setattr(again, name, value)
        with pytest.raises(PublishedRecordError):
            again.save(update_fields=[name])
    assert row_of(minutes) == stored


def test_a_follow_up_changes_a_published_decisions_status_and_keeps_the_history(world, decision):
    frozen = {k: v for k, v in row_of(decision).items() if k not in ("status", "updated_at")}
    today = timezone.localdate()
    services.record_follow_up(
        world.secretariat,
        decision,
        status=Decision.Status.IN_PROGRESS,
        note="عملیات در دو خیابان آغاز شد.",
        date=today - datetime.timedelta(days=1),
    )
    services.record_follow_up(
        world.secretariat, decision, status=Decision.Status.DONE, note="کار پایان یافت."
    )
    decision.refresh_from_db()
    assert decision.status == Decision.Status.DONE
    assert {k: v for k, v in row_of(decision).items() if k not in ("status", "updated_at")} == (
        frozen
    )
    assert list(decision.follow_ups.values_list("status", flat=True)) == [
        Decision.Status.IN_PROGRESS,
        Decision.Status.DONE,
    ]


# --- (c) The HTML views ------------------------------------------------------------------


def test_the_decision_edit_view_refuses_and_changes_nothing(world, meeting, decision, login):
    client = login(world.chair)
    url = f"/meetings/{meeting.pk}/decisions/{decision.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    before = record_state(meeting)
    response = client.post(url, form_data(page.context["form"], text=NEW_TEXT))
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors
    assert_persian(errors[0])
    assert record_state(meeting) == before


def test_the_decision_add_and_delete_views_refuse_and_change_nothing(
    world, meeting, decision, login
):
    client = login(world.chair)
    before = record_state(meeting)
    page = client.get(f"/meetings/{meeting.pk}/decisions/new/")
    data = form_data(
        page.context["form"],
        text=NEW_TEXT,
        responsible_organization=world.person(world.official).organization_id,
    )
    assert client.post(f"/meetings/{meeting.pk}/decisions/new/", data).status_code == 200
    client.post(f"/meetings/{meeting.pk}/decisions/{decision.pk}/delete/")
    assert record_state(meeting) == before


def test_the_record_view_refuses_and_changes_nothing(world, meeting, login):
    client = login(world.chair)
    url = f"/meetings/{meeting.pk}/record/"
    item = meeting.agenda_items.first()
    official = world.person(world.official)
    before = record_state(meeting)
    # The form is no longer offered, and a post made from an old copy changes nothing.
    page = client.get(url)
    assert page.status_code == 302 and page["Location"] == meeting.get_absolute_url()
    response = client.post(
        url,
        {
            "version": meeting.latest_minutes().version,
            "summary": "خلاصه‌ای دیگر",
            f"disc_{item.pk}": "مذاکره‌ای دیگر",
            f"att_{official.pk}": "absent",
        },
        follow=True,
    )
    shown = [str(m) for m in response.context["messages"]]
    assert shown
    assert_persian(shown[0])
    assert record_state(meeting) == before


def test_the_agenda_and_meeting_edit_views_refuse_and_change_nothing(world, meeting, login):
    client = login(world.secretariat)
    item = meeting.agenda_items.first()
    before = record_state(meeting)
    page = client.get(f"/meetings/{meeting.pk}/agenda/{item.pk}/")
    client.post(
        f"/meetings/{meeting.pk}/agenda/{item.pk}/",
        form_data(page.context["form"], title="عنوان تازه"),
    )
    client.post(f"/meetings/{meeting.pk}/agenda/{item.pk}/delete/")
    page = client.get(f"/meetings/{meeting.pk}/edit/")
    response = client.post(
        f"/meetings/{meeting.pk}/edit/", form_data(page.context["form"], location="جای دیگر")
    )
    assert response.status_code == 200
    assert record_state(meeting) == before


# --- (d) The admin -----------------------------------------------------------------------


def admin_post(client, url, overrides):
    """GET the admin change page, then POST it back with ``overrides``. An unhandled
    exception is turned into the 500 a browser would get."""
    page = client.get(url)
    assert page.status_code == 200
    client.raise_request_exception = False
    try:
        return client.post(url, admin_change_data(page, **overrides))
    finally:
        client.raise_request_exception = True


def assert_refused_politely(response) -> None:
    # A form error (200) or a refusal page (403) is fine; a server error is not.
    assert response.status_code != 500, "the admin crashed (500) instead of refusing"
    assert response.status_code in (200, 302, 403)


def test_the_admin_does_not_save_a_change_to_published_minutes(world, meeting, login):
    minutes = meeting.latest_minutes()
    before = record_state(meeting)
    response = admin_post(
        login(world.superuser),
        f"/admin/minutes/minutes/{minutes.pk}/change/",
        {"summary": "خلاصه‌ای که از راه مدیریت نوشته شد"},
    )
    assert_refused_politely(response)
    assert record_state(meeting) == before


def test_the_admin_does_not_save_a_change_to_a_published_decision(world, meeting, login):
    decision = meeting.decisions.get()
    before = record_state(meeting)
    response = admin_post(
        login(world.superuser),
        f"/admin/minutes/decision/{decision.pk}/change/",
        {"text": NEW_TEXT},
    )
    assert_refused_politely(response)
    assert record_state(meeting) == before


def test_the_admin_does_not_save_a_change_to_a_published_meetings_title(world, meeting, login):
    before = record_state(meeting)
    response = admin_post(
        login(world.superuser),
        f"/admin/minutes/meeting/{meeting.pk}/change/",
        {"title": "عنوانی که از راه مدیریت نوشته شد"},
    )
    assert_refused_politely(response)
    assert record_state(meeting) == before


def test_the_admin_does_not_delete_a_published_decision(world, meeting, login):
    decision = meeting.decisions.get()
    before = record_state(meeting)
    client = login(world.superuser)
    client.raise_request_exception = False
    response = client.post(f"/admin/minutes/decision/{decision.pk}/delete/", {"post": "yes"})
    assert_refused_politely(response)
    assert record_state(meeting) == before


def test_the_admins_bulk_delete_action_does_not_delete_a_published_decision(world, meeting, login):
    decision = meeting.decisions.get()
    before = record_state(meeting)
    client = login(world.superuser)
    client.raise_request_exception = False
    response = client.post(
        "/admin/minutes/decision/",
        {"action": "delete_selected", "_selected_action": [decision.pk], "post": "yes"},
    )
    assert_refused_politely(response)
    assert record_state(meeting) == before
