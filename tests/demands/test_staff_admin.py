"""The secretariat's staff group in the admin for demands (demands/permissions.py, given to
the demo's group by demo/loader.py): it reads demands, supports and imported counts, never
changes them there, keeps its own committee's topics and districts — and nobody else's."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client

from demands.models import Demand, District, Topic
from demands.permissions import demand_staff_permission_codenames, demand_staff_permissions
from demo.loader import SECRETARIAT_GROUP
from tests.factories import CommitteeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world):
    group = Group.objects.create(name="demands staff")
    group.permissions.set(demand_staff_permissions())
    user = world.portal.secretariat
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


def test_the_codenames_all_exist():
    assert demand_staff_permissions().count() == len(demand_staff_permission_codenames()) == 12


def test_the_demo_staff_group_holds_them():
    call_command("load_demo", stdout=StringIO())
    group = Group.objects.get(name=SECRETARIAT_GROUP)
    demands_part = group.permissions.filter(content_type__app_label="demands")
    districts = group.permissions.filter(
        content_type__app_label="committee", content_type__model="district"
    )
    assert set(demands_part) | set(districts) == set(demand_staff_permissions())


def test_without_them_the_staff_member_sees_no_demands(world):
    user = world.portal.secretariat
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    client = Client()
    client.force_login(user)
    assert client.get("/admin/demands/demand/").status_code == 403
    assert client.get("/admin/demands/topic/").status_code == 403


def test_the_staff_reads_demands_and_keeps_the_lists(world, staff):
    world.raise_demand(email="mina@example.ir")
    demand = Demand.objects.get()
    # Supports are read inside their demand (an inline), not on a page of their own.
    for model in ("demand", "importbatch", "importedcount", "topic"):
        assert staff.get(f"/admin/demands/{model}/").status_code == 200, model
    # The district list moved to the committee app (decisions name districts too).
    assert staff.get("/admin/committee/district/").status_code == 200
    change = staff.get(f"/admin/demands/demand/{demand.pk}/change/")
    assert change.status_code == 200 and 'name="_save"' not in change.content.decode()
    assert staff.get("/admin/demands/demand/add/").status_code == 403
    assert staff.get("/admin/demands/importedcount/add/").status_code == 403
    response = staff.post(
        "/admin/committee/district/add/",
        {"committee": world.committee.pk, "name": "منطقه ۶", "order": 6},
    )
    assert response.status_code == 302
    assert District.objects.filter(committee=world.committee, name="منطقه ۶").exists()
    topic = Topic.objects.filter(committee=world.committee).first()
    assert staff.get(f"/admin/demands/topic/{topic.pk}/change/").status_code == 200


def test_another_committees_lists_and_demands_are_out_of_reach(world, staff):
    other = CommitteeFactory(slug="elsewhere")
    district = District.objects.create(committee=other, name="منطقه دیگر")
    listing = staff.get("/admin/committee/district/").content.decode()
    assert "منطقه دیگر" not in listing
    assert staff.get(f"/admin/committee/district/{district.pk}/change/").status_code in (302, 404)
    response = staff.post(
        "/admin/committee/district/add/", {"committee": other.pk, "name": "دزدکی", "order": 9}
    )
    assert response.status_code == 200  # the form refuses the committee
    assert not District.objects.filter(name="دزدکی").exists()
