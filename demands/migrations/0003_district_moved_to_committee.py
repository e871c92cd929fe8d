"""District now lives in the committee app (committee 0011): the demands' and imported
counts' foreign keys point at committee.District, and demands forgets its own District — in
Django's state only; the table «demands_district», its rows and the foreign keys' database
constraints are unchanged. The content type is renamed so that permissions already granted
on districts (admin groups) carry over."""

import django.db.models.deletion
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if ContentType.objects.using(db).filter(app_label="committee", model="district").exists():
        return
    ContentType.objects.using(db).filter(app_label="demands", model="district").update(
        app_label="committee"
    )


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if ContentType.objects.using(db).filter(app_label="demands", model="district").exists():
        return
    ContentType.objects.using(db).filter(app_label="committee", model="district").update(
        app_label="demands"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("committee", "0011_district_moved_from_demands"),
        ("demands", "0002_imported_counts_of_other_channels"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="demand",
                    name="district",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="demands",
                        to="committee.district",
                        verbose_name="منطقه",
                    ),
                ),
                migrations.AlterField(
                    model_name="importedcount",
                    name="district",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="imported_counts",
                        to="committee.district",
                        verbose_name="منطقه",
                    ),
                ),
                migrations.DeleteModel(name="District"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, restore_content_type),
    ]
