"""Helpers the review tests import: a contract workspace, users, clients, login."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
from fastapi.testclient import TestClient

from recount import tables
from recount.review import auth, create_app, store
from recount.workspace import Workspace

PASSWORD = "correct horse battery"
XSS_NAME = '<script>alert("x")</script> Ahmad'
SOURCES = ("vdc", "snhr", "moh")
GOVERNORATES = ("SY-HL", "SY-DR", "SY-HM", "SY-ID")
ARABIC_GIVEN = ("محمد", "أحمد", "خالد", "عمر", "فاطمة", "مريم", "حسن", "علي")
LATIN_GIVEN = ("Mohammad", "Ahmad", "Khaled", "Omar", "Fatima", "Maryam", "Hasan", "Ali")
ARABIC_FAMILY = ("الحلبي", "الخطيب", "المصري", "العلي", "الأحمد")
LATIN_FAMILY = ("al-Halabi", "al-Khatib", "al-Masri", "al-Ali", "al-Ahmad")


def build_contract_workspace(root: Path, people: int = 24, seed: int = 7) -> Workspace:
    """Writes records, normalized, pairs, record_person and persons as the link stage would.

    People get one to four records in different sources; pairs within a person score
    high, pairs between similar-named people score around the threshold. Person 0 has
    four records (for split tests); the first record of person 1 carries script in
    its name (for escaping tests).
    """
    rng = np.random.default_rng(seed)
    ws = Workspace.init(root, name="review-test")
    records, normalized, members = [], [], {}
    rows_per_source = dict.fromkeys(SOURCES, 0)
    for person in range(people):
        given = int(rng.integers(len(ARABIC_GIVEN)))
        family = int(rng.integers(len(ARABIC_FAMILY)))
        n_records = 4 if person == 0 else int(rng.integers(1, 4))
        death = date(2013, 1, 1) + timedelta(days=int(rng.integers(0, 900)))
        governorate = GOVERNORATES[person % len(GOVERNORATES)]
        ids = []
        for k in range(n_records):
            source = SOURCES[k % len(SOURCES)]
            rows_per_source[source] += 1
            record_id = f"{source}:{rows_per_source[source]}"
            arabic = k % 2 == 0
            name = (
                f"{ARABIC_GIVEN[given]} {ARABIC_FAMILY[family]}"
                if arabic
                else f"{LATIN_GIVEN[given]} {LATIN_FAMILY[family]}"
            )
            if person == 1 and k == 0:
                name = XSS_NAME
            records.append(
                {
                    "record_id": record_id,
                    "source_id": source,
                    "source_row": rows_per_source[source],
                    "name": name,
                    "given_name": ARABIC_GIVEN[given] if arabic else LATIN_GIVEN[given],
                    "father_name": None,
                    "grandfather_name": None,
                    "family_name": ARABIC_FAMILY[family] if arabic else LATIN_FAMILY[family],
                    "name_latin": f"{LATIN_GIVEN[given]} {LATIN_FAMILY[family]}"
                    if arabic
                    else None,
                    "sex": "F" if given in (4, 5) else "M",
                    "age": int(rng.integers(5, 80)) if k != 1 else None,
                    "date_of_death": death + timedelta(days=int(k)),
                    "date_precision": "day",
                    "date_of_death_raw": str(death),
                    "governorate": governorate,
                    "governorate_raw": governorate,
                    "place": None,
                    "status": "civilian",
                    "status_raw": "civilian",
                    "cause": "shelling",
                    "record_ref": f"r{person}-{k}",
                    "event": "killed",
                    "issues": None,
                    "raw": "{}",
                }
            )
            key = f"{LATIN_GIVEN[given].lower()} {LATIN_FAMILY[family].lower()}"
            normalized.append(
                {
                    "record_id": record_id,
                    "source_id": source,
                    "name_key": key,
                    "name_forms": [name, key],
                    "governorate": governorate,
                    "date_of_death": death + timedelta(days=int(k)),
                }
            )
            ids.append(record_id)
        members[f"P{person:04d}"] = (ids, given, family)
    pairs = []
    for ids, _, _ in members.values():
        for i in range(len(ids)):
            for j in range(i + 1, len(ids)):
                pairs.append((ids[i], ids[j], float(rng.uniform(0.86, 0.995))))
    people_list = list(members.items())
    for a in range(len(people_list)):
        for b in range(a + 1, len(people_list)):
            (ids_a, given_a, family_a), (ids_b, given_b, family_b) = (
                people_list[a][1],
                people_list[b][1],
            )
            if given_a == given_b or family_a == family_b:
                pairs.append((ids_a[0], ids_b[0], float(rng.uniform(0.2, 0.89))))
    source_of = {r["record_id"]: r["source_id"] for r in records}
    pairs_frame = pd.DataFrame(
        {
            "record_id_l": [p[0] for p in pairs],
            "record_id_r": [p[1] for p in pairs],
            "source_id_l": [source_of[p[0]] for p in pairs],
            "source_id_r": [source_of[p[1]] for p in pairs],
            "match_probability": [p[2] for p in pairs],
        }
    )
    probability = pairs_frame["match_probability"]
    pairs_frame["match_weight"] = np.log2(probability / (1 - probability))
    pairs_frame["gamma_given"] = 2
    pairs_frame["mw_given"] = pairs_frame["match_weight"] * 0.6
    pairs_frame["gamma_family"] = 1
    pairs_frame["mw_family"] = pairs_frame["match_weight"] * 0.4
    record_person = pd.DataFrame(
        [
            {
                "record_id": rid,
                "source_id": source_of[rid],
                "source_row": int(rid.split(":")[1]),
                "person_id": person_id,
                "reason": None,
            }
            for person_id, (ids, _, _) in members.items()
            for rid in ids
        ]
    )
    persons = pd.DataFrame(
        [
            {
                "person_id": person_id,
                "n_records": len(ids),
                "sources": sorted({source_of[i] for i in ids}),
                "sex": None,
                "age": None,
                "date_of_death": None,
                "governorate": None,
                "status": "civilian",
            }
            for person_id, (ids, _, _) in members.items()
        ]
    )
    fixture_tables = {
        "records": pd.DataFrame(records),
        "normalized": pd.DataFrame(normalized),
        "pairs": pairs_frame,
        "record_person": record_person,
        "persons": persons,
    }
    ws.write_tables({name: tables.frame(name, data) for name, data in fixture_tables.items()})
    return ws


def add_user(ws: Workspace, username: str, role: str = "reviewer") -> None:
    with ws.connect() as con:
        store.ensure_schema(con)
        auth.create_user(con, username, role, PASSWORD)


TEST_SETTINGS = dict(release_after_seconds=0.2, busy_timeout_seconds=2.0)


def make_app(ws: Workspace, **overrides):
    settings = ws.config.review.with_overrides(**{**TEST_SETTINGS, **overrides})
    return create_app(ws, settings, allowed_hosts=["testserver"])


def make_client(ws: Workspace, **overrides) -> TestClient:
    return TestClient(make_app(ws, **overrides), follow_redirects=False)


def make_clients(ws: Workspace, count: int, **overrides) -> list[TestClient]:
    """Several browsers (separate cookie jars) on one server."""
    app = make_app(ws, **overrides)
    return [TestClient(app, follow_redirects=False) for _ in range(count)]


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Logs in; returns the session's CSRF token (read from a page, as a browser would)."""
    page = client.get("/login")
    token = re.search(r'name="login_token" value="([^"]+)"', page.text).group(1)
    response = client.post(
        "/login", data={"username": username, "password": password, "login_token": token}
    )
    assert response.status_code == 303, response.text
    return csrf_of(client)


def csrf_of(client: TestClient) -> str:
    page = client.get("/settings")
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
