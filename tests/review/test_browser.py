"""The review app in headless Chromium, on a workspace built by the real pipeline.

simulate -> ingest -> normalize -> link, then `recount review serve` in its own
process; a reviewer logs in, labels pairs with the keyboard, undoes, goes back,
splits a record off a person, and `recount link` (run after the server has let
go of the file) puts that record in a person of its own.
"""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time

import httpx
import pytest
from playwright.sync_api import expect
from review_helpers import PASSWORD, add_user

from recount import Project
from recount.workspace import Workspace

# one worker runs them all (`-n 2 --dist loadgroup`): they share one server and workspace
expect.set_options(timeout=20_000)  # a busy CI machine can be slow to navigate
pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("review-browser")]


@pytest.fixture(scope="module")
def linked_workspace(tmp_path_factory) -> Workspace:
    from recount.simulate import simulate

    root = tmp_path_factory.mktemp("browser") / "ws"
    simulate(root, people=700, sources=5, seed=5)
    ws = Workspace(root)
    Project(ws).ingest()
    Project(ws).normalize()
    Project(ws).link()
    add_user(ws, "rita", "reviewer")
    return ws


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(linked_workspace, tmp_path_factory):
    port = _free_port()
    log_path = tmp_path_factory.mktemp("server-log") / "server.log"
    log_file = log_path.open("w", encoding="utf-8")
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from recount.cli import main; main()",
            "review",
            "serve",
            "-w",
            str(linked_workspace.root),
            "--port",
            str(port),
        ],
        stdout=log_file,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("review server did not start")
    yield base
    process.terminate()
    process.wait(20)
    log_file.close()
    log = log_path.read_text(encoding="utf-8")
    # nothing from the data reaches the server's log: no record names, no query strings
    names = linked_workspace.query("select name from records where name is not null")
    full_names = [n for n in names["name"] if " " in n.strip() and len(n) >= 8]
    assert full_names and not [name for name in full_names if name in log]
    requests = [line for line in log.splitlines() if '"GET /' in line or '"POST /' in line]
    assert requests, "no access log lines"
    assert not [line for line in requests if "?" in line]


def _login(page, base: str) -> None:
    page.goto(base + "/login")
    page.fill("input[name=username]", "rita")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/queue"))


def _press(page, key: str) -> None:
    """Press a shortcut once the page's script listens for keys."""
    page.wait_for_selector("html[data-keys=ready]", state="attached")
    page.keyboard.press(key)


def _pair_ids(page) -> tuple[str, str]:
    return page.inner_text("#record-l"), page.inner_text("#record-r")


def test_label_with_the_keyboard_undo_and_go_back(page, server, artifacts_dir):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    _login(page, server)
    page.click("#start")
    page.wait_for_selector("#record-l")
    first = _pair_ids(page)
    assert page.locator("#score").count() == 0  # blind mode
    _press(page, "y")
    page.wait_for_selector("#last-decision")
    assert "match" in page.inner_text("#last-decision")
    second = _pair_ids(page)
    assert second != first
    # waits use selectors, not JavaScript: the page's policy forbids eval
    _press(page, "n")
    expect(page.locator("#last-decision")).to_contain_text("non-match")
    third = _pair_ids(page)
    _press(page, "u")
    expect(page.locator("#last-decision")).to_contain_text("unsure")
    # z: undo the last label ('unsure'), back on that pair with no label of mine
    _press(page, "z")
    expect(page.locator("#last-decision")).to_have_count(0)
    assert _pair_ids(page) == third
    assert page.locator("#my-label").count() == 0
    # arrow left: the pair decided before (non-match on the second pair), score now shown
    _press(page, "ArrowLeft")
    page.wait_for_selector("#my-label")
    assert _pair_ids(page) == second
    assert page.inner_text("#my-label") == "non-match"
    _press(page, "ArrowLeft")
    expect(page.locator("#record-l")).to_have_text(first[0])
    assert page.inner_text("#my-label") == "match"
    # weight breakdown on request
    page.click("#show-weights")
    page.wait_for_selector("#weights-table:not([hidden]) tbody tr")
    assert page.locator("#weights-table tbody tr").count() >= 3
    # names are isolated and right-to-left where Arabic
    assert page.locator("table.pair bdi[dir=auto]").count() > 0
    page.screenshot(path=str(artifacts_dir / "review-pair.png"), full_page=True)
    progress = page.request.get(server + "/api/progress").json()
    assert progress["counts"]["pairs_reviewed"] == 2
    assert progress["counts"]["by_label"] == {"match": 1, "non_match": 1}
    assert errors == []


def test_split_a_record_off_and_relink(page, server, linked_workspace, artifacts_dir):
    # a person with several records; split off one that is not the smallest id,
    # so the rest keep their person id
    people = linked_workspace.query(
        """select person_id, list(record_id order by record_id) as ids
           from record_person where person_id is not null
           group by 1 having count(*) >= 3 order by person_id limit 1"""
    )
    person_id, ids = people["person_id"][0], list(people["ids"][0])
    target = ids[-1]
    _login(page, server)
    page.goto(f"{server}/person/{person_id}")
    assert page.locator("#person-records tbody tr").count() == len(ids)
    page.on("dialog", lambda dialog: dialog.accept())
    page.click(f"button.split[data-record='{target}']")
    page.wait_for_selector("tr.pending")
    assert page.locator("#actions tbody tr").count() == 1
    page.screenshot(path=str(artifacts_dir / "review-person.png"), full_page=True)

    time.sleep(2)  # the server closes the database after 0.5 s idle
    Project(linked_workspace).link()
    after = linked_workspace.query(
        "select record_id, person_id from record_person where record_id = any(?)", [ids]
    )
    person_of = dict(zip(after["record_id"], after["person_id"], strict=True))
    assert person_of[target] != person_id
    assert all(person_of[r] == person_id for r in ids[:-1])

    page.goto(f"{server}/person/{person_id}")
    assert page.locator("#person-records tbody tr").count() == len(ids) - 1
    assert page.locator(f"button.split[data-record='{target}']").count() == 0
    page.goto(f"{server}/person/{person_of[target]}")
    assert target in page.inner_text("#person-records")


def test_cookies_and_policy_seen_by_the_browser(page, server):
    _login(page, server)
    cookies = {c["name"]: c for c in page.context.cookies()}
    session = cookies["recount_session"]
    assert session["httpOnly"] and session["sameSite"] == "Strict"
    assert page.evaluate("document.cookie") == ""
    response = page.goto(server + "/queue")
    assert "script-src 'self'" in response.headers["content-security-policy"]


def test_logged_out_pages_go_to_login(page, server):
    page.goto(server + "/progress")
    assert page.url.endswith("/login")


def test_audit_sample_in_the_browser(page, server, linked_workspace, artifacts_dir):
    """Draw the random audit sample, say one singleton has a missed match (picked among the
    model's candidates) and answer a linked pair: the answers land in audit_answers, not in
    the queue's labels."""
    time.sleep(2)  # the server lets go of the file when idle
    labels_before = linked_workspace.query("select count(*) as n from labels")["n"][0]
    _login(page, server)
    page.click("text=Audit sample")
    page.wait_for_url(re.compile(r"/audit-sample"))
    page.click("#draw")
    page.wait_for_selector("#audit-item")
    seen = set()
    while len(seen) < 2:
        kind = page.get_attribute("#audit-item", "data-kind")
        if (
            kind == "singleton"
            and "singleton" not in seen
            and page.locator("#audit-candidates input[type=radio]").count()
        ):
            page.locator("#audit-candidates input[type=radio]").first.check()
            page.screenshot(path=str(artifacts_dir / "review-audit-singleton.png"), full_page=True)
            page.click("#answer-missed")
            seen.add(kind)
        elif kind == "link" and "link" not in seen:
            assert page.locator("table.pair bdi[dir=auto]").count() > 0
            page.click("#answer-different")
            seen.add(kind)
        else:
            page.click("#answer-unsure")
        page.wait_for_selector("#audit-progress")
    time.sleep(2)  # the server lets go of the file when idle
    answers = linked_workspace.query(
        "select answer, match_record_id from audit_answers order by answer_id"
    )
    assert {"missed", "different"} <= set(answers["answer"])
    assert answers.loc[answers["answer"] == "missed", "match_record_id"].notna().all()
    labels_after = linked_workspace.query("select count(*) as n from labels")["n"][0]
    assert labels_after == labels_before  # the queue's labels never see audit answers
