"""The package's own contract: its app config and its dependency rule."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from django.apps import apps

import persian

ALLOWED_TOP_LEVEL = {"__future__", "django", "jdatetime", "persian"} | set(sys.stdlib_module_names)


def test_the_app_is_installed_under_its_own_config():
    config = apps.get_app_config("persian")
    assert type(config).__name__ == "PersianConfig"
    assert str(config.verbose_name)


def test_the_package_imports_only_django_jdatetime_and_the_standard_library():
    package_dir = Path(persian.__file__).parent
    imported: set[str] = set()
    for path in package_dir.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    assert imported <= ALLOWED_TOP_LEVEL, imported - ALLOWED_TOP_LEVEL
