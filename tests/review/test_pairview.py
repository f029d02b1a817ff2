"""A pair page reads the same from the in-memory cache as from the database."""

from __future__ import annotations

import dataclasses

from recount.review.pairview import RecordCache, load_pair


def test_cached_and_database_pair_pages_agree(workspace):
    pairs = workspace.query(
        "select p.record_id_l, p.record_id_r from pairs p "
        "join record_person a on a.record_id = p.record_id_l "
        "join record_person b on b.record_id = p.record_id_r "
        "where a.person_id is not null and b.person_id is not null order by 1, 2 limit 5"
    )
    assert len(pairs) > 0
    with workspace.connect(read_only=True) as con:
        cache = RecordCache()
        cache.ensure_loaded(con, generation=1)
        assert cache.records is not None
        shown_others = 0
        for left, right in pairs.itertuples(index=False):
            cached = dataclasses.asdict(load_pair(con, left, right, cache=cache))
            read = dataclasses.asdict(load_pair(con, left, right))
            assert cached == read
            shown_others += len(cached["others_l"]) + len(cached["others_r"])
    assert shown_others > 0


def test_a_place_written_in_two_scripts_is_not_marked_as_differing(workspace):
    # Made-up place names: the Cyrillic one and its passport romanisation, then two others.
    left, right = workspace.query(
        "select record_id_l, record_id_r from pairs order by 1, 2 limit 1"
    ).iloc[0]
    shown = {}
    for a, b in (("Мобірівка", "Mobirivka"), ("Мобірівка", "Tesarivka"), ("الدوير", "الحوير")):
        with workspace.connect() as con:
            con.execute("update records set place = ? where record_id = ?", [a, left])
            con.execute("update records set place = ? where record_id = ?", [b, right])
            view = load_pair(con, left, right)
        shown[(a, b)] = next(r.differs for r in view.rows if r.label == "Place")
    assert list(shown.values()) == [False, True, True]


def test_the_records_provenance_is_shown_but_never_marked_as_differing(workspace):
    left, right, source_l, source_r = workspace.query(
        "select record_id_l, record_id_r, source_id_l, source_id_r from pairs "
        "where source_id_l <> source_id_r order by 1, 2 limit 1"
    ).iloc[0]
    with workspace.connect() as con:
        view = load_pair(con, left, right)
    rows = {r.label: r for r in view.rows}
    assert {rows["Source"].left, rows["Source"].right} == {source_l, source_r}
    assert rows["Source's id"].left != rows["Source's id"].right
    assert not rows["Source"].differs and not rows["Source's id"].differs


def test_the_birth_date_birth_place_and_extra_fields_the_linker_compares_are_shown(workspace):
    """Lists of the living or of historical people carry births, not deaths: a reviewer
    must see the fields the model weighed (made-up values)."""
    left, right = workspace.query(
        "select record_id_l, record_id_r from pairs order by 1, 2 limit 1"
    ).iloc[0]
    with workspace.connect() as con:
        for record_id, born, town, job in (
            (left, "1850-03-01", "Tesarivka", "miller"),
            (right, "1851-03-01", "Tesarivka", None),
        ):
            con.execute(
                "update records set date_of_birth = ?::date, place_of_birth = ?, "
                "extra = map_from_entries([{'key': 'occupation', 'value': ?}]) "
                "where record_id = ?",
                [born, town, job, record_id],
            )
        cache = RecordCache()
        cache.ensure_loaded(con, generation=1)
        views = [load_pair(con, left, right), load_pair(con, left, right, cache=cache)]
    for view in views:
        rows = {r.label: r for r in view.rows}
        assert (rows["Date of birth"].left, rows["Date of birth"].right) == (
            "1850-03-01",
            "1851-03-01",
        )
        assert rows["Date of birth"].differs and not rows["Place of birth"].differs
        assert (rows["occupation"].left, rows["occupation"].right) == ("miller", "")
