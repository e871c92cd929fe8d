"""Public comments on published minutes: they wait for the secretariat, only approved ones
are shown, a rejection keeps its reason, and floods, robots and marked-up or oversized
text are turned away with a Persian message and nothing stored."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from committee.models import AuditEntry
from minutes.errors import InvalidTransition, NotAllowed, ServiceError
from portal import services
from portal.models import Comment
from tests.factories import UserFactory
from tests.portal.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def minutes(portal):
    return portal.publish()


def url(minutes) -> str:
    return f"/archive/{minutes.document_id}/"


def post(client, minutes, ip="203.0.113.7", **data):
    values = {"name": "مینا شهروند", "body": "لطفاً زمان پایان کار را هم اعلام کنید.", **data}
    return client.post(url(minutes), values, REMOTE_ADDR=ip)


def test_a_comment_waits_for_the_secretariat_and_is_not_shown_meanwhile(minutes, client):
    response = post(client, minutes)
    assert response.status_code == 302
    assert response["Location"] == f"{url(minutes)}#comments"
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    page = client.get(url(minutes)).content.decode()
    assert "پس از بررسی دبیرخانه منتشر می‌شود" in page  # the thank-you message
    assert "لطفاً زمان پایان کار را هم اعلام کنید." not in page


def test_the_visitor_is_kept_as_a_keyed_hash_never_the_address(minutes, client):
    post(client, minutes, ip="198.51.100.23")
    comment = Comment.objects.get()
    assert len(comment.visitor_key) == 64
    assert "198.51.100.23" not in comment.visitor_key
    assert comment.visitor_key == services.visitor_key("198.51.100.23")
    assert services.visitor_key("198.51.100.24") != comment.visitor_key


def test_an_approved_comment_is_shown(minutes, portal, client):
    post(client, minutes)
    services.approve_comment(portal.secretariat, Comment.objects.get())
    page = client.get(url(minutes)).content.decode()
    assert "لطفاً زمان پایان کار را هم اعلام کنید." in page
    assert "مینا شهروند" in page


def test_a_rejected_comment_is_not_shown_and_its_reason_is_kept(minutes, portal, client):
    post(client, minutes)
    comment = services.reject_comment(portal.secretariat, Comment.objects.get(), "توهین به اشخاص")
    assert comment.rejection_reason == "توهین به اشخاص"
    assert comment.moderated_by == portal.secretariat
    assert "لطفاً زمان پایان کار" not in client.get(url(minutes)).content.decode()
    entry = AuditEntry.objects.get(action="comment.reject")
    assert entry.changes["status"] == {"before": "pending", "after": "rejected"}
    assert entry.note == "توهین به اشخاص"
    assert entry.meeting_id == minutes.meeting_id


def test_a_rejection_needs_a_reason_and_a_comment_is_moderated_once(minutes, portal):
    comment = CommentFactory(minutes=minutes)
    with pytest.raises(ServiceError, match="علت منتشر نشدن"):
        services.reject_comment(portal.secretariat, comment, "  ")
    services.approve_comment(portal.secretariat, comment)
    with pytest.raises(InvalidTransition):
        services.reject_comment(portal.secretariat, comment, "دیر")
    assert AuditEntry.objects.filter(action="comment.approve").count() == 1


def test_only_the_secretariat_moderates(minutes, portal):
    comment = CommentFactory(minutes=minutes)
    for user in (portal.chair, UserFactory(username="someone")):
        with pytest.raises(NotAllowed):
            services.approve_comment(user, comment)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_filled_honeypot_stores_nothing(minutes, client):
    response = post(client, minutes, website="http://spam.example")
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_a_visitor_may_send_five_comments_an_hour(minutes, client):
    for n in range(5):
        assert post(client, minutes, body=f"دیدگاه شماره {n}").status_code == 302
    response = post(client, minutes, body="ششمین دیدگاه")
    assert response.status_code == 429
    assert "در یک ساعت گذشته ۵ دیدگاه فرستاده شده است" in response.content.decode()
    assert Comment.objects.count() == 5
    # Another visitor is not affected, and an hour later this one may write again.
    assert post(client, minutes, ip="203.0.113.99", body="از نشانی دیگر").status_code == 302
    Comment.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=61))
    assert post(client, minutes, body="یک ساعت بعد").status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"body": ""}, "متن دیدگاه را بنویسید."),
        ({"body": "   \n  "}, "متن دیدگاه را بنویسید."),
        ({"name": ""}, "نام خود را بنویسید."),
        ({"body": "ب" * 2001}, "این متن حداکثر ۲۰۰۰ نویسه است؛ متن شما ۲۰۰۱ نویسه دارد."),
        ({"body": 'ببینید <a href="http://x.example">اینجا</a>'}, "برچسب‌های HTML"),
        ({"body": "<script>alert(1)</script>"}, "برچسب‌های HTML"),
        ({"name": "<b>مینا</b>"}, "برچسب‌های HTML"),
    ],
)
def test_bad_input_is_refused_in_persian_and_nothing_is_stored(minutes, client, data, message):
    response = post(client, minutes, **data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_links_written_as_text_are_allowed_and_shown_as_text(minutes, portal, client):
    post(client, minutes, body="گزارش کامل: https://example.ir/report و ۲۰۰۰ متر")
    services.approve_comment(portal.secretariat, Comment.objects.get())
    page = client.get(url(minutes)).content.decode()
    assert "https://example.ir/report" in page
    assert '<a href="https://example.ir/report"' not in page


def test_the_form_states_the_municipalitys_rules(minutes, client):
    page = client.get(url(minutes)).content.decode()
    assert "توهین یا اتهام به اشخاص، متن غیرفارسی و مطالب نامرتبط" in page
    assert 'aria-describedby="comment-rules"' in page
    assert '<label for="id_name">' in page and '<label for="id_body">' in page


def test_comments_are_only_for_published_minutes(portal):
    from minutes import services as minutes_services

    meeting = portal.meeting()
    draft = minutes_services.record_meeting(
        portal.chair, meeting, expected_version=None, summary="x"
    )
    with pytest.raises(InvalidTransition):
        services.submit_comment(draft, name="الف", body="ب", ip_address="203.0.113.1")


# --- the moderation page ---------------------------------------------------------------------

MODERATION = "/committee/rasht/comments/"


def test_anonymous_visitors_are_sent_to_log_in(minutes, client):
    response = client.get(MODERATION)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_workgroup_chair_may_not_moderate(minutes, portal, client):
    comment = CommentFactory(minutes=minutes)
    client.force_login(portal.chair)
    assert client.get(MODERATION).status_code == 403
    assert client.post(f"{MODERATION}{comment.pk}/approve/").status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_the_secretariat_approves_and_rejects_from_the_page(minutes, portal, client):
    first = CommentFactory(minutes=minutes, body="دیدگاه نخست")
    second = CommentFactory(minutes=minutes, body="دیدگاه دوم")
    client.force_login(portal.secretariat)
    page = client.get(MODERATION).content.decode()
    assert "دیدگاه نخست" in page and "دیدگاه دوم" in page
    assert client.post(f"{MODERATION}{first.pk}/approve/").status_code == 302
    response = client.post(
        f"{MODERATION}{second.pk}/reject/", {f"c{second.pk}-reason": "نامرتبط با صورتجلسه"}
    )
    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Comment.Status.APPROVED
    assert second.status == Comment.Status.REJECTED
    history = client.get(MODERATION).content.decode()
    assert "نامرتبط با صورتجلسه" in history  # the reason, in the moderation history


def test_rejecting_without_a_reason_changes_nothing(minutes, portal, client):
    comment = CommentFactory(minutes=minutes)
    client.force_login(portal.secretariat)
    response = client.post(f"{MODERATION}{comment.pk}/reject/", {}, follow=True)
    assert "علت منتشر نشدن دیدگاه را بنویسید." in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_another_committees_comment_is_not_found(minutes, portal, client):
    from tests.factories import CommitteeFactory

    CommitteeFactory(slug="lahijan", name="کمیته رسانه لاهیجان")
    comment = CommentFactory(minutes=minutes)
    client.force_login(portal.superuser)
    assert client.post(f"/committee/lahijan/comments/{comment.pk}/approve/").status_code == 404


def test_the_history_survives_the_deletion_of_a_moderators_account(minutes, portal, client):
    from django.contrib.auth import get_user_model

    from tests.factories import UserFactory

    comment = CommentFactory(minutes=minutes, body="دیدگاهی که بررسی شد")
    moderator = UserFactory(username="former-moderator", is_superuser=True, is_staff=True)
    client.force_login(moderator)
    assert client.post(f"{MODERATION}{comment.pk}/approve/").status_code == 302
    get_user_model().objects.filter(pk=moderator.pk).delete()
    client.force_login(portal.secretariat)
    response = client.get(MODERATION)
    assert response.status_code == 200
    assert "دیدگاهی که بررسی شد" in response.content.decode()
    assert "حساب حذف‌شده" in response.content.decode()
