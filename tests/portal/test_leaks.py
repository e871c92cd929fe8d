"""Nothing that is not published leaks: every kind of internal or unpublished material is
planted with a distinctive marker, then every public URL is read as an anonymous visitor
and none of the markers may appear."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from committee.models import Person
from minutes import services
from minutes.models import AgendaItem, Attendance, Decision, Question
from portal.models import Comment
from tests.factories import MeetingFactory, MembershipFactory, PersonFactory, everyone_present
from tests.portal.factories import CommentFactory

pytestmark = pytest.mark.django_db

MARKERS = {
    "draft": "zzdraftsummary",
    "draft_item": "zzdraftdiscussion",
    "draft_decision": "zzdraftdecision",
    "submitted": "zzsubmittedsummary",
    "internal_item": "zzinternalitem",
    "internal_discussion": "zzinternaldiscussion",
    "internal_decision": "zzinternaldecision",
    "proposed_question": "zzproposedquestion",
    "declined_question": "zzdeclinedquestion",
    "decline_reason": "zzdeclinereason",
    "correction_summary": "zzcorrectionsummary",
    "correction_decision": "zzcorrectiondecision",
    "correction_edit": "zzcorrectionedit",
    "correction_reason": "zzcorrectionreason",
    "pending_comment": "zzpendingcomment",
    "rejected_comment": "zzrejectedcomment",
    "rejection_reason": "zzrejectionreason",
    "internal_meeting": "zzunannouncedmeeting",
    "email": "zz.leak.person@example.ir",
    "phone": "09990001122",
}


@pytest.fixture
def planted(portal):
    m = MARKERS
    # A person with contact details who sits on the workgroup, attends, presents and is
    # responsible for a decision.
    insider = PersonFactory(
        first_name="پرویز", last_name="نمونه", email=m["email"], phone=m["phone"]
    )
    MembershipFactory(workgroup=portal.workgroup, person=insider)

    published_meeting = portal.meeting(title="جلسه منتشرشده", days_ago=20)
    minutes = portal.publish(
        published_meeting,
        items=[
            {"title": "بند عمومی", "presenter": insider, "discussion": "گفت‌وگوی عمومی"},
            {
                "title": f"بند {m['internal_item']}",
                "is_public": False,
                "discussion": m["internal_discussion"],
            },
        ],
        decisions=[
            {"text": "مصوبه عمومی", "responsible_person": insider},
            {"text": f"مصوبه {m['internal_decision']}", "is_public": False},
        ],
    )
    Question.objects.create(
        meeting=published_meeting,
        author=portal.journalist,
        title=m["proposed_question"],
        text=m["proposed_question"],
    )
    Question.objects.create(
        meeting=published_meeting,
        author=portal.journalist,
        title=m["declined_question"],
        text="متن",
        status=Question.Status.DECLINED,
        decline_reason=m["decline_reason"],
    )
    CommentFactory(minutes=minutes, body=m["pending_comment"], name=m["pending_comment"])
    CommentFactory(
        minutes=minutes,
        body=m["rejected_comment"],
        status=Comment.Status.REJECTED,
        rejection_reason=m["rejection_reason"],
    )
    CommentFactory(minutes=minutes, body="دیدگاه تأییدشده", status=Comment.Status.APPROVED)

    # An open correction of the published minutes, with a new decision and an edit.
    correction = portal.correct(minutes, m["correction_reason"])
    services.record_meeting(
        portal.chair,
        published_meeting,
        expected_version=None,
        summary=m["correction_summary"],
        attendance=everyone_present(published_meeting),
    )
    services.add_decision(
        portal.chair,
        published_meeting,
        expected_version=None,
        text=m["correction_decision"],
        responsible_organization=portal.organization,
    )
    Decision.objects.filter(meeting=published_meeting, text="مصوبه عمومی").update(
        text=m["correction_edit"]
    )
    assert correction.status == "draft"

    # A draft: recorded, never submitted.
    draft_meeting = portal.meeting(title="جلسه پیش‌نویس", days_ago=5)
    AgendaItem.objects.create(
        meeting=draft_meeting, order=1, title="بند", discussion=m["draft_item"]
    )
    services.record_meeting(
        portal.chair,
        draft_meeting,
        expected_version=None,
        attendance={**everyone_present(draft_meeting), insider.pk: Attendance.Status.PRESENT},
        summary=m["draft"],
    )
    services.add_decision(
        portal.chair,
        draft_meeting,
        expected_version=None,
        text=m["draft_decision"],
        responsible_person=insider,
    )

    # Approved but not yet published.
    approved_meeting = portal.meeting(title="جلسه تأییدشده", days_ago=4)
    services.record_meeting(
        portal.chair,
        approved_meeting,
        expected_version=None,
        summary=m["submitted"],
        attendance=everyone_present(approved_meeting),
    )
    services.add_decision(
        portal.chair,
        approved_meeting,
        expected_version=None,
        text="مصوبه",
        responsible_organization=portal.organization,
    )
    services.approve_minutes(
        portal.chair, services.submit_minutes(portal.chair, approved_meeting.latest_minutes())
    )

    # An upcoming meeting that is not announced.
    internal_meeting = MeetingFactory(
        workgroup=portal.workgroup,
        title=m["internal_meeting"],
        location=m["internal_meeting"],
        starts_at=timezone.now() + datetime.timedelta(days=2),
        is_public=False,
    )
    MeetingFactory(
        workgroup=portal.workgroup,
        title="جلسه اعلام‌شده آینده",
        starts_at=timezone.now() + datetime.timedelta(days=2),
    )
    assert Person.objects.filter(email=m["email"]).exists()
    return {
        "minutes": minutes,
        "meetings": [published_meeting, draft_meeting, approved_meeting],
        "internal_meeting": internal_meeting,
    }


def public_urls(planted) -> list[str]:
    document = planted["minutes"].document_id
    urls = [
        "/",
        "/committee/rasht/",
        "/archive/",
        "/archive/?body=civil-works",
        f"/archive/{document}/",
        "/decisions/",
        "/decisions/?status=open",
        "/decisions/?status=overdue",
        "/decisions/export.csv",
        "/committee/rasht/workgroups/civil-works/",
        "/committee/rasht/workgroups/culture/",
        "/sitemap.xml",
        "/robots.txt",
    ]
    for body in ("", "civil-works/"):
        urls += [f"/feeds/rasht/{body}minutes.rss", f"/feeds/rasht/{body}minutes.atom"]
        urls += [f"/feeds/rasht/{body}meetings.ics"]
    urls += [f"/meetings/{meeting.pk}/" for meeting in planted["meetings"]]
    return urls


def test_no_public_page_feed_export_or_sitemap_shows_unpublished_material(planted, client):
    for url in public_urls(planted):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.getvalue().decode("utf-8-sig").lower()
        for name, marker in MARKERS.items():
            assert marker.lower() not in text, f"{name} leaked on {url}"
    # The control: what was published and approved is there.
    page = client.get(f"/archive/{planted['minutes'].document_id}/").content.decode()
    assert "دیدگاه تأییدشده" in page and "مصوبه عمومی" in page and "پرویز نمونه" in page


def _without_echo(body: str) -> str:
    """The page minus the places that repeat the query itself: the search box and the
    language switcher's return address, and the CSV link of the same filter."""
    body = re.sub(r'name="(q|next)" value="[^"]*"', "", body)
    return re.sub(r'href="/decisions/export\.csv\?[^"]*"', "", body)


@pytest.mark.parametrize("name", sorted(MARKERS))
def test_no_search_finds_unpublished_material(planted, client, name):
    marker = MARKERS[name]
    for url in ("/archive/", "/decisions/"):
        body = _without_echo(client.get(url, {"q": marker}).content.decode()).lower()
        assert marker.lower() not in body, f"{name} found by {url}"
        assert "پیدا نشد" in body
    csv_text = client.get("/decisions/export.csv", {"q": marker}).getvalue().decode("utf-8-sig")
    assert len(csv_text.strip().splitlines()) == 1, "only the header row"


def test_the_unannounced_meeting_has_no_public_page(planted, client):
    assert client.get(f"/meetings/{planted['internal_meeting'].pk}/").status_code == 404
