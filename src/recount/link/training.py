"""Estimating the model: u by random sampling, m by EM on chosen blocks (or labels), bounded.

The training blocks guard against the 'namesake' solution. EM run on pairs
that merely share a name finds two classes, but they are 'same place and
period' versus not, not 'same person' versus not. So the name comparison is
learnt among records that share a date (and admin unit where there is one),
every other comparison among records that share a *rare* set of names (nearly
all the same person); in each session the comparisons it does not estimate are
held neutral (m = u) so they cannot steer the classes. Labels from review,
when there are enough, replace EM's m wherever labelled pairs reach a level.
Every m is then shrunk towards its prior and floored (`model.PRIOR_WEIGHT`,
`model.M_FLOOR`): no single field can forbid a link however the data fell.
The prior match probability is the deterministic rule's pairs over the rule's
recall, which (`deterministic_recall = "auto"`) the trained m probabilities give.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
from splink.internals.exceptions import EMTrainingException

from recount.link import comparisons as cmp
from recount.link import model
from recount.link.engines import Engine
from recount.link.fields import Fields
from recount.settings import LinkSettings
from recount.settings.link import AUTO_RECALL

EM_MAX_PAIRS = 2e6
MIN_EM_PAIRS = 200
MIN_DETERMINISTIC_PAIRS = 10
# significant digits a learned m or u keeps (see _settled)
PARAMETER_DIGITS = 9
U_MIN_PAIRS = 1e5
U_PAIRS_PER_RECORD = 100

Block = tuple[tuple[str, ...], str]  # (equal columns, extra condition on l.)
# The deterministic rule's recall assumed before the model is trained (EM's starting prior).
START_RECALL = 0.6
# The comparison that holds each column a deterministic rule can require equal.
RULE_COMPARISON = {
    "dod_day": "date_of_death",
    "dob_day": "date_of_birth",
    "place_key": "place",
    "governorate": "governorate",
    "birth_place": "place_of_birth",
}


@dataclass
class TrainedModel:
    """A trained model as Splink's settings dict, with how it was trained."""

    settings: dict[str, Any]
    trained_from: str
    warnings: list[str] = field(default_factory=list)

    def save(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".json.tmp")
        # Splink draws a random linker_uid per linker; it names no part of the model
        stable = {k: v for k, v in self.settings.items() if k != "linker_uid"}
        tmp.write_text(json.dumps(stable, indent=2), encoding="utf-8")
        tmp.replace(path)
        return path

    @classmethod
    def load(cls, path: Path) -> TrainedModel:
        return cls(json.loads(Path(path).read_text(encoding="utf-8")), trained_from=str(path))

    def match_weights(self) -> pd.DataFrame:
        """One row per comparison level: m, u and the match weight log2(m/u)."""
        rows = []
        for comparison in self.settings["comparisons"]:
            for level in comparison["comparison_levels"]:
                if level.get("is_null_level"):
                    continue
                m, u = level.get("m_probability"), level.get("u_probability")
                weight = math.log2(m / u) if m and u else None
                rows.append(
                    {
                        "comparison": comparison["output_column_name"],
                        "level": level.get("label_for_charts", level["sql_condition"]),
                        "m": m,
                        "u": u,
                        "match_weight": weight,
                    }
                )
        return pd.DataFrame(rows)


def name_blocks(fields: Fields) -> list[Block]:
    """Where the name comparison is learnt: records of one date and, where known, one birth year.

    Relatives killed together share the date, the place and most of their
    names; on a block of the date alone EM takes 'same household' for 'same
    person' (a name differing in one token would count as agreement). Siblings
    are rarely born in the same year, so the year of birth keeps them out.
    Where the date is of birth, its place is the place: on the date alone, the
    people a list records as born on a 1 January (the year only) are strangers
    sharing a name or not, and EM's name weights flip between two fits with the
    seed (historical_50k: 'one name agrees' +4 or -1 bits).
    """
    date = fields.primary_date
    blocks: list[Block] = []
    if date:
        born = ["birth_year"] if date == "dod_day" and fields.has("birth_year") else []
        places = ("governorate", "place_key", "birth_place")
        for where in places:
            if fields.has(where):
                blocks.append(((date, *born, where), ""))
        if born:
            blocks.append(((date, *born), ""))
        for where in places:
            if fields.has(where):
                blocks.append(((date, where), ""))
        blocks.append(((date,), ""))
    for column in fields.identifiers:
        blocks.append(((column,), ""))
    return blocks


def rare_name_blocks(rare_name_max: int) -> list[Block]:
    rare = f"l.token_set_freq <= {int(rare_name_max)}"
    return [(("token_set",), f"{rare} and l.token_count >= 3"), (("token_set",), rare)]


def deterministic_blocks(fields: Fields) -> list[Block]:
    date = fields.primary_date
    blocks: list[Block] = []
    if date:
        blocks.append((("token_set", date), ""))
    for where in ("place_key", "governorate", "birth_place"):
        if fields.has(where):
            blocks.append((("token_set", where), ""))
    return blocks


def rule_coverage(frame: pd.DataFrame, block: Block) -> float:
    """Share of the pairs sharing a set of names in which both records carry the block's other
    fields. The deterministic rule cannot see a pair where either record lacks its date (or
    place): `deterministic_recall` is its recall among the pairs it can see, so the prior is
    not underestimated on lists where that field is often missing."""
    others = [c for c in block[0] if c != "token_set"]
    if not others:
        return 1.0
    carried = frame[others].notna().all(axis=1)
    groups = pd.DataFrame({"key": frame["token_set"], "carried": carried}).groupby(
        "key", sort=False
    )["carried"]
    n, k = groups.size(), groups.sum()
    pairs = float((n * (n - 1) // 2).sum())
    seen = float((k * (k - 1) // 2).sum())
    return seen / pairs if pairs and seen else 1.0


def rule_recall_among_matches(settings: dict[str, Any], block: Block) -> float:
    """Share of true matches (carrying the rule's fields) that the deterministic rule finds,
    as the trained model's own m probabilities say: the names' 'same set of names' levels
    times the first level ('same') of the comparison of the rule's date or place."""
    by_name = {c["output_column_name"]: c for c in settings["comparisons"]}
    recall = 1.0
    names = by_name.get(model.NAME_COMPARISON)
    same_names = [
        lv.get("m_probability") or 0.0
        for lv in (names or {}).get("comparison_levels", [])
        if lv.get("label_for_charts") in cmp.SAME_NAMES_LEVELS
    ]
    if not same_names:
        return START_RECALL
    recall *= sum(same_names)
    for column in block[0]:
        name = RULE_COMPARISON.get(column)
        if name is None:
            continue
        levels = [
            lv
            for lv in by_name.get(name, {}).get("comparison_levels", [])
            if not lv.get("is_null_level")
        ]
        if not levels:
            return START_RECALL
        recall *= levels[0].get("m_probability") or 0.0
    return recall if recall > 0 else START_RECALL


def prior_from_rule(frame: pd.DataFrame, block: Block, recall: float) -> float:
    """Probability that two random records match: the rule's pairs over its recall, per pair."""
    n = len(frame)
    pairs = n * (n - 1) / 2
    found = block_pair_count(frame, block)
    return float(min(max(found / recall / pairs, 1.0 / pairs), 0.5)) if pairs else 1e-4


def block_sql(block: Block) -> str:
    columns, condition = block
    equal = " and ".join(f"l.{c} = r.{c}" for c in columns)
    return f"{equal} and {condition}" if condition else equal


def train(
    engine: Engine,
    frame: pd.DataFrame,
    settings: dict[str, Any],
    fields: Fields,
    options: LinkSettings,
    match_labels: pd.DataFrame | None = None,
) -> TrainedModel:
    """Estimate the model `settings` on the linkable records `frame`."""
    warnings: list[str] = []
    base = engine.linker(frame, copy.deepcopy(settings))
    deterministic = first_usable_block(frame, deterministic_blocks(fields), MIN_DETERMINISTIC_PAIRS)
    if deterministic is None:
        warnings.append(
            "no records agree on all names and a date or place: "
            "the prior match probability is Splink's default"
        )
    else:
        assumed = (
            START_RECALL
            if options.deterministic_recall == AUTO_RECALL
            else options.deterministic_recall
        )
        base.training.estimate_probability_two_random_records_match(
            [block_sql(deterministic)], recall=assumed * rule_coverage(frame, deterministic)
        )
    base.training.estimate_u_using_random_sampling(
        max_pairs=u_pairs(options.u_max_pairs, len(frame)), seed=options.seed
    )
    trained = base.misc.save_model_to_json()
    unsampled = unsampled_levels(trained)

    # one name slot is learnt with the names, where relatives killed together are in the
    # blocks: among records sharing a rare set of names the slots nearly always agree
    names = [c for c in (model.NAME_COMPARISON, *cmp.NAME_SLOTS) if _has(trained, c)]
    others = [
        c["output_column_name"]
        for c in trained["comparisons"]
        if c["output_column_name"] not in names
    ]
    sessions = [
        (names, name_blocks(fields)),
        (others, rare_name_blocks(options.rare_name_max)),
    ]
    used = []
    for estimated, blocks in sessions:
        if not estimated:
            continue
        session = _em_session(engine, frame, trained, blocks, estimated, warnings)
        if session is None:
            continue
        used_block, result = session
        used.append(used_block)
        for comparison in trained["comparisons"]:
            if comparison["output_column_name"] in estimated:
                _copy_m(result, comparison)
    trained_from = "EM on " + " / ".join(used or ["no block"]) + "; u by random sampling"
    if match_labels is not None and len(match_labels) >= options.min_labels:
        labelled = engine.linker(frame, copy.deepcopy(trained))
        label_table = engine.db_api.register(match_labels)
        labelled.training.estimate_m_from_pairwise_labels(label_table.physical_name)
        trained = labelled.misc.save_model_to_json()
        trained_from = f"review labels ({len(match_labels)} matching pairs), then {trained_from}"
    bound_m(trained)
    share_m_with_parent(trained)
    weigh_as_no_evidence(trained, unsampled)
    if deterministic is not None and options.deterministic_recall == AUTO_RECALL:
        recall = rule_coverage(frame, deterministic) * rule_recall_among_matches(
            trained, deterministic
        )
        trained["probability_two_random_records_match"] = prior_from_rule(
            frame, deterministic, recall
        )
    result = TrainedModel(trained, trained_from)
    result.warnings = warnings + sanity_warnings(result)
    return result


def u_pairs(max_pairs: float, records: int) -> float:
    """Pairs sampled for u: `u_max_pairs`, but no more than 100 per record (at least 100,000).

    A small workspace's u is as well estimated from a few hundred thousand pairs,
    and sampling millions costs it most of its run.
    """
    return float(min(max_pairs, max(U_MIN_PAIRS, U_PAIRS_PER_RECORD * records)))


def _has(settings: dict[str, Any], name: str) -> bool:
    return any(c["output_column_name"] == name for c in settings["comparisons"])


def first_usable_block(frame: pd.DataFrame, blocks: list[Block], min_pairs: int) -> Block | None:
    """The first candidate block that yields at least `min_pairs` pairs."""
    for block in blocks:
        if block_pair_count(frame, block) >= min_pairs:
            return block
    return None


def block_pair_count(frame: pd.DataFrame, block: Block) -> int:
    """Pairs an equality block generates (its extra condition applied to both sides)."""
    columns, condition = block
    con = duckdb.connect()
    try:
        con.register("frame", frame[[*columns, "token_set_freq", "token_count"]])
        where = " and ".join(f"{c} is not null" for c in columns)
        if condition:
            where += " and " + condition.replace("l.", "")
        return int(
            con.execute(
                f"select coalesce(sum(n * (n - 1) // 2), 0) from "
                f"(select count(*) as n from frame where {where} group by {', '.join(columns)})"
            ).fetchone()[0]
        )
    finally:
        con.close()


def _em_session(
    engine: Engine,
    frame: pd.DataFrame,
    base_settings: dict[str, Any],
    blocks: list[Block],
    estimated: list[str],
    warnings: list[str],
) -> tuple[str, dict[str, Any]] | None:
    """EM on the first workable block, estimating only `estimated`; the rest held at m = u.
    Returns the block (as trained_from names it) and the estimate."""
    session_settings = copy.deepcopy(base_settings)
    for comparison in session_settings["comparisons"]:
        if comparison["output_column_name"] in estimated:
            continue
        for level in comparison["comparison_levels"]:
            if level.get("is_null_level") or "u_probability" not in level:
                continue
            level["m_probability"] = level["u_probability"]
            level["fix_m_probability"] = True
    collapsed = []
    for block in blocks:
        pair_count = block_pair_count(frame, block)
        if pair_count < MIN_EM_PAIRS:
            continue
        max_pairs = EM_MAX_PAIRS if pair_count > EM_MAX_PAIRS else None
        linker = engine.linker(frame, copy.deepcopy(session_settings))
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(
                block_sql(block), estimate_without_term_frequencies=True, max_pairs=max_pairs
            )
        except EMTrainingException:
            continue
        except ValueError:
            # Splink refuses an m that EM drove to 0.0: a level seen only in pairs the fit
            # calls non-matches (namesakes). That is evidence the level is rare among matches,
            # not a reason to fall back on the priors: EM again, bounded at every step.
            bounded = _bounded_em(engine, frame, session_settings, block, estimated, max_pairs)
            if bounded is None:
                collapsed.append(block_sql(block))
                continue
            return f"{block_sql(block)} (bounded at each step)", bounded
        return block_sql(block), linker.misc.save_model_to_json()
    tried = "; ".join(block_sql(b) for b in blocks) or "none"
    failed = f"EM drove an m to zero on {'; '.join(collapsed)} and " if collapsed else ""
    warnings.append(
        f"{', '.join(estimated)}: {failed}no {'other ' if collapsed else ''}training block had "
        f"enough pairs ({tried}): "
        "prior m probabilities used"
    )
    return None


def _bounded_em(
    engine: Engine,
    frame: pd.DataFrame,
    session_settings: dict[str, Any],
    block: Block,
    estimated: list[str],
    max_pairs: float | None,
) -> dict[str, Any] | None:
    """EM on the block's comparison vectors with every step's m of `estimated` shrunk and
    floored (`bound_m`) before the next: no m reaches zero, so no pair's posterior underflows,
    and the fit ends within the bounds every model keeps anyway. The vectors come from one
    Splink prediction over the block; the iterations are numpy. The comparisons not
    estimated are held at m = u, so they leave the posterior alone. None on a block too
    large to hold (`EM_MAX_PAIRS`)."""
    if max_pairs is not None:
        return None
    settings = copy.deepcopy(session_settings)
    bound_m(settings, only=estimated)  # every m set: the prior where EM left none
    vectors = _comparison_vectors(engine, frame, settings, block)
    comparisons = [c for c in settings["comparisons"] if c["output_column_name"] in estimated]
    levels = {c["output_column_name"]: _non_null(c) for c in comparisons}
    gamma = {
        name: len(lv) - 1 - vectors[f"gamma_{name}"].to_numpy(dtype=np.int64)
        for name, lv in levels.items()
    }  # Splink numbers the first level highest, null -1: here the index of the level
    log_u = {
        name: np.log([lv.get("u_probability") or 1e-4 for lv in levels[name]]) for name in levels
    }
    share = 0.5
    for _ in range(settings["max_iterations"]):
        before = _m_values(settings, estimated)
        odds = np.full(len(vectors), math.log(share / (1 - share)))
        for name, lv in levels.items():
            known = gamma[name] < len(lv)
            log_m = np.log([level["m_probability"] for level in lv])
            odds[known] += (log_m - log_u[name])[gamma[name][known]]
        match = 1 / (1 + np.exp(-np.clip(odds, -700, 700)))
        for name, lv in levels.items():
            known = gamma[name] < len(lv)
            mass = np.bincount(gamma[name][known], weights=match[known], minlength=len(lv))
            for level, m in zip(lv, mass / max(mass.sum(), 1e-300), strict=True):
                level["m_probability"] = float(m)
        bound_m(settings, only=estimated)
        share = float(min(max(match.mean(), 1e-6), 1 - 1e-6))
        change = max(
            (abs(x - y) for x, y in zip(before, _m_values(settings, estimated), strict=True)),
            default=0.0,
        )
        if change < settings["em_convergence"]:
            break
    return settings


def _comparison_vectors(
    engine: Engine, frame: pd.DataFrame, settings: dict[str, Any], block: Block
) -> pd.DataFrame:
    """Every pair of the block with its level per comparison (Splink's gamma_ columns)."""
    scoring = copy.deepcopy(settings)
    scoring["blocking_rules_to_generate_predictions"] = [
        {"blocking_rule": block_sql(block), "sql_dialect": engine.sql_dialect}
    ]
    scoring["retain_matching_columns"] = True  # Splink keeps gamma_ columns with them
    for comparison in scoring["comparisons"]:
        for level in comparison["comparison_levels"]:
            level.pop("tf_adjustment_column", None)
            level.pop("tf_adjustment_weight", None)
            if not level.get("is_null_level"):
                level["m_probability"] = level.get("m_probability") or 0.5
                level["u_probability"] = level.get("u_probability") or 0.5
    predicted = engine.linker(frame, scoring).inference.predict()
    columns = [f"gamma_{c['output_column_name']}" for c in scoring["comparisons"]]
    return predicted.as_pandas_dataframe()[columns]


def _non_null(comparison: dict[str, Any]) -> list[dict[str, Any]]:
    return [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]


def _m_values(settings: dict[str, Any], names: list[str]) -> list[float]:
    return [
        level.get("m_probability") or 0.0
        for comparison in settings["comparisons"]
        if comparison["output_column_name"] in names
        for level in comparison["comparison_levels"]
        if not level.get("is_null_level")
    ]


def _copy_m(source_settings: dict[str, Any], comparison: dict[str, Any]) -> None:
    for source in source_settings["comparisons"]:
        if source["output_column_name"] == comparison["output_column_name"]:
            for level, trained in zip(
                comparison["comparison_levels"], source["comparison_levels"], strict=True
            ):
                if "m_probability" in trained:
                    level["m_probability"] = trained["m_probability"]


def bound_m(settings: dict[str, Any], only: list[str] | None = None) -> None:
    """Shrink every level's m (of the comparisons named in `only`, if given) towards its prior,
    floor it, make untrained levels explicit, and settle the last bits of m and u (_settled).

    With m_final = (1 - w) m + w prior and m >= floor, the weight of any level is
    at least log2(floor / u): one disagreeing field costs a bounded weight.
    """
    for comparison in settings["comparisons"]:
        if only is not None and comparison["output_column_name"] not in only:
            continue
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        prior = model.prior_of(comparison)
        values = []
        for level, p in zip(levels, prior, strict=True):
            m = level.get("m_probability")
            m = p if m is None or not math.isfinite(m) else m
            values.append(max((1 - model.PRIOR_WEIGHT) * m + model.PRIOR_WEIGHT * p, model.M_FLOOR))
        total = sum(values)
        for level, m in zip(levels, values, strict=True):
            level["m_probability"] = _settled(m / total)
            u = level.setdefault("u_probability", 1e-4)
            if u is not None:
                level["u_probability"] = _settled(u)


def share_m_with_parent(settings: dict[str, Any]) -> None:
    """A level split from another only for its u (`comparisons.SPLIT_FOR_U`) takes, as both
    levels' m, their summed m: P(same place | match) whatever the date, since the date's
    own comparison already counts the same day among matches."""
    for comparison in settings["comparisons"]:
        levels = {lv.get("label_for_charts"): lv for lv in comparison["comparison_levels"]}
        for child, parent in cmp.SPLIT_FOR_U.items():
            if child in levels and parent in levels:
                m = levels[child]["m_probability"] + levels[parent]["m_probability"]
                levels[child]["m_probability"] = levels[parent]["m_probability"] = _settled(m)


def unsampled_levels(settings: dict[str, Any]) -> set[tuple[str, str]]:
    """(comparison, level) of every non-null level that u sampling never reached."""
    return {
        (comparison["output_column_name"], level["sql_condition"])
        for comparison in settings["comparisons"]
        for level in comparison["comparison_levels"]
        if not level.get("is_null_level") and level.get("u_probability") is None
    }


def weigh_as_no_evidence(settings: dict[str, Any], levels: set[tuple[str, str]]) -> None:
    """u = m on `levels`: a level no sampled random pair reached has no measured u.

    A stand-in u (Splink's 1e-4) against an m held at least at `M_FLOOR` made such a level
    strong evidence for a link (+7 to +10 bits: 'same year' for a date known to the year only,
    an extra field's 'nearly the same') on lists where almost no pair reaches it.
    """
    for comparison in settings["comparisons"]:
        for level in comparison["comparison_levels"]:
            if (comparison["output_column_name"], level["sql_condition"]) in levels:
                level["u_probability"] = level["m_probability"]


def _settled(probability: float) -> float:
    """`probability` to PARAMETER_DIGITS significant digits.

    EM sums over the scored pairs in parallel, so two runs on the same records can differ in
    the last bits; rounding far below any statistical precision keeps the model, its weights
    and every table after it identical from run to run.
    """
    return float(f"{probability:.{PARAMETER_DIGITS}g}")


def sanity_warnings(trained: TrainedModel) -> list[str]:
    """Signs that the model does not mean 'same person': checked after every training."""
    weights = trained.match_weights().set_index(["comparison", "level"])["match_weight"]
    warnings = []

    def weight(comparison: str, level: str) -> float | None:
        value = weights.get((comparison, level))
        return None if value is None or pd.isna(value) else float(value)

    date_else = weight("date_of_death", "All other comparisons")
    if date_else is not None and date_else > -2:
        warnings.append(
            f"dates of death far apart weigh only {date_else:.1f}: "
            "the model may be linking namesakes across years"
        )
    same_day = weight("date_of_death", "same day")
    if same_day is not None and same_day < 2:
        warnings.append(f"the same date of death weighs only {same_day:.1f}")
    name_else = weight(model.NAME_COMPARISON, "All other comparisons")
    if name_else is not None and name_else > -1:
        warnings.append(f"names that share nothing weigh only {name_else:.1f}")
    return warnings
