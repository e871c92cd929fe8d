"""The caption over the officials' list follows the kinds of their organisations: the
municipality's own, other public bodies (city council, provincial agencies, police,
utility companies), or both — and a record published before kinds were kept renders as
it always did («مدیران شهری»)."""

from __future__ import annotations

import copy

import pytest

from committee.models import officials_caption
from minutes.publication.pdf import render_minutes_pdf
from tests.pdf.conftest import contains, pdf_text

pytestmark = pytest.mark.django_db

MIXED = "مدیران شهری و نمایندگان دستگاه‌ها"
PUBLIC = "نمایندگان دستگاه‌ها"


def _render(snapshot, tmp_path) -> str:
    return pdf_text(render_minutes_pdf(snapshot, verify_url="/verify/x/"), tmp_path)


def _officials(snapshot) -> list[dict]:
    return [row for row in snapshot["attendance"]["present"] if row.get("side") != "press"]


def test_new_records_keep_each_attendees_organisation_kind(published):
    kinds = {row.get("kind") for row in _officials(published.snapshot)}
    assert kinds and kinds <= {"deputy_office", "district", "department", "affiliated"}


def test_a_record_without_kinds_renders_as_before(published, tmp_path):
    snapshot = copy.deepcopy(published.snapshot)
    for row in snapshot["attendance"]["present"]:
        row.pop("kind", None)
    text = _render(snapshot, tmp_path)
    assert contains(text, "مدیران شهری")
    assert not contains(text, PUBLIC)


def test_a_public_body_beside_the_municipality_widens_the_caption(published, tmp_path):
    snapshot = copy.deepcopy(published.snapshot)
    _officials(snapshot)[0]["kind"] = "police"
    assert contains(_render(snapshot, tmp_path), MIXED)


def test_public_bodies_alone_have_their_own_caption(published, tmp_path):
    snapshot = copy.deepcopy(published.snapshot)
    for row in _officials(snapshot):
        row["kind"] = "utility"
    text = _render(snapshot, tmp_path)
    assert contains(text, PUBLIC)
    assert not contains(text, "مدیران شهری")


def test_the_caption_rule():
    assert officials_caption([]) == "مدیران شهری"
    assert officials_caption(["district", ""]) == "مدیران شهری"
    assert officials_caption(["city_council", "provincial"]) == PUBLIC
    assert officials_caption(["city_council", "department"]) == MIXED


def test_the_workgroup_and_committee_pages_follow_the_kinds_of_the_members(client):
    from django.urls import reverse

    from tests.factories import (
        CommitteeFactory,
        MembershipFactory,
        OrganizationFactory,
        PersonFactory,
        WorkgroupFactory,
    )

    committee = CommitteeFactory(slug="anzali", name="کمیته رسانه انزلی")
    workgroup = WorkgroupFactory(committee=committee, slug="civil", name="کارگروه عمرانی")
    police = OrganizationFactory(name="پلیس راهور انزلی", kind="police")
    municipal = OrganizationFactory(name="معاونت عمرانی انزلی", kind="deputy_office")
    MembershipFactory(workgroup=workgroup, person=PersonFactory(organization=municipal))
    MembershipFactory(workgroup=workgroup, person=PersonFactory(organization=police))
    page = client.get(reverse("portal_workgroup", args=[committee.slug, workgroup.slug]))
    assert MIXED in page.content.decode()
    home = client.get(reverse("committee_detail", args=[committee.slug]))
    assert MIXED in home.content.decode()
