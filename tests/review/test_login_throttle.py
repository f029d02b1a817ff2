"""The login throttle under parallel bursts, on a real uvicorn server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
import uvicorn
from review_helpers import PASSWORD, TEST_SETTINGS

from recount.review import auth, create_app
from recount.review.security import server_options

BURST = 20


@contextlib.contextmanager
def serving(ws, **overrides):
    """The app on a free loopback port, with the options `recount review serve` uses."""
    settings = ws.config.review.with_overrides(**{**TEST_SETTINGS, **overrides})
    app = create_app(ws, settings)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    options = {**server_options(settings), "log_config": None, "access_log": False}
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, **options))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        thread.join(20)


def burst(base: str, attempts: list[tuple[str, str, dict]]) -> list[int]:
    """Each (username, password, headers) from its own browser, all posted at the same moment."""
    clients = [httpx.Client(base_url=base, timeout=60) for _ in attempts]
    forms = []
    for client, (username, password, headers) in zip(clients, attempts, strict=True):
        page = client.get("/login", headers=headers)
        token = re.search(r'name="login_token" value="([^"]+)"', page.text).group(1)
        forms.append({"username": username, "password": password, "login_token": token})
    start = threading.Barrier(len(attempts))

    def post(index: int) -> int:
        start.wait()
        return (
            clients[index].post("/login", data=forms[index], headers=attempts[index][2]).status_code
        )

    with ThreadPoolExecutor(len(attempts)) as pool:
        codes = list(pool.map(post, range(len(attempts))))
    for client in clients:
        client.close()
    return codes


@pytest.fixture
def checks(monkeypatch):
    """Counts the password checks the server makes."""
    counted = []
    real = auth.verify_password

    def counting(password_hash, password):
        counted.append(password_hash)
        return real(password_hash, password)

    monkeypatch.setattr(auth, "verify_password", counting)
    return counted


def test_a_burst_from_one_address_gets_no_more_checks_than_the_limit(workspace, checks):
    with serving(workspace, login_attempts_per_window=10) as (base, _):
        codes = burst(base, [("rita", "wrong password!", {})] * BURST)
    assert codes.count(401) == 10 and codes.count(429) == BURST - 10, codes
    assert len(checks) == 10


def test_a_forwarded_header_does_not_choose_the_address(workspace, checks):
    attempts = [
        ("rita", "wrong password!", {"x-forwarded-for": f"203.0.113.{i}"}) for i in range(BURST)
    ]
    with serving(workspace, login_attempts_per_window=10) as (base, _):
        codes = burst(base, attempts)
    assert codes.count(401) == 10 and len(checks) == 10, codes


def test_a_trusted_proxy_forwards_the_address(workspace, checks):
    attempts = [
        ("nobody", "wrong password!", {"x-forwarded-for": f"203.0.113.{i}"}) for i in range(BURST)
    ]
    with serving(workspace, login_attempts_per_window=10, trusted_proxies=["127.0.0.1"]) as (
        base,
        _,
    ):
        codes = burst(base, attempts)
    assert codes == [401] * BURST


def test_a_burst_on_one_account_from_many_addresses_cannot_outrun_the_lockout(workspace, checks):
    attempts = [
        ("rami", "wrong password!", {"x-forwarded-for": f"203.0.113.{i}"}) for i in range(BURST)
    ]
    attempts[-1] = ("rami", PASSWORD, attempts[-1][2])
    with serving(workspace, lockout_after_failures=5, trusted_proxies=["127.0.0.1"]) as (base, app):
        codes = burst(base, attempts)
        with app.state.db.connection() as con:
            audit = con.execute(
                "select count(*) from review_audit where event = 'login'"
            ).fetchone()[0]
            locked = con.execute(
                "select locked_until is not null from review_users where username = 'rami'"
            ).fetchone()[0]
    # every attempt was checked (no address was over its limit) but the account locked
    # after the fifth failure, and no check after that could have let anyone in
    assert len(checks) == BURST and locked
    assert codes.count(303) == audit <= 1
    if audit:
        assert codes[-1] == 303


def test_the_password_is_checked_outside_the_database_lock(workspace, monkeypatch):
    held = []
    real = auth.verify_password

    with serving(workspace) as (base, app):
        database_lock = app.state.db.lock

        def probing(password_hash, password):
            def probe():
                free = database_lock.acquire(timeout=2)
                held.append(not free)
                if free:
                    database_lock.release()

            prober = threading.Thread(target=probe)
            prober.start()
            prober.join()
            return real(password_hash, password)

        monkeypatch.setattr(auth, "verify_password", probing)
        codes = burst(base, [("rita", "wrong password!", {})] * 3)
    assert codes == [401] * 3
    assert held == [False] * 3
