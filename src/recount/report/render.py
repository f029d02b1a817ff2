"""Turn figures and charts into one self-contained HTML file.

Charts are embedded as Vega-Lite specs rendered by an inlined Vega bundle,
with a static SVG (rendered by vl-convert) in place until the script runs,
so the file opens offline and still shows every chart without JavaScript.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import altair as alt
import jinja2
import pandas as pd
import vl_convert as vlc


@dataclass
class ChartBlock:
    id: str
    spec_json: str
    svg: str
    caption: str


@dataclass
class TableBlock:
    columns: list[str]
    rows: list[list[str]]
    numeric: list[bool]


def chart_block(chart_id: str, chart: alt.TopLevelMixin, caption: str = "") -> ChartBlock:
    with alt.data_transformers.disable_max_rows():
        spec = chart.to_dict()
    svg = vlc.vegalite_to_svg(spec)
    spec_json = json.dumps(spec, ensure_ascii=False, default=str).replace("</", "<\\/")
    return ChartBlock(chart_id, spec_json, svg, caption)


def _cell(value: Any, column: str, share_columns: tuple[str, ...]) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) or (
        hasattr(value, "dtype") and str(getattr(value, "dtype", "")).startswith("int")
    ):
        return (
            f"{int(value):,}" if column not in ("year", "month", "source_row") else str(int(value))
        )
    if isinstance(value, float):
        if column in ("year", "month"):
            return str(int(value))
        if column in share_columns:
            return f"{value:.1%}"
        if abs(value) >= 100:
            return f"{value:,.0f}"
        return f"{value:.3g}"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if hasattr(value, "tolist"):
        return "; ".join(str(v) for v in value.tolist())
    return str(value)


def table_block(frame: pd.DataFrame, share_columns: tuple[str, ...] = ()) -> TableBlock:
    """A DataFrame as formatted cells; `share_columns` are shown as percentages."""
    columns = [str(c) for c in frame.columns]
    numeric = [
        pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        for c in frame.columns
    ]
    rows = [
        [_cell(v, c, share_columns) for v, c in zip(row, columns, strict=True)]
        for row in frame.itertuples(index=False)
    ]
    return TableBlock(columns, rows, numeric)


@lru_cache(maxsize=1)
def vega_bundle() -> str:
    return vlc.javascript_bundle()


def render(context: dict[str, Any]) -> str:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("recount.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        undefined=jinja2.StrictUndefined,
    )
    env.filters["num"] = lambda v: (
        "" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:,.0f}"
    )
    template = env.get_template("report.html.j2")
    return template.render(vega_bundle=vega_bundle(), **context)
