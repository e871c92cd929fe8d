"""The record is right: attendance recorded (never assumed), quorum, votes, the meeting's
secretary, meetings registered after the fact, status at publication, follow-up dates and
two editors of one agenda item — through the pages a person uses."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from committee.models import Person
from minutes import services
from minutes.errors import InvalidTransition, ServiceError
from minutes.models import (
    MEETING_ENDS_AFTER_START,
    AgendaItem,
    Attendance,
    Decision,
    Invitation,
    Meeting,
    Minutes,
)
from minutes.publication.snapshot import build_snapshot
from persian.jalali import TEHRAN, format_numeric
from tests.work.support import assert_persian, messages_of


def _members(meeting: Meeting) -> list[Person]:
    return meeting.body_members(meeting.day)


def _all_present(meeting: Meeting) -> dict[int, str]:
    return {person.pk: Attendance.Status.PRESENT for person in _members(meeting)}


# --- attendance is recorded, not assumed -------------------------------------------------


def test_nobody_starts_as_present_on_the_record_form(world, login):
    meeting = world.past_meeting()
    page = login(world.chair).get(reverse("meeting_record", args=[meeting.pk]))
    assert page.status_code == 200
    form = page.context["form"]
    for person in _members(meeting):
        assert form[f"att_{person.pk}"].value() in ("", None)
    assert "ثبت نشده" in page.content.decode()


def test_the_rsvp_is_shown_as_a_suggestion_beside_the_person(world, login):
    meeting = world.past_meeting()
    official = world.person(world.official)
    Invitation.objects.create(
        meeting=meeting,
        person=official,
        response=Invitation.Response.DECLINED,
        response_note="سفر کاری به تهران",
    )
    page = login(world.chair).get(reverse("meeting_record", args=[meeting.pk]))
    html = page.content.decode()
    assert "سفر کاری به تهران" in html
    assert "پیشنهاد" in html and str(Attendance.Status.EXCUSED.label) in html
    assert page.context["form"][f"att_{official.pk}"].value() in ("", None)


def test_submitting_with_a_member_not_recorded_is_refused_naming_them(world, login):
    meeting = world.past_meeting()
    members = _members(meeting)
    official = world.person(world.official)
    attendance = {p.pk: Attendance.Status.PRESENT for p in members if p.pk != official.pk}
    draft = services.record_meeting(
        world.chair, meeting, expected_version=None, attendance=attendance
    )
    world.decide(meeting)
    client = login(world.chair)
    response = client.post(reverse("minutes_transition", args=[draft.pk, "submit"]), follow=True)
    shown = " ".join(messages_of(response))
    assert official.full_name in shown
    assert_persian(shown)
    assert Minutes.objects.get(pk=draft.pk).status == Minutes.Status.DRAFT
    # The meeting page says who is missing, too.
    page = client.get(meeting.get_absolute_url())
    assert official.full_name in page.content.decode()


def test_an_excused_absence_needs_its_reason(world):
    meeting = world.past_meeting()
    official = world.person(world.official)
    with pytest.raises(ServiceError) as refused:
        services.record_meeting(
            world.chair,
            meeting,
            expected_version=None,
            attendance={official.pk: {"status": Attendance.Status.EXCUSED, "excuse": ""}},
        )
    assert official.full_name in refused.value.message
    assert not meeting.attendances.exists()


def test_the_record_form_keeps_the_excuse_and_a_late_arrival(world, login):
    meeting = world.past_meeting(ago=datetime.timedelta(hours=3))
    meeting.ends_at = meeting.starts_at + datetime.timedelta(hours=2)
    meeting.save()
    client = login(world.chair)
    url = reverse("meeting_record", args=[meeting.pk])
    form = client.get(url).context["form"]
    official, journalist = world.person(world.official), world.person(world.journalist)
    chair = world.person(world.chair)
    start = timezone.localtime(meeting.starts_at)
    late = (start + datetime.timedelta(minutes=20)).strftime("%H:%M")
    data = {"version": form["version"].value(), "summary": ""}
    for entry in form.expected:
        pk = entry.person.pk
        data[f"att_{pk}"] = Attendance.Status.PRESENT
    data[f"att_{official.pk}"] = Attendance.Status.EXCUSED
    data[f"excuse_{official.pk}"] = "مأموریت اداری"
    data[f"arrived_{journalist.pk}"] = late
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    rows = {row.person_id: row for row in meeting.attendances.all()}
    assert rows[official.pk].excuse == "مأموریت اداری"
    assert rows[journalist.pk].arrived_at.strftime("%H:%M") == late
    assert rows[chair.pk].status == Attendance.Status.PRESENT


def test_a_guest_is_recorded_apart_and_never_as_a_member(world):
    meeting = world.past_meeting()
    guest = world.person(world.other_journalist)
    with pytest.raises(ServiceError) as refused:
        services.record_meeting(
            world.chair,
            meeting,
            expected_version=None,
            attendance={**_all_present(meeting), guest.pk: Attendance.Status.PRESENT},
            guests=[guest],
        )
    assert guest.full_name in refused.value.message
    services.record_meeting(
        world.chair,
        meeting,
        expected_version=None,
        attendance=_all_present(meeting),
        guests=[guest],
    )
    assert meeting.attendances.get(person=guest).status == Attendance.Status.GUEST
    assert meeting.quorum().present == len(_members(meeting))


# --- quorum -------------------------------------------------------------------------------


def _one_of_three_present(world, meeting: Meeting) -> None:
    """The first of the three members (chair, official, journalist) present, two absent."""
    members = _members(meeting)
    attendance = {p.pk: Attendance.Status.ABSENT for p in members}
    attendance[members[0].pk] = Attendance.Status.PRESENT
    services.record_meeting(world.chair, meeting, expected_version=None, attendance=attendance)


def test_the_quorum_is_more_than_half_of_the_permanent_members_by_default(world):
    meeting = world.past_meeting()
    _one_of_three_present(world, meeting)
    quorum = meeting.quorum()
    assert (quorum.members, quorum.present, quorum.required, quorum.met) == (3, 1, 2, False)


def test_a_body_may_set_its_quorum_as_a_number_or_a_fraction(world):
    meeting = world.past_meeting()
    _one_of_three_present(world, meeting)
    world.workgroup.quorum = "۱"
    world.workgroup.save()
    assert Meeting.objects.get(pk=meeting.pk).quorum().met is True
    world.workgroup.quorum = "2/3"
    world.workgroup.save()
    assert Meeting.objects.get(pk=meeting.pk).quorum().required == 2


def test_minutes_without_quorum_say_so_on_the_pages_and_in_every_decision(world, login):
    meeting = world.past_meeting()
    _one_of_three_present(world, meeting)
    world.decide(meeting)
    page = login(world.chair).get(meeting.get_absolute_url()).content.decode()
    assert "حد نصاب: ۱ نفر از ۳ عضو ثابت حاضر — جلسه رسمی نیست" in page
    assert "در جلسه بدون حد نصاب" in page
    # Minutes without quorum can still be submitted, approved and published.
    minutes = services.submit_minutes(world.chair, meeting.latest_minutes())
    minutes = services.approve_minutes(world.chair, minutes)
    minutes = services.publish_minutes(world.secretariat, minutes)
    assert minutes.snapshot["quorum"] == {"members": 3, "present": 1, "required": 2, "met": False}
    public = login(world.nobody).get(meeting.get_absolute_url()).content.decode()
    assert "جلسه رسمی نیست" in public


def test_a_quorate_meeting_says_it_is_in_order(world, login):
    meeting = world.past_meeting()
    world.record(meeting)
    page = login(world.chair).get(meeting.get_absolute_url()).content.decode()
    assert "حد نصاب: ۳ نفر از ۳ عضو ثابت حاضر — جلسه رسمی است" in page


# --- votes --------------------------------------------------------------------------------


def _decision_post(form, **overrides):
    data = {
        "version": form["version"].value(),
        "text": "معاونت عمرانی گزارش را ارائه کند.",
        "responsible_organization": "",
        "responsible_person": "",
        "deadline": "",
        "is_public": "on",
        "vote_method": "",
        "votes_for": "",
        "votes_against": "",
        "votes_abstain": "",
    }
    data.update(overrides)
    return data


def test_vote_counts_cannot_exceed_the_members_present(world, login):
    meeting = world.past_meeting()
    world.record(meeting)  # three members present
    client = login(world.chair)
    url = reverse("decision_add", args=[meeting.pk])
    form = client.get(url).context["form"]
    official = world.person(world.official)
    response = client.post(
        url,
        _decision_post(
            form,
            responsible_person=official.pk,
            vote_method="vote",
            votes_for="3",
            votes_against="1",
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "مجموع آرا (۴) از شمار اعضای حاضرِ دارای رأی (۳) بیشتر است" in html
    assert "معاونت عمرانی گزارش را ارائه کند." in html  # nothing typed is lost
    assert not meeting.decisions.exists()


def test_a_decision_by_vote_is_recorded_with_counts_and_names(world, login):
    meeting = world.past_meeting()
    world.record(meeting)
    client = login(world.chair)
    url = reverse("decision_add", args=[meeting.pk])
    form = client.get(url).context["form"]
    official, journalist = world.person(world.official), world.person(world.journalist)
    chair = world.person(world.chair)
    response = client.post(
        url,
        _decision_post(
            form,
            responsible_person=official.pk,
            vote_method="vote",
            voters_for=[chair.pk, official.pk],
            voters_abstain=[journalist.pk],
        ),
    )
    assert response.status_code == 302
    decision = meeting.decisions.get()
    assert (decision.votes_for, decision.votes_against, decision.votes_abstain) == (2, 0, 1)
    assert decision.votes.count() == 3
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "با رأی‌گیری: ۲ موافق، ۰ مخالف، ۱ ممتنع" in page


def test_an_absent_member_cannot_vote(world):
    meeting = world.past_meeting()
    members = _members(meeting)
    official = world.person(world.official)
    attendance = {p.pk: Attendance.Status.PRESENT for p in members}
    attendance[official.pk] = Attendance.Status.ABSENT
    services.record_meeting(world.chair, meeting, expected_version=None, attendance=attendance)
    with pytest.raises(ServiceError) as refused:
        world.decide(meeting, vote_method=Decision.VoteMethod.VOTE, voters={official.pk: "abstain"})
    assert official.full_name in refused.value.message


def test_counts_are_only_for_a_decision_taken_by_vote(world):
    meeting = world.past_meeting()
    world.record(meeting)
    with pytest.raises(ServiceError):
        world.decide(meeting, vote_method=Decision.VoteMethod.UNANIMOUS, votes_for=3)


# --- the meeting's secretary ----------------------------------------------------------------


def test_whoever_schedules_is_the_secretary_by_default(world):
    meeting = services.schedule_meeting(
        world.secretariat,
        committee=world.committee,
        workgroup=world.workgroup,
        title="جلسه ماهانه کارگروه",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=None,
        location="سالن شورا",
    )
    assert meeting.secretary_person == world.person(world.secretariat)


def test_publishing_without_a_secretary_is_refused(world):
    meeting = world.past_meeting(secretary_person=None)
    minutes = world.approved(meeting)
    with pytest.raises(InvalidTransition) as refused:
        services.publish_minutes(world.secretariat, minutes)
    assert "دبیر جلسه" in refused.value.message
    assert Minutes.objects.get(pk=minutes.pk).status == Minutes.Status.APPROVED


def test_the_secretary_can_be_changed_until_publication(world, login):
    meeting = world.past_meeting()
    world.record(meeting)
    staff = world.person(world.secretariat)
    services.update_meeting(world.secretariat, meeting, secretary_person=staff)
    assert Meeting.objects.get(pk=meeting.pk).secretary_person == staff
    world.decide(meeting)
    minutes = services.submit_minutes(world.chair, meeting.latest_minutes())
    services.publish_minutes(world.secretariat, services.approve_minutes(world.chair, minutes))
    with pytest.raises(InvalidTransition):
        services.update_meeting(world.secretariat, meeting, secretary_person=None)


# --- meetings held before the tool ------------------------------------------------------------


def _past_form(**overrides):
    data = {
        "body": "",
        "number": "12",
        "title": "جلسه کارگروه از بایگانی کاغذی",
        "date": "۱۳۹۷/۰۲/۱۵",
        "start": "۱۰:۰۰",
        "end": "۱۲:۰۰",
        "location": "سالن جلسات شهرداری",
        "is_public": "on",
        "agenda-TOTAL_FORMS": "0",
        "agenda-INITIAL_FORMS": "0",
        "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "30",
    }
    data.update(overrides)
    return data


def test_the_secretariat_registers_a_meeting_held_before_the_tool(world, login):
    client = login(world.secretariat)
    response = client.post(
        reverse("meeting_register_past"), _past_form(body=f"wg-{world.workgroup.pk}")
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="جلسه کارگروه از بایگانی کاغذی")
    assert (meeting.jalali_year, meeting.number, meeting.status) == (1397, 12, "held")
    assert meeting.registered_late_at is not None
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "ثبت پسین در تاریخ" in page


def test_a_session_number_already_taken_that_year_is_refused(world, login):
    client = login(world.secretariat)
    body = f"wg-{world.workgroup.pk}"
    assert client.post(reverse("meeting_register_past"), _past_form(body=body)).status_code == 302
    again = client.post(reverse("meeting_register_past"), _past_form(body=body, title="جلسه دیگر"))
    assert again.status_code == 200
    html = again.content.decode()
    assert "جلسه شماره ۱۲ سال ۱۳۹۷" in html and "پیش‌تر ثبت شده است" in html
    assert not Meeting.objects.filter(title="جلسه دیگر").exists()


def test_a_future_date_is_refused_for_a_meeting_already_held(world, login):
    client = login(world.secretariat)
    response = client.post(
        reverse("meeting_register_past"),
        _past_form(body="committee", date="۱۴۲۰/۰۱/۰۱"),
    )
    assert response.status_code == 200
    assert "جلسه برگزارشده باید در گذشته باشد" in response.content.decode()


def test_an_end_before_the_start_is_the_services_refusal_shown_on_the_end_field(world, login):
    client = login(world.secretariat)
    response = client.post(
        reverse("meeting_register_past"), _past_form(body="committee", start="۱۲:۰۰", end="۱۰:۰۰")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end"] == [str(MEETING_ENDS_AFTER_START)]
    assert not Meeting.objects.filter(title="جلسه کارگروه از بایگانی کاغذی").exists()


def test_ordinary_scheduling_still_refuses_a_start_in_the_past(world):
    with pytest.raises(ServiceError) as refused:
        services.schedule_meeting(
            world.secretariat,
            committee=world.committee,
            workgroup=world.workgroup,
            title="جلسه",
            starts_at=datetime.datetime(2018, 5, 5, 10, 0, tzinfo=TEHRAN),
            ends_at=None,
            location="سالن",
        )
    assert "ثبت جلسه برگزارشده" in refused.value.message


# --- status at publication ---------------------------------------------------------------


def test_a_decision_past_its_deadline_is_published_as_overdue(world):
    meeting = world.past_meeting(ago=datetime.timedelta(days=40))
    world.record(meeting)
    world.decide(meeting, deadline=timezone.localdate() - datetime.timedelta(days=5))
    minutes = world.published(meeting)
    entry = minutes.snapshot["decisions"][0]
    assert entry["overdue"] is True and entry["status"] == Decision.Status.OPEN
    from minutes.publication.pdf import build_context

    context = build_context(minutes.snapshot, draft=False, verify_url="")
    assert context["decisions"][0]["status"] == "عقب‌افتاده"


# --- follow-ups within the decision's life ---------------------------------------------------


def test_a_follow_up_dated_before_the_meeting_is_refused(world, login):
    meeting = world.past_meeting(ago=datetime.timedelta(days=10))
    world.record(meeting)
    decision = world.decide(meeting)
    world.published(meeting)
    client = login(world.secretariat)
    before = format_numeric(timezone.localdate() - datetime.timedelta(days=30))
    response = client.post(
        reverse("follow_up_create", args=[decision.pk]),
        {"status": "in_progress", "date": before, "note": "نامه به پیمانکار فرستاده شد."},
    )
    assert response.status_code == 200
    assert "نمی‌تواند پیش از تاریخ جلسه" in response.content.decode()
    assert not decision.follow_ups.exists()


# --- the same-draft rule for agenda items -------------------------------------------------------


def test_two_tabs_editing_one_agenda_item_the_second_save_is_refused(world, login):
    meeting = world.future_meeting()
    item = meeting.agenda_items.get()
    client = login(world.secretariat)
    url = reverse("agenda_item_edit", args=[meeting.pk, item.pk])
    first_tab = client.get(url).context["form"]
    second_tab = client.get(url).context["form"]

    def post(form, title):
        return client.post(
            url,
            {
                "version": form["version"].value(),
                "title": title,
                "description": "",
                "kind": "report",
                "presenter": "",
                "is_public": "on",
            },
        )

    assert post(first_tab, "عنوان از زبانه نخست").status_code == 302
    refused = post(second_tab, "عنوان از زبانه دوم")
    assert refused.status_code == 200
    assert "به دست کس دیگری تغییر کرده است" in refused.content.decode()
    assert AgendaItem.objects.get(pk=item.pk).title == "عنوان از زبانه نخست"


def test_the_snapshot_of_a_draft_carries_the_quorum(world):
    meeting = world.past_meeting()
    draft = world.record(meeting)
    assert build_snapshot(draft)["quorum"]["met"] is True


def test_the_record_form_is_closed_once_the_minutes_leave_the_draft(world, login):
    meeting = world.past_meeting()
    world.submitted(meeting)
    response = login(world.chair).get(reverse("meeting_record", args=[meeting.pk]), follow=True)
    assert response.redirect_chain[-1][0] == meeting.get_absolute_url()
    assert "ثبت جلسه بسته است" in " ".join(messages_of(response))


def test_a_title_with_a_line_break_is_refused_on_its_field_in_the_form(world, login):
    client = login(world.secretariat)
    response = client.post(
        reverse("meeting_register_past"),
        _past_form(body="committee", title="جلسه کارگروه\nاز بایگانی"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any("یک سطر" in message for message in errors.get("title", [])), errors
    assert not Meeting.objects.filter(title__startswith="جلسه کارگروه").exists()


def test_a_meeting_still_to_come_says_what_quorum_it_needs_not_that_it_lacks_one(world, login):
    meeting = world.future_meeting()
    page = login(world.chair).get(meeting.get_absolute_url()).content.decode()
    assert "حد نصاب: ۲ نفر از ۳ عضو ثابت؛ حضور هنوز ثبت نشده است." in page
    assert "جلسه رسمی نیست" not in page
    assert "no-quorum" not in page
