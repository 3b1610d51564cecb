"""The schema of the device database, created and upgraded by versioned migrations at open.

Migrations are append-only: a published one is never edited, a change is a new function.
Each runs in one transaction with its record in ``_sqlite_migrations`` (sqlite-utils), so
a database written by any older version of the app opens in this one, and a crash during
an upgrade leaves the previous schema intact.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from audits.errors import Message
from audits.store.errors import StoreError
from audits.store.ids import new_id

MIGRATIONS = Migrations("diagterrain")

SYNC_COLUMNS = """
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL,
    rev TEXT NOT NULL,
    base_rev TEXT,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    updated_by TEXT NOT NULL"""

SYNCED_TABLES = (
    "establishments",
    "campaigns",
    "campaign_establishments",
    "audits",
    "answers",
    "actions",
)

V1_TABLES = (
    f"""CREATE TABLE establishments ({SYNC_COLUMNS},
    siret TEXT NOT NULL, name TEXT NOT NULL, naf TEXT, activity TEXT, address TEXT,
    postcode TEXT, commune TEXT, surface_m2 REAL, staff INTEGER,
    contact_name TEXT, contact_phone TEXT, contact_email TEXT)""",
    """CREATE TABLE questionnaires (
    ref TEXT PRIMARY KEY, questionnaire_id TEXT NOT NULL, version INTEGER NOT NULL,
    title TEXT NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL, sha256 TEXT NOT NULL,
    source TEXT NOT NULL, imported_at TEXT NOT NULL)""",
    f"""CREATE TABLE campaigns ({SYNC_COLUMNS},
    name TEXT NOT NULL, questionnaire_ref TEXT NOT NULL, organiser TEXT, commune TEXT,
    starts_on TEXT, ends_on TEXT, advisors TEXT NOT NULL DEFAULT '[]', description TEXT)""",
    f"""CREATE TABLE campaign_establishments ({SYNC_COLUMNS},
    campaign_id TEXT NOT NULL REFERENCES campaigns(id),
    establishment_id TEXT NOT NULL REFERENCES establishments(id),
    UNIQUE (campaign_id, establishment_id))""",
    f"""CREATE TABLE audits ({SYNC_COLUMNS},
    establishment_id TEXT NOT NULL REFERENCES establishments(id),
    questionnaire_id TEXT NOT NULL, questionnaire_version INTEGER NOT NULL,
    campaign_id TEXT REFERENCES campaigns(id), advisor TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'completed', 'signed')),
    planned_on TEXT, started_at TEXT, completed_at TEXT, signed_at TEXT, signed_by TEXT,
    follow_up_of TEXT REFERENCES audits(id), revision_of TEXT REFERENCES audits(id))""",
    f"""CREATE TABLE answers ({SYNC_COLUMNS},
    audit_id TEXT NOT NULL REFERENCES audits(id), question_id TEXT NOT NULL,
    value TEXT, status TEXT NOT NULL CHECK (status IN ('answered', 'not_applicable', 'unknown')),
    note TEXT, photos TEXT NOT NULL DEFAULT '[]',
    UNIQUE (audit_id, question_id))""",
    f"""CREATE TABLE actions ({SYNC_COLUMNS},
    audit_id TEXT NOT NULL REFERENCES audits(id), action_key TEXT NOT NULL,
    from_catalogue INTEGER NOT NULL DEFAULT 1, title TEXT NOT NULL, theme TEXT,
    kwh_year REAL, eur_year REAL, kgco2e_year REAL, cost_eur REAL, aid_eur REAL,
    payback_years REAL, priority INTEGER, regulatory INTEGER NOT NULL DEFAULT 0,
    funding TEXT NOT NULL DEFAULT '[]', owner TEXT, deadline TEXT,
    status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected', 'done')),
    edited INTEGER NOT NULL DEFAULT 0, achieved_kwh_year REAL, achieved_eur_year REAL,
    details TEXT NOT NULL DEFAULT '{{}}', note TEXT,
    UNIQUE (audit_id, action_key))""",
    """CREATE TABLE photos (
    sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, media_type TEXT NOT NULL,
    stored_at TEXT NOT NULL)""",
    """CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, table_name TEXT NOT NULL, row_id TEXT NOT NULL,
    rev TEXT NOT NULL, UNIQUE (table_name, row_id))""",
    """CREATE TABLE sync_state (
    id INTEGER PRIMARY KEY CHECK (id = 1), device_id TEXT NOT NULL, org_id TEXT NOT NULL,
    user_id TEXT NOT NULL, server_url TEXT, last_seq INTEGER NOT NULL DEFAULT 0, token TEXT,
    created_at TEXT NOT NULL)""",
    """CREATE TABLE conflicts (
    id INTEGER PRIMARY KEY AUTOINCREMENT, table_name TEXT NOT NULL, row_id TEXT NOT NULL,
    kept_rev TEXT NOT NULL, lost_rev TEXT NOT NULL, lost_data TEXT NOT NULL,
    detected_at TEXT NOT NULL, resolved_at TEXT)""",
)

V1_INDEXES = (
    *(f"CREATE INDEX {table}_rev ON {table} (rev)" for table in SYNCED_TABLES),
    "CREATE INDEX establishments_siret ON establishments (siret)",
    "CREATE INDEX establishments_commune ON establishments (commune, name)",
    "CREATE INDEX campaign_establishments_establishment"
    " ON campaign_establishments (establishment_id)",
    "CREATE INDEX audits_establishment ON audits (establishment_id)",
    "CREATE INDEX audits_status ON audits (status, planned_on)",
    "CREATE INDEX audits_planned_on ON audits (planned_on)",
    "CREATE INDEX audits_campaign ON audits (campaign_id)",
    "CREATE INDEX conflicts_row ON conflicts (table_name, row_id)",
)

FTS_COLUMNS = "name, activity, commune, siret, address"
OLD_VALUES = ", ".join(f"old.{c.strip()}" for c in FTS_COLUMNS.split(","))
NEW_VALUES = ", ".join(f"new.{c.strip()}" for c in FTS_COLUMNS.split(","))
V2_SEARCH = (
    f"""CREATE VIRTUAL TABLE establishments_fts USING fts5({FTS_COLUMNS},
    content='establishments', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3')""",
    f"""CREATE TRIGGER establishments_fts_insert AFTER INSERT ON establishments BEGIN
    INSERT INTO establishments_fts (rowid, {FTS_COLUMNS}) VALUES (new.rowid, {NEW_VALUES});
    END""",  # noqa: S608 (fixed names)
    f"""CREATE TRIGGER establishments_fts_delete AFTER DELETE ON establishments BEGIN
    INSERT INTO establishments_fts (establishments_fts, rowid, {FTS_COLUMNS})
    VALUES ('delete', old.rowid, {OLD_VALUES});
    END""",  # noqa: S608 (fixed names)
    f"""CREATE TRIGGER establishments_fts_update AFTER UPDATE ON establishments BEGIN
    INSERT INTO establishments_fts (establishments_fts, rowid, {FTS_COLUMNS})
    VALUES ('delete', old.rowid, {OLD_VALUES});
    INSERT INTO establishments_fts (rowid, {FTS_COLUMNS}) VALUES (new.rowid, {NEW_VALUES});
    END""",  # noqa: S608 (fixed names)
    "INSERT INTO establishments_fts (establishments_fts) VALUES ('rebuild')",
)


def _run(db: Database, statements: Sequence[str]) -> None:
    for statement in statements:
        db.execute(statement)


@MIGRATIONS()
def m001_entities_and_sync(db: Database) -> None:
    """Entities, device-side sync tables, and this device's id."""
    _run(db, V1_TABLES + V1_INDEXES)
    db.execute(
        "INSERT INTO sync_state (id, device_id, org_id, user_id, created_at)"
        " VALUES (1, ?, 'local', 'conseiller', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        [new_id()],
    )


@MIGRATIONS()
def m002_establishment_search(db: Database) -> None:
    """Full-text search of establishments by name, activity, commune, SIRET and address."""
    _run(db, V2_SEARCH)


# Later migrations live in their own modules, each registering one when imported: in this
# order (m003 to m006), which an import statement's sorting would not keep.
LATER_MIGRATIONS = (
    "migrations_consent",
    "migrations_signatures",
    "migrations_erasures",
    "migrations_photo_deletions",
)
for _module in LATER_MIGRATIONS:
    importlib.import_module(f"audits.store.{_module}")


def known_names() -> list[str]:
    return [migration.name for migration in MIGRATIONS._migrations]


def schema_version(db: Database) -> int:
    """How many migrations this database has had: 0 for a new file."""
    return len(MIGRATIONS.applied(db))


LATEST_VERSION = len(known_names())


def migrate(db: Database) -> None:
    """Bring the schema up to date; refuse a database written by a newer app."""
    unknown = [m.name for m in MIGRATIONS.applied(db) if m.name not in known_names()]
    if unknown:
        raise StoreError(Message.STORE_TOO_NEW.format(migration=unknown[-1]))
    MIGRATIONS.apply(db)
