"""CLI commands of the review stage: serve the app, manage users, move labels."""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path
from typing import Annotated

import typer

from recount.cli.common import WorkspaceOption, console, err_console, open_project
from recount.errors import RecountError
from recount.tables import ROLES

review_app = typer.Typer(help="The review web app: people confirm or reject uncertain links.")
users_app = typer.Typer(help="Review accounts.")
labels_app = typer.Typer(help="Labels in Splink's format (CSV or Parquet).")
review_app.add_typer(users_app, name="users")
review_app.add_typer(labels_app, name="labels")


def register(app: typer.Typer) -> None:
    """Adds `recount review ...`."""
    app.add_typer(review_app, name="review")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@review_app.command("serve")
def serve(
    workspace: WorkspaceOption = Path("."),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    host: Annotated[
        str, typer.Option(help="Address to bind (loopback unless --allow-remote).")
    ] = "127.0.0.1",
    allow_remote: Annotated[
        bool, typer.Option("--allow-remote", help="Allow binding a non-loopback address.")
    ] = False,
    secure_cookies: Annotated[
        bool, typer.Option("--secure-cookies", help="Mark cookies Secure (when served over TLS).")
    ] = False,
) -> None:
    """Serve the review app for this workspace (127.0.0.1 only unless told otherwise)."""
    import uvicorn

    from recount.review.security import server_options

    if not _is_loopback(host):
        if not allow_remote:
            raise RecountError(
                f"refusing to bind {host}: the app shows victims' names; "
                "pass --allow-remote to serve beyond this machine (behind TLS)"
            )
        err_console.print(
            f"[bold yellow]warning:[/] serving on {host}: anyone who can reach this address "
            "can try to log in. Put it behind TLS and pass --secure-cookies."
        )
    project = open_project(workspace)
    if not project.workspace.db_path.exists():
        raise RecountError(
            f"{project.root}: no database yet; run the pipeline up to `recount link` first"
        )
    hosts = ["127.0.0.1", "localhost", "[::1]", "::1"]
    if host not in hosts:
        hosts.append(host)
    app = project.review.app(
        allowed_hosts=hosts if _is_loopback(host) else ["*"],
        secure_cookies=secure_cookies or None,
    )
    console.print(f"review app on http://{host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, **server_options(app.state.settings))


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="User name (a-z 0-9 . _ -).")],
    role: Annotated[str, typer.Option(help=f"{' or '.join(ROLES)}.")] = ROLES[0],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Create a review account (the password is hashed with argon2)."""
    project = open_project(workspace)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    project.review.add_user(name, password, role, via="cli")
    console.print(f"added {role} {name}")


@users_app.command("list")
def users_list(workspace: WorkspaceOption = Path(".")) -> None:
    """List review accounts."""
    for user in open_project(workspace).review.users():
        state = "active" if user["active"] else "disabled"
        console.print(f"{user['username']}\t{user['role']}\t{state}")


@labels_app.command("export")
def labels_export(
    file: Annotated[Path, typer.Argument(help="Output .csv or .parquet.")],
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Write each labelled pair's effective label in Splink's labels format."""
    from recount.exports import write_frame

    frame = open_project(workspace).review.export_labels()
    write_frame(frame, file)
    console.print(f"wrote {len(frame)} labels to {file}")


@labels_app.command("import")
def labels_import(
    file: Annotated[Path, typer.Argument(help="A Splink labels file (.csv or .parquet).")],
    reviewer: Annotated[
        str, typer.Option(help="Name to store as the labels' reviewer.")
    ] = "import",
    workspace: WorkspaceOption = Path("."),
) -> None:
    """Append labels from a Splink labels file (all or none)."""
    counts = open_project(workspace).review.import_labels(file, reviewer)
    console.print(
        f"read {counts['rows']} labels: {counts['added']} added, {counts['skipped']} already there"
    )
