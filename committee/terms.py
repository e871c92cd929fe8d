"""Terms of office (start and end dates) and the database rule that keeps them apart.

A role such as "chair of a workgroup" may be held by one person at a time. A partial unique
index cannot express "no two date ranges overlap", so the rule is installed per database:
an exclusion constraint on PostgreSQL (race-free under concurrent writes) and BEFORE
INSERT/UPDATE triggers on SQLite (whose writes are serialised). Validation in
``TermModel.clean`` gives people the same rule as a readable message before the database
has to refuse anything.
"""

from __future__ import annotations

import datetime

from django.db import NotSupportedError, models
from django.db.migrations.operations.base import Operation
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TermQuerySet(models.QuerySet):
    def active_on(self, day: datetime.date) -> TermQuerySet:
        """Terms that cover ``day`` (both ends inclusive; an open end never ends)."""
        return self.filter(Q(start_date__lte=day), Q(end_date__isnull=True) | Q(end_date__gte=day))

    def current(self) -> TermQuerySet:
        return self.active_on(timezone.localdate())

    def overlapping(self, start: datetime.date, end: datetime.date | None) -> TermQuerySet:
        """Terms that share at least one day with [start, end]."""
        qs = self.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        if end is not None:
            qs = qs.filter(start_date__lte=end)
        return qs


class TermModel(models.Model):
    """Abstract base for anything held for a term: start date required, end date optional."""

    start_date = models.DateField(_("آغاز دوره"))
    end_date = models.DateField(
        _("پایان دوره"), null=True, blank=True, help_text=_("خالی یعنی دوره هنوز ادامه دارد.")
    )

    class Meta:
        abstract = True

    def is_active_on(self, day: datetime.date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)

    @property
    def is_current(self) -> bool:
        return self.is_active_on(timezone.localdate())

    def clean_term(self) -> dict[str, str]:
        """Return field errors for an impossible term (end before start)."""
        errors: dict[str, str] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("پایان دوره نمی‌تواند پیش از آغاز آن باشد.")
        return errors


def term_check_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
        name=name,
        violation_error_message=_("پایان دوره نمی‌تواند پیش از آغاز آن باشد."),
    )


class NoOverlappingTerms(Operation):
    """Forbid two rows of ``table`` with the same ``scope`` and flag from overlapping in time.

    ``flag`` is ``(column, value)``: only rows whose column equals value take part (for
    example ``("is_chair", True)`` or ``("role", "chair")``).
    """

    reduces_to_sql = True
    reversible = True

    def __init__(self, table: str, name: str, scope: str, flag: tuple[str, object], message: str):
        self.table = table
        self.name = name
        self.scope = scope
        self.flag = flag
        self.message = message

    def deconstruct(self):
        return (
            self.__class__.__qualname__,
            [],
            {
                "table": self.table,
                "name": self.name,
                "scope": self.scope,
                "flag": self.flag,
                "message": self.message,
            },
        )

    def state_forwards(self, app_label, state):
        # Database-only rule: the model state does not change.
        pass

    def _literal(self, vendor: str) -> str:
        value = self.flag[1]
        if isinstance(value, bool):
            if vendor == "postgresql":
                return "true" if value else "false"
            return "1" if value else "0"
        return "'" + str(value).replace("'", "''") + "'"

    def _forward_sql(self, vendor: str) -> list[str]:
        column, literal = self.flag[0], self._literal(vendor)
        message = self.message.replace("'", "''")
        if vendor == "postgresql":
            return [
                "CREATE EXTENSION IF NOT EXISTS btree_gist",
                f'ALTER TABLE "{self.table}" ADD CONSTRAINT "{self.name}" EXCLUDE USING gist '
                f'("{self.scope}" WITH =, daterange("start_date", "end_date", \'[]\') WITH &&) '
                f'WHERE ("{column}" = {literal})',
            ]
        if vendor == "sqlite":
            statements = []
            for event, exclude_self in (("INSERT", ""), ("UPDATE", "AND other.id <> NEW.id")):
                statements.append(
                    f'CREATE TRIGGER "{self.name}_{event.lower()}" '
                    f'BEFORE {event} ON "{self.table}" '
                    f'WHEN NEW."{column}" = {literal} BEGIN '
                    f"SELECT RAISE(ABORT, '{message}') WHERE EXISTS ("
                    f'SELECT 1 FROM "{self.table}" AS other '
                    f'WHERE other."{self.scope}" = NEW."{self.scope}" {exclude_self} '
                    f'AND other."{column}" = {literal} '
                    f"AND other.start_date <= COALESCE(NEW.end_date, '9999-12-31') "
                    f"AND NEW.start_date <= COALESCE(other.end_date, '9999-12-31')); END"
                )
            return statements
        raise NotSupportedError(f"No overlapping-terms rule for the {vendor} database.")

    def _reverse_sql(self, vendor: str) -> list[str]:
        if vendor == "postgresql":
            return [f'ALTER TABLE "{self.table}" DROP CONSTRAINT IF EXISTS "{self.name}"']
        return [
            f'DROP TRIGGER IF EXISTS "{self.name}_insert"',
            f'DROP TRIGGER IF EXISTS "{self.name}_update"',
        ]

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        for sql in self._forward_sql(schema_editor.connection.vendor):
            schema_editor.execute(sql)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        for sql in self._reverse_sql(schema_editor.connection.vendor):
            schema_editor.execute(sql)

    def describe(self):
        return f"Forbid overlapping terms on {self.table} ({self.name})"


class ReinstallOverlappingTermsOnSQLite(NoOverlappingTerms):
    """The rule of :class:`NoOverlappingTerms` installed again on SQLite, after a migration
    that rebuilt the table: SQLite cannot add most columns in place, so Django copies the
    table into a new one, and triggers do not follow. PostgreSQL keeps its exclusion
    constraint through an added column, so nothing is done there. Idempotent: the triggers
    are dropped first if they survived."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor != "sqlite":
            return
        for sql in self._reverse_sql("sqlite") + self._forward_sql("sqlite"):
            schema_editor.execute(sql)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        # The state before this operation had the rule too (it was lost only by accident).
        pass

    def describe(self):
        return f"Install again on SQLite the overlapping-terms rule on {self.table} ({self.name})"
