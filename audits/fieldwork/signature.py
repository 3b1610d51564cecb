"""Signatures drawn on screen: strokes turned into a PNG, then the audit signed and frozen.

The pad records strokes as lists of points in the pad's own coordinates; the picture is
drawn here (Pillow, twice the pad's size for a sharp print) so that every platform produces
the same file, stored content-addressed like a photo and printed in the plan's signature box.
The audit row records whose picture is which (``audits.store.signatures``), so it syncs.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

from audits.errors import DiagError, Message
from audits.store.audit_rows import Audit, get_audit
from audits.store.audits import complete_audit, sign_audit
from audits.store.db import Store
from audits.store.photos import add_photo
from audits.store.signatures import Signer, Signers

Point = tuple[float, float]
Stroke = Sequence[Point]
SCALE = 2
PNG = "image/png"
MIN_POINTS = 3


def has_signature(strokes: Sequence[Stroke]) -> bool:
    """A tap is not a signature: at least a few points must have been drawn."""
    return sum(len(stroke) for stroke in strokes) >= MIN_POINTS


def signature_png(strokes: Sequence[Stroke], width: float, height: float) -> bytes:
    """Black strokes on white, as PNG bytes."""
    size = (max(int(width * SCALE), 1), max(int(height * SCALE), 1))
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    for stroke in strokes:
        points = [(x * SCALE, y * SCALE) for x, y in stroke]
        if len(points) == 1:
            x, y = points[0]
            draw.ellipse((x - 2, y - 2, x + 2, y + 2), fill="black")
        elif points:
            draw.line(points, fill="black", width=3 * SCALE, joint="curve")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@dataclass(frozen=True)
class SignedVisit:
    audit: Audit
    advisor_signature: str
    owner_signature: str


def sign_visit(
    store: Store,
    audit_id: str,
    advisor_png: bytes,
    owner_png: bytes,
    *,
    advisor_name: str,
    owner_name: str,
) -> SignedVisit:
    """Store both signatures, complete the audit if needed and sign it: it is now frozen.

    Who signed with which picture goes on the audit row with the signature (and syncs).
    """
    if not advisor_name.strip() or not owner_name.strip():
        raise DiagError(Message.SIGNATURE_NAMES_MISSING.value)
    signers = Signers(
        advisor=Signer(name=advisor_name.strip(), sha256=add_photo(store, advisor_png, PNG)),
        owner=Signer(name=owner_name.strip(), sha256=add_photo(store, owner_png, PNG)),
    )
    if get_audit(store, audit_id).status == "draft":
        complete_audit(store, audit_id)
    audit = sign_audit(store, audit_id, signers=signers)
    return SignedVisit(
        audit=audit,
        advisor_signature=signers.advisor.sha256,
        owner_signature=signers.owner.sha256,
    )
