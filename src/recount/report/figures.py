"""The numbers of the report, each computed from workspace tables by SQL.

Every function returns a DataFrame (or a small dict) and reads only tables,
so every figure in the report traces back to records.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

import pandas as pd

from recount.estimate.headline import headline_cautions, sensitivity_sentence
from recount.estimate.sensitivity import BOUND_SHARE, UNBOUNDED_FLAG, sampler_bound
from recount.reference import CountryPack
from recount.settings.sources import NAME_PARTS
from recount.tables import LINK_SUMMARY_METRICS, is_pooled, pooled_level
from recount.workspace import Workspace


def _scalar(ws: Workspace, sql: str) -> Any:
    return ws.query(sql).iloc[0, 0]


def period(ws: Workspace) -> str:
    """The span of dates of death among documented people, for figure captions."""
    row = ws.query("select min(date_of_death) as lo, max(date_of_death) as hi from persons").iloc[0]
    if pd.isna(row["lo"]):
        return "dates unknown"
    return f"{pd.Timestamp(row['lo']):%B %Y} to {pd.Timestamp(row['hi']):%B %Y}"


def preferred_estimates(ws: Workspace) -> pd.DataFrame:
    """The estimate stage's preferred row of every scope (recount.estimate.preferred):
    the only place the report learns which estimate is "the" estimate."""
    from recount.estimate.preferred import preferred_rows

    if not ws.has_table("estimates"):
        return pd.DataFrame(columns=["level", "method", "estimate", "lower", "upper", "flag"])
    return preferred_rows(ws.table("estimates"))


def _preferred_at(ws: Workspace, level: str) -> pd.DataFrame:
    """Preferred rows of one level, pooled or summed; with strata of that one field (say
    `strata = ["year"]`) its rows are the finest level, named `stratum`."""
    from recount.estimate.preferred import scope_columns

    rows = preferred_estimates(ws)
    names = [level, pooled_level(level)]
    if scope_columns(rows) == [level]:
        names.append("stratum")
    return rows[rows["level"].isin(names)]


def headline_method(ws: Workspace) -> str | None:
    """The method of the preferred total."""
    total = _preferred_at(ws, "total")
    return None if total.empty else str(total["method"].iloc[0])


def headline(ws: Workspace) -> dict[str, Any]:
    documented = int(_scalar(ws, "select count(*) from persons"))
    unidentified = int(_scalar(ws, "select count(*) from record_person where person_id is null"))
    records = int(_scalar(ws, "select count(*) from records"))
    out: dict[str, Any] = {
        "documented": documented,
        "unidentified": unidentified,
        "records": records,
        "period": period(ws),
        "method": None,
        "level": None,
        "estimate": None,
        "lower": None,
        "upper": None,
        "other": None,
        "cautions": [],
        "sensitivity": None,
    }
    total = _preferred_at(ws, "total")
    if total.empty:
        return out
    row = total.iloc[0]
    method, level = str(row["method"]), str(row["level"])
    out.update(
        method=method, level=level, **{k: float(row[k]) for k in ("estimate", "lower", "upper")}
    )
    out["cautions"] = headline_cautions(row["flag"])
    out["sensitivity"] = prior_sensitivity(row)
    other_level = "total" if is_pooled(level) else pooled_level("total")
    other = ws.query(
        "select estimate, lower, upper from estimates "
        "where level = ? and method = ? and status = 'ok'",
        [other_level, method],
    )
    if len(other):
        out["other"] = {
            "level": other_level,
            **{k: float(other[k].iloc[0]) for k in ("estimate", "lower", "upper")},
        }
    return out


def strata_sum_note(ws: Workspace, head: dict[str, Any], level: str, by: str) -> str | None:
    """Why estimates by year (or admin unit) run low: each sums its strata, and a stratum too
    small to estimate enters at its documented number, with none of the people its lists
    missed. None when the level's rows are the strata themselves, or every stratum of the
    headline's method was estimated."""
    method = head["method"]
    if method is None or not ws.has_table("estimates"):
        return None
    summed = _preferred_at(ws, level)
    if summed.empty or (summed["level"] == "stratum").all():
        return None
    strata = ws.query(
        "select status, documented, coalesce(flag, '') like '%small_stratum_low_bias_risk%' "
        "as low_risk from estimates where level = 'stratum' and method = ?",
        [method],
    )
    unestimated = strata[strata["status"] != "ok"]
    if unestimated.empty:
        return None
    sentence = (
        f"Each {by}'s estimate adds up its strata; {len(unestimated):,} of the "
        f"{len(strata):,} strata ({int(unestimated['documented'].sum()):,} documented people) "
        "were too small to estimate and count only at their documented number, with none of "
        f"the people their lists missed, so the {by}s where such strata are many are estimated low"
    )
    low_risk = int(strata["low_risk"].sum())
    sentence += (
        f"; {low_risk:,} more are small with lists that tend to agree, which MSE estimates low "
        "too (see the estimation diagnostics)."
        if low_risk
        else "."
    )
    total = head["other"] if is_pooled(head["level"]) else None
    if total is not None:
        sentence += (
            f" Added up over every stratum the total is {total['estimate']:,.0f}, against "
            f"{head['estimate']:,.0f} from the one pooled table of the headline."
        )
    return sentence


def imputed_note(ws: Workspace, head: dict[str, Any]) -> str | None:
    """How many strata hold people whose place or date no record gave, placed by the estimate
    stage's draw from people on the same lists (recount.estimate.unknown_strata), and what
    share of the documented people they are: where it is large the strata rest on the draw
    (on DRC-like lists a quarter of the people, note 237). None where nobody was placed so."""
    method = head["method"]
    if method is None or not ws.has_table("estimates"):
        return None
    if "imputed" not in ws.query("select * from estimates limit 0").columns:
        return None  # estimated before the stage counted them
    strata = ws.query(
        "select documented, coalesce(imputed, 0) as imputed from estimates "
        "where level = 'stratum' and method = ?",
        [method],
    )
    placed = strata[strata["imputed"] > 0]
    if placed.empty:
        return None
    people, documented = int(placed["imputed"].sum()), int(strata["documented"].sum())
    return (
        f"{len(placed):,} of the {len(strata):,} strata hold people whose admin unit or date no "
        "record gave, placed by a draw from people of the same place or on the same lists: "
        f"{people:,} of the {documented:,} documented people ({people / documented:.1%}). "
        "Each stratum's documented count and estimate include them (column imputed, flag "
        "imputed_strata); the larger that share, the more the estimates by stratum rest on "
        "the draw rather than on the lists."
    )


def prior_sensitivity(row: pd.Series) -> dict[str, Any] | None:
    """The headline row under both capture priors (recount.estimate.sensitivity): the
    sentence, the chart's rows, the documented count and, where the lists leave the total
    open above, the sampler's bound; None where the stage made no refit."""
    sentence = sensitivity_sentence(row)
    if sentence is None:
        return None
    flags = str(row["flag"]).split(";") if pd.notna(row["flag"]) else []
    frame = pd.DataFrame(
        {
            "prior": ["default (R's LCMCR)", "admits the barely reached"],
            "estimate": [float(row["estimate"]), float(row["sensitivity_estimate"])],
            "lower": [float(row["lower"]), float(row["sensitivity_lower"])],
            "upper": [float(row["upper"]), float(row["sensitivity_upper"])],
        }
    )
    documented = float(row["documented"])
    bound = sampler_bound(documented)
    bound = (
        bound
        if UNBOUNDED_FLAG in flags and row["sensitivity_upper"] >= BOUND_SHARE * bound
        else None
    )
    return {"sentence": sentence, "frame": frame, "documented": documented, "bound": bound}


def total_levels(ws: Workspace) -> pd.DataFrame:
    """Every method's total, summed over strata and pooled, for the estimation section."""
    if not ws.has_table("estimates"):
        return pd.DataFrame()
    return ws.query(
        "select level, method, documented, estimate, lower, upper, status, flag, reason from estimates "
        "where level in (?, ?) order by level, method",
        ["total", pooled_level("total")],
    )


def by_status(ws: Workspace) -> pd.DataFrame:
    return ws.query(
        "select coalesce(status, 'unknown') as status, count(*) as documented "
        "from persons group by 1 order by documented desc"
    )


def unidentified_by_source(ws: Workspace) -> pd.DataFrame:
    return ws.query(
        "select source_id, coalesce(reason, 'unidentified') as reason, count(*) as records "
        "from record_person where person_id is null group by 1, 2 order by 1, 3 desc"
    )


UNKNOWN_UNIT = "unknown"  # people with no admin unit, in the table and chart


def by_governorate(ws: Workspace) -> pd.DataFrame:
    documented = ws.query(
        f"select coalesce(governorate, '{UNKNOWN_UNIT}') as governorate, count(*) as documented "
        "from persons group by 1"
    )
    estimated = _preferred_at(ws, "governorate")
    if estimated.empty or "governorate" not in estimated.columns:
        documented[["estimate", "lower", "upper"]] = float("nan")
        return documented.sort_values("documented", ascending=False)
    shown = estimated[["governorate", "method", "estimate", "lower", "upper"]]
    frame = documented.merge(
        shown.assign(governorate=shown["governorate"].astype("object").fillna(UNKNOWN_UNIT)),
        on="governorate",
        how="left",
    )
    return frame.sort_values("documented", ascending=False).reset_index(drop=True)


def admin_names_as_written(ws: Workspace) -> dict[str, str]:
    """Per admin unit code, the Latin-script name the lists write for it most often: without
    a country pack, the codes a user mapped (SD-DW) would be all a chart shows. (A chart
    label mixing scripts, 'غرب دارفور (SD-DW)', is drawn in the wrong order.)"""
    written = ws.query(
        "select governorate, governorate_raw, count(*) as n from records "
        "where governorate is not null and governorate_raw is not null "
        "and governorate_raw <> governorate group by all order by governorate, n desc, 2"
    )
    names: dict[str, str] = {}
    for code, raw in zip(written["governorate"], written["governorate_raw"], strict=True):
        if code not in names and _in_latin_script(raw):
            names[code] = raw
    return names


def admin_unit_name(code: str, pack: CountryPack, written: Mapping[str, str]) -> str:
    """An admin unit as the report names it: by the country pack's name (Huehuetenango), else
    by the name the lists write for its code (North Darfur (SD-DN)), else by the code."""
    known = pack.admin_name(code)
    return f"{written[code]} ({code})" if known == code and code in written else known


def _in_latin_script(text: str) -> bool:
    return all("LATIN" in unicodedata.name(ch, "") for ch in text if ch.isalpha())


def undated(ws: Workspace) -> bool:
    """No documented person has a year of death (lists of births, of the missing, ...)."""
    return int(_scalar(ws, "select count(year) from persons")) == 0


def monthly_by_list(ws: Workspace) -> pd.DataFrame:
    """Documented unique people per list and month (a person on two lists counts in both)."""
    return ws.query(
        "select source_id, make_date(year, month, 1) as month, count(*) as people "
        "from (select unnest(sources) as source_id, year, month from persons "
        "where year is not null and month is not null) group by 1, 2 order by 2, 1"
    )


def estimates_by_year(ws: Workspace) -> pd.DataFrame:
    yearly = _preferred_at(ws, "year")
    if yearly.empty or "year" not in yearly.columns:
        return pd.DataFrame(columns=["year", "documented", "estimate", "lower", "upper"])
    columns = ["year", "documented", "estimate", "lower", "upper"]
    return yearly.dropna(subset=["year"])[columns].sort_values("year").reset_index(drop=True)


def source_ids(ws: Workspace) -> list[str]:
    return [
        c.removeprefix("in_")
        for c in ws.query("select * from persons limit 0").columns
        if c.startswith("in_")
    ]


def lists_summary(ws: Workspace) -> pd.DataFrame:
    """Per list: records, rows quarantined, documented people, and people no other list has."""
    ids = source_ids(ws)
    rows = []
    for sid in ids:
        col = f'"in_{sid}"'
        others = " or ".join(f'"in_{o}"' for o in ids if o != sid) or "false"
        row = ws.query(
            f"select count(*) filter (where {col}) as people, "
            f"count(*) filter (where {col} and not ({others})) as unique_to_list from persons"
        ).iloc[0]
        rows.append(
            {
                "source_id": sid,
                "people": int(row["people"]),
                "unique_to_list": int(row["unique_to_list"]),
            }
        )
    frame = pd.DataFrame(rows, columns=["source_id", "people", "unique_to_list"])
    sources = (
        ws.query("select source_id, rows_in, records, quarantined from sources")
        if ws.has_table("sources")
        else pd.DataFrame(columns=["source_id"])
    )
    frame = sources.merge(frame, on="source_id", how="outer")
    unidentified = ws.query(
        "select source_id, count(*) as unidentified from record_person where person_id is null group by 1"
    )
    frame = frame.merge(unidentified, on="source_id", how="left").fillna({"unidentified": 0})
    total = max(int(_scalar(ws, "select count(*) from persons")), 1)
    frame["share_of_documented"] = frame["people"] / total
    return frame


def pairwise_overlap(ws: Workspace) -> pd.DataFrame:
    ids = source_ids(ws)
    rows = []
    for a in ids:
        for b in ids:
            n = int(_scalar(ws, f'select count(*) from persons where "in_{a}" and "in_{b}"'))
            rows.append({"list_a": a, "list_b": b, "people": n})
    return pd.DataFrame(rows, columns=["list_a", "list_b", "people"])


def capture_patterns(ws: Workspace, top: int = 30) -> pd.DataFrame:
    """Capture patterns (which lists hold a person) with their counts, commonest first."""
    frame = ws.query(
        "select array_to_string(list_sort(sources), ' + ') as pattern, len(sources) as lists, "
        "count(*) as people from persons group by 1, 2 order by people desc"
    )
    return frame.head(top)


def linkage_summary(ws: Workspace) -> dict[str, Any]:
    """The link stage's summary in words (what, detail, value) and its clustering threshold;
    cluster sizes and unidentified records have their own charts and tables."""
    out: dict[str, Any] = {
        "threshold": None,
        "summary": pd.DataFrame(columns=["what", "detail", "value"]),
    }
    if ws.has_table("link_summary"):
        summary = ws.table("link_summary")
        threshold = summary.loc[summary["metric"] == "threshold", "value"]
        if len(threshold):
            out["threshold"] = float(threshold.iloc[0])
        shown = summary[~summary["metric"].isin(["cluster_size", "unidentified_records"])]
        out["summary"] = pd.DataFrame(
            {
                "what": shown["metric"].map(lambda m: LINK_SUMMARY_METRICS.get(m, m)),
                "detail": shown["detail"],
                "value": shown["value"],
            }
        )
    return out


def match_weight_histogram(ws: Workspace, bins: int = 40) -> pd.DataFrame:
    return ws.query(
        f"with b as (select min(match_weight) lo, max(match_weight) hi from pairs) "
        f"select round(lo + (hi - lo) / {bins} * least(floor((match_weight - lo) / nullif((hi - lo) / {bins}, 0)), {bins - 1}), 2) "
        f"as match_weight, count(*) as pairs from pairs, b group by 1 order by 1"
    )


def cluster_sizes(ws: Workspace) -> pd.DataFrame:
    return ws.query(
        "select n_records as records_per_person, count(*) as people from persons group by 1 order by 1"
    )


def lists_per_person(ws: Workspace) -> pd.DataFrame:
    return ws.query(
        "select len(sources) as lists, count(*) as people from persons group by 1 order by 1"
    )


def borderline_pairs(
    ws: Workspace, threshold: float | None, redact: bool, n: int = 20
) -> pd.DataFrame:
    """Pairs whose match probability is closest to the threshold; names only when not redacted."""
    t = 0.5 if threshold is None else threshold
    pairs = ws.query(
        "select record_id_l, record_id_r, match_weight, match_probability from pairs "
        "order by abs(match_probability - ?), record_id_l, record_id_r limit ?",
        [t, n],
    )
    if redact or pairs.empty:
        return pairs
    names = ws.query(
        "select record_id, coalesce(name, name_latin) as name, date_of_death, governorate from records "
        "where record_id in (select unnest(?))",
        [list(pairs["record_id_l"]) + list(pairs["record_id_r"])],
    ).set_index("record_id")
    for side in ("l", "r"):
        joined = names.reindex(pairs[f"record_id_{side}"])
        pairs[f"name_{side}"] = joined["name"].to_numpy()
        pairs[f"date_{side}"] = joined["date_of_death"].astype(str).to_numpy()
        pairs[f"governorate_{side}"] = joined["governorate"].to_numpy()
    return pairs


def stratum_estimates(ws: Workspace) -> pd.DataFrame:
    if not ws.has_table("estimates"):
        return pd.DataFrame()
    return ws.query("select * from estimates where level = 'stratum' order by all")


def not_estimable(ws: Workspace) -> pd.DataFrame:
    if not ws.has_table("estimates"):
        return pd.DataFrame()
    frame = ws.query("select * from estimates where status <> 'ok'")
    keep = [
        c
        for c in frame.columns
        if c not in ("estimate", "lower", "upper", "rhat", "ess", "seconds")
    ]
    return frame[keep].drop_duplicates()


def quarantine_summary(ws: Workspace) -> pd.DataFrame:
    if not ws.has_table("quarantine"):
        return pd.DataFrame(columns=["source_id", "reason", "rows"])
    return ws.query(
        "select source_id, reason, count(*) as rows from quarantine group by 1, 2 order by 1, 3 desc"
    )


MISSING_FIELDS = (
    "name",
    "name_latin",
    "sex",
    "age",
    "date_of_death",
    "date_of_birth",
    "governorate",
    "place",
    "place_of_birth",
    "status",
)


def _missing_shares(ws: Workspace) -> pd.DataFrame:
    """Share of records per source with each canonical field empty."""
    columns = set(ws.query("select * from records limit 0").columns)
    parts = [
        f'avg(case when "{f}" is null or cast("{f}" as varchar) = \'\' then 1 else 0 end) as "{f}"'
        for f in MISSING_FIELDS
        if f in columns
    ]
    return ws.query(
        f"select source_id, count(*) as records, {', '.join(parts)} from records group by 1 order by 1"
    )


def _given(ws: Workspace, shares: pd.DataFrame) -> list[str]:
    """Fields some list maps (even if none of its values could be read) or some record holds."""
    mapped = {"name"}
    for source in ws.config.sources:
        for field in source.columns:
            mapped.add("name" if field in NAME_PARTS else field)
    fields = [c for c in shares.columns if c not in ("source_id", "records")]
    return [f for f in fields if f in mapped or (shares[f] < 1).any()]


def missing_fields(ws: Workspace) -> pd.DataFrame:
    """Share of records per source with each field some list gives empty."""
    shares = _missing_shares(ws)
    return shares[["source_id", "records", *_given(ws, shares)]]


def fields_no_list_gives(ws: Workspace) -> list[str]:
    shares = _missing_shares(ws)
    given = set(_given(ws, shares))
    return sorted(c for c in shares.columns if c not in ("source_id", "records", *given))


def documented_by_year(ws: Workspace) -> pd.DataFrame:
    return ws.query(
        "select year, count(*) as documented from persons where year is not null group by 1 order by 1"
    )
