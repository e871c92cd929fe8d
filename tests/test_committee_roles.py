from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from committee.models import CommitteeRole, Organization, Person
from tests.factories import CommitteeFactory, CommitteeRoleFactory, PersonFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_a_committee_has_one_chair_at_a_time_in_the_database():
    committee = CommitteeFactory()
    CommitteeRoleFactory(committee=committee, role=CommitteeRole.Role.CHAIR)
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitteeRoleFactory(committee=committee, role=CommitteeRole.Role.CHAIR)


def test_overlapping_secretariat_heads_are_refused_in_the_database():
    committee = CommitteeFactory()
    CommitteeRoleFactory(
        committee=committee,
        role=CommitteeRole.Role.SECRETARIAT_HEAD,
        start_date=D(2024, 1, 1),
        end_date=D(2024, 12, 31),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitteeRoleFactory(
            committee=committee,
            role=CommitteeRole.Role.SECRETARIAT_HEAD,
            start_date=D(2024, 6, 1),
            end_date=D(2025, 6, 1),
        )


def test_the_secretariat_may_have_several_staff():
    committee = CommitteeFactory()
    CommitteeRoleFactory(committee=committee)
    CommitteeRoleFactory(committee=committee)
    assert committee.roles.current().count() == 2


def test_the_committee_knows_its_current_chair_and_secretariat_head():
    committee = CommitteeFactory()
    mayor = PersonFactory(post="شهردار")
    director = PersonFactory(post="مدیر روابط عمومی و امور بین‌الملل")
    CommitteeRoleFactory(committee=committee, person=mayor, role=CommitteeRole.Role.CHAIR)
    CommitteeRoleFactory(
        committee=committee, person=director, role=CommitteeRole.Role.SECRETARIAT_HEAD
    )
    assert committee.chair == mayor
    assert committee.secretariat_head == director


def test_validation_explains_an_overlapping_chair_in_persian():
    committee = CommitteeFactory()
    CommitteeRoleFactory(committee=committee, role=CommitteeRole.Role.CHAIR)
    role = CommitteeRole(
        committee=committee,
        person=PersonFactory(),
        role=CommitteeRole.Role.CHAIR,
        start_date=D(2025, 1, 1),
    )
    with pytest.raises(ValidationError) as caught:
        role.full_clean()
    assert "هم‌پوشانی" in caught.value.message_dict["start_date"][0]


@pytest.mark.parametrize(
    ("kind", "is_press"),
    [
        (Organization.Kind.DEPUTY_OFFICE, False),
        (Organization.Kind.DISTRICT, False),
        (Organization.Kind.DEPARTMENT, False),
        (Organization.Kind.AFFILIATED, False),
        (Organization.Kind.LOCAL_NEWSPAPER, True),
        (Organization.Kind.NATIONAL_NEWSPAPER, True),
        (Organization.Kind.WEEKLY, True),
        (Organization.Kind.NEWS_AGENCY, True),
        (Organization.Kind.NEWS_WEBSITE, True),
    ],
)
def test_the_side_follows_from_the_organisation_kind(kind, is_press):
    organization = Organization.objects.create(name=f"سازمان {kind}", kind=kind)
    assert organization.is_press is is_press
    assert (organization in Organization.objects.press()) is is_press
    assert (organization in Organization.objects.officials()) is not is_press


def test_names_typed_with_arabic_letters_are_stored_in_persian_and_found_either_way():
    person = PersonFactory(first_name="علي", last_name="كريمي", post="مدير منطقه")
    person.refresh_from_db()
    assert person.full_name == "علی کریمی"
    assert Person.objects.filter(search_text__contains="کریمی").exists()
