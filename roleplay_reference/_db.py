"""SQLite storage: one connection behind a lock, every request one transaction.

One connection (not one per thread) keeps `:memory:` databases shared between worker
threads and the Python control API; the lock serializes access, and `BEGIN IMMEDIATE` makes
each handler's read-check-write atomic (idempotency relies on it). Requests reach it through
`run()`, on a worker thread, so a slow write never stalls the event loop.
"""

from __future__ import annotations

import asyncio
import functools
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

import anyio.to_thread

T = TypeVar("T")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL UNIQUE,
    org_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    scenario_id TEXT NOT NULL,
    status TEXT NOT NULL,
    roleplay_type TEXT NOT NULL,
    request TEXT NOT NULL,
    opening_prompt TEXT,
    prompt_outline TEXT NOT NULL,
    scenario TEXT,
    qscore_context TEXT,
    candidate_brief TEXT,
    assignment_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sessions_org ON sessions (org_id, seq);
CREATE TABLE IF NOT EXISTS reviews (
    session_id TEXT PRIMARY KEY REFERENCES sessions (session_id),
    org_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    roleplay_type TEXT NOT NULL,
    status TEXT NOT NULL,
    overall REAL,
    scores TEXT,
    feedback TEXT,
    recommendations TEXT NOT NULL,
    completed_at TEXT,
    completed_seq INTEGER
);
CREATE INDEX IF NOT EXISTS reviews_board ON reviews (org_id, status, overall);
CREATE TABLE IF NOT EXISTS turns (
    session_id TEXT NOT NULL REFERENCES sessions (session_id),
    idx INTEGER NOT NULL,
    speaker TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (session_id, idx)
);
CREATE TABLE IF NOT EXISTS uploads (
    upload_id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (session_id),
    org_id TEXT NOT NULL,
    status TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER,
    data BLOB,
    declared_size INTEGER,
    sha256 TEXT,
    file TEXT,
    expires_at INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    confirmed_at TEXT,
    analysis_status TEXT
);
CREATE INDEX IF NOT EXISTS uploads_session ON uploads (session_id, status);
CREATE INDEX IF NOT EXISTS uploads_expiry ON uploads (status, expires_at);
CREATE TABLE IF NOT EXISTS assignments (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    assignment_id TEXT NOT NULL UNIQUE,
    org_id TEXT NOT NULL,
    email TEXT,
    email_folded TEXT,
    user_id TEXT,
    status TEXT NOT NULL,
    scenario TEXT NOT NULL,
    session_id TEXT,
    reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    due_at TEXT
);
CREATE INDEX IF NOT EXISTS assignments_org ON assignments (org_id, seq);
CREATE TABLE IF NOT EXISTS idempotency (
    org_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    operation_id TEXT NOT NULL,
    status INTEGER NOT NULL,
    body BLOB NOT NULL,
    location TEXT,
    created_at REAL NOT NULL,
    PRIMARY KEY (org_id, user_id, key)
);
CREATE INDEX IF NOT EXISTS idempotency_age ON idempotency (created_at);
"""

#: Columns added since the first schema: a database file made before gets them on open.
_ADDED_COLUMNS = {
    "uploads": (("declared_size", "INTEGER"), ("sha256", "TEXT"), ("file", "TEXT")),
}


class Store:
    """The service's database. Use `transaction()` for every read or write."""

    def __init__(self, db_path: str | None = None) -> None:
        self.path = db_path or ":memory:"
        self._lock = threading.RLock()
        self._depth = 0
        self._worker: ThreadPoolExecutor | None = None
        self._conn = sqlite3.connect(
            self.path, isolation_level=None, check_same_thread=False, timeout=30.0
        )
        self._conn.row_factory = sqlite3.Row
        with self._lock:
            self._conn.execute("PRAGMA busy_timeout = 30000")
            self._conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self._conn.execute("PRAGMA journal_mode = WAL")
                self._conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
            self._conn.executescript(_SCHEMA)

    def _migrate(self) -> None:
        for table, columns in _ADDED_COLUMNS.items():
            have = {row[1] for row in self._conn.execute(f"PRAGMA table_info({table})")}
            if not have:
                continue  # a new database: the schema creates the table whole
            for name, kind in columns:
                if name not in have:
                    self._conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Hold the lock and one write transaction; nested use joins the outer one."""
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield self._conn
                finally:
                    self._depth -= 1
                return
            self._conn.execute("BEGIN IMMEDIATE")
            self._depth = 1
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                self._conn.execute("COMMIT")
            finally:
                self._depth = 0

    def call(self, work: Callable[..., T], *args: Any) -> T:
        """`work(db, *args)` in one transaction, on the calling thread."""
        with self.transaction() as db:
            return work(db, *args)

    async def run(self, work: Callable[..., T], *args: Any) -> T:
        """`work(db, *args)` in one transaction on the store's worker thread, off the event
        loop (all database work is serialized anyway; one thread makes the hop cheapest)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # another async library than asyncio
            return await anyio.to_thread.run_sync(self.call, work, *args)
        if self._worker is None:
            with self._lock:
                if self._worker is None:
                    self._worker = ThreadPoolExecutor(1, thread_name_prefix="roleplay-db")
        return await loop.run_in_executor(self._worker, functools.partial(self.call, work, *args))

    def signing_key(self) -> bytes:
        """The per-database HMAC key: signed URLs stay valid across a restart on the same file."""
        with self.transaction() as db:
            row = db.execute("SELECT value FROM meta WHERE key = 'signing_key'").fetchone()
            if row is not None:
                return bytes.fromhex(str(row["value"]))
            value = secrets.token_bytes(32)
            db.execute("INSERT INTO meta (key, value) VALUES ('signing_key', ?)", (value.hex(),))
            return value

    def reset(self) -> None:
        """Delete every record (the signing key stays)."""
        with self.transaction() as db:
            for table in ("idempotency", "uploads", "turns", "reviews", "assignments", "sessions"):
                db.execute(f"DELETE FROM {table}")

    def close(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.shutdown(wait=True)
        with self._lock:
            self._conn.close()
