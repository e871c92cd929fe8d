"""Demands in the admin (read-only, moderated through the services; the lists edited
directly), the standard lists' command, and the photo limit read from the environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from committee.models import AuditEntry
from demands.models import Demand, District, Topic

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_the_admin_lists_and_shows_demands_read_only(world, client):
    world.raise_demand(email="mina@example.ir")
    demand = Demand.objects.get()
    client.force_login(world.portal.superuser)
    listing = client.get("/admin/demands/demand/?q=چاله")
    assert listing.status_code == 200 and demand.title in listing.content.decode()
    change = client.get(f"/admin/demands/demand/{demand.pk}/change/").content.decode()
    assert "mina@example.ir" in change  # staff only, to answer a request to erase it
    assert 'name="_save"' not in change
    assert client.get("/admin/demands/demand/add/").status_code == 403


def test_the_admin_action_publishes_through_the_service(world, client):
    world.raise_demand()
    demand = Demand.objects.get()
    client.force_login(world.portal.superuser)
    response = client.post(
        "/admin/demands/demand/",
        {"action": "publish_selected", "_selected_action": [demand.pk]},
        follow=True,
    )
    assert "منتشر شد" in response.content.decode()
    demand.refresh_from_db()
    assert demand.status == Demand.Status.PUBLISHED
    assert AuditEntry.objects.filter(action="demand.publish").exists()


def test_the_lists_are_edited_in_the_admin(world, client):
    client.force_login(world.portal.superuser)
    assert client.get("/admin/demands/topic/").status_code == 200
    response = client.post(
        "/admin/committee/district/add/",
        {"committee": world.committee.pk, "name": "منطقه ۶", "order": 6},
    )
    assert response.status_code == 302
    assert District.objects.filter(name="منطقه ۶").exists()


def test_the_standard_lists_command_is_safe_to_run_again(portal):
    call_command("setup_demand_lists", "--slug", "rasht")
    call_command("setup_demand_lists", "--slug", "rasht", "--districts", "7")
    assert Topic.objects.filter(committee=portal.committee).count() == 10
    assert District.objects.filter(committee=portal.committee).count() == 7
    civil = Topic.objects.get(name="ترافیک و حمل و نقل عمومی")
    assert civil.workgroup == portal.workgroup  # order 2: civil works and traffic


def test_the_photo_limit_is_read_from_the_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("DATABASE_URL", None)
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings';"
        "django.setup(); from django.conf import settings;"
        "print(settings.DEMAND_PHOTO_MAX_BYTES)"
    )
    run = [sys.executable, "-c", code]
    default = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert default.stdout.split() == [str(5 * 1024 * 1024)], default.stderr
    env["DJANGO_DEMAND_PHOTO_MAX_BYTES"] = "1000"
    changed = subprocess.run(run, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert changed.stdout.split() == ["1000"], changed.stderr
