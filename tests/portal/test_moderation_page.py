"""Issue 19: the moderation page isolates what people typed, names minutes by their title,
answers an empty reason with the product's Persian message on the comment's own card (the
form does not leave it to the browser's English one); the public form shows every error
at once."""

from __future__ import annotations

import pytest

from portal.models import Comment
from tests.portal.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def minutes(portal):
    return portal.publish()


@pytest.fixture
def moderation(portal):
    return f"/committee/{portal.committee.slug}/comments/"


def test_names_and_texts_are_isolated_and_minutes_named_by_title(
    minutes, portal, client, moderation
):
    CommentFactory(minutes=minutes, name="Mary", body="Hello از رشت")
    client.force_login(portal.secretariat)
    page = client.get(moderation).content.decode()
    assert "<strong><bdi>Mary</bdi></strong>" in page
    assert f"<bdi>{minutes.meeting.title}</bdi></a>" in page
    assert f">{minutes.document_id}</a>" not in page


def test_the_reject_form_leaves_validation_to_the_server(minutes, portal, client, moderation):
    CommentFactory(minutes=minutes)
    client.force_login(portal.secretariat)
    page = client.get(moderation).content.decode()
    assert 'class="reject-form" novalidate' in page


def test_an_empty_reason_is_answered_on_the_comments_card(minutes, portal, client, moderation):
    comment = CommentFactory(minutes=minutes)
    client.force_login(portal.secretariat)
    response = client.post(f"{moderation}{comment.pk}/reject/", {})
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    page = client.get(response["Location"]).content.decode()
    card = page[page.index(f'id="comment-{comment.pk}"') :]
    card = card[: card.index("</li>")]
    assert 'role="alert">علت منتشر نشدن دیدگاه را بنویسید.' in card
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_the_comment_form_shows_all_its_errors_at_once(minutes, client):
    response = client.post(f"/archive/{minutes.document_id}/", {"name": "", "body": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "نام خود را بنویسید." in html
    assert "متن دیدگاه را بنویسید." in html
    assert not Comment.objects.exists()
