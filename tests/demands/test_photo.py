"""The photo of a demand: checked by its content (not its name) and its size, re-encoded
without the phone's metadata, and shown only once the demand is published."""

from __future__ import annotations

import io
import struct
import zlib

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from demands import services
from demands.models import Demand
from tests.demands.conftest import image_bytes

pytestmark = pytest.mark.django_db


def _raise(world, photo: SimpleUploadedFile, client=None):
    client = client or Client()
    return client.post(world.new_url, {**world.values(), "photo": photo}, REMOTE_ADDR="203.0.113.7")


def _stored_files() -> list:
    root = settings.MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_a_jpeg_is_kept_re_encoded_and_without_its_location(world):
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (37.0, 16.0, 51.0)}  # GPS: the citizen's street
    data = image_bytes("JPEG", exif=exif.tobytes())
    assert b"PhoneMaker" in data
    response = _raise(world, SimpleUploadedFile("IMG_0001.jpg", data, "image/jpeg"))
    assert response.status_code == 302
    demand = Demand.objects.get()
    assert demand.photo_kind == "jpeg" and len(demand.photo_sha256) == 64
    stored = demand.photo.read()
    assert stored.startswith(b"\xff\xd8\xff")
    assert b"PhoneMaker" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif().get_ifd(0x8825)


def test_a_png_is_accepted_and_a_large_one_is_scaled_down(world):
    data = image_bytes("PNG", size=(3000, 1000))
    assert _raise(world, SimpleUploadedFile("p.png", data, "image/png")).status_code == 302
    image = Image.open(Demand.objects.get().photo)
    assert image.format == "PNG" and max(image.size) == 2560


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.jpg", b"<html><script>alert(1)</script></html>", "عکس باید PNG یا JPEG باشد"),
        ("photo.png", b"%PDF-1.7 not an image", "عکس باید PNG یا JPEG باشد"),
        ("photo.jpg", image_bytes("JPEG")[:60], "این فایل عکس سالم نیست"),
        ("photo.gif", image_bytes("GIF"), "عکس باید PNG یا JPEG باشد"),
    ],
)
def test_a_fake_or_broken_image_is_refused_and_nothing_is_stored(world, name, data, message):
    response = _raise(world, SimpleUploadedFile(name, data, "image/jpeg"))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Demand.objects.exists()
    assert _stored_files() == []


def _png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels (a decompression bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body))
            + kind
            + body
            + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("width", "height", "message"),
    [
        (10000, 5000, "ابعاد این عکس (۱۰۰۰۰ × ۵۰۰۰ نقطه) بیش از اندازه است"),
        (50000, 50000, "ابعاد این عکس بیش از اندازه است"),  # beyond Pillow's own guard
    ],
)
def test_an_image_declaring_enormous_dimensions_is_refused_before_it_is_decoded(
    world, width, height, message
):
    response = _raise(world, SimpleUploadedFile("bomb.png", _png_declaring(width, height)))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Demand.objects.exists()


def test_a_photo_over_the_size_limit_is_refused(world):
    data = image_bytes("PNG") + b"\x00" * settings.DEMAND_PHOTO_MAX_BYTES
    response = _raise(world, SimpleUploadedFile("big.png", data, "image/png"))
    assert response.status_code == 400
    assert "عکس حداکثر ۵ مگابایت است" in response.content.decode()
    assert not Demand.objects.exists() and _stored_files() == []


def test_the_photo_is_shown_only_once_published(world, client):
    _raise(world, SimpleUploadedFile("p.png", image_bytes("PNG"), "image/png"))
    demand = Demand.objects.get()
    url = f"/committee/rasht/demands/{demand.pk}/photo/"
    assert client.get(url).status_code == 404
    client.force_login(world.portal.secretariat)
    pending = client.get(url)
    assert pending.status_code == 200 and pending["Cache-Control"] == "private, no-store"
    client.logout()
    services.publish_demand(world.portal.secretariat, demand)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert url in client.get(world.detail_url(demand)).content.decode()
