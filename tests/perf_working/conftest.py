"""The personas of the working-interface tests (``world``, tests/work/conftest.py)."""

from __future__ import annotations

from tests.work.conftest import World, world  # noqa: F401  (the personas fixture)
