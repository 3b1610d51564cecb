"""Push of device rows, exactly as ARCHITECTURE.md's Sync section specifies (pull: ``pull``).

Push, in one transaction: answer a replayed batch from its stored result (or refuse the same
id with other content), lock the rows the batch touches, then decide each change against the
server's current version:

* unknown row, or ``base_rev`` equal to the server's rev: applied (fast-forward);
* same rev as the server's: already applied by an earlier attempt, nothing to do;
* otherwise concurrent: the higher rev wins, the other version is stored as a conflict
  and returned (never dropped);
* a tombstone, written or met, takes its row's data out of the row's conflict records and of
  the stored answers that reported them (``erasure``): an erased contact leaves no copy;
* an erasure of personal data (GDPR) is final: its tombstone (``Change.erased``) is applied
  whatever the revs, and every later change to an erased row, or to a row under an erased
  audit or establishment, is refused as an ``ERASED`` conflict that keeps no data (an
  erasure's tombstone of a row already erased is already applied); the erasure also reaches
  the rows under it that its device never held (``cascade``), tombstoned in the same push;
* a change to an audit signed on the server, or to its answers and actions, is refused as an
  ``AUDIT_SIGNED`` conflict -- except the signing device's own edits made before it signed,
  which may arrive after the signature when a sync was cut between batches, and the
  tombstone of the audit itself: only an erasure of personal data (GDPR) deletes an audit,
  and the law wins over the freeze. The device tombstones the audit before its answers and
  actions, which are then no longer under a signed audit.

Only then is the sequence lock taken, to stamp seqs, write and commit: pushes overlap for
everything else. The row locks keep the decisions true until commit. A row that did not exist
when the batch looked had nothing to lock: if a concurrent push created it meanwhile (two
devices creating the same answer, named after its question), inserting it fails on the primary
key, and the push is run again from the start, now seeing that row. Statements go through
``session.connection()`` (SQLAlchemy Core): the ORM's handling of each one would cost more
than the statement itself on a push of 50 changes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session

from sync.protocol import (
    AUDIT_CHILD_TABLES,
    AUDITS_TABLE,
    ESTABLISHMENTS_TABLE,
    PROTOCOL_VERSION,
    SIGNED_STATUS,
    Change,
    Conflict,
    ConflictReason,
    ErrorCode,
    PushRequest,
    PushResult,
)
from sync.server import cascade, erasure, rowstore
from sync.server.crud import now
from sync.server.db import current_sequence, org_last_seq, statistics_due, take_sequence
from sync.server.errors import ApiError
from sync.server.models import Batch, ConflictRecord, User
from sync.server.rowstore import Key, Row

# The row a row belongs to, by the ``data`` field naming it: an erasure there covers it too.
PARENTS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(AUDIT_CHILD_TABLES, (AUDITS_TABLE, "audit_id")),
    AUDITS_TABLE: (ESTABLISHMENTS_TABLE, "establishment_id"),
    "campaign_establishments": (ESTABLISHMENTS_TABLE, "establishment_id"),
}
STATISTICS_DUE = "statistics_due"  # session.info flag: ANALYZE once the push has answered
RACE_ATTEMPTS = 3  # a push that lost a race on a new row runs again (once is enough in practice)
DEADLOCK = "40P01"  # PostgreSQL's SQLSTATE for a transaction it aborted to break a deadlock


def push_and_commit(
    session: Session, *, user: User, request: PushRequest
) -> tuple[PushResult, bool]:
    """Push and commit; also say whether the table's statistics are due (``db.analyze``).

    A push that meets a row or a batch stored meanwhile by a concurrent push (the insert fails
    on the primary key) is rolled back and run again: the second run sees what the other
    stored. For the same batch tried twice at once (a client resending while the first try is
    still at work), that answer is the first try's result. So is a push PostgreSQL chose to
    abort in a deadlock: an erasure locks the rows it reaches after the batch's own
    (``cascade``), so a push editing one of them at that moment may wait in a cycle with it.
    """
    for attempt in range(RACE_ATTEMPTS):
        try:
            result = push(session, user=user, request=request)
            session.commit()
        except (IntegrityError, OperationalError) as error:
            session.rollback()
            if attempt == RACE_ATTEMPTS - 1 or not _lost_race(error):
                raise
            continue
        return result, bool(session.info.pop(STATISTICS_DUE, False))
    raise AssertionError("unreachable")  # pragma: no cover


def _lost_race(error: DBAPIError) -> bool:
    """A key stored meanwhile, or a deadlock (SQLSTATE 40P01): worth running again."""
    return isinstance(error, IntegrityError) or getattr(error.orig, "sqlstate", None) == DEADLOCK


def push(session: Session, *, user: User, request: PushRequest) -> PushResult:
    if request.protocol != PROTOCOL_VERSION:
        raise ApiError(ErrorCode.PROTOCOL_MISMATCH, expected=PROTOCOL_VERSION)
    digest = _digest(user, request)
    replayed = _replayed(session, user=user, request=request, digest=digest)
    if replayed is not None:
        return replayed
    merge = Merge(user=user, device_id=request.device_id, current=_locked(session, user, request))
    merge.run(request.changes)
    merge.reach(cascade.under_erasures(session, merge.written, user.org_id))
    tombstones = erasure.tombstoned(merge.written, merge.current, merge.conflicts)
    merge.conflicts = [erasure.without_data(c, tombstones) for c in merge.conflicts]
    previous_seq, server_seq = _commit_rows(session, merge)
    result = PushResult(
        batch_id=request.batch_id,
        applied=merge.applied,
        conflicts=merge.conflicts,
        server_seq=server_seq,
        previous_seq=previous_seq,
    )
    _remember(session, user=user, request=request, digest=digest, result=result)
    _record_conflicts(session, merge, request.batch_id)
    erasure.forget(session, tombstones)
    return result


def for_older_clients(result: PushResult) -> PushResult:
    """The answer as a client older than erasures reads it: ``ERASED`` is not a reason its
    protocol knows, ``CONCURRENT_EDIT`` with the tombstone kept makes it adopt the tombstone."""
    if all(conflict.reason != "ERASED" for conflict in result.conflicts):
        return result
    conflicts = [
        c.model_copy(update={"reason": "CONCURRENT_EDIT"}) if c.reason == "ERASED" else c
        for c in result.conflicts
    ]
    return result.model_copy(update={"conflicts": conflicts})


def _keys(request: PushRequest) -> set[Key]:
    return {(change.table, change.id) for change in request.changes}


def _locked(session: Session, user: User, request: PushRequest) -> dict[Key, Row]:
    """The batch's rows and the audits and establishments they belong to, locked in one
    statement (one lock order)."""
    keys = _keys(request)
    parents = _parent_keys(request.changes, {})
    current = _in_scope(rowstore.load(session, keys | parents, lock=True), keys, user)
    # A change naming no parent (the stored row does): read, not locked, as locking it now,
    # out of key order, could deadlock with another push. Devices always send the field.
    more = _parent_keys(request.changes, current) - parents
    current.update(_in_scope(rowstore.load(session, more), set(), user))
    return current


def _in_scope(rows: dict[Key, Row], keys: set[Key], user: User) -> dict[Key, Row]:
    """The batch's own rows (the whole push refused if one is another organisation's), and
    the other rows read (audits) only if they are of the user's organisation."""
    _check_scope({key: row for key, row in rows.items() if key in keys}, user)
    return {key: row for key, row in rows.items() if key in keys or row["org_id"] == user.org_id}


def _commit_rows(session: Session, merge: Merge) -> tuple[int | None, int]:
    """Under the sequence lock (kept until commit): stamp seqs and write the decided rows.

    Returns the organisation's last seq before the batch's rows (None if none were written)
    and the batch's last seq.
    """
    if not merge.written:
        return None, current_sequence(session)
    base = take_sequence(session, len(merge.written))
    rows = merge.stamped(base)
    rowstore.write(session, rows)
    last = int(rows[-1]["seq"])
    session.info[STATISTICS_DUE] = statistics_due(session, base, last)
    return org_last_seq(session, merge.user.org_id, base), last


def _digest(user: User, request: PushRequest) -> str:
    canonical = json.dumps([user.id, request.model_dump(mode="json")], sort_keys=True)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replayed(
    session: Session, *, user: User, request: PushRequest, digest: str
) -> PushResult | None:
    query = select(Batch.digest, Batch.response).where(Batch.batch_id == request.batch_id)
    batch = session.connection().execute(query).one_or_none()
    if batch is None:
        return None
    if batch.digest != digest:
        raise ApiError(ErrorCode.BATCH_MISMATCH, batch_id=request.batch_id)
    return PushResult.model_validate(batch.response)


def _remember(
    session: Session, *, user: User, request: PushRequest, digest: str, result: PushResult
) -> None:
    row = {
        "batch_id": request.batch_id,
        "user_id": user.id,
        "device_id": request.device_id,
        "digest": digest,
        "response": result.model_dump(mode="json"),
        "created_at": now(),
    }
    session.connection().execute(insert(Batch), row)


def _check_scope(current: dict[Key, dict[str, Any]], user: User) -> None:
    for (table, row_id), row in current.items():
        if row["org_id"] != user.org_id:
            raise ApiError(ErrorCode.OUT_OF_SCOPE, table=table, id=row_id)


def _parent_keys(changes: list[Change], current: dict[Key, dict[str, Any]]) -> set[Key]:
    keys = set()
    for change in changes:
        parent = _parent_of(change.table, change.data, current.get((change.table, change.id)))
        if parent is not None:
            keys.add(parent)
    return keys - set(current)


def _parent_of(table: str, data: dict[str, Any], row: dict[str, Any] | None) -> Key | None:
    """The audit of an answer or plan line, the establishment of an audit or membership."""
    if table not in PARENTS:
        return None
    parent_table, name = PARENTS[table]
    parent_id = data.get(name) or (row["data"].get(name) if row else None)
    return (parent_table, parent_id) if isinstance(parent_id, str) else None


def _audit_of(data: dict[str, Any], row: dict[str, Any] | None) -> str | None:
    audit_id = data.get("audit_id") or (row["data"].get("audit_id") if row else None)
    return audit_id if isinstance(audit_id, str) else None


@dataclass
class Merge:
    """The decisions of one batch, applied in order to an in-memory view of the rows."""

    user: User
    device_id: str
    current: dict[Key, Row]
    applied: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    written: dict[Key, Row] = field(default_factory=dict)
    refused: set[Key] = field(default_factory=set)  # refused as erased: so are rows under them

    def run(self, changes: list[Change]) -> None:
        for change in changes:
            self.apply(change)

    def stamped(self, base: int) -> list[Row]:
        """The rows to write, with the seqs after ``base`` in the batch's order."""
        rows = list(self.written.values())
        for seq, row in enumerate(rows, base + 1):
            row["seq"] = seq
        return rows

    def apply(self, change: Change) -> None:
        row = self.current.get((change.table, change.id))
        if row is not None and (row["rev"] == change.rev or _erased_again(change, row)):
            self.applied += 1
        elif self._erased(change, row):
            self._refuse_erased(change, row)
        elif change.erased and change.deleted:  # the law wins over revs and signatures
            self._overwrite(change, row)
        elif self._frozen(change, row):
            self._lose(change, row, "AUDIT_SIGNED")
        elif row is None or change.base_rev == row["rev"] or change.rev > row["rev"]:
            self._overwrite(change, row)
        else:
            self._lose(change, row, "CONCURRENT_EDIT")

    def reach(self, rows: dict[Key, Row]) -> None:
        """Tombstone, as erased, the rows the batch's erasures reach (``cascade``): written
        with the batch's rows, not counted as applied (no change of the batch named them)."""
        if not rows:
            return
        rev = cascade.erasure_rev(self.written)
        for key, row in rows.items():
            erased = cascade.tombstone(row, rev, user_id=self.user.id, device_id=self.device_id)
            self.current[key] = self.written[key] = erased

    def _overwrite(self, change: Change, row: dict[str, Any] | None) -> None:
        """Apply the change; a version it replaces without building on it is a conflict."""
        if row is not None and change.base_rev != row["rev"]:
            self.conflicts.append(_conflict(change, row, change_won=True))
        self._win(change, row)

    def _erased(self, change: Change, row: dict[str, Any] | None) -> bool:
        """Whether the change meets an erasure: its row's (any change, even a tombstone: the
        erasure stays the row's last word), or, unless it deletes, its parent's."""
        if row is not None and row["erased"]:
            return True
        parent = None if change.deleted else _parent_of(change.table, change.data, row)
        if parent is None:
            return False
        stored = self.current.get(parent)
        return parent in self.refused or (stored is not None and bool(stored["erased"]))

    def _refuse_erased(self, change: Change, row: dict[str, Any] | None) -> None:
        """Refused, and reported without the refused version's data: it is erased data."""
        self.refused.add((change.table, change.id))
        conflict = _conflict(change, row, change_won=False, reason="ERASED")
        self.conflicts.append(conflict.model_copy(update={"lost_data": {}}))

    def _frozen(self, change: Change, row: dict[str, Any] | None) -> bool:
        if change.table == AUDITS_TABLE:
            return row is not None and _signed(row) and not change.deleted
        if change.table not in AUDIT_CHILD_TABLES:
            return False
        audit = self.current.get((AUDITS_TABLE, _audit_of(change.data, row) or ""))
        if audit is None or not _signed(audit):
            return False
        own_earlier_edit = audit["device_id"] == self.device_id and change.rev < audit["rev"]
        return not own_earlier_edit

    def _win(self, change: Change, row: dict[str, Any] | None) -> None:
        self.applied += 1
        key = (change.table, change.id)
        new = {
            "table_name": change.table,
            "row_id": change.id,
            "org_id": self.user.org_id,
            "rev": change.rev,
            "base_rev": change.base_rev,
            "deleted": change.deleted,
            "erased": change.erased and change.deleted,
            "data": change.data,
            "updated_by": self.user.id,
            "device_id": self.device_id,
            "seq": None,  # stamped under the sequence lock
            "stored": row is not None and row["stored"],
        }
        self.current[key] = self.written[key] = new

    def _lose(self, change: Change, row: dict[str, Any] | None, reason: ConflictReason) -> None:
        self.conflicts.append(_conflict(change, row, change_won=False, reason=reason))


def _erased_again(change: Change, row: dict[str, Any]) -> bool:
    """An erasure's tombstone of a row already erased: already applied, nothing to write.

    The erasing device's tombstone of a row an earlier batch of its erasure reached first
    (``cascade``: its answers come a batch after their audit), or a second erasure.
    """
    return bool(change.erased and change.deleted and row["erased"])


def _signed(row: dict[str, Any]) -> bool:
    return bool(row["data"].get("status") == SIGNED_STATUS and not row["deleted"])


def _conflict(
    change: Change,
    row: dict[str, Any] | None,
    *,
    change_won: bool,
    reason: ConflictReason = "CONCURRENT_EDIT",
) -> Conflict:
    server = {
        "rev": row["rev"] if row else None,
        "deleted": bool(row["deleted"]) if row else False,
        "data": row["data"] if row else {},
    }
    pushed = {"rev": change.rev, "deleted": change.deleted, "data": change.data}
    kept, lost = (pushed, server) if change_won else (server, pushed)
    return Conflict(
        table=change.table,
        id=change.id,
        reason=reason,
        kept_rev=kept["rev"],
        kept_deleted=kept["deleted"],
        kept_data=kept["data"],
        lost_rev=lost["rev"],
        lost_deleted=lost["deleted"],
        lost_data=lost["data"],
    )


def _record_conflicts(session: Session, merge: Merge, batch_id: str) -> None:
    if merge.conflicts:
        records = [_record(c, merge, batch_id) for c in merge.conflicts]
        session.connection().execute(insert(ConflictRecord), records)


def _record(conflict: Conflict, merge: Merge, batch_id: str) -> dict[str, Any]:
    """A refusal of erased data is recorded as a trail without data, as erasure does."""
    erased, when = conflict.reason == "ERASED", now()
    return {
        "table_name": conflict.table,
        "row_id": conflict.id,
        "org_id": merge.user.org_id,
        "reason": conflict.reason,
        "kept_rev": conflict.kept_rev or "",
        "lost_rev": conflict.lost_rev,
        "lost_deleted": conflict.lost_deleted,
        "lost_data": None if erased else conflict.lost_data,
        "batch_id": batch_id,
        "created_at": when,
        "erased_at": when if erased else None,
    }
