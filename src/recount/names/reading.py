"""How a workspace read one written name: its list's learnt order (`recount names key`)."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from recount.settings import NAME_PARTS


class Reading(NamedTuple):
    """How `recount normalize` read one written name in a workspace (`workspace_reading`)."""

    capitals_mark_family: bool = False  # its list writes family names before a comma in capitals
    surnames_first: int = 0  # leading words read after the rest (`name_turn`, names.order)
    source_id: str | None = None  # the list it was read from; None: on no list, read as written


AS_WRITTEN = Reading()


def workspace_reading(ws, text: str, source_id: str | None = None) -> Reading:
    """How `recount normalize` read `text` on the workspace's records (of list `source_id`
    if given), for `recount names key`: the order its list was learnt to write it in, kept in
    `normalized.name_turn`. A name several lists read differently is read as most of its
    records were; a name on none of them as written."""
    from recount.names.workspace import _text_column, capitals_mark_family

    if not (ws.has_table("records") and ws.has_table("normalized")):
        return AS_WRITTEN
    available = set(ws.query("select * from records limit 0").columns)
    if "name" not in available and "name_latin" not in available:
        return AS_WRITTEN
    turned = set(ws.query("select * from normalized limit 0").columns)
    turn = "n.name_turn" if "name_turn" in turned else "0"
    written = " ".join(
        f"r.{c} is null and" for c in NAME_PARTS if c in available
    )  # the turn is learnt only for names written whole
    first = (
        "coalesce("
        + ", ".join(f"nullif(trim(r.{c}), '')" for c in ("name", "name_latin") if c in available)
        + ")"
    )
    found = ws.query(
        f"""select r.source_id, coalesce({turn}, 0) as turn, count(*) as records
            from records r join normalized n using (record_id)
            where {written} {first} = trim(?) and (? is null or r.source_id = ?)
            group by all order by records desc, r.source_id, turn""",
        [text, source_id, source_id],
    )
    if found.empty:
        return AS_WRITTEN
    source, lead = str(found.iloc[0]["source_id"]), int(found.iloc[0]["turn"])
    names = ws.query(
        f"select {', '.join(c if c in available else f'null as {c}' for c in ('source_id', 'name', 'name_latin'))} "
        "from records where source_id = ?",
        [source],
    )
    frame = pd.DataFrame({c: _text_column(names, c) for c in ("source_id", "name", "name_latin")})
    return Reading(bool(capitals_mark_family(frame).any()), lead, source)
