"""District moves here from the demands app (so that a decision, in minutes, may name one):
in Django's state only. The table stays «demands_district», made by demands 0001, with its
rows, its unique constraint's name and the demands' foreign keys to it; demands 0003 drops
the model from the demands app's state. Nothing here touches a committee table (their SQLite
triggers, see 0010, stay as they are)."""

import django.db.models.deletion
from django.db import migrations, models

import persian.validators


class Migration(migrations.Migration):
    dependencies = [
        ("committee", "0010_terms_rule_after_rebuild"),
        # The table is made there; this migration only takes it over.
        ("demands", "0002_imported_counts_of_other_channels"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="District",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "name",
                            models.CharField(
                                max_length=100,
                                validators=[persian.validators.validate_one_line],
                                verbose_name="منطقه",
                            ),
                        ),
                        (
                            "order",
                            models.PositiveSmallIntegerField(default=0, verbose_name="ترتیب"),
                        ),
                        (
                            "committee",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="districts",
                                to="committee.committee",
                                verbose_name="کمیته",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "منطقه شهری",
                        "verbose_name_plural": "مناطق شهری",
                        "db_table": "demands_district",
                        "ordering": ["committee", "order", "name"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("committee", "name"), name="demand_district_unique_name"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
