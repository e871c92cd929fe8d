from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from committee.models import Committee
from workgroups.models import Workgroup

pytestmark = pytest.mark.django_db

OFFICIAL_NAMES = [
    "کارگروه رسانه فرهنگی، اجتماعی و گردشگری",
    "کارگروه رسانه عمرانی و ترافیکی",
    "کارگروه رسانه شهرسازی و حقوقی",
    "کارگروه رسانه خدمات شهری",
    "کارگروه رسانه اقتصادی (سرمایه‌گذاری، درآمد، برنامه و بودجه و انفورماتیک)",
]


def test_it_creates_the_committee_with_the_five_official_workgroups_in_order():
    call_command("setup_committee", stdout=StringIO())
    committee = Committee.objects.get(slug="rasht")
    assert committee.name == "کمیته رسانه شهرداری رشت"
    assert list(committee.workgroups.values_list("name", flat=True)) == OFFICIAL_NAMES
    assert len(committee.duty_list) == 8


def test_running_it_twice_changes_nothing():
    call_command("setup_committee", stdout=StringIO())
    out = StringIO()
    call_command("setup_committee", stdout=out)
    assert Committee.objects.count() == 1
    assert Workgroup.objects.count() == 5
    assert "0 workgroup(s) added" in out.getvalue()


def test_it_completes_a_committee_that_lost_a_workgroup_and_keeps_its_own_name():
    call_command("setup_committee", stdout=StringIO())
    committee = Committee.objects.get()
    committee.name = "کمیته رسانه کلان‌شهر رشت"
    committee.save()
    Workgroup.objects.get(order=4).delete()
    call_command("setup_committee", stdout=StringIO())
    committee.refresh_from_db()
    assert committee.name == "کمیته رسانه کلان‌شهر رشت"
    assert committee.workgroups.count() == 5


def test_one_deployment_can_host_a_second_committee():
    call_command("setup_committee", stdout=StringIO())
    call_command("setup_committee", "--slug", "lahijan", "--city", "لاهیجان", stdout=StringIO())
    lahijan = Committee.objects.get(slug="lahijan")
    assert lahijan.name == "کمیته رسانه شهرداری لاهیجان"
    assert lahijan.workgroups.count() == 5
    assert Workgroup.objects.count() == 10
