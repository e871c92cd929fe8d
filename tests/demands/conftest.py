"""The portal tests' committee (tests/portal/conftest.py) with the standard lists of
demands, and helpers to raise, publish and support demands through the pages."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from PIL import Image

from demands import services
from demands.models import Demand, District, Topic
from tests.portal.conftest import Portal, portal  # noqa: F401  (the fixture)

IP = "203.0.113.7"


@dataclass
class World:
    portal: Portal
    topic: Topic  # in the field of the civil-works workgroup
    other_topic: Topic  # in the field of the culture workgroup
    district: District
    other_district: District

    @property
    def committee(self):
        return self.portal.committee

    @property
    def new_url(self) -> str:
        return f"/committee/{self.committee.slug}/demands/new/"

    @property
    def list_url(self) -> str:
        return f"/committee/{self.committee.slug}/demands/"

    @property
    def triage_url(self) -> str:
        return f"/committee/{self.committee.slug}/demands/triage/"

    def values(self, **data: Any) -> dict[str, Any]:
        return {
            "title": "چاله‌های خیابان سعدی پس از بارندگی",
            "description": "از هفته پیش چند چاله بزرگ در خیابان سعدی باز شده است.",
            "topic": str(self.topic.pk),
            "district": str(self.district.pk),
            "neighbourhood": "محله سعدی",
            "email": "mina@example.ir",
            **data,
        }

    def raise_demand(self, client: Client | None = None, ip: str = IP, url: str = "", **data):
        client = client or Client()
        return client.post(url or self.new_url, self.values(**data), REMOTE_ADDR=ip)

    def published(self, **data) -> Demand:
        """A demand raised through the form and published by the secretariat."""
        before = set(Demand.objects.values_list("pk", flat=True))
        response = self.raise_demand(ip=data.pop("ip", "198.51.100.50"), **data)
        assert response.status_code == 302, response.content.decode()[:2000]
        demand = Demand.objects.exclude(pk__in=before).get()
        return services.publish_demand(self.portal.secretariat, demand)

    def detail_url(self, demand: Demand) -> str:
        return f"/committee/{self.committee.slug}/demands/{demand.pk}/"


@pytest.fixture
def world(portal) -> World:  # noqa: F811
    services.ensure_lists(portal.committee)
    committee = portal.committee
    return World(
        portal=portal,
        topic=Topic.objects.get(committee=committee, name="آسفالت، معابر و پیاده‌روها"),
        other_topic=Topic.objects.get(committee=committee, name="گردشگری و بافت تاریخی"),
        district=District.objects.get(committee=committee, order=2),
        other_district=District.objects.get(committee=committee, order=3),
    )


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def image_bytes(kind: str = "PNG", size=(40, 30), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format=kind, **save)
    return out.getvalue()
