"""Accounts, sessions, CSRF tokens, login rate limiting and lock-out.

Sessions live in the server's memory (one process serves the app): a restart
logs everyone out, and nothing secret touches the disk. The cookie carries a
random token; the server keeps only its SHA-256. Each session has its own CSRF
token (synchronizer pattern), an idle timeout and an absolute timeout.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import timedelta

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from starlette.concurrency import run_in_threadpool

from recount.review import store
from recount.review.store import ReviewError

SESSION_COOKIE = "recount_session"
LOGIN_COOKIE = "recount_login"
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128
USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")

# OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane): about 0.15 s on a 2-core machine.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
# Verified against when the account does not exist, so timing does not tell.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    check_password_policy(password)
    return _hasher.hash(password)


def check_password_policy(password: str) -> None:
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise ReviewError(
            f"password must be {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters long"
        )


def check_username(username: str) -> str:
    if not 2 <= len(username) <= 64 or not set(username) <= USERNAME_CHARS:
        raise ReviewError("user name: 2 to 64 characters among a-z 0-9 . _ -")
    return username


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return False


def create_user(con: duckdb.DuckDBPyConnection, username: str, role: str, password: str) -> None:
    store.insert_user(con, check_username(username), role, hash_password(password))


@dataclass
class AccountState:
    password_hash: str | None
    usable: bool  # exists, active and not locked


def read_account(con: duckdb.DuckDBPyConnection, username: str) -> AccountState:
    row = con.execute(
        "select password_hash, active, locked_until from review_users where username = ?",
        [username],
    ).fetchone()
    if row is None:
        return AccountState(None, False)
    password_hash, active, locked_until = row
    locked = locked_until is not None and locked_until > store.now()
    return AccountState(password_hash, bool(active) and not locked)


def record_login(
    con: duckdb.DuckDBPyConnection,
    username: str,
    succeeded: bool,
    lockout_after: int,
    lockout_minutes: float,
    new_hash: str | None = None,
) -> store.User | None:
    """Writes the outcome of a checked password: resets or counts the account's failures.

    After `lockout_after` consecutive failures the account is locked for
    `lockout_minutes`; while locked even the right password is refused.
    """
    row = con.execute(
        "select failed_logins, locked_until from review_users where username = ?", [username]
    ).fetchone()
    if row is None:
        return None
    failures, locked_until = row
    if locked_until is not None and locked_until > store.now():
        return None
    if succeeded:
        con.execute(
            "update review_users set failed_logins = 0, locked_until = null"
            + (", password_hash = ?" if new_hash else "")
            + " where username = ?",
            [new_hash, username] if new_hash else [username],
        )
        return store.get_user(con, username)
    failures = (failures or 0) + 1
    until = None
    if failures >= lockout_after:
        until = store.now() + timedelta(minutes=lockout_minutes)
        failures = 0
    con.execute(
        "update review_users set failed_logins = ?, locked_until = ? where username = ?",
        [failures, until, username],
    )
    return None


class LoginGuard:
    """Checks a login so that no burst gets more password checks than the limits allow.

    Per client address, an attempt in flight counts as a failure until it is
    known to be otherwise (`LoginRateLimiter.start`), so twenty simultaneous
    wrong passwords get as many checks as twenty sequential ones. Per account,
    attempts run one at a time: the lock-out count read before a check is the
    one the check's outcome updates. The password hash is computed outside the
    database lock, at most `hashing_slots` at a time, so a flood of logins does
    not hold up the pages everyone else is using.
    """

    def __init__(self, db, limiter: LoginRateLimiter, settings, hashing_slots: int = 2):
        self.db = db
        self.limiter = limiter
        self.lockout_after = settings.lockout_after_failures
        self.lockout_minutes = settings.lockout_minutes
        self._hashing = asyncio.Semaphore(hashing_slots)
        self._accounts: dict[str, tuple[asyncio.Lock, int]] = {}

    async def login(self, address: str, username: str, password: str) -> store.User | None:
        """The user when the password is right and the account usable; raises Throttled."""
        if not self.limiter.start(address):
            raise Throttled()
        user = None
        try:
            async with self._account(username):
                user = await self._check(username, password)
        finally:
            self.limiter.finish(address, failed=user is None)
        return user

    async def _check(self, username: str, password: str) -> store.User | None:
        def read() -> AccountState:
            with self.db.connection() as con:
                return read_account(con, username)

        state = await run_in_threadpool(read)
        async with self._hashing:
            # an unknown or locked account costs the same hash, so timing tells nothing
            right = await run_in_threadpool(verify_password, state.password_hash, password)
            new_hash = None
            if right and state.usable and _hasher.check_needs_rehash(state.password_hash):
                new_hash = await run_in_threadpool(_hasher.hash, password)

        def record() -> store.User | None:
            with self.db.transaction() as con:
                user = None
                if state.password_hash is not None:
                    user = record_login(
                        con,
                        username,
                        right and state.usable,
                        self.lockout_after,
                        self.lockout_minutes,
                        new_hash,
                    )
                store.audit(con, username if user else None, "login" if user else "login_failed")
                return user

        return await run_in_threadpool(record)

    @contextlib.asynccontextmanager
    async def _account(self, username: str):
        lock, users = self._accounts.get(username) or (asyncio.Lock(), 0)
        self._accounts[username] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._accounts[username]
            if users == 1:
                del self._accounts[username]
            else:
                self._accounts[username] = (lock, users - 1)


class Throttled(Exception):
    """Too many login attempts from this address (or in flight)."""


@dataclass
class Session:
    username: str
    csrf_token: str
    created: float
    last_seen: float


@dataclass
class SessionStore:
    """Server-side sessions keyed by the hash of the cookie's token."""

    idle_timeout: float
    absolute_timeout: float
    _sessions: dict[str, Session] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def create(self, username: str) -> str:
        token = secrets.token_urlsafe(32)
        moment = time.monotonic()
        with self._lock:
            self._sessions[_digest(token)] = Session(
                username, secrets.token_urlsafe(32), moment, moment
            )
        return token

    def get(self, token: str | None) -> Session | None:
        """The live session for a cookie token, touching its idle clock; None if expired."""
        if not token:
            return None
        key = _digest(token)
        moment = time.monotonic()
        with self._lock:
            session = self._sessions.get(key)
            if session is None:
                return None
            if (
                moment - session.last_seen > self.idle_timeout
                or moment - session.created > self.absolute_timeout
            ):
                del self._sessions[key]
                return None
            session.last_seen = moment
            return session

    def delete(self, token: str | None) -> None:
        if token:
            with self._lock:
                self._sessions.pop(_digest(token), None)

    def delete_user(self, username: str) -> None:
        """Ends every session of a user (when an admin disables the account)."""
        with self._lock:
            for key in [k for k, s in self._sessions.items() if s.username == username]:
                del self._sessions[key]


class LoginRateLimiter:
    """Per client address: at most `limit` failed logins, and `5 * limit` attempts of
    any kind, in a sliding window. Counting failures lets a team behind one
    address log in together; the cap on all attempts bounds the password-hashing
    work anyone can make the server do. An attempt still being checked counts
    as a failure, so a burst cannot slip past the count."""

    def __init__(self, limit: int, window_seconds: float):
        self.limit = limit
        self.window = window_seconds
        self._failures: dict[str, deque[float]] = {}
        self._attempts: dict[str, deque[float]] = {}
        self._in_flight: dict[str, int] = {}
        self._lock = threading.Lock()

    def _recent(self, book: dict[str, deque[float]], client: str, moment: float) -> deque[float]:
        events = book.setdefault(client, deque())
        while events and moment - events[0] > self.window:
            events.popleft()
        return events

    def start(self, client: str) -> bool:
        """Counts an attempt as in flight; False when the client must wait."""
        moment = time.monotonic()
        with self._lock:
            failures = self._recent(self._failures, client, moment)
            attempts = self._recent(self._attempts, client, moment)
            in_flight = self._in_flight.get(client, 0)
            if len(failures) + in_flight >= self.limit or len(attempts) >= 5 * self.limit:
                return False
            attempts.append(moment)
            self._in_flight[client] = in_flight + 1
            return True

    def finish(self, client: str, failed: bool) -> None:
        with self._lock:
            left = self._in_flight.pop(client, 1) - 1
            if left:
                self._in_flight[client] = left
            if failed:
                self._failures.setdefault(client, deque()).append(time.monotonic())


def tokens_match(expected: str | None, given: str | None) -> bool:
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode(), given.encode())


def new_login_token() -> str:
    return secrets.token_urlsafe(32)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
