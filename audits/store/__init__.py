"""The device store: everything an advisor enters, on disk the moment it is entered.

SQLite through sqlite-utils, one module per job: ``db`` opens (pragmas, migrations, clock),
``rows`` stamps every change with a rev and its outbox entry, and one module per entity
(establishments, audits, answers, photos, actions, campaigns, questionnaires) plus search
and personal data. Functions take the open ``Store`` first; the UI never writes SQL.
"""

from audits.store.db import Store, open_existing_store, open_store

__all__ = ["Store", "open_existing_store", "open_store"]
