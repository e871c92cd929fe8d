"""The secretariat's triage of demands from its page: publish, merge into a published demand
(which then counts it), reject with a reason kept and told, send to a workgroup. Nobody
else may, and a demand is moderated once."""

from __future__ import annotations

import pytest
from django.core import mail

from committee.models import AuditEntry
from demands import services
from demands.models import Demand
from minutes.errors import InvalidTransition, NotAllowed
from tests.factories import CommitteeFactory, UserFactory

pytestmark = pytest.mark.django_db


def _pending(world, **data) -> Demand:
    before = set(Demand.objects.values_list("pk", flat=True))
    assert world.raise_demand(ip=data.pop("ip", "198.51.100.77"), **data).status_code == 302
    return Demand.objects.exclude(pk__in=before).get()


def _act(client, world, demand, action, **data):
    fields = {f"d{demand.pk}-{name}": value for name, value in data.items()}
    return client.post(f"{world.triage_url}{demand.pk}/{action}/", fields)


def test_anonymous_visitors_are_sent_to_log_in(world, client):
    response = client.get(world.triage_url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_workgroup_chair_may_not_triage(world, client):
    demand = _pending(world)
    client.force_login(world.portal.chair)
    assert client.get(world.triage_url).status_code == 403
    assert _act(client, world, demand, "publish").status_code == 403
    demand.refresh_from_db()
    assert demand.status == Demand.Status.PENDING


def test_the_comment_moderation_page_leads_to_the_triage(world, client):
    client.force_login(world.portal.secretariat)
    page = client.get("/committee/rasht/comments/").content.decode()
    assert 'href="/committee/rasht/demands/triage/"' in page


def test_publishing_lists_the_demand_and_tells_the_citizen(
    world, client, django_capture_on_commit_callbacks
):
    demand = _pending(world)
    client.force_login(world.portal.secretariat)
    assert "چاله‌های خیابان سعدی" in client.get(world.triage_url).content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert _act(client, world, demand, "publish").status_code == 302
    demand.refresh_from_db()
    assert demand.status == Demand.Status.PUBLISHED and demand.published_at
    assert demand.moderated_by == world.portal.secretariat
    client.logout()
    assert "چاله‌های خیابان سعدی" in client.get(world.list_url).content.decode()
    assert client.get(world.detail_url(demand)).status_code == 200
    assert "منتشر شد" in mail.outbox[0].subject
    assert world.detail_url(demand) in mail.outbox[0].body
    assert AuditEntry.objects.filter(action="demand.publish").count() == 1


def test_rejecting_needs_a_reason_which_is_kept_and_told(
    world, client, django_capture_on_commit_callbacks
):
    demand = _pending(world)
    client.force_login(world.portal.secretariat)
    response = _act(client, world, demand, "reject", reason="  ")
    assert "علت منتشر نشدن مطالبه را بنویسید." in client.get(response["Location"]).content.decode()
    demand.refresh_from_db()
    assert demand.status == Demand.Status.PENDING
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _act(client, world, demand, "reject", reason="توهین به اشخاص")
    demand.refresh_from_db()
    assert demand.status == Demand.Status.REJECTED
    assert demand.rejection_reason == "توهین به اشخاص"
    assert "توهین به اشخاص" in client.get(world.triage_url).content.decode()  # the history
    assert "علت: توهین به اشخاص" in mail.outbox[0].body
    assert AuditEntry.objects.get(action="demand.reject").note == "توهین به اشخاص"
    client.logout()
    assert client.get(world.detail_url(demand)).status_code == 404


def test_a_merged_demand_counts_for_the_one_it_joins(
    world, client, django_capture_on_commit_callbacks
):
    target = world.published()
    twin = _pending(world, title="باز هم چاله در سعدی", ip="198.51.100.88")
    client.force_login(world.portal.secretariat)
    page = client.get(world.triage_url).content.decode()
    assert f'<option value="{target.pk}">' in page  # offered as a merge target
    with django_capture_on_commit_callbacks(execute=True):
        assert _act(client, world, twin, "merge", into=str(target.pk)).status_code == 302
    twin.refresh_from_db()
    assert twin.status == Demand.Status.MERGED and twin.merged_into == target
    client.logout()
    detail = client.get(world.detail_url(target)).content.decode()
    assert "۲</span> نفر این مشکل را طرح کرده‌اند" in detail
    assert "باز هم چاله" not in client.get(world.list_url).content.decode()
    # The merged one's address leads to the demand it joined, whose page its author is sent.
    response = client.get(world.detail_url(twin))
    assert response.status_code == 301 and response["Location"] == world.detail_url(target)
    assert world.detail_url(target) in mail.outbox[-1].body


def test_a_demand_merges_only_into_a_published_one_of_its_committee(world, client):
    first = _pending(world, title="نخست")
    second = _pending(world, title="دوم", ip="198.51.100.99")
    secretariat = world.portal.secretariat
    with pytest.raises(Exception, match="فقط در مطالبه‌ای منتشرشده"):
        services.merge_demand(secretariat, first, second)
    with pytest.raises(Exception, match="در خودش"):
        services.merge_demand(secretariat, first, first)
    client.force_login(secretariat)
    response = _act(client, world, first, "merge", into="")
    assert (
        "مطالبه منتشرشده‌ای را برای ادغام برگزینید."
        in client.get(response["Location"]).content.decode()
    )
    first.refresh_from_db()
    assert first.status == Demand.Status.PENDING


def test_a_demand_is_moderated_once(world):
    demand = _pending(world)
    services.publish_demand(world.portal.secretariat, demand)
    with pytest.raises(InvalidTransition, match="پیش‌تر بررسی شده است"):
        services.reject_demand(world.portal.secretariat, demand, "دیر")


def test_sending_to_a_workgroup(world, client):
    demand = _pending(world)
    client.force_login(world.portal.secretariat)
    other = world.portal.other_workgroup
    assert _act(client, world, demand, "assign", workgroup=str(other.pk)).status_code == 302
    demand.refresh_from_db()
    assert demand.workgroup == other
    assert _act(client, world, demand, "assign", workgroup="").status_code == 302
    demand.refresh_from_db()
    assert demand.workgroup is None  # the committee itself
    assert AuditEntry.objects.filter(action="demand.assign").count() == 2


def test_another_committees_secretariat_or_demand_is_refused(world, client):
    demand = _pending(world)
    CommitteeFactory(slug="lahijan", name="کمیته رسانه لاهیجان")
    client.force_login(world.portal.superuser)
    assert client.post(f"/committee/lahijan/demands/triage/{demand.pk}/publish/").status_code == 404
    with pytest.raises(NotAllowed):
        services.publish_demand(UserFactory(username="someone"), demand)
