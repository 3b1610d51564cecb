"""Child process of the crash test: writes answers until it is killed.

Usage: ``python -m tests.audits.store.crash_writer DB ESTABLISHMENT_ID``. After each write
has returned it writes ``answer_id audit_id question_id value`` as one line and flushes, so
the parent knows exactly which writes the store acknowledged before the SIGKILL.
"""

from __future__ import annotations

import sys
from itertools import count

from audits.answers import answered
from audits.store import open_store
from audits.store.answers import save_answer
from audits.store.audits import create_audit


def main(db_path: str, establishment_id: str) -> None:
    store = open_store(db_path)
    for n in count():
        audit = create_audit(store, establishment_id, "boutique@1")
        for question_id, value in (
            ("activite", "boulangerie" if n % 2 else "coiffure"),
            ("surface", 10 + n),
            ("effectif", n % 250),
            ("observations", f"visite {n} : " + "vitrine à nettoyer. " * 20),
        ):
            answer_id = save_answer(store, audit.id, question_id, answered(value))
            sys.stdout.write(f"{answer_id}\t{audit.id}\t{question_id}\t{value}\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
