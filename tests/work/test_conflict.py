"""Two people edit the same draft: the first save wins, the second is refused with a Persian
message (EditConflict) and nothing of it is saved, instead of silently overwriting."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from minutes import services
from minutes.errors import EditConflict
from minutes.models import Attendance, Decision, Meeting, Minutes
from tests.work.support import assert_persian, form_data, row_of

pytestmark = pytest.mark.django_db

CONFLICT_WORDS = "کس دیگری"


@pytest.fixture
def meeting(world) -> Meeting:
    return world.past_meeting()


@pytest.fixture
def draft(world, meeting) -> Minutes:
    """A draft already exists: the chair has recorded the meeting once."""
    return world.record(meeting, summary="خلاصه نخست")


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def conflict_shown(response) -> str:
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1
    assert CONFLICT_WORDS in errors[0]
    assert_persian(errors[0])
    return errors[0]


def attendance_of(meeting) -> dict[int, str]:
    return dict(Attendance.objects.filter(meeting=meeting).values_list("person_id", "status"))


# --- Through the record form --------------------------------------------------------------


def test_of_two_tabs_on_the_record_form_only_the_first_save_is_kept(world, meeting, draft):
    url = f"/meetings/{meeting.pk}/record/"
    first, second = browser(world.chair), browser(world.chair)
    first_form = first.get(url).context["form"]
    second_form = second.get(url).context["form"]
    assert first_form["version"].value() == second_form["version"].value() == draft.version
    item = meeting.agenda_items.first()

    response = first.post(
        url, form_data(first_form, summary="خلاصه از زبانه اول", **{f"disc_{item.pk}": "اول"})
    )
    assert response.status_code == 302
    after_first = row_of(Minutes.objects.get(pk=draft.pk)), row_of(item)

    response = second.post(
        url, form_data(second_form, summary="خلاصه از زبانه دوم", **{f"disc_{item.pk}": "دوم"})
    )
    conflict_shown(response)
    assert (row_of(Minutes.objects.get(pk=draft.pk)), row_of(item)) == after_first
    assert after_first[0]["summary"] == "خلاصه از زبانه اول"
    assert after_first[1]["discussion"] == "اول"


def test_the_secretariats_attendance_from_a_stale_form_does_not_overwrite_the_chairs(
    world, meeting, draft
):
    url = f"/meetings/{meeting.pk}/record/"
    chair, secretariat = browser(world.chair), browser(world.secretariat)
    chair_form = chair.get(url).context["form"]
    secretariat_form = secretariat.get(url).context["form"]
    official = world.person(world.official)
    journalist = world.person(world.journalist)

    response = chair.post(
        url,
        form_data(
            chair_form,
            summary="خلاصه رییس",
            **{f"att_{official.pk}": "excused", f"excuse_{official.pk}": "مأموریت"},
        ),
    )
    assert response.status_code == 302
    kept = attendance_of(meeting), row_of(Minutes.objects.get(pk=draft.pk))

    response = secretariat.post(
        url,
        form_data(
            secretariat_form, **{f"att_{official.pk}": "absent", f"att_{journalist.pk}": "absent"}
        ),
    )
    conflict_shown(response)
    assert (attendance_of(meeting), row_of(Minutes.objects.get(pk=draft.pk))) == kept
    assert kept[0][official.pk] == Attendance.Status.EXCUSED
    assert kept[0][journalist.pk] == Attendance.Status.PRESENT


def test_two_people_opening_the_record_form_before_any_draft_exists_do_not_overwrite(
    world, meeting
):
    # No draft yet: both forms carry version 0. The first save creates the draft; the
    # second was typed without seeing it and must not replace it.
    url = f"/meetings/{meeting.pk}/record/"
    first, second = browser(world.chair), browser(world.chair)
    first_form = first.get(url).context["form"]
    second_form = second.get(url).context["form"]
    assert first_form["version"].value() == second_form["version"].value() == 0

    assert first.post(url, form_data(first_form, summary="خلاصه اول")).status_code == 302
    kept = row_of(meeting.latest_minutes())

    response = second.post(url, form_data(second_form, summary="خلاصه دوم"))
    assert row_of(meeting.latest_minutes())["summary"] == "خلاصه اول"
    assert row_of(meeting.latest_minutes()) == kept
    conflict_shown(response)


# --- Through the decision form ------------------------------------------------------------


def test_of_two_tabs_on_a_decision_only_the_first_save_is_kept(world, meeting, draft):
    decision = world.decide(meeting)
    url = f"/meetings/{meeting.pk}/decisions/{decision.pk}/"
    first, second = browser(world.chair), browser(world.chair)
    first_form = first.get(url).context["form"]
    second_form = second.get(url).context["form"]

    new_text = "شهرداری منطقه ۲ گزارش لکه‌گیری را هر هفته منتشر کند."
    assert first.post(url, form_data(first_form, text=new_text)).status_code == 302
    kept = row_of(decision)

    later = decision.deadline + datetime.timedelta(days=20)
    response = second.post(
        url,
        form_data(
            second_form,
            deadline=second_form.fields["deadline"].widget.format_value(later),
        ),
    )
    conflict_shown(response)
    assert row_of(decision) == kept
    assert kept["text"] == new_text


def test_a_decision_added_from_a_stale_form_is_refused(world, meeting, draft):
    url = f"/meetings/{meeting.pk}/decisions/new/"
    first, second = browser(world.chair), browser(world.chair)
    org = world.person(world.official).organization_id
    first_form = first.get(url).context["form"]
    second_form = second.get(url).context["form"]
    assert (
        first.post(
            url, form_data(first_form, text="مصوبه نخست", responsible_organization=org)
        ).status_code
        == 302
    )
    response = second.post(
        url, form_data(second_form, text="مصوبه دوم", responsible_organization=org)
    )
    conflict_shown(response)
    assert list(meeting.decisions.values_list("text", flat=True)) == ["مصوبه نخست"]


# --- Through the services -----------------------------------------------------------------


def test_record_meeting_with_a_stale_version_saves_nothing(world, meeting, draft):
    stale = draft.version
    services.record_meeting(world.chair, meeting, expected_version=stale, summary="خلاصه تازه")
    kept_minutes, kept_attendance = row_of(draft), attendance_of(meeting)
    item = meeting.agenda_items.first()
    kept_item = row_of(item)
    official = world.person(world.official)

    with pytest.raises(EditConflict) as caught:
        services.record_meeting(
            world.chair,
            meeting,
            expected_version=stale,
            attendance={official.pk: Attendance.Status.ABSENT},
            items={item.pk: {"discussion": "نباید ذخیره شود"}},
            summary="نباید ذخیره شود",
        )
    assert CONFLICT_WORDS in caught.value.message
    assert_persian(caught.value.message)
    assert row_of(draft) == kept_minutes
    assert attendance_of(meeting) == kept_attendance
    assert row_of(item) == kept_item


def test_each_successful_save_raises_the_version_by_one(world, meeting, draft):
    version = draft.version
    services.record_meeting(world.chair, meeting, expected_version=version, summary="یک")
    services.record_meeting(world.chair, meeting, expected_version=version + 1, summary="دو")
    draft.refresh_from_db()
    assert (draft.version, draft.summary) == (version + 2, "دو")


def test_add_decision_with_a_stale_version_adds_nothing(world, meeting, draft):
    stale = draft.version
    world.decide(meeting)  # someone else's save moves the version on
    kept = row_of(Minutes.objects.get(pk=draft.pk))
    with pytest.raises(EditConflict) as caught:
        services.add_decision(
            world.chair,
            meeting,
            expected_version=stale,
            text="مصوبه‌ای که نباید ثبت شود",
            responsible_organization=world.person(world.official).organization,
        )
    assert_persian(caught.value.message)
    assert meeting.decisions.count() == 1
    assert row_of(Minutes.objects.get(pk=draft.pk)) == kept


def test_update_and_remove_decision_with_a_stale_version_change_nothing(world, meeting, draft):
    decision = world.decide(meeting)
    stale = Minutes.objects.get(pk=draft.pk).version
    services.record_meeting(world.chair, meeting, expected_version=stale, summary="ویرایش دیگری")
    kept = row_of(decision)
    with pytest.raises(EditConflict):
        services.update_decision(world.chair, decision, expected_version=stale, text="متن کهنه")
    with pytest.raises(EditConflict):
        services.remove_decision(world.chair, decision, expected_version=stale)
    assert row_of(decision) == kept
    assert Decision.objects.filter(pk=decision.pk).exists()
