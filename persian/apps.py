"""Django application configuration for the Persian helpers."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersianConfig(AppConfig):
    """Registers the package so that ``{% load persian %}`` finds its template tags, and
    gives SQLite connections the search folding (persian/search.py) and the Persian
    alphabetical order (persian/collation.py)."""

    name = "persian"
    verbose_name = _("ابزارهای فارسی")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from persian.collation import install_sqlite_collation
        from persian.search import install_sqlite_fold

        connection_created.connect(install_sqlite_fold, dispatch_uid="persian.search.fold")
        connection_created.connect(install_sqlite_collation, dispatch_uid="persian.collation.fa")
