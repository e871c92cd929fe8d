from django.db import migrations

from committee.terms import NoOverlappingTerms


class Migration(migrations.Migration):
    dependencies = [("workgroups", "0001_initial")]

    operations = [
        NoOverlappingTerms(
            table="workgroups_membership",
            name="membership_chair_terms_apart",
            scope="workgroup_id",
            flag=("is_chair", True),
            message="membership_chair_terms_apart: the workgroup already has a chair in this period",
        ),
    ]
