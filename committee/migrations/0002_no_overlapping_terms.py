from django.db import migrations

from committee.terms import NoOverlappingTerms


class Migration(migrations.Migration):
    dependencies = [("committee", "0001_initial")]

    operations = [
        NoOverlappingTerms(
            table="committee_committeerole",
            name="committee_chair_terms_apart",
            scope="committee_id",
            flag=("role", "chair"),
            message="committee_chair_terms_apart: the committee already has a chair in this period",
        ),
        NoOverlappingTerms(
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
