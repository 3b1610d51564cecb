"""``python -m sync.server``: the server alone, without the device CLI's imports.

For server images and tests; ``diagterrain server`` does the same with the account commands.
Settings come from the environment (``DIAGTERRAIN_*``), the options override them.
"""

from __future__ import annotations

import argparse

from sync.server.config import load_settings
from sync.server.main import serve


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m sync.server", description="Serveur Diag Terrain"
    )
    parser.add_argument("--database-url", help="URL de la base (SQLite local par défaut)")
    parser.add_argument("--data-dir", help="dossier des photos")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    settings = load_settings(DATABASE_URL=args.database_url, DATA_DIR=args.data_dir)
    serve(settings, args.host, args.port)


if __name__ == "__main__":
    main()
