"""The report's charts as Altair (Vega-Lite) specifications.

Each builder takes a figures DataFrame and returns an `alt.Chart`; titles say
what is counted (documented or estimated) and over which period.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import altair as alt
import pandas as pd

from recount.reference import NO_PACK, CountryPack
from recount.report.figures import admin_unit_name

WIDTH = 640


def by_governorate(
    frame: pd.DataFrame,
    period: str,
    pack: CountryPack = NO_PACK,
    written: Mapping[str, str] | None = None,
) -> alt.Chart:
    """Per first-level admin unit, named and called as the country pack does (governorate,
    department); a code the pack does not know by the name the lists write for it."""
    written = written or {}
    data = frame.assign(
        place=frame["governorate"].map(
            lambda code: admin_unit_name(code, pack, written), na_action="ignore"
        )
    )
    order = list(data.sort_values("documented", ascending=False)["place"])
    y = alt.Y("place:N", sort=order, title=None)
    bars = (
        alt.Chart(data)
        .mark_bar(color="#4c78a8")
        .encode(
            y=y,
            x=alt.X("documented:Q", title="people"),
            tooltip=["place", "documented", "estimate", "lower", "upper"],
        )
    )
    layers = [bars]
    if data["estimate"].notna().any():
        estimated = data.dropna(subset=["estimate"])
        layers.append(
            alt.Chart(estimated)
            .mark_rule(color="#e45756", strokeWidth=2)
            .encode(y=y, x="lower:Q", x2="upper:Q")
        )
        layers.append(
            alt.Chart(estimated)
            .mark_point(color="#e45756", filled=True, size=60)
            .encode(y=y, x="estimate:Q")
        )
    title = f"Documented unique people (bars) and estimated total deaths with 95% interval (red), by {pack.admin_word}, {period}"
    return alt.layer(*layers).properties(width=WIDTH, title=_wrap(title))


def monthly_by_list(frame: pd.DataFrame, period: str) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_line(interpolate="monotone")
        .encode(
            x=alt.X("month:T", title="month of death"),
            y=alt.Y("people:Q", title="documented people"),
            color=alt.Color("source_id:N", title="list"),
            tooltip=["source_id", alt.Tooltip("month:T", format="%B %Y"), "people"],
        )
        .properties(
            width=WIDTH,
            height=260,
            title=_wrap(f"Documented unique people per list and month, {period}"),
        )
    )


def estimates_by_year(frame: pd.DataFrame, documented: pd.DataFrame, method: str) -> alt.Chart:
    base = alt.Chart(frame).encode(x=alt.X("year:O", title="year of death"))
    band = base.mark_area(opacity=0.25, color="#e45756").encode(
        y=alt.Y("lower:Q", title="people"), y2="upper:Q"
    )
    line = base.mark_line(color="#e45756", point=True).encode(
        y="estimate:Q", tooltip=["year", "documented", "estimate", "lower", "upper"]
    )
    doc = (
        alt.Chart(documented)
        .mark_line(color="#4c78a8", point=True, strokeDash=[4, 2])
        .encode(x="year:O", y="documented:Q", tooltip=["year", "documented"])
    )
    title = f"Estimated total deaths per year ({method}, red, 95% band) and documented unique people (blue)"
    return alt.layer(band, line, doc).properties(width=WIDTH, height=260, title=_wrap(title))


def lists_bars(frame: pd.DataFrame) -> alt.Chart:
    long = frame.melt(
        id_vars="source_id",
        value_vars=["people", "unique_to_list"],
        var_name="count",
        value_name="value",
    )
    long["count"] = long["count"].map(
        {"people": "documented people on the list", "unique_to_list": "on no other list"}
    )
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y("source_id:N", title="list"),
            x=alt.X("value:Q", title="people"),
            yOffset="count:N",
            color=alt.Color("count:N", title=None),
            tooltip=["source_id", "count", "value"],
        )
        .properties(
            width=WIDTH, title="Documented unique people per list, and those on no other list"
        )
    )


def overlap_heatmap(frame: pd.DataFrame) -> alt.Chart:
    base = alt.Chart(frame).encode(x=alt.X("list_a:N", title=None), y=alt.Y("list_b:N", title=None))
    heat = base.mark_rect().encode(
        color=alt.Color("people:Q", scale=alt.Scale(scheme="blues"), title="people")
    )
    text = base.mark_text(fontSize=11).encode(text="people:Q")
    return alt.layer(heat, text).properties(
        width=320, height=320, title="Documented people on both lists"
    )


def upset(patterns: pd.DataFrame, lists: list[str]) -> alt.VConcatChart:
    """UpSet-style: bars of capture-pattern counts over a dot matrix of the lists in each pattern."""
    order = list(patterns["pattern"])
    bars = (
        alt.Chart(patterns)
        .mark_bar(color="#4c78a8")
        .encode(
            x=alt.X("pattern:N", sort=order, axis=None),
            y=alt.Y("people:Q", title="people"),
            tooltip=["pattern", "people"],
        )
        .properties(
            width=WIDTH,
            height=200,
            title="Capture patterns: documented people by the set of lists holding them",
        )
    )
    rows = [
        {"pattern": p, "list": name, "member": name in p.split(" + ")}
        for p in order
        for name in lists
    ]
    dots = (
        alt.Chart(pd.DataFrame(rows))
        .mark_circle(size=80)
        .encode(
            x=alt.X("pattern:N", sort=order, axis=alt.Axis(labels=False, ticks=False, title=None)),
            y=alt.Y("list:N", title=None),
            color=alt.condition("datum.member", alt.value("#222"), alt.value("#ddd")),
        )
        .properties(width=WIDTH, height=22 * max(len(lists), 1))
    )
    return alt.vconcat(bars, dots, spacing=4)


def match_weights(frame: pd.DataFrame, threshold: float | None) -> alt.Chart:
    bars = (
        alt.Chart(frame)
        .mark_bar(color="#72b7b2")
        .encode(
            x=alt.X("match_weight:Q", title="match weight", bin=False),
            y=alt.Y("pairs:Q", scale=alt.Scale(type="symlog")),
            tooltip=["match_weight", "pairs"],
        )
    )
    layers = [bars]
    if threshold is not None and 0 < threshold < 1:
        weight = math.log2(threshold / (1 - threshold))
        layers.append(
            alt.Chart(pd.DataFrame({"w": [weight]}))
            .mark_rule(color="#e45756", strokeDash=[4, 2])
            .encode(x="w:Q")
        )
    return alt.layer(*layers).properties(
        width=WIDTH,
        height=220,
        title="Scored record pairs by match weight (red: the clustering threshold)",
    )


def count_bars(frame: pd.DataFrame, x: str, title: str) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar(color="#54a24b")
        .encode(
            x=alt.X(f"{x}:O"),
            y=alt.Y("people:Q", scale=alt.Scale(type="symlog")),
            tooltip=[x, "people"],
        )
        .properties(width=300, height=200, title=title)
    )


# What the per-stratum chart embeds of each row: no run time, so that the same estimates give
# the same chart byte for byte.
STRATUM_CHART_FIELDS = ["stratum", "documented", "estimate", "lower", "upper", "rhat", "ess"]


def stratum_intervals(frame: pd.DataFrame, method: str) -> alt.Chart:
    data = frame[(frame["method"] == method) & (frame["status"] == "ok")].copy()
    label_columns = [
        c for c in ("governorate", "year", "period", "half_year", "quarter") if c in data.columns
    ]
    labels = data[label_columns].map(lambda v: "unknown" if pd.isna(v) else str(v))
    data["stratum"] = labels.agg(" ".join, axis=1) if label_columns else data.index.astype(str)
    data = data[STRATUM_CHART_FIELDS]
    order = list(data.sort_values("documented")["stratum"])
    y = alt.Y("stratum:N", sort=order, title=None, axis=alt.Axis(labelFontSize=8))
    rule = (
        alt.Chart(data)
        .mark_rule(color="#e45756")
        .encode(y=y, x=alt.X("lower:Q", title="people"), x2="upper:Q")
    )
    point = (
        alt.Chart(data)
        .mark_point(color="#e45756", filled=True)
        .encode(
            y=y,
            x="estimate:Q",
            tooltip=["stratum", "documented", "estimate", "lower", "upper", "rhat", "ess"],
        )
    )
    doc = alt.Chart(data).mark_tick(color="#4c78a8").encode(y=y, x="documented:Q")
    return alt.layer(rule, point, doc).properties(
        width=WIDTH,
        height=max(120, 9 * len(data)),
        title=_wrap(
            f"Per stratum: estimated total ({method}, red, 95% interval) and documented people (blue tick)"
        ),
    )


def prior_sensitivity(frame: pd.DataFrame, documented: float, bound: float | None) -> alt.Chart:
    """The headline total's 95% interval under each capture prior (rows `prior`, `estimate`,
    `lower`, `upper`), beside the documented count (blue rule) and, where the open prior's
    interval runs towards it, the sampler's bound (grey dashed rule)."""
    y = alt.Y("prior:N", sort=list(frame["prior"]), title=None)
    x = alt.X("lower:Q", title="people", scale=alt.Scale(zero=False))
    layers = [
        alt.Chart(frame).mark_rule(color="#e45756", strokeWidth=3).encode(y=y, x=x, x2="upper:Q"),
        alt.Chart(frame)
        .mark_point(color="#e45756", filled=True, size=60)
        .encode(y=y, x="estimate:Q", tooltip=["prior", "estimate", "lower", "upper"]),
        alt.Chart(pd.DataFrame({"documented": [documented]}))
        .mark_rule(color="#4c78a8")
        .encode(x="documented:Q"),
    ]
    if bound is not None:
        layers.append(
            alt.Chart(pd.DataFrame({"bound": [bound]}))
            .mark_rule(color="#888888", strokeDash=[4, 4])
            .encode(x="bound:Q")
        )
    title = (
        "Estimated total (95% interval) under the default capture prior and under one that "
        "admits people the lists barely reach; documented people (blue)"
        + ("; the sampler's bound (dashed)" if bound is not None else "")
    )
    return alt.layer(*layers).properties(width=WIDTH, height=90, title=_wrap(title))


def _wrap(text: str, width: int = 90) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return lines
