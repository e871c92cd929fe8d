"""What the pages can do, the API can too: the meeting's secretary set and changed, the
attendance read back before publication, and every write of the record answering with the
draft's version so that a client never guesses the next ``expected_version``."""

from __future__ import annotations

from tests.api.conftest import API
from tests.factories import PersonFactory


def _meeting(world, client):
    meeting = world.past_meeting()
    return meeting, client.get(f"{API}/meetings/{meeting.pk}/").json()


def test_the_secretary_is_set_and_changed(world, client_for):
    secretariat = client_for(world.secretariat)
    meeting = world.past_meeting()
    clerk, other = PersonFactory(post="کارشناس روابط عمومی"), PersonFactory()
    response = secretariat.patch(f"{API}/meetings/{meeting.pk}/", {"secretary": clerk.pk})
    assert response.status_code == 200, response.content
    assert response.json()["secretary_person"]["id"] == clerk.pk
    response = secretariat.patch(f"{API}/meetings/{meeting.pk}/", {"secretary": other.pk})
    assert response.json()["secretary_person"]["id"] == other.pk
    # The chair of the workgroup may not; a visitor is told to log in.
    chair = client_for(world.chair)
    assert chair.patch(f"{API}/meetings/{meeting.pk}/", {"secretary": clerk.pk}).status_code == 403
    assert client_for(None).patch(f"{API}/meetings/{meeting.pk}/", {}).status_code == 401
    bad = secretariat.patch(f"{API}/meetings/{meeting.pk}/", {"secretary": "x"})
    assert bad.status_code == 400 and "secretary" in bad.json()


def test_attendance_is_read_back_before_publication(world, client_for):
    chair = client_for(world.chair)
    meeting = world.past_meeting()
    sheet = chair.get(f"{API}/meetings/{meeting.pk}/attendance/")
    assert sheet.status_code == 200, sheet.content
    body = sheet.json()
    assert body["draft_version"] == 0
    members = {row["person"]["id"]: row for row in body["attendance"]}
    official = world.person(world.official).pk
    journalist = world.person(world.journalist).pk
    assert members[official]["status"] == "" and body["not_recorded"] == len(members)

    recorded = chair.post(
        f"{API}/meetings/{meeting.pk}/record/",
        {
            "expected_version": 0,
            "attendance": [
                {"person": official, "status": "present"},
                {"person": journalist, "status": "excused", "excuse": "مأموریت"},
            ],
        },
    )
    assert recorded.status_code == 200, recorded.content
    version = recorded.json()["version"]

    body = chair.get(f"{API}/meetings/{meeting.pk}/attendance/").json()
    rows = {r["person"]["id"]: r for r in body["attendance"]}
    assert (rows[official]["status"], rows[official]["arrived_at"]) == ("present", None)
    assert (rows[journalist]["status"], rows[journalist]["excuse"]) == ("excused", "مأموریت")
    assert body["draft_version"] == version
    assert body["not_recorded"] == len(body["attendance"]) - 2
    assert body["quorum"]["present"] == 1


def test_who_may_read_the_attendance(world, client_for):
    meeting = world.past_meeting()
    url = f"{API}/meetings/{meeting.pk}/attendance/"
    assert client_for(None).get(url).status_code == 404
    assert client_for(world.other_chair).get(url).status_code == 404
    assert client_for(world.journalist).get(url).status_code == 200
    assert client_for(world.secretariat).get(url).status_code == 200
    assert client_for(world.superuser).get(url).status_code == 200


def test_every_write_of_the_record_gives_the_next_expected_version(world, client_for):
    chair = client_for(world.chair)
    meeting, before = _meeting(world, chair)
    assert before["draft_version"] == 0

    record = chair.post(
        f"{API}/meetings/{meeting.pk}/record/", {"expected_version": 0, "summary": "گزارش."}
    ).json()
    decision = chair.post(
        f"{API}/meetings/{meeting.pk}/decisions/",
        {
            "expected_version": record["version"],
            "text": "گزارش ماهانه ارائه شود.",
            "responsible_organization": world.person(world.official).organization_id,
        },
    )
    assert decision.status_code == 201, decision.content
    after_add = decision.json()["draft_version"]
    assert after_add is not None and after_add > record["version"]

    changed = chair.patch(
        f"{API}/decisions/{decision.json()['id']}/",
        {"expected_version": after_add, "text": "گزارش ماهانه تا پایان ماه ارائه شود."},
    )
    assert changed.status_code == 200, changed.content
    after_change = changed.json()["draft_version"]
    assert after_change > after_add

    # The version from a reply is the one the next change is accepted with; an older one
    # is refused with 409 and saves nothing.
    stale = chair.patch(
        f"{API}/decisions/{decision.json()['id']}/", {"expected_version": after_add, "text": "x"}
    )
    assert stale.status_code == 409
    meeting_now = chair.get(f"{API}/meetings/{meeting.pk}/").json()
    assert meeting_now["draft_version"] == after_change

    # Everyone the sheet lists is recorded present, with the version it gives.
    sheet = chair.get(f"{API}/meetings/{meeting.pk}/attendance/").json()
    assert sheet["draft_version"] == after_change
    everyone = chair.post(
        f"{API}/meetings/{meeting.pk}/record/",
        {
            "expected_version": sheet["draft_version"],
            "attendance": [
                {"person": row["person"]["id"], "status": "present"} for row in sheet["attendance"]
            ],
        },
    )
    assert everyone.status_code == 200, everyone.content

    # Submitted: nothing more to change until a correction, so no version to send.
    submitted = chair.post(f"{API}/minutes/{record['id']}/submit/")
    assert submitted.status_code == 200, submitted.content
    assert chair.get(f"{API}/meetings/{meeting.pk}/").json()["draft_version"] is None
    assert chair.get(f"{API}/decisions/{decision.json()['id']}/").json()["draft_version"] is None


def test_visitors_never_see_a_draft_version(world, client_for):
    meeting = world.past_meeting(is_public=True)
    chair = client_for(world.chair)
    chair.post(f"{API}/meetings/{meeting.pk}/record/", {"expected_version": 0, "summary": "x"})
    response = client_for(None).get(f"{API}/meetings/{meeting.pk}/")
    if response.status_code == 200:
        assert "draft_version" not in response.json()
