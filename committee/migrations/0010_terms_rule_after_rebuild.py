"""0009 added a column to committee_committeerole, which SQLite does by rebuilding the table,
and the overlapping-terms triggers of 0002 did not survive it: install them again."""

from django.db import migrations

from committee.terms import ReinstallOverlappingTermsOnSQLite


class Migration(migrations.Migration):
    dependencies = [("committee", "0009_updated_at_for_sync")]

    operations = [
        ReinstallOverlappingTermsOnSQLite(
            table="committee_committeerole",
            name="committee_chair_terms_apart",
            scope="committee_id",
            flag=("role", "chair"),
            message="committee_chair_terms_apart: the committee already has a chair in this period",
        ),
        ReinstallOverlappingTermsOnSQLite(
            table="committee_committeerole",
            name="committee_secretariat_head_terms_apart",
            scope="committee_id",
            flag=("role", "secretariat_head"),
            message=(
                "committee_secretariat_head_terms_apart: "
                "the committee already has a secretariat head in this period"
            ),
        ),
    ]
