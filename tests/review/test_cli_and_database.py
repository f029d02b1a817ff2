"""`recount review` commands, and sharing the database file with other processes."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest
from review_helpers import PASSWORD, login, make_client
from typer.testing import CliRunner

from recount.cli import app
from recount.cli.review import _is_loopback
from recount.errors import RecountError
from recount.review import store

runner = CliRunner()


def test_users_add_from_stdin_then_log_in(workspace):
    result = runner.invoke(
        app,
        [
            "review",
            "users",
            "add",
            "nadia",
            "--role",
            "admin",
            "--password-stdin",
            "-w",
            str(workspace.root),
        ],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    with workspace.connect() as con:
        user = store.get_user(con, "nadia")
        stored_hash = con.execute(
            "select password_hash from review_users where username = 'nadia'"
        ).fetchone()[0]
    assert user.role == "admin" and stored_hash.startswith("$argon2id$")
    with make_client(workspace) as client:
        login(client, "nadia")
        assert client.get("/admin/users").status_code == 200


@pytest.mark.parametrize(
    ("name", "role", "password", "message"),
    [
        ("rita", "reviewer", PASSWORD, "already exists"),
        ("x y", "reviewer", PASSWORD, "user name"),
        ("zed", "boss", PASSWORD, "role"),
        ("zed", "reviewer", "short", "password"),
    ],
)
def test_users_add_refuses_bad_input(workspace, name, role, password, message):
    result = runner.invoke(
        app,
        [
            "review",
            "users",
            "add",
            name,
            "--role",
            role,
            "--password-stdin",
            "-w",
            str(workspace.root),
        ],
        input=password + "\n",
    )
    assert isinstance(result.exception, RecountError)
    assert message in str(result.exception)


def test_labels_export_and_import_commands(workspace, tmp_path):
    with workspace.connect() as con:
        store.ensure_schema(con)
        store.add_label(con, "vdc:1", "vdc:2", "match", "rita")
        store.add_label(con, "vdc:1", "snhr:1", "non_match", "rita")
    path = tmp_path / "labels.csv"
    exported = runner.invoke(
        app, ["review", "labels", "export", str(path), "-w", str(workspace.root)]
    )
    assert exported.exit_code == 0, exported.output
    assert path.read_text(encoding="utf-8").splitlines()[0] == (
        "source_dataset_l,unique_id_l,source_dataset_r,unique_id_r,clerical_match_score"
    )
    imported = runner.invoke(
        app,
        [
            "review",
            "labels",
            "import",
            str(path),
            "--reviewer",
            "second",
            "-w",
            str(workspace.root),
        ],
    )
    assert imported.exit_code == 0, imported.output
    assert "2 added" in imported.output
    with workspace.connect() as con:
        assert (
            con.execute("select count(*) from labels where reviewer = 'second'").fetchone()[0] == 2
        )


def test_serve_refuses_a_public_address_without_the_flag(workspace):
    result = runner.invoke(app, ["review", "serve", "--host", "0.0.0.0", "-w", str(workspace.root)])
    assert isinstance(result.exception, RecountError)
    assert "--allow-remote" in str(result.exception)


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True),
     ("0.0.0.0", False), ("10.0.0.5", False), ("example.org", False)],
)  # fmt: skip
def test_loopback_detection(host, loopback):
    assert _is_loopback(host) is loopback


def _hold_database(path, seconds: float) -> subprocess.Popen:
    code = (
        "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
        "print('held', flush=True); time.sleep(float(sys.argv[2]))"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_the_server_lets_go_of_the_file_when_idle(workspace):
    with make_client(workspace, release_after_seconds=0.1) as client:
        login(client, "rita")
        assert client.get("/queue").status_code == 200
        time.sleep(0.6)
        # another process (say `recount link`) can now write the workspace
        holder = _hold_database(workspace.db_path, 0)
        holder.wait(30)
        assert holder.returncode == 0
        assert client.get("/queue").status_code == 200


def test_a_busy_workspace_answers_503_then_recovers(workspace):
    with make_client(workspace, release_after_seconds=0.1, busy_timeout_seconds=0.3) as client:
        token = login(client, "rita")
        time.sleep(0.6)
        holder = _hold_database(workspace.db_path, 2.5)
        try:
            busy = client.post("/api/next", json={}, headers={"x-csrf-token": token})
            assert busy.status_code == 503
            assert "in use by another process" in busy.json()["error"]
        finally:
            holder.wait(30)
        assert client.post("/api/next", json={}, headers={"x-csrf-token": token}).status_code == 200


def test_commands_wait_while_another_process_holds_the_file(workspace):
    holder = _hold_database(workspace.db_path, 1.0)
    try:
        result = runner.invoke(
            app,
            ["review", "users", "add", "late", "--password-stdin", "-w", str(workspace.root)],
            input=PASSWORD + "\n",
        )
    finally:
        holder.wait(30)
    assert result.exit_code == 0, result.output
    with workspace.connect() as con:
        assert store.get_user(con, "late").role == "reviewer"
