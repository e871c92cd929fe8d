"""Lists show only what the caller may see, anything else is a 404, and nothing unpublished
reaches the public: not an internal decision, not a draft, not a change made in an open
correction, not a contact detail."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from minutes import services
from minutes.models import Invitation, Question
from tests.api.conftest import API, ids, results
from tests.factories import (
    CommitteeFactory,
    CommitteeRoleFactory,
    MembershipFactory,
    PersonFactory,
    UserFactory,
    WorkgroupFactory,
)
from workgroups.permissions import sync_workgroup_permissions

pytestmark = pytest.mark.django_db


def test_an_internal_meeting_is_listed_only_for_its_members_and_is_a_404_for_others(
    world, client_for
):
    internal = world.future_meeting(is_public=False)
    public = world.future_meeting(world.other_workgroup)
    for user in (None, world.other_chair, world.nobody):
        client = client_for(user)
        assert internal.pk not in ids(client.get(f"{API}/meetings/"))
        assert public.pk in ids(client.get(f"{API}/meetings/"))
        assert client.get(f"{API}/meetings/{internal.pk}/").status_code == 404
        for resource in ("agenda-items", "questions", "minutes", "decisions", "invitations"):
            listed = client.get(f"{API}/{resource}/", {"meeting": internal.pk})
            assert results(listed) == [], resource
    for user in (world.chair, world.official, world.journalist, world.secretariat):
        shown = client_for(user).get(f"{API}/meetings/{internal.pk}/").json()
        assert shown["internal"] is True
        assert [item["title"] for item in shown["agenda"]] == ["گزارش پیشرفت پروژه‌ها"]


def test_a_public_meeting_shows_no_agenda_to_outsiders_before_publication(world, client_for):
    meeting = world.future_meeting()
    shown = client_for(None).get(f"{API}/meetings/{meeting.pk}/").json()
    assert shown["internal"] is False
    assert shown["agenda"] == []
    assert "invitations" not in shown
    assert client_for(None).get(f"{API}/agenda-items/").json()["count"] == 0


def test_drafts_and_internal_decisions_stay_internal_until_published(world, client_for):
    meeting = world.past_meeting()
    world.record(meeting)
    public = world.decide(meeting)
    internal = world.decide(meeting, text="پیگیری محرمانه با پیمانکار.", is_public=False)
    anonymous = client_for(None)
    assert results(anonymous.get(f"{API}/decisions/")) == []
    assert results(anonymous.get(f"{API}/minutes/")) == []
    assert anonymous.get(f"{API}/decisions/{public.pk}/").status_code == 404

    member = client_for(world.official)
    assert ids(member.get(f"{API}/decisions/")) == {public.pk, internal.pk}
    assert [m["status"] for m in results(member.get(f"{API}/minutes/"))] == ["draft"]

    minutes = services.submit_minutes(world.chair, meeting.latest_minutes())
    services.publish_minutes(world.secretariat, services.approve_minutes(world.chair, minutes))
    assert ids(anonymous.get(f"{API}/decisions/")) == {public.pk}
    assert anonymous.get(f"{API}/decisions/{internal.pk}/").status_code == 404
    assert [m["status"] for m in results(anonymous.get(f"{API}/minutes/"))] == ["published"]
    assert client_for(world.other_chair).get(f"{API}/decisions/{public.pk}/").json()["published"]


def test_a_decision_changed_in_an_open_correction_does_not_leak(world, client_for):
    meeting = world.past_meeting()
    world.published(meeting)
    decision = meeting.decisions.get()
    published_text = decision.text
    correction = services.issue_correction(
        world.secretariat, meeting.latest_minutes(), "اصلاح متن مصوبه"
    )
    services.update_decision(
        world.chair,
        decision,
        expected_version=correction.version,
        text="متن تازه‌ای که هنوز منتشر نشده است.",
        deadline=timezone.localdate() + datetime.timedelta(days=90),
    )
    added = world.decide(meeting, text="مصوبه‌ای که در اصلاحیه افزوده شد.")

    anonymous = client_for(None)
    public = results(anonymous.get(f"{API}/decisions/"))
    assert [(d["id"], d["text"], d["published"]) for d in public] == [
        (decision.pk, published_text, True)
    ]
    assert anonymous.get(f"{API}/decisions/{added.pk}/").status_code == 404
    assert results(anonymous.get(f"{API}/decisions/", {"q": "منتشر نشده"})) == []
    # The draft correction is internal; the published revision stays public.
    assert [m["revision"] for m in results(anonymous.get(f"{API}/minutes/"))] == [1]
    assert anonymous.get(f"{API}/minutes/{correction.pk}/").status_code == 404
    # The live agenda is no longer the published one: hidden until the correction is out.
    assert results(anonymous.get(f"{API}/agenda-items/", {"meeting": meeting.pk})) == []

    chair = client_for(world.chair)
    live = {d["id"]: d for d in results(chair.get(f"{API}/decisions/", {"meeting": meeting.pk}))}
    assert live[decision.pk]["text"].startswith("متن تازه")
    assert added.pk in live


def test_questions_are_seen_by_their_author_the_chair_and_the_secretariat(world, client_for):
    meeting = world.future_meeting()
    question = services.propose_question(
        world.journalist, meeting, kind=Question.Kind.QUESTION, title="پرسش", text="متن پرسش"
    )
    seen = {
        "journalist": world.journalist,
        "chair": world.chair,
        "secretariat": world.secretariat,
        "superuser": world.superuser,
    }
    for name, user in seen.items():
        assert ids(client_for(user).get(f"{API}/questions/")) == {question.pk}, name
    for user in (None, world.official, world.other_chair, world.other_journalist, world.nobody):
        client = client_for(user)
        assert results(client.get(f"{API}/questions/")) == []
        assert client.get(f"{API}/questions/{question.pk}/").status_code == 404


def test_an_accepted_question_is_public_once_the_minutes_are_published(world, client_for):
    meeting = world.future_meeting(ahead=datetime.timedelta(hours=2))
    question = services.propose_question(
        world.journalist, meeting, kind=Question.Kind.QUESTION, title="پرسش", text="متن پرسش"
    )
    services.accept_question(world.secretariat, question)
    meeting.starts_at = timezone.now() - datetime.timedelta(minutes=5)
    meeting.save()
    assert results(client_for(None).get(f"{API}/questions/")) == []
    world.published(meeting)
    public = results(client_for(None).get(f"{API}/questions/"))
    assert [(q["id"], q["status"]) for q in public] == [(question.pk, "accepted")]


def test_people_show_contact_details_only_to_their_committees_secretariat(world, client_for):
    official = world.person(world.official)
    other_committee = CommitteeFactory(slug="lahijan", name="کمیته رسانه لاهیجان")
    other_secretariat = PersonFactory(user=UserFactory(username="lahijan-secretariat"))
    CommitteeRoleFactory(committee=other_committee, person=other_secretariat)
    from committee.permissions import sync_committee_permissions

    sync_committee_permissions(other_committee)

    def shown(user) -> dict:
        response = client_for(user).get(f"{API}/people/{official.pk}/")
        assert response.status_code == 200
        return response.json()

    for user in (None, world.chair, world.journalist, world.nobody, other_secretariat.user):
        person = shown(user)
        assert "email" not in person and "phone" not in person
        assert person["name"] == official.full_name
        assert person["organization"]["name"] == official.organization.name
    assert shown(world.secretariat)["email"] == "official-2@example.org"
    assert shown(world.superuser)["email"] == "official-2@example.org"
    everyone = results(client_for(None).get(f"{API}/people/", {"page_size": 100}))
    assert all("email" not in row and "phone" not in row for row in everyone)


def test_people_without_a_seat_are_listed_only_for_insiders(world, client_for):
    guest = PersonFactory(first_name="مهمان", email="guest@example.org")
    assert client_for(None).get(f"{API}/people/{guest.pk}/").status_code == 404
    assert client_for(world.nobody).get(f"{API}/people/{guest.pk}/").status_code == 404
    assert client_for(world.chair).get(f"{API}/people/{guest.pk}/").status_code == 200
    # A guest belongs to no committee: nobody but a superuser reads their address.
    assert "email" not in client_for(world.secretariat).get(f"{API}/people/{guest.pk}/").json()


def test_a_guest_sees_and_answers_their_own_invitation(world, client_for):
    meeting = world.future_meeting()
    guest = PersonFactory(user=UserFactory(username="guest"))
    services.send_invitations(world.secretariat, meeting, [guest], notify=False)
    invitation = Invitation.objects.get(meeting=meeting, person=guest)
    client = client_for(guest.user)
    assert ids(client.get(f"{API}/invitations/")) == {invitation.pk}
    assert client.get(f"{API}/meetings/{meeting.pk}/").json()["internal"] is False
    response = client.post(
        f"{API}/invitations/{invitation.pk}/respond/", {"response": "accepted", "note": "می‌آیم"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["response"] == "accepted"
    # Someone else's invitation: a member sees it (the meeting is internal to them) but may
    # not answer it.
    chairs = Invitation.objects.get(meeting=meeting, person=world.person(world.chair))
    refused = client_for(world.official).post(
        f"{API}/invitations/{chairs.pk}/respond/", {"response": "declined"}
    )
    assert refused.status_code == 403


def test_a_workgroup_added_later_is_not_visible_through_model_wide_permissions(world, client_for):
    """The secretariat's admin group holds model-wide permissions; they must not turn into
    access to every committee's meetings (accept_global_perms=False)."""
    from django.contrib.auth.models import Permission

    elsewhere = WorkgroupFactory(committee=CommitteeFactory(slug="elsewhere", name="کمیته دیگر"))
    member = PersonFactory(user=UserFactory(username="elsewhere-member"))
    MembershipFactory(workgroup=elsewhere, person=member)
    sync_workgroup_permissions(elsewhere)
    meeting = world.future_meeting(elsewhere, is_public=False)
    user = world.fresh(world.official)
    user.user_permissions.add(
        *Permission.objects.filter(codename__in=["member_workgroup", "manage_committee"])
    )
    assert client_for(user).get(f"{API}/meetings/{meeting.pk}/").status_code == 404
    assert client_for(member.user).get(f"{API}/meetings/{meeting.pk}/").status_code == 200
