"""persons and estimates frames built through recount.tables (the stage contract), for the claims tests."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from recount import tables

# People documented per (governorate, year); 50 more in Aleppo with no known date.
CELLS = {
    ("SY-HL", 2012): 100, ("SY-HL", 2013): 150, ("SY-HL", 2014): 150, ("SY-HL", 2015): 200, ("SY-HL", 2016): 400,
    ("SY-ID", 2012): 100, ("SY-ID", 2013): 200, ("SY-ID", 2014): 200, ("SY-ID", 2015): 150, ("SY-ID", 2016): 150,
    ("SY-RD", 2012): 100, ("SY-RD", 2013): 200, ("SY-RD", 2014): 100, ("SY-RD", 2015): 100, ("SY-RD", 2016): 100,
}  # fmt: skip
UNDATED_ALEPPO = 50


def build_persons() -> pd.DataFrame:
    rows = []
    index = 0
    cells = [*CELLS.items(), (("SY-HL", None), UNDATED_ALEPPO)]
    for (governorate, year), count in cells:
        for i in range(count):
            month = (i % 12) + 1 if year is not None else None
            status = "civilian" if i % 8 < 5 else "combatant" if i % 8 < 7 else "unknown"
            in_a, in_b = i % 3 != 0, i % 2 == 0 or i % 3 == 0
            rows.append(
                {
                    "person_id": f"P{index:06d}",
                    "n_records": int(in_a) + int(in_b),
                    "sources": [s for s, inside in (("a", in_a), ("b", in_b)) if inside],
                    "in_a": in_a,
                    "in_b": in_b,
                    "name": f"person {index}",
                    "name_latin": f"person {index}",
                    "name_forms": [f"person {index}"],
                    "sex": "F" if i % 4 == 0 else "M",
                    "age": 10 if i % 12 == 0 else 30,
                    "date_of_death": dt.date(year, month, 1) if year is not None else None,
                    "date_precision": "month" if year is not None else None,
                    "year": year,
                    "month": month,
                    "governorate": governorate,
                    "status": status,
                    "statuses": f"a:{status}",
                }
            )
            index += 1
    frame = pd.DataFrame(rows)
    return tables.frame("persons", frame)


def _estimate_row(
    governorate, year, level, documented, method, estimate, lower, upper, status="ok"
):
    return {
        "governorate": governorate,
        "year": year,
        "level": level,
        "documented": documented,
        "method": method,
        "estimate": estimate,
        "lower": lower,
        "upper": upper,
        "rhat": 1.01 if method == "lcmcr" else None,
        "ess": 900.0 if method == "lcmcr" else None,
        "status": status,
        "reason": None if status == "ok" else "too few people in the stratum",
        "flag": None,
        "seconds": 0.5,
    }


def build_estimates() -> pd.DataFrame:
    rows = [
        _estimate_row(None, None, "total", 2450, "lcmcr", 4000.0, 3200.0, 5200.0),
        _estimate_row(None, None, "total", 2450, "chapman", 3000.0, 2800.0, 3300.0),
        _estimate_row("SY-HL", None, "governorate", 1050, "lcmcr", 1700.0, 1400.0, 2200.0),
        _estimate_row("SY-ID", None, "governorate", 800, "lcmcr", 1300.0, 1000.0, 1800.0),
        _estimate_row(
            "SY-RD", None, "governorate", 600, "lcmcr", None, None, None, status="not_estimable"
        ),
    ]
    for year in range(2012, 2017):
        documented = sum(n for (_, y), n in CELLS.items() if y == year)
        rows.append(
            _estimate_row(
                None,
                year,
                "year",
                documented,
                "lcmcr",
                documented * 1.6,
                documented * 1.25,
                documented * 2.1,
            )
        )
    frame = pd.DataFrame(rows)
    frame["year"] = frame["year"].astype("Int64")
    return tables.frame("estimates", frame)
