"""Log-linear models for closed populations, as R's Rcapture (closedpCI.t, closedpMS.t).

The observed cells of the 2^J capture table follow a Poisson log-linear model
with main effects and the interactions of a hierarchical model; the
unobserved cell (no list) is extrapolated from it: N = n + exp(intercept).
Intervals for N come from the profile likelihood, as Rcapture's.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, special, stats

from recount.errors import InputError
from recount.estimate.patterns import all_patterns, full_table, to_arrays
from recount.estimate.protocol import ALPHA, check_alpha, summary_frame
from recount.settings.estimate import CRITERIA, EstimateSettings

Term = frozenset[int]

# Models extrapolating more than this many undocumented people per documented one are
# set aside: sparse tables let a model put N anywhere (R's LCMCR bounds n0 by 20 n too).
MAX_MISSING_RATIO = 20
# A selected interaction this strong (|log odds ratio| >= 1) is dependence between lists
# that independence-based or latent-class models may not absorb.
STRONG_INTERACTION = 1.0
# Beyond this many lists the exhaustive search is replaced by a stepwise one.
EXHAUSTIVE_MAX_LISTS = 4
# Beyond this many lists the default search stops at two-way interactions (three-way
# terms multiply the candidates: 8 lists take minutes instead of seconds).
HIGHER_ORDER_MAX_LISTS = 5


def default_max_order(n_lists: int) -> int:
    return n_lists - 1 if n_lists <= HIGHER_ORDER_MAX_LISTS else 2


@dataclass(frozen=True)
class PoissonFit:
    coef: np.ndarray
    fitted: np.ndarray
    loglik: float
    converged: bool


def parse_model(text: str, n_lists: int) -> tuple[Term, ...]:
    """Read Rcapture's notation "[123,14,34]" (lists numbered 1..J) into generating terms.

    Lists a term does not name enter as main effects, so "[12]" with 3 lists is [12,3].
    """
    body = text.strip()
    if body.startswith("[") and body.endswith("]"):
        body = body[1:-1]
    if n_lists > 9:
        raise InputError("model", "the [123,...] notation names at most 9 lists")
    terms: list[Term] = []
    for part in body.replace(" ", "").split(","):
        if not part:
            continue
        if not part.isdigit():
            raise InputError("model", f"term {part!r}: use list numbers 1..{n_lists}, e.g. [12,3]")
        members = frozenset(int(ch) - 1 for ch in part)
        if len(members) != len(part) or not all(0 <= m < n_lists for m in members):
            raise InputError("model", f"term {part!r}: lists are numbered 1..{n_lists}, each once")
        terms.append(members)
    if not terms:
        raise InputError("model", f"empty model {text!r}")
    return generators(terms, n_lists)


def generators(terms: Iterable[Term], n_lists: int) -> tuple[Term, ...]:
    """The maximal terms (the generating class) with every list present, in a stable order."""
    pool = set(terms) | {frozenset([j]) for j in range(n_lists)}
    maximal = [t for t in pool if not any(t < other for other in pool)]
    return tuple(sorted(maximal, key=lambda t: (-len(t), sorted(t))))


def model_name(terms: Iterable[Term], labels: Sequence[str] | None = None) -> str:
    """Rcapture's notation for a generating class: "[123,14,34]"; with list labels
    "[EXH.ABA.OSCE, EXH.HRW, OSCE.HRW]"."""
    ordered = sorted(terms, key=lambda t: (-len(t), sorted(t)))
    if labels is None:
        return "[" + ",".join("".join(str(m + 1) for m in sorted(t)) for t in ordered) + "]"
    return "[" + ", ".join(".".join(labels[m] for m in sorted(t)) for t in ordered) + "]"


def model_terms(gens: Iterable[Term]) -> list[Term]:
    """Every interaction term (size >= 2) a hierarchical model holds, in a stable order."""
    terms: set[Term] = set()
    for gen in gens:
        for size in range(2, len(gen) + 1):
            terms.update(frozenset(c) for c in itertools.combinations(sorted(gen), size))
    return sorted(terms, key=lambda t: (len(t), sorted(t)))


def design_matrix(n_lists: int, interactions: Sequence[Term]) -> np.ndarray:
    """Rows: all 2^J cells (row 0 = the unobserved cell). Columns: intercept, lists, interactions."""
    cells = all_patterns(n_lists).astype(float)
    columns = [np.ones(len(cells))] + [cells[:, j] for j in range(n_lists)]
    columns += [np.prod(cells[:, sorted(t)], axis=1) for t in interactions]
    return np.column_stack(columns)


def fit_poisson(
    X: np.ndarray, y: np.ndarray, max_iter: int = 100, tol: float = 1e-10
) -> PoissonFit:
    """Poisson regression with log link by Newton-Raphson with step halving."""
    # Start from weighted least squares on log(y + 0.5): the first IRLS step, solved directly.
    weights = y + 0.5
    gram = X.T @ (X * weights[:, None]) + 1e-8 * np.eye(X.shape[1])
    coef = np.linalg.solve(gram, X.T @ (weights * np.log(weights)))

    def loglik(eta: np.ndarray) -> float:
        return float(np.sum(y * eta - np.exp(eta)))

    eta = X @ coef
    current = loglik(eta)
    converged = False
    for _ in range(max_iter):
        mu = np.exp(eta)
        gradient = X.T @ (y - mu)
        hessian = X.T @ (X * mu[:, None])
        try:
            step = np.linalg.solve(hessian + 1e-10 * np.eye(len(coef)), gradient)
        except np.linalg.LinAlgError:
            step = np.linalg.lstsq(hessian, gradient, rcond=None)[0]
        scale = 1.0
        while scale > 1e-8:
            trial = coef + scale * step
            trial_eta = X @ trial
            trial_ll = loglik(trial_eta) if np.all(trial_eta < 700) else -np.inf
            if trial_ll >= current - 1e-12:
                break
            scale /= 2
        gain = trial_ll - current
        coef, eta, current = trial, trial_eta, trial_ll
        if abs(gain) < tol * (1 + abs(current)):
            converged = True
            break
    mu = np.exp(eta)
    full_ll = current - float(np.sum(special.gammaln(y + 1)))
    return PoissonFit(coef=coef, fitted=mu, loglik=full_ll, converged=converged)


class LogLinear:
    """Hierarchical log-linear model for N, chosen by AIC or BIC unless `model` names one.

    `model` uses Rcapture's notation ("[123,14,34]"; "[1,2,3,4]" is independence).
    The search is exhaustive over hierarchical models up to 4 lists and stepwise
    (adding or dropping one term at a time) beyond; `max_order` caps the
    interactions (default J - 1 up to 5 lists, 2 beyond).
    """

    def __init__(
        self,
        model: str | None = None,
        criterion: str = EstimateSettings.criterion,
        max_order: int | None = None,
    ):
        if criterion not in CRITERIA:
            raise InputError("criterion", f"expected 'aic' or 'bic', got {criterion!r}")
        self.model = model
        self.criterion = criterion
        self.max_order = max_order

    # -- fitting ---------------------------------------------------------------
    def fit(self, patterns: pd.DataFrame) -> LogLinear:
        arrays = to_arrays(patterns)
        self._arrays = arrays
        self.lists_ = arrays.lists
        self.n_observed_ = arrays.n_observed
        J = arrays.n_lists
        if J < 2:
            raise InputError("patterns", "log-linear models need at least two lists")
        self._table = full_table(arrays).astype(float)
        max_order = min(self.max_order or default_max_order(J), J - 1)
        if self.model is not None:
            gens = parse_model(self.model, J)
            if any(len(g) == J for g in gens):
                raise InputError("model", "a J-way interaction leaves N unidentified")
            candidates = [gens]
            results = [self._evaluate(gens)]
        elif J <= EXHAUSTIVE_MAX_LISTS:
            candidates = list(hierarchical_models(J, max_order))
            results = [self._evaluate(g) for g in candidates]
        else:
            candidates, results = self._stepwise(J, max_order)
        table = pd.DataFrame(results)
        table["index"] = np.arange(len(table))
        table["plausible"] = table["estimate"] <= self.n_observed_ * (1 + MAX_MISSING_RATIO)
        usable = table[table["converged"] & np.isfinite(table["estimate"]) & table["plausible"]]
        if usable.empty:
            raise InputError(
                "patterns",
                "no log-linear model fits with a plausible estimate "
                f"(at most {MAX_MISSING_RATIO} undocumented per documented person)",
            )
        best = usable.sort_values([self.criterion, "npar"]).iloc[0]
        self.models_ = table.sort_values(self.criterion).reset_index(drop=True)
        self.generators_ = candidates[int(best["index"])]
        self.model_ = model_name(self.generators_)
        self.model_labelled_ = model_name(self.generators_, self.lists_)
        self._interactions = model_terms(self.generators_)
        self._X = design_matrix(J, self._interactions)
        fit = fit_poisson(self._X[1:], self._table[1:])
        self.coef_ = pd.Series(fit.coef, index=self._coef_names(), name="coef")
        self.N_ = self.n_observed_ + math.exp(fit.coef[0])
        self.loglik_ = fit.loglik
        self.deviance_ = float(best["deviance"])
        self.df_ = int(best["df"])
        self.aic_ = float(best["aic"])
        self.bic_ = float(best["bic"])
        self._profile_max = self._profile_loglik(self.N_)
        return self

    def _evaluate(self, gens: tuple[Term, ...]) -> dict:
        interactions = model_terms(gens)
        X = design_matrix(self._arrays.n_lists, interactions)
        y = self._table[1:]
        fit = fit_poisson(X[1:], y)
        npar = X.shape[1]
        saturated = float(np.sum(special.xlogy(y, y) - y))
        fitted_part = float(np.sum(y * np.log(fit.fitted) - fit.fitted))
        unseen = math.exp(fit.coef[0]) if fit.coef[0] < 700 else math.inf
        n = self._arrays.n_observed
        return {
            "model": model_name(gens),
            "npar": npar,
            "deviance": 2 * (saturated - fitted_part),
            "df": len(y) - npar,
            "aic": -2 * fit.loglik + 2 * npar,
            "bic": -2 * fit.loglik + math.log(n) * npar,
            "estimate": n + unseen,
            "converged": fit.converged,
        }

    def _stepwise(self, J: int, max_order: int) -> tuple[list, list]:
        """Greedy search from independence: add or drop the term that most improves the criterion."""
        current = generators([], J)
        seen: dict[tuple, dict] = {}

        def score(gens: tuple[Term, ...]) -> float:
            if gens not in seen:
                seen[gens] = self._evaluate(gens)
            result = seen[gens]
            ok = (
                result["converged"]
                and np.isfinite(result["estimate"])
                and result["estimate"] <= self._arrays.n_observed * (1 + MAX_MISSING_RATIO)
            )
            return result[self.criterion] if ok else math.inf

        best_score = score(current)
        while True:
            moves = [generators(set(current) | {t}, J) for t in _addable(current, J, max_order)]
            moves += [_drop(current, g, J) for g in current if len(g) >= 2]
            scored = [(score(m), m) for m in moves]
            if not scored:
                break
            value, move = min(scored, key=lambda s: s[0])
            if value >= best_score:
                break
            best_score, current = value, move
        candidates = list(seen)
        return candidates, [seen[c] for c in candidates]

    # -- results ---------------------------------------------------------------
    def _coef_names(self) -> list[str]:
        names = ["intercept"] + list(self.lists_)
        return names + [":".join(self.lists_[m] for m in sorted(t)) for t in self._interactions]

    def _profile_loglik(self, N: float) -> float:
        """Observed-data log-likelihood at N, maximised over the model's parameters."""
        n = self.n_observed_
        y = self._table.copy()
        y[0] = N - n
        fit = fit_poisson(self._X, y)
        mu = fit.fitted
        # Multinomial log-likelihood of the complete table given N (Poisson fit has sum(mu) = N).
        log_p = np.log(mu / mu.sum())
        observed = self._table[1:]
        return float(
            special.gammaln(N + 1)
            - special.gammaln(N - n + 1)
            + np.sum(observed * log_p[1:])
            + (N - n) * log_p[0]
        )

    def interval(self, alpha: float = ALPHA) -> tuple[float, float]:
        """Profile-likelihood interval for N at level 1 - alpha (upper = inf when the
        likelihood does not fall off within MAX_MISSING_RATIO undocumented per documented)."""
        check_alpha(alpha)
        cutoff = stats.chi2.ppf(1 - alpha, 1) / 2
        n = self.n_observed_

        def excess(N: float) -> float:
            return self._profile_max - self._profile_loglik(N) - cutoff

        lower_end = n + 1e-9
        lower = (
            n if excess(lower_end) < 0 else optimize.brentq(excess, lower_end, self.N_, xtol=1e-3)
        )
        # Beyond the plausible range the profile is called unbounded (upper = inf).
        ceiling = n * (1 + MAX_MISSING_RATIO)
        upper_end = self.N_
        step = max(self.N_ - n, 1.0)
        while True:
            upper_end = min(upper_end + step, ceiling)
            if excess(upper_end) > 0:
                break
            if upper_end >= ceiling:
                return float(lower), math.inf
            step *= 2
        upper = optimize.brentq(excess, self.N_, upper_end, xtol=1e-3)
        return float(lower), float(upper)

    def summary(self, alpha: float = ALPHA) -> pd.DataFrame:
        """The protocol's row; `model` is the selected model with list names (its
        deviance, df, AIC and BIC are `deviance_`, `df_`, `aic_`, `bic_`)."""
        interval = self.interval(alpha)
        return summary_frame("loglinear", self.N_, interval, self.n_observed_, self.model_labelled_)

    def flags(self) -> list[str]:
        """`strong_list_dependence` when a selected interaction has |log odds ratio| >= 1."""
        strengths = self.interaction_strength()
        strong = len(strengths) and float(strengths.abs().max()) >= STRONG_INTERACTION
        return ["strong_list_dependence"] if strong else []

    def interaction_strength(self) -> pd.Series:
        """Fitted interaction coefficients (log odds ratios); empty for independence."""
        return self.coef_.iloc[1 + len(self.lists_) :]


def hierarchical_models(n_lists: int, max_order: int) -> Iterable[tuple[Term, ...]]:
    """Every hierarchical model with all main effects and interactions up to max_order."""
    terms = [
        frozenset(c)
        for size in range(max_order, 1, -1)
        for c in itertools.combinations(range(n_lists), size)
    ]

    def antichains(index: int, chosen: list[Term]) -> Iterable[list[Term]]:
        if index == len(terms):
            yield list(chosen)
            return
        yield from antichains(index + 1, chosen)
        term = terms[index]
        if not any(term <= c for c in chosen):
            chosen.append(term)
            yield from antichains(index + 1, chosen)
            chosen.pop()

    for chain in antichains(0, []):
        yield generators(chain, n_lists)


def _addable(gens: tuple[Term, ...], J: int, max_order: int) -> list[Term]:
    """Terms whose every lower-order face is already in the model (keeps it hierarchical)."""
    present = set(model_terms(gens)) | {frozenset([j]) for j in range(J)}
    out = []
    for size in range(2, max_order + 1):
        for combo in itertools.combinations(range(J), size):
            term = frozenset(combo)
            if term in present:
                continue
            faces = [term - {m} for m in term]
            if all(f in present for f in faces):
                out.append(term)
    return out


def _drop(gens: tuple[Term, ...], gen: Term, J: int) -> tuple[Term, ...]:
    """Remove one generator, keeping its faces."""
    rest = [g for g in gens if g != gen]
    return generators(rest + [gen - {m} for m in gen], J)
