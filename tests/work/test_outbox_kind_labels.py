"""Every kind of email the outbox pages list is named in words, never by its code
(«minutes_published» in the Persian interface was the code)."""

from __future__ import annotations

import pytest
from django.utils import translation

from demands.notifications import STEPS
from minutes.notices import PREFERENCE_OF, Notification
from minutes.outbox import OutboxEmail
from tests.work.support import assert_persian

KINDS = sorted(
    {"invite", "reschedule", "cancel", "invitation_reminder"}
    | {str(kind) for kind in Notification.Kind.values}
    | {str(kind) for kind in PREFERENCE_OF}
    | {f"demand.{step}" for step in STEPS}
)


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_of_email_has_a_persian_name(kind):
    with translation.override("fa"):
        label = OutboxEmail(kind=kind).kind_label
    assert label != kind
    assert_persian(label + " " + label)  # short names: twice, for the letter count


@pytest.mark.parametrize("kind", KINDS)
def test_and_an_english_one(kind):
    with translation.override("en"):
        label = OutboxEmail(kind=kind).kind_label
    assert label != kind and label.isascii(), label
