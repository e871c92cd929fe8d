"""0005 added a column to workgroups_membership, which SQLite does by rebuilding the table,
and the chair-terms triggers of 0002 did not survive it: install them again."""

from django.db import migrations

from committee.terms import ReinstallOverlappingTermsOnSQLite


class Migration(migrations.Migration):
    dependencies = [("workgroups", "0005_updated_at_for_sync")]

    operations = [
        ReinstallOverlappingTermsOnSQLite(
            table="workgroups_membership",
            name="membership_chair_terms_apart",
            scope="workgroup_id",
            flag=("is_chair", True),
            message="membership_chair_terms_apart: the workgroup already has a chair in this period",
        ),
    ]
