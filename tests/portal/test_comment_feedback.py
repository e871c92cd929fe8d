"""Issue 19: after posting a comment the thank-you is inside the comments section the page
jumps to (announced with role="status"), and the same comment sent twice within ten
minutes, from the same address or under the same name, is refused in Persian."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from portal.models import Comment

pytestmark = pytest.mark.django_db

BODY = "لطفاً زمان پایان کار را هم اعلام کنید."


@pytest.fixture
def minutes(portal):
    return portal.publish()


def post(client, minutes, ip="203.0.113.7", **data):
    values = {"name": "مینا شهروند", "body": BODY, **data}
    return client.post(f"/archive/{minutes.document_id}/", values, REMOTE_ADDR=ip)


def test_the_thank_you_is_in_the_comments_section(minutes, client):
    response = post(client, minutes)
    assert response["Location"].endswith("#comments")
    page = client.get(response["Location"]).content.decode()
    comments = page[page.index('id="comments"') :]
    assert 'role="status">دیدگاه شما رسید' in comments
    assert page.count("دیدگاه شما رسید") == 1


def test_the_same_comment_twice_from_the_same_address_is_refused(minutes, client):
    assert post(client, minutes).status_code == 302
    response = post(client, minutes, name="نام دیگر")
    assert response.status_code == 400
    assert "همین دیدگاه را چند دقیقه پیش فرستاده‌اید" in response.content.decode()
    assert Comment.objects.count() == 1


def test_the_same_comment_under_the_same_name_from_elsewhere_is_refused(minutes, client):
    post(client, minutes)
    assert post(client, minutes, ip="198.51.100.1").status_code == 400
    assert Comment.objects.count() == 1


def test_another_text_or_ten_minutes_later_is_a_new_comment(minutes, client):
    post(client, minutes)
    assert post(client, minutes, body="پرسش دیگری دارم.").status_code == 302
    assert post(client, minutes, ip="198.51.100.1", name="رضا").status_code == 302
    Comment.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=11))
    assert post(client, minutes).status_code == 302
    assert Comment.objects.count() == 4
