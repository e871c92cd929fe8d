"""Shared set-up for the ``persian`` package tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _persian_is_the_active_language() -> Iterator[None]:
    # Messages and the default rendering follow the active language; pin it so the
    # tests do not depend on LANGUAGE_CODE or on a previous test's leftovers.
    with translation.override("fa"):
        yield
