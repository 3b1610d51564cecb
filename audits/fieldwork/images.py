"""Pictures from the device: which formats the PDF can take, and small thumbnails for screens.

A phone photo is several megabytes; the wizard shows a 160 px JPEG thumbnail instead, so a
section with a dozen photos stays quick to draw on a tablet and over a web connection.
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError

THUMBNAIL = 160


def image_media_type(content: bytes) -> str | None:
    """``image/jpeg`` or ``image/png`` from the file's first bytes (what the PDF can embed)."""
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return None


def thumbnail(content: bytes, size: int = THUMBNAIL) -> bytes:
    """A small JPEG of the picture, turned upright (phones store rotation in EXIF)."""
    try:
        with Image.open(io.BytesIO(content)) as image:
            upright = ImageOps.exif_transpose(image) or image
            small = upright.convert("RGB")
            small.thumbnail((size, size))
            buffer = io.BytesIO()
            small.save(buffer, format="JPEG", quality=80)
            return buffer.getvalue()
    except (UnidentifiedImageError, OSError):
        return content
