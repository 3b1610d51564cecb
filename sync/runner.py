"""One sync of a device with its server: photos, push, pull, signatures, questionnaires.

Photos go first so an audit is complete on the server as soon as its rows arrive; push
before pull so the pull brings back the server's answer to this device's own conflicts.
Each step is resumable on its own (outbox entries leave only once settled, the pulled seq
is saved with the rows), so a sync cut anywhere is simply run again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from pydantic import ValidationError

from audits.errors import DiagError
from audits.questionnaire import Questionnaire
from audits.store import Store
from audits.store.errors import StoreError
from audits.store.photos import read_photo
from audits.store.questionnaires import import_questionnaire
from audits.store.signatures import add_signature_file, missing_signature_files
from sync import device
from sync.client import SyncClient
from sync.errors import AuthError, SyncError
from sync.protocol import MAX_BATCH, MAX_HASHES, MAX_PAGE, ErrorCode, PushRequest


@dataclass(frozen=True)
class Progress:
    """Where a sync is: ``stage`` is photos | push | pull | questionnaires."""

    stage: str
    done: int
    total: int | None


ProgressCallback = Callable[[Progress], None]


@dataclass
class SyncReport:
    photos_sent: int = 0
    pushed: int = 0
    conflicts: int = 0
    pulled: int = 0
    questionnaires: int = 0
    signatures_fetched: int = 0
    damaged_photos: int = 0
    invalid_questionnaires: int = 0


def client_for(store: Store) -> SyncClient:
    """A client on the server this device logged in to, with its token."""
    server_url, token = device.credentials(store)
    if not server_url or not token:
        raise AuthError("appareil non connecté : lancez d'abord « diagterrain login --server URL »")
    return SyncClient(server_url, token)


def synchronise(
    store: Store, client: SyncClient, on_progress: ProgressCallback | None = None
) -> SyncReport:
    report = SyncReport()
    notify = on_progress or (lambda progress: None)
    send_photos(store, client, report, notify)
    push_outbox(store, client, report, notify)
    pull_changes(store, client, report, notify)
    fetch_signatures(store, client, report)
    fetch_questionnaires(store, client, report, notify)
    return report


def send_photos(
    store: Store, client: SyncClient, report: SyncReport, notify: ProgressCallback
) -> None:
    hashes = [row[0] for row in store.db.execute("SELECT sha256 FROM photos ORDER BY sha256")]
    missing: list[str] = []
    for start in range(0, len(hashes), MAX_HASHES):
        missing += client.missing(hashes[start : start + MAX_HASHES])
    notify(Progress("photos", 0, len(missing)))
    for done, sha256 in enumerate(missing, 1):
        try:
            content = read_photo(store, sha256)
        except StoreError:
            report.damaged_photos += 1  # reported by the store's own checks; not sent
            continue
        _upload(client, sha256, content)
        report.photos_sent += 1
        notify(Progress("photos", done, len(missing)))


def _upload(client: SyncClient, sha256: str, content: bytes) -> None:
    """Send a file; one that arrived damaged (cut, altered on the way) is sent once more."""
    try:
        client.upload(sha256, content)
    except SyncError as error:
        if error.code != ErrorCode.HASH_MISMATCH:
            raise
        client.upload(sha256, content)


def push_outbox(
    store: Store, client: SyncClient, report: SyncReport, notify: ProgressCallback
) -> None:
    """Push the outbox, oldest first; again while rows edited during a pass remain."""
    total = device.outbox_size(store)
    notify(Progress("push", 0, total))

    def pushed() -> None:
        notify(Progress("push", min(report.pushed, total), total))

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-network") as network:
        while _push_pass(store, client, network, report, pushed):
            pass


def _push_pass(
    store: Store,
    client: SyncClient,
    network: ThreadPoolExecutor,
    report: SyncReport,
    pushed: Callable[[], None],
) -> bool:
    """One pass over the outbox; whether it pushed anything.

    While the server works on a batch, the next one is read from the database: the device's
    share of the time hides behind the network's.
    """
    outgoing = device.pending_changes(store, MAX_BATCH)
    any_pushed = bool(outgoing.changes)
    while outgoing.changes:
        request = PushRequest(
            batch_id=str(uuid.uuid4()), device_id=store.device_id, changes=outgoing.changes
        )
        sent = network.submit(client.push, request)  # retried inside with the same batch id
        following = device.pending_changes(store, MAX_BATCH, after=outgoing.last_entry)
        result = sent.result()
        device.settle_push(store, outgoing.changes, result)
        report.pushed += len(outgoing.changes)
        report.conflicts += len(result.conflicts)
        pushed()
        if any(conflict.reason == "ERASED" for conflict in result.conflicts):
            # Settling erased rows refused under an erased audit, and their entries: the
            # batch read ahead may hold those, which must not reach the server.
            following = device.pending_changes(store, MAX_BATCH, after=outgoing.last_entry)
        outgoing = following
    return any_pushed


def pull_changes(
    store: Store, client: SyncClient, report: SyncReport, notify: ProgressCallback
) -> None:
    """Pull pages from the last applied seq; the next page travels while one is applied."""
    notify(Progress("pull", 0, None))
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sync-network") as network:
        page = client.changes(device.last_seq(store), MAX_PAGE)
        while True:
            following = network.submit(client.changes, page.next, MAX_PAGE) if page.more else None
            report.pulled += device.apply_page(store, page)
            notify(Progress("pull", report.pulled, None if following else report.pulled))
            if following is None:
                return
            page = following.result()


def fetch_signatures(store: Store, client: SyncClient, report: SyncReport) -> None:
    """Download the signature pictures of pulled signed audits, so this device can print
    them again. Only signatures (small, needed for the signed PDF): answer photos stay on
    the server. One the server lacks yet (its device has not synced) is tried next time."""
    for sha256 in missing_signature_files(store):
        try:
            content = client.download(sha256)
        except SyncError as error:
            if error.status != 404:
                raise
            continue
        if add_signature_file(store, sha256, content):  # else damaged on the way: next time
            report.signatures_fetched += 1


def fetch_questionnaires(
    store: Store, client: SyncClient, report: SyncReport, notify: ProgressCallback
) -> None:
    """Download the versions this device lacks; a version is immutable, so never re-fetched."""
    known = {row[0] for row in store.db.execute("SELECT ref FROM questionnaires")}
    wanted = [
        q for q in client.questionnaires() if f"{q.questionnaire_id}@{q.version}" not in known
    ]
    for done, info in enumerate(wanted, 1):
        version = client.questionnaire(info.questionnaire_id, info.version)
        try:
            questionnaire = Questionnaire.model_validate(version.body)
            import_questionnaire(store, questionnaire, source="server")
        except (ValidationError, DiagError):
            report.invalid_questionnaires += 1  # an older server's bad version: skip, go on
            continue
        report.questionnaires += 1
        notify(Progress("questionnaires", done, len(wanted)))
