"""Linkage uncertainty: how wrong the clustering may be, and plausible clusterings to carry it.

Multiple systems estimation reads a person on one list only as evidence of people no
list reaches, so every missed link (two false singletons) pushes the total up and every
false link pushes it down. This module reads only the link stage's tables (`pairs` with
match probabilities, `record_person`, `persons`) and the reviewers' labels, and

- calibrates the pairwise match probabilities from the data in hand
  (`calibrate_probabilities`): a record can be the same person as at most one record of
  another list, so probabilities that add up to more than one are scaled down; with
  review or audit labels, a logistic recalibration (Platt) of the logit;
- measures the expected missed and false links per pair of lists (`model_error_rates`);
- draws plausible clusterings (`LinkageGraph.draw`): every scored pair is a link with its
  calibrated probability, links inside a person may break it apart, links between people
  join them, and a join never puts two records of one list into one person through a
  link between two other lists (records link one-to-one across lists).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import brentq
from scipy.sparse.csgraph import connected_components

from recount.estimate.protocol import Z95

# Fewer labels than this (or only one kind) leave the probabilities as the model gave them.
MIN_CALIBRATION_LABELS = 20
PROBABILITY_FLOOR = 1e-6
LABEL_VALUES = {"match": 1.0, "non_match": 0.0}
# Probability bands recalibrated apart, and the model's weight in each, in labels.
CALIBRATION_BANDS = (0.0, 0.2, 0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 1.0 + 1e-9)
PSEUDO_LABELS = 5


@dataclass
class Calibration:
    """How the raw match probabilities were turned into the ones the draws use."""

    one_to_one_scaled: int  # pairs lowered because a record had several candidates on a list
    labels: int  # labels used for the logistic recalibration (0: none)
    # group ('linked', 'unlinked') -> odds ratio per probability band
    fits: dict[str, np.ndarray] = field(default_factory=dict)


def one_to_one_scale(
    left: np.ndarray,
    right: np.ndarray,
    left_source: np.ndarray,
    right_source: np.ndarray,
    p: np.ndarray,
    person: np.ndarray | None = None,
) -> np.ndarray:
    """Probabilities made coherent with one-to-one linkage across lists: a record is at most
    one person of another list. Splink scores each pair alone, so among namesakes one record
    'matches' several people of a list with high probability. Each record's candidate people
    on one list, and 'none of them', share one unit of probability in proportion to their
    odds: P(c) = w_c / (1 + sum over candidate people of their best w), w = p / (1 - p).
    Records of one person (`person`: the person index of each pair's records, left then
    right) count once, so a list's own duplicates keep their probability. A lone candidate
    keeps its probability; a strong one beside weak ones nearly all of it; the pair takes the
    smaller of its two records' views."""
    cross = left_source != right_source
    odds = np.clip(p, 0.0, 1 - 1e-9)
    odds = odds / (1 - odds)
    out = p.copy()
    n = len(p)
    person_l, person_r = (
        (np.arange(n), np.arange(n)) if person is None else (person[:n], person[n:])
    )
    for record, other, candidate in (
        (left, right_source, person_r),
        (right, left_source, person_l),
    ):
        frame = pd.DataFrame(
            {
                "record": record[cross],
                "list": other[cross],
                "who": candidate[cross],
                "w": odds[cross],
            }
        )
        best = frame.groupby(["record", "list", "who"], sort=False)["w"].max().reset_index()
        total = best.groupby(["record", "list"], sort=False)["w"].sum().rename("total")
        sums = frame.join(total, on=["record", "list"])["total"].to_numpy()
        out[cross] = np.minimum(out[cross], odds[cross] / (1 + sums))
    return out


def fit_recalibration(p: np.ndarray, labels: np.ndarray) -> np.ndarray | None:
    """Odds ratios, one per probability band (`CALIBRATION_BANDS`), that bring the model's
    probabilities to what labelled pairs show (None when there are too few labels).

    In each band the labels' share of matches, shrunk toward the model's mean probability
    there by `PSEUDO_LABELS` pseudo-labels, over the model's mean, as odds. A band without
    labels keeps ratio 1. Local on purpose: an audit of links sees nearly only p = 1, and a
    slope fitted through one point would move every other band by extrapolation. Labels
    chosen by how uncertain their pair was are fit for this: selection depends on p only.
    """
    if len(labels) < MIN_CALIBRATION_LABELS:
        return None
    y = np.asarray(labels, dtype=float)
    band = np.digitize(p, CALIBRATION_BANDS[1:-1])
    ratios = np.ones(len(CALIBRATION_BANDS) - 1)
    for k in range(len(ratios)):
        chosen = band == k
        if not chosen.any():
            continue
        model = float(np.clip(p[chosen].mean(), PROBABILITY_FLOOR, 1 - PROBABILITY_FLOOR))
        seen = (y[chosen].sum() + PSEUDO_LABELS * model) / (chosen.sum() + PSEUDO_LABELS)
        seen = float(np.clip(seen, PROBABILITY_FLOOR, 1 - PROBABILITY_FLOOR))
        ratios[k] = (seen / (1 - seen)) / (model / (1 - model))
    return ratios


def apply_recalibration(p: np.ndarray, ratios: np.ndarray) -> np.ndarray:
    """The probabilities with each band's odds multiplied by its ratio."""
    band = np.digitize(p, CALIBRATION_BANDS[1:-1])
    odds = np.clip(p, 0.0, 1 - PROBABILITY_FLOOR)
    odds = odds / (1 - odds) * ratios[band]
    return odds / (1 + odds)


@dataclass
class LinkageGraph:
    """The clustering and its scored pairs in integer form (records 0..n-1, people 0..m-1)."""

    record_ids: np.ndarray  # text ids of the identified records
    person_ids: np.ndarray  # text id of each person index
    person: np.ndarray  # person index per record
    source: np.ndarray  # list index per record
    sources: list[str]  # list ids, in the order of `persons`' in_ columns
    left: np.ndarray  # pair -> record index
    right: np.ndarray
    probability: np.ndarray  # calibrated match probability per pair
    raw_probability: np.ndarray
    fixed: np.ndarray  # per pair: 1 a reviewer said match, 0 non-match, -1 not labelled
    scored: np.ndarray  # per pair: the model scored it (False: a match only the audit found)
    guarded: np.ndarray  # per pair: the link stage's guards refuse its two records (`pairs.guard`)
    n_persons: int
    calibration: Calibration
    # Per list a: (partner list b, partner a singleton?, rate) of matches the model never
    # scored, from the audit: each unaudited singleton of a joins, at that rate, a singleton
    # of b or someone of several lists holding b (`AuditEvidence.unscored`).
    unscored: dict[int, list[tuple[int, bool, float]]] = field(default_factory=dict)
    audited_people: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @property
    def within(self) -> np.ndarray:
        return self.person[self.left] == self.person[self.right]

    def link_probability(self) -> np.ndarray:
        """Per pair: probability it is a link in a draw (labels are certain)."""
        return np.where(self.fixed >= 0, self.fixed, self.probability)

    def draw(self, rng: np.random.Generator) -> np.ndarray:
        """One plausible clustering: a person index per record (people numbered 0..)."""
        present = rng.random(len(self.left)) < self.link_probability()
        return self._cluster(present, rng)

    def at_threshold(self, threshold: float, current: float) -> np.ndarray:
        """The clustering a link threshold gives, from the one made at `current`: a lower
        threshold adds the links between people that reach it (strongest first, one-to-one)
        and that the guards allow (`pairs.guard`), a higher one breaks the links inside people
        that fall short. Labels hold."""
        raw = self.raw_probability
        within = self.within
        present = np.where(
            within,
            (raw >= threshold) | (threshold <= current),
            (raw >= threshold) & (threshold < current) & ~self.guarded,
        )
        present = np.where(self.fixed >= 0, self.fixed == 1, present)
        return self._cluster(present & self.scored | (self.fixed == 1))

    def _cluster(self, present: np.ndarray, rng: np.random.Generator | None = None) -> np.ndarray:
        n = len(self.person)
        within = self.within
        # Within people: components of the links that hold. Pieces of a person that no
        # scored pair joins (reviewers' merges, attached relational records) stay together.
        keep = present & within
        glue_a, glue_b = self._glue()
        rows = np.concatenate([self.left[keep], glue_a])
        cols = np.concatenate([self.right[keep], glue_b])
        graph = sparse.coo_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))
        _, piece = connected_components(graph, directed=False)
        # Between people: join pieces along the links that hold, strongest first, one-to-one.
        joins = np.flatnonzero(present & ~within)
        if len(joins):
            joins = joins[np.argsort(-self.link_probability()[joins], kind="stable")]
        if len(joins):
            piece = self._join(piece, self.left[joins], self.right[joins])
        if rng is not None and self.unscored:
            piece = self._join(piece, *self._unscored_joins(rng, piece))
        _, labels = np.unique(piece, return_inverse=True)
        return labels

    def singletons(self) -> np.ndarray:
        """Per person: the list index when all its records are on one list, else -1."""
        low = np.full(self.n_persons, np.iinfo(np.int64).max)
        high = np.full(self.n_persons, -1)
        np.minimum.at(low, self.person, self.source)
        np.maximum.at(high, self.person, self.source)
        return np.where(low == high, high, -1)

    def _unscored_joins(
        self, rng: np.random.Generator, piece: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Joins for matches the model never scored (rates from the audit): an unaudited
        singleton of list a joins a random record of partner list b, among this draw's people
        (`piece` per record) that list a does not hold (one-to-one): a record of another
        unaudited singleton where the audit's match was one, else of someone on several lists."""
        single = self.singletons()
        several = single[self.person] < 0
        single[self.audited_people] = -1  # audited people are known
        first = np.full(self.n_persons, -1)
        first[self.person[::-1]] = np.arange(len(self.person))[::-1]
        record_single = single[self.person]
        lefts, rights = [], []
        held = np.zeros(piece.max() + 1, dtype=np.int64)
        np.bitwise_or.at(held, piece, np.left_shift(1, self.source))
        for a, routes in sorted(self.unscored.items()):
            people = np.flatnonzero(single == a)
            if not len(people) or not routes:
                continue
            # each person takes at most one route: route k on [edge k, edge k + rate k)
            edges = np.cumsum([0.0] + [rate for _, _, rate in routes])
            route = np.searchsorted(edges, rng.random(len(people)), side="right") - 1
            for k, (b, to_single, _) in enumerate(routes):
                these = people[route == k]
                if not len(these):
                    continue
                alone = record_single == b if to_single else several
                pool = np.flatnonzero((self.source == b) & alone & ((held[piece] >> a) & 1 == 0))
                if not len(pool):
                    continue
                lefts.append(first[these])
                rights.append(rng.choice(pool, size=len(these)))
        if not lefts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return np.concatenate(lefts), np.concatenate(rights)

    def _glue(self) -> tuple[np.ndarray, np.ndarray]:
        """Edges that keep together pieces of a person that scored pairs within it do not join."""
        cached = getattr(self, "_glue_edges", None)
        if cached is not None:
            return cached
        n = len(self.person)
        within = self.within
        graph = sparse.coo_matrix(
            (np.ones(int(within.sum()), dtype=np.int8), (self.left[within], self.right[within])),
            shape=(n, n),
        )
        _, piece = connected_components(graph, directed=False)
        frame = pd.DataFrame({"person": self.person, "piece": piece, "record": np.arange(n)})
        firsts = frame.groupby(["person", "piece"], sort=True)["record"].min().reset_index()
        anchor = firsts.groupby("person")["record"].transform("min").to_numpy()
        other = firsts["record"].to_numpy()
        mask = anchor != other
        self._glue_edges = (anchor[mask].astype(np.int64), other[mask].astype(np.int64))
        return self._glue_edges

    def _join(self, piece: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        mask_of = np.zeros(piece.max() + 1, dtype=np.int64)
        np.bitwise_or.at(mask_of, piece, np.left_shift(1, self.source))
        parent = list(range(len(mask_of)))
        masks = {int(p): int(mask_of[p]) for p in np.unique(piece[np.concatenate([left, right])])}
        sources = self.source

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a, b in zip(left.tolist(), right.tolist(), strict=True):
            ra, rb = find(int(piece[a])), find(int(piece[b]))
            if ra == rb:
                continue
            shared = masks[ra] & masks[rb]
            own = (1 << int(sources[a])) if sources[a] == sources[b] else 0
            if shared & ~own:
                continue  # would put two records of one list together through another list
            parent[rb] = ra
            masks[ra] |= masks.pop(rb)
        roots = np.asarray(parent)
        while True:  # every piece to its root
            deeper = roots[roots]
            if np.array_equal(deeper, roots):
                break
            roots = deeper
        return roots[piece]


@dataclass
class AuditEvidence:
    """What the answered audit sample says, in the graph's terms."""

    labels: pd.DataFrame  # record_id_l, record_id_r, label ('match' / 'non_match')
    unscored_pairs: pd.DataFrame  # missed matches the model never scored (to add as pairs)
    # list a -> {(partner list b, the partner a singleton then): rate per audited singleton}
    unscored: dict[str, dict[tuple[str, bool], float]]
    audited_people: list[str]


def audit_evidence(
    answered: pd.DataFrame, record_person: pd.DataFrame, pairs: pd.DataFrame
) -> AuditEvidence:
    """Labels and rates from answered audit items (recount.review.audit's `audit_results`).

    A linked pair answered 'same' or 'different' is a match or non-match label. A singleton
    answered 'missed' is a match with the record named and a non-match with every other
    record scored against it; answered 'none', a non-match with every record scored against
    it. The share of audited singletons of list a whose match the model never scored, on list
    b, is the rate at which the draws join a's unaudited singletons to someone of b: to a
    singleton of b where the match was one, else to someone on several lists. A missed match
    between two singletons is seen from both lists' audits, so each side's rate for such
    matches is weighted by its share of the two lists' audited singletons (without it, every
    such match was joined twice over).

    Pair labels hold whatever the clustering since; a singleton's answer counts toward the
    rate only while that person is still one list's alone (a relink may have joined it).
    """
    rows: list[tuple[str, str, str]] = []
    links = answered[(answered["kind"] == "link") & answered["answer"].isin(["same", "different"])]
    for row in links.itertuples(index=False):
        label = "match" if row.answer == "same" else "non_match"
        rows.append((row.record_id_l, row.record_id_r, label))
    singles = answered[
        (answered["kind"] == "singleton") & answered["answer"].isin(["missed", "none"])
    ]
    lists_of = record_person.dropna(subset=["person_id"]).groupby("person_id")["source_id"]
    still_single = lists_of.nunique()
    still_single = set(still_single.index[still_single == 1])
    person_of = record_person.set_index("record_id")["person_id"].to_dict()
    singles = singles[singles["person_id"].isin(still_single)]
    members = record_person[record_person["person_id"].isin(singles["person_id"])]
    records_of = members.groupby("person_id")["record_id"].apply(list).to_dict()
    touching = pairs[
        pairs["record_id_l"].isin(members["record_id"])
        | pairs["record_id_r"].isin(members["record_id"])
    ]
    unscored_rows = []
    counts: dict[str, list] = {}
    for row in singles.itertuples(index=False):
        own = set(records_of.get(row.person_id, []))
        mine = touching[touching["record_id_l"].isin(own) | touching["record_id_r"].isin(own)]
        for pair in mine.itertuples(index=False):
            other = pair.record_id_r if pair.record_id_l in own else pair.record_id_l
            if other in own:
                continue
            label = (
                "match" if row.answer == "missed" and other == row.match_record_id else "non_match"
            )
            rows.append((pair.record_id_l, pair.record_id_r, label))
        tally = counts.setdefault(row.list_a, [0, {}])
        tally[0] += 1
        if row.answer == "missed" and not bool(row.scored):
            for record in own:
                left, right = sorted((record, row.match_record_id))
                unscored_rows.append((left, right))
                rows.append((left, right, "match"))
            route = (row.match_list, person_of.get(row.match_record_id) in still_single)
            tally[1][route] = tally[1].get(route, 0) + 1
    audited = {name: total for name, (total, _) in counts.items()}
    unscored = {
        name: {
            (b, alone): found / total * (total / (total + audited.get(b, 0)) if alone else 1.0)
            for (b, alone), found in sorted(routes.items())
        }
        for name, (total, routes) in counts.items()
        if routes
    }
    labels = pd.DataFrame(rows, columns=["record_id_l", "record_id_r", "label"])
    ordered = labels["record_id_l"] > labels["record_id_r"]
    labels.loc[ordered, ["record_id_l", "record_id_r"]] = labels.loc[
        ordered, ["record_id_r", "record_id_l"]
    ].to_numpy()
    return AuditEvidence(
        labels=labels.drop_duplicates(["record_id_l", "record_id_r"], keep="first"),
        unscored_pairs=pd.DataFrame(
            unscored_rows, columns=["record_id_l", "record_id_r"]
        ).drop_duplicates(),
        unscored=unscored,
        audited_people=sorted(set(singles["person_id"])),
    )


def build_graph(
    record_person: pd.DataFrame,
    pairs: pd.DataFrame,
    sources: list[str],
    labels: pd.DataFrame | None = None,
    audit: AuditEvidence | None = None,
    threshold: float | None = None,
) -> LinkageGraph:
    """The graph from the link stage's tables: `record_person` (record_id, source_id,
    person_id), `pairs` (record_id_l, record_id_r, match_probability), effective review
    labels (record_id_l, record_id_r, label), the audit's evidence and the link threshold
    the clustering used. Unidentified records (no person) stay out. Review labels win over
    audit labels on the same pair."""
    scored = len(pairs)
    if audit is not None:
        labels = (
            pd.concat([labels, audit.labels], ignore_index=True)
            if labels is not None
            else audit.labels
        )
        if len(audit.unscored_pairs):
            # every column of `pairs` kept (`guard` too: dropping it freed every guarded pair)
            extra = audit.unscored_pairs.assign(match_probability=np.nan)
            pairs = pd.concat([pairs, extra], ignore_index=True)
    members = record_person[record_person["person_id"].notna()].sort_values("record_id")
    record_ids = members["record_id"].to_numpy(dtype=object)
    index = pd.Index(record_ids)
    person_codes, person_ids = pd.factorize(members["person_id"], sort=True)
    source_index = {s: i for i, s in enumerate(sources)}
    unknown = sorted(set(members["source_id"]) - set(source_index))
    if unknown:
        raise ValueError(f"record_person names lists missing from persons: {', '.join(unknown)}")
    source = members["source_id"].map(source_index).to_numpy(dtype=np.int64)
    left = index.get_indexer(pairs["record_id_l"])
    right = index.get_indexer(pairs["record_id_r"])
    usable = (left >= 0) & (right >= 0) & (left != right)
    left, right = left[usable], right[usable]
    raw = pairs["match_probability"].to_numpy(dtype=float)[usable]
    was_scored = (np.arange(len(pairs)) < scored)[usable]
    guarded = (
        pairs["guard"].notna().to_numpy()[usable]
        if "guard" in pairs.columns
        else np.zeros(len(left), dtype=bool)
    )
    raw = np.clip(np.nan_to_num(raw, nan=0.0), 0.0, 1.0)
    fixed = np.full(len(left), -1.0)
    if labels is not None and len(labels):
        keyed = _pair_keys(record_ids[left], record_ids[right])
        label_keys = _pair_keys(
            labels["record_id_l"].to_numpy(dtype=object),
            labels["record_id_r"].to_numpy(dtype=object),
        )
        values = labels["label"].map(LABEL_VALUES)
        known = pd.Series(values.to_numpy(), index=label_keys).dropna()
        known = known[~known.index.duplicated(keep="first")]
        fixed = pd.Series(keyed).map(known).fillna(-1.0).to_numpy(dtype=float)
    graph = LinkageGraph(
        record_ids=record_ids,
        person_ids=np.asarray(person_ids, dtype=object),
        person=person_codes.astype(np.int64),
        source=source,
        sources=list(sources),
        left=left.astype(np.int64),
        right=right.astype(np.int64),
        probability=raw.copy(),
        raw_probability=raw,
        fixed=fixed,
        n_persons=int(person_codes.max()) + 1 if len(person_codes) else 0,
        calibration=Calibration(0, 0),
        scored=was_scored,
        guarded=guarded,
    )
    if audit is not None:
        source_index = {s: i for i, s in enumerate(sources)}
        for name, routes in audit.unscored.items():
            kept = [
                (source_index[b], alone, rate)
                for (b, alone), rate in routes.items()
                if b in source_index
            ]
            if name in source_index and kept:
                graph.unscored[source_index[name]] = kept
        graph.audited_people = np.flatnonzero(np.isin(graph.person_ids, audit.audited_people))
    calibrate_probabilities(graph, threshold)
    return graph


def calibrate_probabilities(graph: LinkageGraph, threshold: float | None = None) -> Calibration:
    """Calibrate `graph.probability` from its raw probabilities, in place (see the module doc).

    Linked pairs (inside a person) and pairs across people are recalibrated apart: at the same
    probability they are not alike (a strong pair left across people was refused by a guard),
    and the audit samples each group at random on its own. Pairs the clustering keeps apart
    whatever the threshold are 0 unless labels show that such pairs can be one person."""
    scaled = one_to_one_scale(
        graph.left,
        graph.right,
        graph.source[graph.left],
        graph.source[graph.right],
        graph.raw_probability,
        np.concatenate([graph.person[graph.left], graph.person[graph.right]]),
    )
    # Links inside people keep the model's probability: lists have their own duplicates, and
    # a linked record beside a namesake of its own list is the common case, not a conflict.
    scaled = np.where(graph.within, graph.raw_probability, scaled)
    apart = ~graph.within & graph.guarded
    if threshold is not None:
        # A pair across people that reached the threshold was refused by the clustering: a
        # cluster guard (two given or fathers' names in one person), a list's own-duplicate
        # rule or one-to-one. Its probability does not see what the guard saw (on 5,000
        # simulated people 54 of 2,841 such pairs were one person, and the draws joined 1,180
        # of them), so the draws keep it apart too; a label can still join it.
        apart |= ~graph.within & (graph.raw_probability >= threshold)
    # Below the threshold too: a pair whose two records the guards refuse on their own (the
    # link stage's `pairs.guard`) is linked at no threshold. Relatives killed together score
    # 0.2-0.5 on one list; on 5,000 simulated people (seed 1001) 525 pairs of one list across
    # people below 0.5 carried 112 expected joins where 1 was true, and the draws had 58
    # people fewer than the clustering, 42 fewer than the truth (docs/linkage_uncertainty.md).
    model = scaled
    scaled = np.where(apart, 0.0, scaled)
    changed = int(np.sum(scaled < graph.raw_probability - 1e-9))
    # The other way round: a link below the threshold that joins parts of a person which the
    # links at the threshold leave apart was made by a rule of the link stage (a lone undated
    # record offered to the one person its candidates name), not by its probability: the
    # clustering judged it at least as likely as a link at the threshold, and so do the draws
    # (a label still decides it). On `mixed` (5,000 people, seeds 1551 and 1557) such links
    # were 16 each, 8 and 12 of them true, where their scores expected 2.5 and 3.6.
    held = rule_links(graph, threshold)
    scaled = np.where(held, np.maximum(scaled, threshold or 0.0), scaled)
    labelled = (graph.fixed >= 0) & graph.scored
    graph.probability = scaled
    graph.calibration = Calibration(changed, 0)
    within = graph.within & ~held
    for group, name in ((within, "linked"), (~graph.within & ~apart, "unlinked")):
        chosen = labelled & group
        ratios = fit_recalibration(scaled[chosen], graph.fixed[chosen])
        if ratios is None:
            continue
        graph.probability = np.where(group, apply_recalibration(scaled, ratios), graph.probability)
        graph.calibration.labels += int(chosen.sum())
        graph.calibration.fits[name] = ratios
    # Pairs kept apart can still be one person (the guards' own misses: a father's name typed
    # wrong). Where labels show it among pairs that touch a singleton (the people the audit
    # samples), those pairs take the model's odds times the one factor the labels fit.
    lone = graph.singletons() >= 0
    group = apart & (lone[graph.person[graph.left]] | lone[graph.person[graph.right]])
    chosen = labelled & group
    factor = fit_odds_factor(model[chosen], graph.fixed[chosen])
    if factor:
        odds = np.clip(model, 0.0, 1 - PROBABILITY_FLOOR)
        odds = factor * odds / (1 - odds)
        graph.probability = np.where(group, odds / (1 + odds), graph.probability)
        graph.calibration.labels += int(chosen.sum())
        graph.calibration.fits["kept_apart"] = np.array([factor])
    return graph.calibration


def rule_links(graph: LinkageGraph, threshold: float | None) -> np.ndarray:
    """Per pair: a link inside a person, scored below the threshold, between two parts of the
    person that the person's links at or above the threshold do not connect (none without a
    threshold). Links below it between records those links already connect are left out:
    the clustering did not need them."""
    if threshold is None:
        return np.zeros(len(graph.left), dtype=bool)
    strong = graph.within & graph.scored & (graph.raw_probability >= threshold)
    n = len(graph.person)
    edges = sparse.coo_matrix(
        (np.ones(int(strong.sum()), dtype=np.int8), (graph.left[strong], graph.right[strong])),
        shape=(n, n),
    )
    _, part = connected_components(edges, directed=False)
    below = graph.within & graph.scored & (graph.raw_probability < threshold)
    return below & (part[graph.left] != part[graph.right])


def fit_odds_factor(p: np.ndarray, labels: np.ndarray) -> float | None:
    """The one factor on the model's odds that gives the labelled pairs as many expected
    matches as the labels found (maximum likelihood with the slope fixed at 1): one
    parameter, because pairs kept apart are labelled a few at a time (None below
    `MIN_CALIBRATION_LABELS` labels; 0 when none was a match)."""
    if len(labels) < MIN_CALIBRATION_LABELS:
        return None
    found = float(np.sum(labels))
    if found == 0:
        return 0.0
    odds = np.clip(p, PROBABILITY_FLOOR, 1 - PROBABILITY_FLOOR)
    odds = odds / (1 - odds)
    if found >= len(labels):  # every one a match (the likelihood has no maximum): certain
        return float(1 / (odds.min() * PROBABILITY_FLOOR))

    def excess(log_factor: float) -> float:
        scaled = np.exp(log_factor) * odds
        return float(np.sum(scaled / (1 + scaled))) - found

    return float(np.exp(brentq(excess, -60.0, 60.0)))


def model_error_rates(graph: LinkageGraph) -> pd.DataFrame:
    """Expected false and missed links per pair of lists, from the calibrated probabilities.

    A linked pair (both records in one person) is a false link with probability 1 - p; a
    scored pair across people is a missed link with probability p. Rates: false links over
    linked pairs, missed links over the true links (linked, less false, plus missed). The
    95% intervals treat pairs as independent Bernoulli trials (normal approximation to the
    Poisson-binomial sum), so they are the model's own uncertainty, not the model's bias.
    """
    p = graph.link_probability()
    within = graph.within
    a = graph.source[graph.left]
    b = graph.source[graph.right]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    frame = pd.DataFrame(
        {
            "list_a": np.asarray(graph.sources, dtype=object)[lo],
            "list_b": np.asarray(graph.sources, dtype=object)[hi],
            "linked": within.astype(np.int64),
            "false": np.where(within, 1 - p, 0.0),
            "false_var": np.where(within, p * (1 - p), 0.0),
            "missed": np.where(within, 0.0, p),
            "missed_var": np.where(within, 0.0, p * (1 - p)),
            "near": (np.abs(graph.raw_probability - 0.5) < 0.45).astype(np.int64),
        }
    )
    grouped = frame.groupby(["list_a", "list_b"], sort=True).sum().reset_index()
    linked = grouped["linked"].to_numpy(dtype=float)
    true_links = np.maximum(linked - grouped["false"] + grouped["missed"], 1e-9)
    out = pd.DataFrame(
        {
            "list_a": grouped["list_a"].astype(str),
            "list_b": grouped["list_b"].astype(str),
            "basis": "model",
            "linked_pairs": grouped["linked"].astype(np.int64),
            "uncertain_pairs": grouped["near"].astype(np.int64),
            "expected_false_links": grouped["false"],
            "expected_missed_links": grouped["missed"],
            "false_link_rate": grouped["false"] / np.maximum(linked, 1),
            "missed_link_rate": grouped["missed"] / true_links,
        }
    )
    for name, var, base in (
        ("false_link_rate", "false_var", np.maximum(linked, 1)),
        ("missed_link_rate", "missed_var", true_links),
    ):
        half = Z95 * np.sqrt(grouped[var].to_numpy()) / base
        out[f"{name}_lower"] = np.clip(out[name] - half, 0, 1)
        out[f"{name}_upper"] = np.clip(out[name] + half, 0, 1)
    out["audited"] = 0
    return out


def capture_frame(
    graph: LinkageGraph, labels: np.ndarray, persons: pd.DataFrame, carry: list[str]
) -> pd.DataFrame:
    """A `persons`-like frame for one clustering: in_<list> columns and the `carry` columns of
    the person that held each new person's first record (`persons` indexed by person_id)."""
    n_people = int(labels.max()) + 1 if len(labels) else 0
    order = np.lexsort((np.arange(len(labels)), labels))
    first = np.full(n_people, -1, dtype=np.int64)
    starts = np.r_[True, labels[order][1:] != labels[order][:-1]]
    first[labels[order][starts]] = order[starts]
    frame = persons.loc[graph.person_ids[graph.person[first]], carry].reset_index(drop=True)
    for j, name in enumerate(graph.sources):
        on = np.zeros(n_people, dtype=bool)
        on[labels[graph.source == j]] = True
        frame[f"in_{name}"] = on
    return frame


def _pair_keys(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    lo = np.where(a <= b, a, b)
    hi = np.where(a <= b, b, a)
    return np.char.add(np.char.add(lo.astype(str), "\x00"), hi.astype(str))


def corrected_patterns(graph: LinkageGraph) -> pd.DataFrame:
    """The capture table corrected for the expected missed and false links, in expectation
    (the cross-check on the draws: Ding and Fienberg 1994 and Di Consiglio and Tuoto 2015
    correct the two- and multi-list tables for linkage error the same way, from rates).

    Each pair across people moves its calibrated probability of people from their two
    patterns to their union (when the join is one-to-one); each two-record person moves its
    link's probability of being false from its pattern to the two single-list patterns; the
    audit's unscored matches move that share of each list's singletons onto the partner
    list's singletons or onto the patterns of people of several lists holding it (the routes
    of `LinkageGraph.unscored`). Counts are rounded to whole people."""
    n_lists = len(graph.sources)
    masks = np.zeros(graph.n_persons, dtype=np.int64)
    np.bitwise_or.at(masks, graph.person, np.left_shift(1, graph.source))
    moves = [(masks, np.ones(len(masks)))]
    p = graph.link_probability()
    within = graph.within
    across = np.flatnonzero(~within & graph.scored)
    if len(across):
        left, right = graph.left[across], graph.right[across]
        a, b = graph.person[left], graph.person[right]
        own = np.where(
            graph.source[left] == graph.source[right], np.left_shift(1, graph.source[left]), 0
        )
        frame = pd.DataFrame(
            {"a": np.minimum(a, b), "b": np.maximum(a, b), "p": p[across], "own": own}
        )
        best = frame.groupby(["a", "b"], sort=False).agg(p=("p", "max"), own=("own", "max"))
        ma = masks[best.index.get_level_values("a")]
        mb = masks[best.index.get_level_values("b")]
        shared = ma & mb
        # one-to-one: only a list's own duplicate may share its list
        allowed = (shared == 0) | (shared == best["own"].to_numpy())
        amount = best["p"].to_numpy()[allowed]
        ma, mb = ma[allowed], mb[allowed]
        moves += [(ma, -amount), (mb, -amount), (ma | mb, amount)]
    sizes = np.bincount(graph.person, minlength=graph.n_persons)
    two = np.flatnonzero(
        within
        & (sizes[graph.person[graph.left]] == 2)
        & (graph.source[graph.left] != graph.source[graph.right])
    )
    if len(two):
        false = 1.0 - p[two]
        moves += [
            (masks[graph.person[graph.left[two]]], -false),
            (np.left_shift(1, graph.source[graph.left[two]]), false),
            (np.left_shift(1, graph.source[graph.right[two]]), false),
        ]
    counts = (
        pd.concat([pd.Series(amount, index=mask) for mask, amount in moves]).groupby(level=0).sum()
    )
    for a_list, routes in graph.unscored.items():
        bit = 1 << a_list
        base = max(float(counts.get(bit, 0.0)), 0.0)
        for b_list, alone, rate in routes:
            other = 1 << b_list
            holders = counts[
                ((counts.index & other) != 0)
                & ((counts.index & bit) == 0)
                & (counts > 0)
                & ((counts.index == other) == alone)
            ]
            if rate <= 0 or holders.sum() <= 0:
                continue
            amount = rate * base * holders / holders.sum()
            counts.loc[bit] -= amount.sum()
            counts = counts.sub(amount, fill_value=0.0)
            counts = counts.add(
                pd.Series(amount.to_numpy(), index=amount.index | bit), fill_value=0.0
            )
            counts = counts.groupby(level=0).sum()
    counts = counts.to_dict()
    rows = [
        [(mask >> j) & 1 for j in range(n_lists)] + [max(int(round(c)), 0)]
        for mask, c in sorted(counts.items())
        if mask
    ]
    table = pd.DataFrame(rows, columns=[*graph.sources, "count"])
    return table[table["count"] > 0].reset_index(drop=True)
