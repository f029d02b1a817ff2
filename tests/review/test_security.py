"""Security behaviour of the review app (OWASP ASVS L2 essentials)."""

from __future__ import annotations

import logging
import re

import pytest
from fastapi.routing import APIRoute
from review_helpers import PASSWORD, XSS_NAME, csrf_of, login, make_client, make_clients

from recount.review.security import RedactQueryFilter

PUBLIC = {"/health", "/login"}


def _routes(client):
    """Every route of every router the app includes (FastAPI keeps included routers whole)."""
    from recount.review.app import ROUTERS

    for route in (r for router in ROUTERS for r in router.routes):
        if isinstance(route, APIRoute):
            path = route.path.format(
                person_id="P0000", action_id=1, username="rita", change="unlock"
            )
            for method in route.methods:
                yield method, route.path, path


def test_every_route_but_health_and_login_refuses_without_a_session(client):
    checked = 0
    for method, template, path in _routes(client):
        if template in PUBLIC:
            continue
        response = client.request(method, path)
        assert response.status_code in (401, 303), (method, path, response.status_code)
        if response.status_code == 303:
            assert response.headers["location"] == "/login"
        checked += 1
    assert checked >= 25
    assert client.get("/health").json() == {"status": "ok"}


def test_a_forged_session_cookie_is_refused(client):
    client.cookies.set("recount_session", "not-a-real-token")
    assert client.get("/api/progress").status_code == 401


def test_a_reviewer_cannot_reach_admin_routes(client):
    token = login(client, "rita")
    admin_routes = [(m, p) for m, t, p in _routes(client) if t.startswith("/admin")]
    assert len(admin_routes) >= 5
    for method, path in admin_routes:
        response = client.request(method, path, data={"csrf_token": token})
        assert response.status_code == 403, (method, path)


def test_an_admin_reaches_admin_routes(client):
    token = login(client, "ada")
    assert client.get("/admin/users").status_code == 200
    assert client.get("/admin/audit").status_code == 200
    response = client.post(
        "/admin/users",
        data={"csrf_token": token, "username": "newbie", "role": "reviewer", "password": "x" * 14},
    )
    assert response.status_code == 303
    assert "newbie" in client.get("/admin/users").text


def test_every_change_without_the_csrf_token_is_refused(client):
    good = login(client, "ada")
    posts = [p for m, t, p in _routes(client) if m == "POST" and t not in PUBLIC]
    assert len(posts) >= 12
    for path in posts:
        for token in (None, "wrong" + good):
            data = {"l": "vdc:1", "r": "vdc:2", "label": "match", "record_id": "vdc:1"}
            if token:
                data["csrf_token"] = token
            response = client.post(path, data=data)
            assert response.status_code == 403, (path, token, response.status_code)
    # nothing changed
    assert client.get("/api/progress").json()["counts"]["pairs_reviewed"] == 0


def test_json_api_needs_the_csrf_header(client):
    token = login(client, "rita")
    body = {"record_id_l": "vdc:1", "record_id_r": "vdc:2", "label": "match"}
    assert client.post("/api/labels", json=body).status_code == 403
    ok = client.post("/api/labels", json=body, headers={"x-csrf-token": token})
    assert ok.status_code == 200 and ok.json()["label_id"] >= 1


def test_script_in_a_name_is_shown_as_text(client):
    login(client, "rita")
    with client.app.state.db.connection() as con:
        (xss_record,) = con.execute(
            "select record_id from records where name = ?", [XSS_NAME]
        ).fetchone()
    for path in ("/person/P0001", f"/pair?l={xss_record}&r=vdc:1"):
        page = client.get(path)
        assert page.status_code == 200
        assert "<script>alert" not in page.text
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Ahmad" in page.text
        # names are bidi-isolated
        assert re.search(r'<bdi dir="auto">&lt;script&gt;', page.text)
    person = client.get("/person/P0001").text
    assert "&lt;script&gt;" in person
    assert XSS_NAME not in person


def test_arabic_names_are_isolated_right_to_left(client):
    login(client, "rita")
    page = client.get("/person/P0000").text
    arabic_cells = re.findall(r'<bdi dir="auto">([^<]*[\u0600-\u06ff][^<]*)</bdi>', page)
    assert arabic_cells


def test_login_is_rate_limited_per_client(workspace):
    with make_client(workspace, login_attempts_per_window=5) as client:
        codes = []
        for _ in range(7):
            page = client.get("/login")
            token = re.search(r'name="login_token" value="([^"]+)"', page.text).group(1)
            codes.append(
                client.post(
                    "/login",
                    data={"username": "rita", "password": "wrong password!", "login_token": token},
                ).status_code
            )
        assert codes[:5] == [401] * 5
        assert codes[5:] == [429, 429]


def test_an_account_locks_after_repeated_failures(workspace):
    with make_client(workspace, lockout_after_failures=3) as client:
        for _ in range(3):
            page = client.get("/login")
            token = re.search(r'name="login_token" value="([^"]+)"', page.text).group(1)
            client.post(
                "/login",
                data={"username": "rami", "password": "nope nope nope", "login_token": token},
            )
        page = client.get("/login")
        token = re.search(r'name="login_token" value="([^"]+)"', page.text).group(1)
        locked = client.post(
            "/login", data={"username": "rami", "password": PASSWORD, "login_token": token}
        )
        assert locked.status_code == 401
        # another account is unaffected
        assert login(client, "rita")


def test_login_needs_its_form_token(client):
    response = client.post("/login", data={"username": "rita", "password": PASSWORD})
    assert response.status_code == 403
    assert "recount_session" not in response.cookies


def test_cookies_are_httponly_and_samesite_strict(client):
    page = client.get("/login")
    token = re.search(r'name="login_token" value="([^"]+)"', page.text).group(1)
    response = client.post(
        "/login", data={"username": "rita", "password": PASSWORD, "login_token": token}
    )
    cookie = [v for k, v in response.headers.multi_items() if k == "set-cookie"]
    session = next(c for c in cookie if c.startswith("recount_session="))
    assert "HttpOnly" in session and "SameSite=strict" in session


def test_strict_headers_on_every_response(client):
    for path in ("/health", "/login", "/static/review.js"):
        headers = client.get(path).headers
        policy = headers["content-security-policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["cache-control"] == "no-store"


def test_templates_hold_no_inline_script_or_style():
    from recount.review.app import HERE

    for template in (HERE / "templates").glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template.name
        assert " on" not in re.sub(r"\s+", " ", text).replace(" one", "").split("<", 1)[0]
        assert not re.search(r"\son[a-z]+=", text), template.name
        assert "style=" not in text and "<style" not in text, template.name


def test_sessions_expire_when_idle(workspace):
    with make_client(workspace, idle_timeout_minutes=0.0) as client:
        page = client.get("/login")
        token = re.search(r'name="login_token" value="([^"]+)"', page.text).group(1)
        client.post("/login", data={"username": "rita", "password": PASSWORD, "login_token": token})
        assert client.get("/api/progress").status_code == 401


def test_logout_ends_the_session(client):
    token = login(client, "rita")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 303
    assert client.get("/api/progress").status_code == 401


def test_a_disabled_account_loses_its_session_at_once(workspace):
    admin, reviewer = make_clients(workspace, 2)
    admin_token = login(admin, "ada")
    login(reviewer, "rami")
    assert reviewer.get("/queue").status_code == 200
    admin.post("/admin/users/rami/disable", data={"csrf_token": admin_token})
    assert reviewer.get("/api/progress").status_code == 401


def test_unknown_host_header_is_refused_with_the_security_headers(client):
    response = client.get("/health", headers={"host": "evil.example"})
    assert response.status_code == 400
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["x-frame-options"] == "DENY"
    for status, path in ((404, "/no-such-page"), (405, "/health")):
        method = "GET" if status == 404 else "DELETE"
        headers = client.request(method, path).headers
        assert headers["x-content-type-options"] == "nosniff", path


def test_access_log_lines_drop_the_query_string():
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "GET", "/queue?source=vdc&governorate=SY-HL", "1.1", 200),
        None,
    )
    RedactQueryFilter().filter(record)
    assert record.getMessage() == '127.0.0.1:5000 - "GET /queue HTTP/1.1" 200'


def test_audit_log_holds_no_names(client):
    token = login(client, "rita")
    split = client.post("/person/P0000/split", data={"csrf_token": token, "record_id": "vdc:1"})
    assert split.status_code == 303
    client.post("/logout", data={"csrf_token": token})
    login(client, "ada")
    audit = client.get("/admin/audit").text
    assert "split" in audit
    for fragment in ("Ahmad", "محمد", "script"):
        assert fragment not in audit.split("<main>", 1)[1]


@pytest.mark.parametrize("password", ["short", "x" * 200])
def test_password_policy(client, password):
    token = login(client, "ada")
    response = client.post(
        "/admin/users",
        data={"csrf_token": token, "username": "weak", "role": "reviewer", "password": password},
    )
    assert response.status_code == 400
    assert "weak" not in client.get("/admin/users").text
    assert csrf_of(client) == token


def test_an_unexpected_error_logs_no_data(client, monkeypatch, caplog):
    from recount.review import progress

    def broken(con):
        raise ValueError("record named محمد الحلبي broke")

    monkeypatch.setattr(progress, "progress_summary", broken)
    login(client, "rita")
    with caplog.at_level(logging.DEBUG):
        response = client.get("/api/progress")
    assert response.status_code == 500 and response.json() == {"error": "internal error"}
    assert "ValueError" in caplog.text and "/api/progress" in caplog.text
    assert "محمد" not in caplog.text
