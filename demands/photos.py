"""The photo of a demand: checked by its content and size, then re-encoded.

A PNG or JPEG by its signature (minutes.attachments.sniff, the same test as meeting
attachments), no larger than ``DEMAND_PHOTO_MAX_BYTES``, whose header declares no more than
``MAX_PIXELS`` (a small file can declare a picture of billions of pixels that would take
the server's memory when decoded), and that decodes as a whole. What is stored is the
picture decoded and encoded again, turned upright and at most ``MAX_SIDE`` pixels on its
longer side: a phone's metadata (the place and time it was taken, the device) is left
behind, and nothing hidden after the image data survives.
"""

from __future__ import annotations

import io
import warnings

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from minutes.attachments import sniff
from minutes.errors import ServiceError
from persian.digits import file_size, localized_digits

MAX_PIXELS = 40_000_000
MAX_SIDE = 2560
KINDS = {"png": "image/png", "jpeg": "image/jpeg"}


def max_bytes() -> int:
    return settings.DEMAND_PHOTO_MAX_BYTES


def _too_large(dimensions: str) -> ServiceError:
    where = localized_digits(f" ({dimensions} نقطه)") if dimensions else ""
    return ServiceError(
        localized_digits(
            _(
                "ابعاد این عکس%(dimensions)s بیش از اندازه است؛ "
                "عکسی تا %(limit)s میلیون نقطه بفرستید."
            )
            % {"dimensions": where, "limit": MAX_PIXELS // 1_000_000}
        ),
        field="photo",
    )


def checked_photo(upload) -> tuple[str, bytes]:
    """``(kind, data)`` of the photo as it will be stored, or a ServiceError with a Persian
    message (field ``photo``)."""
    limit = max_bytes()
    if upload.size > limit:
        raise ServiceError(
            _("عکس حداکثر %(limit)s است؛ این فایل %(size)s است.")
            % {"limit": file_size(limit), "size": file_size(upload.size)},
            field="photo",
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    kind = sniff(data)
    if kind not in KINDS:
        raise ServiceError(
            _("عکس باید PNG یا JPEG باشد (از روی محتوای فایل، نه نام آن)."), field="photo"
        )
    broken = ServiceError(
        _("این فایل عکس سالم نیست و باز نمی‌شود؛ عکس دیگری بفرستید."), field="photo"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data), formats=["PNG", "JPEG"])
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _too_large(f"{width} × {height}")
            image.load()
            image = ImageOps.exif_transpose(image)
    except ServiceError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        # Pillow's own guard, for headers beyond its limit: refused before decoding.
        raise _too_large("") from None
    except (OSError, SyntaxError, ValueError, Warning):
        raise broken from None
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if kind == "jpeg":
        image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(out, format="PNG", optimize=True)
    return kind, out.getvalue()
