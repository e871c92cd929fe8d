"""The PDF's text layer: what copy-paste and search get out of it."""

from __future__ import annotations

import datetime

import pytest

from minutes.pdf import render_minutes_pdf
from minutes.snapshot import build_snapshot
from tests.pdf.conftest import PUBLISHED_AT

pytestmark = pytest.mark.django_db

VERIFY_URL = "https://rasht.example.ir/minutes/verify/RASHT-WG2-1403-001-R1/"


def world_snapshot(world, **changes) -> dict:
    """The world's minutes as the snapshot frozen at publication (public part only)."""
    snapshot = build_snapshot(world.minutes, public=True)
    snapshot["published_at"] = PUBLISHED_AT.astimezone(datetime.UTC).isoformat()
    snapshot["status"] = "published"
    snapshot.update(changes)
    return snapshot


def render_world(world, **changes) -> bytes:
    """The world's minutes rendered as for publication (before files and the seal)."""
    return render_minutes_pdf(world_snapshot(world, **changes), verify_url=VERIFY_URL)
