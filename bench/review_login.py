"""Login throttling of `recount review serve` under parallel bursts, on loopback.

Starts the real server (`recount review serve`, 127.0.0.1) on a simulated workspace
and measures:

- burst: N simultaneous wrong passwords from one address: how many were checked
  (401) and how many refused before any check (429); the limit is 10.
- forwarded: N wrong passwords, each with its own `X-Forwarded-For`, from 127.0.0.1
  with no trusted proxy configured: checked vs refused (the header must not help).
- queue latency: a logged-in reviewer's GET /queue (median, p95) alone, then while
  F threads flood /login with wrong passwords (the per-address limit raised so the
  flood really makes the server hash: the worst case for everyone else).

Prints one JSON line.

    .venv/bin/python bench/review_login.py [--burst 20] [--flood-threads 8] [--seconds 20]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parent))
from review_load import CACHE, PASSWORD, build_workspace, free_port, start_server  # noqa: E402

from recount.review import auth, store  # noqa: E402


def login_form(client: httpx.Client, headers: dict | None = None) -> str:
    page = client.get("/login", headers=headers)
    return re.search(r'name="login_token" value="([^"]+)"', page.text).group(1)


def burst(base: str, count: int, forwarded: bool) -> dict:
    clients = [httpx.Client(base_url=base, timeout=120) for _ in range(count)]
    headers = [{"x-forwarded-for": f"203.0.113.{i}"} if forwarded else {} for i in range(count)]
    tokens = [login_form(c, h) for c, h in zip(clients, headers, strict=True)]
    gate = threading.Barrier(count)

    def post(i: int) -> int:
        gate.wait()
        form = {"username": "reviewer0", "password": "wrong password!", "login_token": tokens[i]}
        return clients[i].post("/login", data=form, headers=headers[i]).status_code

    with ThreadPoolExecutor(count) as pool:
        codes = list(pool.map(post, range(count)))
    for client in clients:
        client.close()
    return {"attempts": count, "checked": codes.count(401), "refused": codes.count(429)}


def queue_latency(base: str, seconds: float) -> list[float]:
    with httpx.Client(base_url=base, timeout=60) as client:
        token = login_form(client)
        form = {"username": "reviewer1", "password": PASSWORD, "login_token": token}
        assert client.post("/login", data=form).status_code == 303
        times = []
        stop = time.monotonic() + seconds
        while time.monotonic() < stop:
            started = time.perf_counter()
            assert client.get("/queue").status_code == 200
            times.append((time.perf_counter() - started) * 1000)
            time.sleep(0.05)
    return times


def flood(base: str, stop: threading.Event, counter: list[int]) -> None:
    with httpx.Client(base_url=base, timeout=60) as client:
        while not stop.is_set():
            token = login_form(client)
            form = {"username": "reviewer2", "password": "wrong password!", "login_token": token}
            client.post("/login", data=form)
            counter.append(1)


def summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {
        "requests": len(ordered),
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))], 1),
    }


@contextlib.contextmanager
def serving(ws, **review: object):
    """`recount review serve` with these [review] settings; yields its base URL."""
    settings = "\n".join(f"{k} = {v}" for k, v in review.items())
    config = ws.config_path.read_text(encoding="utf-8").split("\n[review]")[0]
    ws.config_path.write_text(config + f"\n[review]\n{settings}\n", encoding="utf-8")
    port = free_port()
    server = start_server(ws, port)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.kill()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--burst", type=int, default=20)
    parser.add_argument("--flood-threads", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--people", type=int, default=1000)
    args = parser.parse_args()
    ws = build_workspace(CACHE / f"login-{args.people}", args.people, 11)
    with ws.connect() as con:
        store.ensure_schema(con)
        known = {u["username"] for u in store.list_users(con)}
        for name in ("reviewer0", "reviewer1", "reviewer2"):
            if name not in known:
                auth.create_user(con, name, "reviewer", PASSWORD)
        con.execute("update review_users set failed_logins = 0, locked_until = null")
    result: dict = {"load_average": os.getloadavg()[0]}
    with serving(ws) as base:
        result["burst_one_address"] = burst(base, args.burst, forwarded=False)
    with serving(ws) as base:
        result["burst_rotating_forwarded_for"] = burst(base, args.burst, forwarded=True)
    with serving(ws, login_attempts_per_window=100000, lockout_after_failures=100000) as base:
        result["queue_alone"] = summary(queue_latency(base, args.seconds))
        stop, counter = threading.Event(), []
        flooders = [
            threading.Thread(target=flood, args=(base, stop, counter), daemon=True)
            for _ in range(args.flood_threads)
        ]
        for thread in flooders:
            thread.start()
        try:
            result["queue_during_login_flood"] = summary(queue_latency(base, args.seconds))
        finally:
            stop.set()
            for thread in flooders:
                thread.join(60)
        result["flood_logins"] = len(counter)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
