"""No side door: the record of meetings is read-only in the admin for everyone, superusers
and staff holding every model permission included. Its pages still open for reading; the
minutes actions call the services and show their refusals as messages."""

from __future__ import annotations

import pytest

from committee.models import AuditEntry
from minutes.models import Decision, Meeting, Minutes
from tests.admin.records import CHANGES, RECORD_MODELS, admin_url, build_records
from tests.work.support import messages_of, row_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world, settings):
    settings.PUBLIC_BASE_URL = "https://rasht.example.ir"
    return build_records(world)


@pytest.fixture(params=["superuser", "staff_secretariat"])
def staff(request, world, staff_secretariat):
    return world.superuser if request.param == "superuser" else staff_secretariat


@pytest.mark.parametrize("model", RECORD_MODELS, ids=lambda m: m.__name__)
def test_a_superuser_reads_every_record_page(records, world, login, model):
    client = login(world.superuser)
    changelist = client.get(f"/admin/{model._meta.app_label}/{model._meta.model_name}/")
    assert changelist.status_code == 200
    for state in ("published", "draft"):
        obj = records[state].get(model)
        if obj is None:
            continue
        page = client.get(admin_url(model, "change", obj))
        assert page.status_code == 200
        body = page.content.decode()
        assert 'name="_save"' not in body, f"{model.__name__} {state} offers a save button"
        assert "deletelink" not in body


@pytest.mark.parametrize("model", RECORD_MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("state", ["published", "draft"])
def test_staff_may_not_add_change_or_delete_a_record(records, staff, login, model, state):
    client = login(staff)
    assert client.get(admin_url(model, "add")).status_code == 403
    obj = records[state].get(model)
    if obj is None:
        pytest.skip(f"no {state} {model.__name__}")
    before, audit_count = row_of(obj), AuditEntry.objects.count()
    assert client.post(admin_url(model, "change", obj), CHANGES).status_code == 403
    assert client.post(admin_url(model, "delete", obj), {"post": "yes"}).status_code == 403
    bulk = client.post(
        f"/admin/{model._meta.app_label}/{model._meta.model_name}/",
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    assert row_of(obj) == before
    assert AuditEntry.objects.count() == audit_count


def _inline_data(meeting: Meeting, minutes: Minutes, **minutes_fields) -> dict:
    """What a browser would post from a writable meeting page: the meeting and its
    minutes inline with ``minutes_fields`` changed."""
    data = {"title": meeting.title, "location": meeting.location, "status": meeting.status}
    for prefix, count in (("agenda_items", 0), ("attendances", 0), ("decisions", 0)):
        data |= {f"{prefix}-TOTAL_FORMS": count, f"{prefix}-INITIAL_FORMS": count}
    data |= {"minutes-TOTAL_FORMS": 1, "minutes-INITIAL_FORMS": 1, "minutes-0-id": minutes.pk}
    data |= {"minutes-0-meeting": meeting.pk, "minutes-0-revision": minutes.revision}
    data |= {f"minutes-0-{name}": value for name, value in minutes_fields.items()}
    return data


def test_a_superuser_cannot_publish_a_draft_in_the_meetings_minutes_inline(records, world, login):
    draft = records["draft"][Minutes]
    meeting = draft.meeting
    before, audit_count = row_of(draft), AuditEntry.objects.count()
    response = login(world.superuser).post(
        admin_url(Meeting, "change", meeting),
        _inline_data(meeting, draft, status="published", summary=draft.summary),
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.status == Minutes.Status.DRAFT
    assert draft.document_id is None and draft.snapshot is None
    assert row_of(draft) == before
    assert AuditEntry.objects.count() == audit_count


def test_the_staff_secretariat_cannot_edit_a_workgroups_draft_decision(
    records, staff_secretariat, login
):
    decision = records["draft"][Decision]
    minutes = records["draft"][Minutes]
    before, version, audit_count = row_of(decision), minutes.version, AuditEntry.objects.count()
    client = login(staff_secretariat)
    assert client.get(admin_url(Decision, "change", decision)).status_code == 200
    response = client.post(
        admin_url(Decision, "change", decision),
        {"text": "مصوبه‌ای که دبیرخانه از راه مدیریت نوشت", "meeting": decision.meeting_id},
    )
    assert response.status_code == 403
    assert row_of(decision) == before
    minutes.refresh_from_db()
    assert minutes.version == version
    assert AuditEntry.objects.count() == audit_count


def _action(client, name, minutes):
    return client.post(
        "/admin/minutes/minutes/",
        {"action": name, "_selected_action": [minutes.pk]},
        follow=True,
    )


def test_the_publish_action_goes_through_the_service(world, staff_secretariat, login, settings):
    settings.PUBLIC_BASE_URL = "https://rasht.example.ir"
    minutes = world.approved(world.past_meeting())
    response = _action(login(staff_secretariat), "publish_selected", minutes)
    assert response.status_code == 200
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.PUBLISHED
    assert minutes.document_id and minutes.snapshot
    assert AuditEntry.objects.filter(action="minutes.publish", actor=staff_secretariat).exists()


def test_a_refused_action_is_a_message_not_a_500(records, staff_secretariat, login):
    draft = records["draft"][Minutes]
    # The secretariat may not approve a workgroup's minutes, and a draft is not approved.
    for action in ("approve_selected", "publish_selected"):
        response = _action(login(staff_secretariat), action, draft)
        assert response.status_code == 200
        shown = " ".join(messages_of(response))
        assert "صورتجلسه" in shown or "اجازه" in shown, shown
    draft.refresh_from_db()
    assert draft.status == Minutes.Status.DRAFT


def test_the_bulk_delete_action_is_not_offered_for_the_record(records, world, login):
    response = login(world.superuser).get("/admin/minutes/decision/")
    assert 'value="delete_selected"' not in response.content.decode()
