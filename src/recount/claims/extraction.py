"""extract_claims: text in, one row per claim out."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import lru_cache

import pandas as pd

from recount.claims.claimants import Gazetteer, default_gazetteer
from recount.claims.documents import MAX_TEXT_BYTES, coerce_date, text_metadata
from recount.claims.grammar.acronyms import document_gazetteer
from recount.claims.grammar.attribution import cataphoric_source, side_line_source
from recount.claims.grammar.extract import DocumentState, SentenceClaim, sentence_claims
from recount.claims.grammar.glosses import mask_glosses, with_glosses
from recount.claims.grammar.quotes import find_quotes
from recount.claims.grammar.sentences import mask_citations, split_sentences, unquote_figures
from recount.claims.grammar.tables import table_rows
from recount.claims.scope import country_name, find_places, topic_country, war_start
from recount.errors import InputError
from recount.reference import country_pack
from recount.tables import TABLES

_PANDAS_DTYPES = {"string": "string", "bool": "bool", "double": "float64", "int64": "int64"}
# The ledger's columns (recount/tables/catalog.py) but `added_at`, as pandas dtypes.
CLAIM_COLUMNS = {
    c.name: _PANDAS_DTYPES.get(str(c.type), "object")
    for c in TABLES["claims"].columns.values()
    if c.name != "added_at"
}


@lru_cache(maxsize=1)
def _empty_template() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in CLAIM_COLUMNS.items()})


def empty_claims() -> pd.DataFrame:
    """A claims frame with no rows and every column typed."""
    return _empty_template().copy()


def document_id(text: str) -> str:
    """A stable id for a text: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def extract_claims(
    text: str,
    outlet: str | None = None,
    date: str | dt.date | None = None,
    gazetteer: Gazetteer | None = None,
    source: str | None = None,
    country: str | None = None,
) -> pd.DataFrame:
    """Every casualty claim in `text`: who claims how many of whom were killed (injured, ...), where, when.

    `outlet` and `date` default to what the text's header or dateline says.
    `country` (ISO 3166-1, e.g. "SY") is the workspace's: places in it get their
    admin-unit codes; without it no place is mapped below its country.
    Offsets (`start`, `end` of the quantity; `sentence_start`, `sentence_end`)
    index into `text` exactly.
    """
    rows = claim_records(text, outlet, date, gazetteer, source, country)
    if not rows:
        return empty_claims()
    return pd.DataFrame(
        {
            name: pd.array([row[name] for row in rows], dtype=dtype)
            if dtype != "object"
            else [row[name] for row in rows]
            for name, dtype in CLAIM_COLUMNS.items()
        }
    )


def claim_records(
    text: str,
    outlet: str | None = None,
    date: str | dt.date | None = None,
    gazetteer: Gazetteer | None = None,
    source: str | None = None,
    country: str | None = None,
) -> list[dict]:
    """The claims of `text` as plain dicts (the rows of extract_claims)."""
    return [row for row, _ in claims_with_rows(text, outlet, date, gazetteer, source, country)]


def claims_with_rows(
    text: str,
    outlet: str | None = None,
    date: str | dt.date | None = None,
    gazetteer: Gazetteer | None = None,
    source: str | None = None,
    country: str | None = None,
) -> list[tuple[dict, SentenceClaim]]:
    """Each claim's row with the grammar's reading behind it (its claimant slate, for training)."""
    if not isinstance(text, str):
        raise InputError(source or "<text>", f"expected text (str), got {type(text).__name__}")
    if len(text) > MAX_TEXT_BYTES:
        raise InputError(
            source or "<text>", f"text too large for claim extraction ({len(text):,} characters)"
        )
    own_outlet, own_date = text_metadata(text)
    state = DocumentState(outlet=outlet or own_outlet, date=coerce_date(date) or own_date)
    state.pack = country_pack(country)
    masked = mask_citations(text)
    cited = masked != text
    masked = unquote_figures(masked)
    state.topic_country = topic_country(masked, state.pack)
    gazetteer = document_gazetteer(
        masked, gazetteer or default_gazetteer(), state.topic_country or country
    )
    state.quotes = find_quotes(masked, gazetteer)
    doc_id = document_id(text)
    rows = []
    read: list[SentenceClaim] = []
    previous_end = 0
    names = [(m.start, m.end) for m in gazetteer.find(masked) if "\n" in masked[m.start : m.end]]
    spans = list(split_sentences(masked, names))
    lines = sum(1 for line in masked.splitlines() if line.strip())
    state.wire_style = lines >= 3 and len(spans) <= 1.5 * lines
    state.text = masked
    state.cited = cited
    state.war_start = war_start(state.topic_country or state.pack.code, state.date)
    previous: list[SentenceClaim] = []
    rows_of_tables = table_rows(masked)
    for start, end in spans:
        state.table_row = next((r for r in rows_of_tables if r.start <= start < r.end), None)
        state.new_paragraph = "\n" in masked[previous_end:start]
        state.offset = start
        previous_end = end
        sentence = masked[start:end]
        _credit_figures_before(previous, sentence, gazetteer)
        claims = sentence_claims(mask_glosses(sentence), state, gazetteer)
        claims = with_glosses(text[start:end], claims)
        rows.extend(_row(c, text[start:end], start, end, doc_id, source, state) for c in claims)
        read.extend(claims)
        previous = [(c, rows[len(rows) - len(claims) + i]) for i, c in enumerate(claims)]
    if spans:
        _credit_headline(rows, masked, spans[0])
    if state.topic_country is not None:
        _place_in_topic_country(rows, state.topic_country, state.pack)
    return list(zip(rows, read, strict=True))


def _generic(claimant: str | None) -> bool:
    """'report', 'study': a headline's word for the source the body names."""
    return bool(claimant) and claimant.islower() and " " not in claimant


def _place_in_topic_country(rows: list[dict], country: str, pack) -> None:
    """A claim whose sentence states no place is about the country the text is about; a
    sentence whose subject is a place keeps no place ("Turkey hosts 3.6 million refugees":
    the host, not where the people counted come from)."""
    name = country_name(country)
    for row in rows:
        if row["place_code"] is None and not _place_is_subject(row["sentence"], pack):
            row["place"], row["place_code"], row["place_level"] = name, country, "country"


def _place_is_subject(sentence: str, pack) -> bool:
    places = find_places(sentence[:60], pack)
    if not places or sentence[: places[0].start].strip(" \"'“‘").lower() not in ("", "the"):
        return False
    return re.match(r"\s+[a-z]+s\b", sentence[places[0].end :]) is not None


def _credit_headline(rows: list[dict], text: str, first: tuple[int, int]) -> None:
    """A headline's figure is the body's: 'Report: Colombia's conflict has claimed at least
    220,000 lives' takes the claimant of the body's '… at least 220,000 …, according to X'.
    The body's first claim of that figure decides (the lede's), not a later repeat of it.

    The headline is the text's first line when it has no full stop and more text follows.
    """
    start, end = first
    if text[end - 1 : end] in ".!?" or "\n" not in text[end : end + 3] and end < len(text):
        return
    body = [r for r in rows if r["start"] >= end]
    for row in rows:
        if row["start"] >= end or (
            row["attributed"] and not _generic(row["claimant"]) and not _a_place(row["claimant"])
        ):
            continue
        same = next(
            (
                r
                for r in body
                if r["measure"] == row["measure"]
                and (r["low"], r["high"]) == (row["low"], row["high"])
            ),
            None,
        )
        if same is not None and same["attributed"]:
            row["claimant"], row["claimant_kind"], row["attributed"] = (
                same["claimant"],
                same["claimant_kind"],
                True,
            )


def _a_place(claimant: str | None) -> bool:
    """'South Korea confirms nearly 5,000 wartime executions': a headline's country stands for
    the body that speaks for it in the text ('a government commission said')."""
    if not claimant:
        return False
    places = find_places(claimant)
    return len(places) == 1 and places[0].start == 0 and places[0].end == len(claimant)


_UNNAMED = {"report", "study", "survey", "figures", "data", "findings"}


def _credit_figures_before(previous: list, sentence: str, gazetteer: Gazetteer) -> None:
    """'The report documents 3,498 deaths. The figures, recorded by UNAMA, …': the source
    named in the next sentence is the claimant of the figures not credited to anyone yet."""
    if not previous:
        return
    side = side_line_source(sentence, gazetteer.find(sentence))
    if side is not None:  # "19,000 killed" then the line "(Eritrean claim)"
        for _, row in previous:
            row["claimant"], row["claimant_kind"], row["attributed"] = side, "other", True
        return
    source = cataphoric_source(sentence, gazetteer.find(sentence))
    if source is None or source.claimant is None:
        return
    for claim, row in previous:
        if not claim.attributed or (claim.claimant or "").lower() in _UNNAMED:
            row["claimant"], row["claimant_kind"], row["attributed"] = (
                source.claimant,
                source.kind,
                True,
            )


def _row(
    claim: SentenceClaim,
    sentence: str,
    start: int,
    end: int,
    doc_id: str,
    source: str | None,
    state: DocumentState,
) -> dict:
    q = claim.quantity
    place, period = claim.place, claim.period
    return {
        "claim_id": f"{doc_id}:{start + q.start}",
        "doc_id": doc_id,
        "source": source,
        "outlet": state.outlet,
        "date": state.date,
        "claimant": claim.claimant,
        "claimant_kind": claim.claimant_kind,
        "attributed": claim.attributed,
        "measure": claim.measure,
        "measure_text": claim.measure_text,
        "population": claim.population,
        "value": q.value,
        "low": q.low,
        "high": q.high,
        "qualifier": q.qualifier,
        "vague": q.vague,
        "quantity_text": q.text,
        "place": place.name if place else None,
        "place_code": place.code if place else None,
        "place_level": place.level if place else None,
        "period": period.text if period else None,
        "period_start": period.first_day if period else None,
        "period_end": period.last_day if period else None,
        "context": claim.context,
        "rate": claim.rate,
        "construction": claim.construction,
        "sentence": sentence,
        "sentence_start": start,
        "sentence_end": end,
        "start": start + q.start,
        "end": start + q.end,
    }
