"""Load test of the review app: N reviewers labelling at once on loopback.

Builds a workspace through the real pipeline (simulate -> ingest -> normalize ->
link), creates N reviewer accounts, starts `recount review serve` on 127.0.0.1,
and has N threads log in and label pairs (POST /api/next, POST /api/labels) for
a bounded time and count. Afterwards it stops the server and checks the
`labels` table: every label the server acknowledged is stored exactly once,
none lost, no pair labelled twice by one reviewer, and no pair held by two
reviewers at once. Prints one JSON line.

    .venv/bin/python bench/review_load.py [--reviewers 20] [--seconds 60] [--think-ms 250]
                                          [--flow api|pages]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

from recount import Project
from recount.review import auth, store
from recount.review.queue import is_double_review
from recount.workspace import Workspace

PASSWORD = "load-test-password"
CACHE = Path("/tmp/recount-bench-review")


def build_workspace(root: Path, people: int, seed: int) -> Workspace:
    """A simulated conflict taken through the real pipeline up to `recount link`."""
    from recount.simulate import simulate

    marker = root / f".built-{people}-{seed}"
    if marker.exists():
        return Workspace(root)
    if root.exists():
        shutil.rmtree(root)
    simulate(root, people=people, sources=5, seed=seed)
    ws = Workspace(root)
    Project(ws).ingest()
    Project(ws).normalize()
    Project(ws).link()
    marker.touch()
    return ws


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(ws: Workspace, port: int) -> subprocess.Popen:
    command = [sys.executable, "-c", "from recount.cli import main; main()"]
    server = subprocess.Popen(
        [*command, "review", "serve", "-w", str(ws.root), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("the review server did not start")


class Reviewer(threading.Thread):
    def __init__(self, name, base, stop_at, max_labels, think_ms, seed, start_gate, flow):
        super().__init__(daemon=True)
        self.flow = flow
        self.name_ = name
        self.client = httpx.Client(base_url=base, timeout=30, follow_redirects=False)
        self.stop_at = stop_at
        self.max_labels = max_labels
        self.think = think_ms / 1000
        self.rng = random.Random(seed)
        self.start_gate = start_gate
        self.latencies: list[float] = []
        self.acknowledged: list[int] = []
        self.pairs: list[tuple[str, str]] = []
        self.errors = 0
        self.token = ""

    def login(self) -> None:
        page = self.client.get("/login")
        login_token = re.search(r'name="login_token" value="([^"]+)"', page.text).group(1)
        response = self.client.post(
            "/login",
            data={"username": self.name_, "password": PASSWORD, "login_token": login_token},
        )
        assert response.status_code == 303, response.status_code
        page = self.client.get("/settings")
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

    def timed(self, path: str, body: dict) -> httpx.Response:
        started = time.perf_counter()
        response = self.client.post(path, json=body, headers={"x-csrf-token": self.token})
        self.latencies.append(time.perf_counter() - started)
        return response

    def run(self) -> None:
        self.start_gate.wait()
        if self.flow == "pages":
            self.run_pages()
            return
        while time.monotonic() < self.stop_at and len(self.acknowledged) < self.max_labels:
            response = self.timed("/api/next", {})
            if response.status_code != 200:
                self.errors += 1
                continue
            pair = response.json()["pair"]
            if pair is None:
                break
            if self.think:
                time.sleep(self.rng.uniform(0, 2 * self.think))
            label = self.rng.choice(["match", "non_match", "unsure"])
            response = self.timed("/api/labels", {**pair, "label": label})
            if response.status_code == 200:
                self.acknowledged.append(response.json()["label_id"])
                self.pairs.append((pair["record_id_l"], pair["record_id_r"]))
            else:
                self.errors += 1

    def run_pages(self) -> None:
        """What a browser does: POST a decision (303 to the next pair), GET that page."""
        started = time.perf_counter()
        response = self.client.post("/next", data={"csrf_token": self.token})
        self.latencies.append(time.perf_counter() - started)
        location = response.headers.get("location", "")
        while time.monotonic() < self.stop_at and len(self.acknowledged) < self.max_labels:
            if not location.startswith("/pair?"):
                break
            started = time.perf_counter()
            page = self.client.get(location)
            self.latencies.append(time.perf_counter() - started)
            if page.status_code != 200:
                self.errors += 1
                break
            left = re.search(r'id="record-l">([^<]+)<', page.text).group(1)
            right = re.search(r'id="record-r">([^<]+)<', page.text).group(1)
            if self.think:
                time.sleep(self.rng.uniform(0, 2 * self.think))
            label = self.rng.choice(["match", "non_match", "unsure"])
            started = time.perf_counter()
            response = self.client.post(
                "/pair/label",
                data={"csrf_token": self.token, "l": left, "r": right, "label": label},
            )
            self.latencies.append(time.perf_counter() - started)
            location = response.headers.get("location", "")
            found = re.search(r"[?&]last=(\d+)", location)
            if response.status_code != 303 or not found:
                self.errors += 1
                break
            self.acknowledged.append(int(found.group(1)))
            self.pairs.append((left, right))


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-labels", type=int, default=5000, help="per reviewer")
    parser.add_argument("--think-ms", type=float, default=250.0, help="mean pause before a label")
    parser.add_argument("--people", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--flow",
        choices=["api", "pages"],
        default="api",
        help="api: POST /api/next + /api/labels; pages: a browser's POST decision + GET pair page",
    )
    args = parser.parse_args()

    built = time.perf_counter()
    ws = build_workspace(CACHE / "ws", args.people, args.seed)
    build_seconds = time.perf_counter() - built
    work = CACHE / "run"
    if work.exists():
        shutil.rmtree(work)
    shutil.copytree(ws.root, work)
    ws = Workspace(work)
    settings = ws.config.review
    names = [f"bench{i:02d}" for i in range(args.reviewers)]
    with ws.connect() as con:
        store.ensure_schema(con)
        for name in names:
            auth.create_user(con, name, "reviewer", PASSWORD)
        pairs = con.execute("select count(*) from pairs").fetchone()[0]

    port = free_port()
    server = start_server(ws, port)
    try:
        gate = threading.Event()
        stop_at = time.monotonic() + 3600
        reviewers = [
            Reviewer(
                name,
                f"http://127.0.0.1:{port}",
                stop_at,
                args.max_labels,
                args.think_ms,
                i,
                gate,
                args.flow,
            )
            for i, name in enumerate(names)
        ]
        for reviewer in reviewers:
            reviewer.login()
        for reviewer in reviewers:
            reviewer.stop_at = time.monotonic() + args.seconds
            reviewer.start()
        started = time.perf_counter()
        cpu_before = cpu_seconds(server.pid)
        gate.set()
        for reviewer in reviewers:
            reviewer.join(args.seconds + 60)
        elapsed = time.perf_counter() - started
        server_cpu = cpu_seconds(server.pid) - cpu_before
    finally:
        server.terminate()
        server.wait(30)

    acknowledged = [i for r in reviewers for i in r.acknowledged]
    with ws.connect(read_only=True) as con:
        stored = con.execute(
            "select label_id, record_id_l, record_id_r, reviewer from labels where reviewer like 'bench%'"
        ).fetchall()
    stored_ids = [row[0] for row in stored]
    by_reviewer_pair = {(row[1], row[2], row[3]) for row in stored}
    latencies = sorted(x for r in reviewers for x in r.latencies)
    served = [p for r in reviewers for p in r.pairs]
    result = {
        "bench": "review_load",
        "flow": args.flow,
        "reviewers": args.reviewers,
        "seconds": round(elapsed, 1),
        "think_ms_mean": args.think_ms,
        "records": None,
        "pairs": pairs,
        "requests": len(latencies),
        "labels_acknowledged": len(acknowledged),
        "labels_stored": len(stored),
        "stored_exactly_once": sorted(stored_ids) == sorted(acknowledged)
        and len(set(stored_ids)) == len(stored_ids),
        "lost": len(set(acknowledged) - set(stored_ids)),
        "duplicate_reviewer_pair": len(stored) - len(by_reviewer_pair),
        "pairs_labelled_by_two": len(served) - len(set(served)),
        "second_labels_outside_double_review_sample": sum(
            1
            for pair, count in Counter(served).items()
            if count > 1 and not is_double_review(pair, settings.double_review_percent)
        ),
        "errors": sum(r.errors for r in reviewers),
        "labels_per_second": round(len(acknowledged) / elapsed, 1),
        "median_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1)
        if latencies
        else None,
        "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        "server_cpu_ms_per_request": round(server_cpu * 1000 / max(len(latencies), 1), 2),
        "workspace_build_seconds": round(build_seconds, 1),
        "load_average_1min_at_end": round(os.getloadavg()[0], 1),
        "cores": os.cpu_count(),
    }
    with ws.connect(read_only=True) as con:
        result["records"] = con.execute("select count(*) from records").fetchone()[0]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
