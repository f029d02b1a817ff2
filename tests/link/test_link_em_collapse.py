"""EM that drives a level's m to zero is rerun bounded: the level weighs against, boundedly."""

from __future__ import annotations

import datetime as dt
import random

from recount import Project
from recount.link.training import TrainedModel
from recount.workspace import Workspace


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bdgklmnprstv") + rng.choice("aeiou") for _ in range(3)).title()


def _lists(tmp_path, seed: int = 3) -> Workspace:
    """Two lists naming the same people (three made-up words each), the second without a date
    for a third of them, and a few namesakes: two people of one name, of other sex, age and
    place, who died weeks or months apart."""
    rng = random.Random(seed)
    a, b = ["id,name,sex,age,date,place"], ["id,name,sex,age,date,place"]
    start = dt.date(2022, 3, 1)
    for i in range(260):
        name = " ".join(_word(rng) for _ in range(3))
        day = start + dt.timedelta(days=rng.randrange(600))
        age, sex, place = rng.randrange(18, 80), rng.choice("MF"), _word(rng)
        # the second list writes some places its own way, some dates to the month only
        other = place if rng.random() < 0.7 else _word(rng)
        r = rng.random()
        written = "" if r < 0.3 else f"{day:%d.%m.%Y}" if r < 0.85 else f"{day:%m/%Y}"
        a.append(f"a{i},{name},{sex},{age},{day:%Y-%m-%d},{place}")
        b.append(f"b{i},{name},{rng.choice([sex, ''])},{age},{written},{other}")
    for i in range(6):
        name = " ".join(_word(rng) for _ in range(3))
        day = start + dt.timedelta(days=40 * i)
        a.append(f"n{i},{name},M,25,{day:%Y-%m-%d},{_word(rng)}")
        b.append(
            f"m{i},{name},F,70,{day + dt.timedelta(days=(20, 200)[i % 2]):%d.%m.%Y},{_word(rng)}"
        )
    (tmp_path / "lists").mkdir()
    sources = []
    for sid, rows in (("a", a), ("b", b)):
        (tmp_path / "lists" / f"{sid}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
        sources.append(
            f'[[sources]]\nid = "{sid}"\npath = "lists/{sid}.csv"\n[sources.columns]\n'
            'name = "name"\nsex = "sex"\nage = "age"\ndate_of_death = "date"\n'
            'place = "place"\nrecord_ref = "id"\n'
        )
    (tmp_path / "recount.toml").write_text('[project]\nname = "t"\n\n' + "\n".join(sources))
    return Workspace(tmp_path)


def test_em_that_drives_an_m_to_zero_is_rerun_bounded_not_replaced_by_priors(tmp_path):
    project = Project(_lists(tmp_path))
    project.ingest()
    project.normalize()
    result = project.link()
    # Splink's EM on the rare-names block drives to zero the m of the levels only namesakes
    # reach; the bounded rerun keeps that block's estimate instead of the priors
    assert not any("EM drove an m to zero" in w for w in result.warnings)
    assert (
        "token_set_freq <= 4 and l.token_count >= 3 (bounded at each step)" in result.trained_from
    )
    weights = TrainedModel.load(result.model_path).match_weights()
    m = weights.set_index(["comparison", "level"])["m"]
    weight = weights.set_index(["comparison", "level"])["match_weight"]
    # estimated from these lists, not the priors (sex 0.05 apart, age 0.6 within a year):
    # one person's two records never differ in sex here and give one age
    assert m[("sex", "All other comparisons")] < 0.03
    # (a third of the second list's dates are missing: those pairs compare the ages as ages)
    assert m[("age", "within 1 year")] + m[("age", "ages within 1 year, a date missing")] > 0.8
    # only namesakes' dates are months apart: that counts against, and boundedly (the floor)
    assert -8 < weight[("date_of_death", "within a year")] < -5
    linked = project.table("record_person").pivot_table(
        index="person_id", columns="source_id", values="source_row", aggfunc="first"
    )
    same = linked.dropna()
    assert len(same) >= 0.9 * 260
    assert (same["a"] == same["b"]).all()  # both lists give person i row i, never a namesake
