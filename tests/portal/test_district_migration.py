"""District moved from the demands app to committee (committee 0011, demands 0003) in
Django's state only: a database migrated before the move keeps its districts, the demands
filed under them, the unique constraint and the permissions granted on districts; the
committee tables (and their SQLite triggers) are untouched; then decisions may name them
(minutes 0015, portal 0006)."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("committee", "0010_terms_rule_after_rebuild"),
    ("demands", "0002_imported_counts_of_other_channels"),
    ("minutes", "0014_updated_at_for_sync"),
    ("portal", "0005_feed_indexes"),
]
AFTER = [
    ("committee", "0011_district_moved_from_demands"),
    ("demands", "0003_district_moved_to_committee"),
    ("minutes", "0015_decision_districts"),
    ("portal", "0007_public_decision_districts"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _constraint_names(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, table))


def _tables() -> set[str]:
    return set(connection.introspection.table_names())


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_its_districts_and_demands():
    try:
        old = _migrate(BEFORE)
        assert "minutes_decision_districts" not in _tables()
        Committee = old.get_model("committee", "Committee")
        District = old.get_model("demands", "District")
        Topic = old.get_model("demands", "Topic")
        Demand = old.get_model("demands", "Demand")
        ContentType = old.get_model("contenttypes", "ContentType")
        Permission = old.get_model("auth", "Permission")
        Group = old.get_model("auth", "Group")
        # The content type as a database made before the move has it.
        ContentType.objects.filter(app_label="committee", model="district").update(
            app_label="demands"
        )
        view = Permission.objects.get(content_type__app_label="demands", codename="view_district")
        group = Group.objects.create(name="دبیرخانه آزمایشی")
        group.permissions.add(view)

        committee = Committee.objects.create(
            slug="rasht", name="کمیته رسانه", municipality="شهرداری رشت", city="رشت"
        )
        one = District.objects.create(committee=committee, name="منطقه ۱", order=1)
        two = District.objects.create(committee=committee, name="منطقه ۲", order=2)
        topic = Topic.objects.create(committee=committee, name="آسفالت")
        demand = Demand.objects.create(
            committee=committee,
            topic=topic,
            district=two,
            title="چاله خیابان سعدی",
            description="پس از بارندگی",
            visitor_key="v",
        )

        new = _migrate(AFTER)
        assert "minutes_decision_districts" in _tables()
        assert "portal_publicdecision_districts" in _tables()
        assert "demand_district_unique_name" in _constraint_names("demands_district")
        NewDistrict = new.get_model("committee", "District")
        assert NewDistrict._meta.db_table == "demands_district"
        assert list(NewDistrict.objects.order_by("order").values_list("pk", "name")) == [
            (one.pk, "منطقه ۱"),
            (two.pk, "منطقه ۲"),
        ]
        NewDemand = new.get_model("demands", "Demand")
        assert NewDemand.objects.get(pk=demand.pk).district.name == "منطقه ۲"
        # The unique name still holds in the database.
        with pytest.raises(IntegrityError), transaction.atomic():
            NewDistrict.objects.create(committee_id=committee.pk, name="منطقه ۱")
        # Permissions granted on districts carry over to the model's new app.
        view.refresh_from_db()
        assert view.content_type.app_label == "committee"
        assert group.permissions.filter(pk=view.pk).exists()
        # A decision may now name them.
        Meeting = new.get_model("minutes", "Meeting")
        Decision = new.get_model("minutes", "Decision")
        Organization = new.get_model("committee", "Organization")
        meeting = Meeting.objects.create(
            committee_id=committee.pk,
            jalali_year=1405,
            number=1,
            title="جلسه",
            starts_at=datetime.datetime(2026, 4, 28, 9, tzinfo=datetime.UTC),
            location="تالار",
        )
        decision = Decision.objects.create(
            meeting=meeting,
            number=1,
            text="مصوبه",
            responsible_organization=Organization.objects.create(name="منطقه ۲ شهرداری"),
        )
        decision.districts.set([two.pk])
        assert list(NewDistrict.objects.get(pk=two.pk).decisions.values_list("pk", flat=True)) == [
            decision.pk
        ]
    finally:
        _migrate(AFTER)


@pytest.mark.django_db(transaction=True)
def test_the_move_back_and_forth_leaves_the_committee_tables_and_their_triggers():
    """The committee tables' SQLite triggers (committee 0010) survive the migrations: the
    move touches no committee table (checked by the database refusing an overlapping
    chair after migrating back and forth)."""
    from committee.models import CommitteeRole
    from tests.factories import CommitteeFactory, CommitteeRoleFactory

    try:
        _migrate(BEFORE)
        _migrate(AFTER)
    finally:
        _migrate(AFTER)
    committee = CommitteeFactory()
    CommitteeRoleFactory(
        committee=committee,
        role=CommitteeRole.Role.CHAIR,
        start_date=datetime.date(2024, 1, 1),
        end_date=datetime.date(2024, 12, 31),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CommitteeRoleFactory(
            committee=committee,
            role=CommitteeRole.Role.CHAIR,
            start_date=datetime.date(2024, 6, 1),
            end_date=datetime.date(2025, 6, 1),
        )
