"""Where a piece of text still lies: every column of every table of a server database or of a
device's SQLite file (its search index's shadow tables included), and the file's raw bytes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import inspect, text

from sync.server.db import make_engine


def server_columns_holding(database_url: str, needle: str) -> list[str]:
    """``table.column`` of the server database whose value, read as text, contains ``needle``."""
    engine = make_engine(database_url)
    found = []
    try:
        with engine.connect() as connection:
            inspector = inspect(connection)
            for table in inspector.get_table_names():
                for column in inspector.get_columns(table):
                    name = column["name"]
                    sql = f'SELECT count(*) FROM "{table}" WHERE CAST("{name}" AS TEXT) LIKE :p'
                    if connection.execute(text(sql), {"p": f"%{needle}%"}).scalar_one():
                        found.append(f"{table}.{name}")
    finally:
        engine.dispose()
    return found


def device_columns_holding(path: Path, needle: str) -> list[str]:
    """``table.column`` of a device database whose value, read as text, contains ``needle``."""
    found = []
    with sqlite3.connect(path) as connection:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        for table in tables:
            for column in connection.execute(f'PRAGMA table_info("{table}")').fetchall():
                sql = f'SELECT count(*) FROM "{table}" WHERE CAST("{column[1]}" AS TEXT) LIKE ?'
                if connection.execute(sql, [f"%{needle}%"]).fetchone()[0]:
                    found.append(f"{table}.{column[1]}")
    connection.close()
    return found


def in_device_file(path: Path, needle: str) -> bool:
    """Whether the bytes of the database file or its WAL hold ``needle`` (free pages too)."""
    content = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    content += wal.read_bytes() if wal.exists() else b""
    return needle.encode() in content
