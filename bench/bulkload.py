"""Writing many rows fast, for bulk loads (bench/seed.py, bench.portal_bulk).

Not for the application's own changes, which go through the services one at a time with
their checks and audit entries.
"""

from __future__ import annotations

from django.db import connection


def insert(model, objects: list) -> None:
    """Write ``objects`` and give them their ids: PostgreSQL's COPY, with ids drawn from the
    table's sequence first (several times faster than ``bulk_create``'s INSERT for
    hundreds of thousands of rows); ``bulk_create`` elsewhere. Each field's own
    ``pre_save`` and ``get_db_prep_save`` prepare the values, as ``save()`` would."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=2000)
        return
    meta = model._meta
    fields = meta.concrete_fields
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [meta.db_table, meta.pk.column, len(objects)],
        )
        for obj in objects:
            # Foreign keys to objects saved since this one was built (bulk_create does too).
            obj._prepare_related_fields_for_save(operation_name="insert")
        for obj, (pk,) in zip(objects, cursor.fetchall(), strict=True):
            obj.pk = pk
            obj._state.adding = False
            obj._state.db = connection.alias
        columns = ", ".join(quote(field.column) for field in fields)
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row(
                    [
                        field.get_db_prep_save(field.pre_save(obj, True), connection)
                        for field in fields
                    ]
                )
