"""The advisor's data export: every establishment with its audits, plans and photos, zipped.

One JSON file per establishment (the same content as ``db export``, photos in base64) and a
short README in French, so the file can be handed to the chamber or to the owner who asks
for their data without the app.
"""

from __future__ import annotations

import io
import json
import zipfile

from audits.store.db import Store
from audits.store.personal_data import export_establishment
from audits.store.search import list_establishments

README = """Export Diag Terrain
===================

Un fichier JSON par établissement : fiche, campagnes, audits (réponses, plan d'actions)
et photos (encodées en base64). Format identique à « diagterrain db export ».
"""
PAGE = 500


def export_zip(store: Store) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LISEZMOI.txt", README)
        offset = 0
        while batch := list_establishments(store, limit=PAGE, offset=offset):
            for establishment in batch:
                content = export_establishment(store, establishment.id)
                text = json.dumps(content, ensure_ascii=False, indent=2, default=str)
                archive.writestr(f"etablissements/{establishment.siret}.json", text)
            offset += PAGE
    return buffer.getvalue()
