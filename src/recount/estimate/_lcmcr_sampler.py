"""Numba kernels for the LCMCR Gibbs sampler (see recount.estimate.lcmcr and docs/lcmcr.md).

One chain runs in `run_chain`, a nogil function, so chains can run on threads.
The sweep differs from R's LCMCR in one place: the number of unobserved people
in each class, n0_k, is updated with the class weights pi and the capture
probabilities lambda integrated out (a partially collapsed Gibbs step), and
(lambda, pi) are then drawn from their full conditionals. The invariant
distribution is the same posterior; the chain on N mixes far faster because
n0 is no longer tied to the lambda it was just drawn from.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

TARGET_ACCEPTANCE = 0.44
SUPPORT_FACTOR = 20  # n0 <= 20 n, as R's LCMCR bounds its n0 draws


@njit(cache=True, nogil=True, inline="always")
def _log_gamma_variate(rng, shape):
    """log of a Gamma(shape, 1) draw, safe for tiny shapes (no underflow to log 0)."""
    if shape < 1.0:
        draw = rng.gamma(shape + 1.0, 1.0)
        u = rng.random()
        while u <= 0.0:
            u = rng.random()
        return math.log(max(draw, 1e-300)) + math.log(u) / shape
    return math.log(max(rng.gamma(shape, 1.0), 1e-300))


@njit(cache=True, nogil=True, inline="always")
def _log_beta_pair(rng, a, b):
    """(log X, log(1 - X)) for X ~ Beta(a, b), through two log-gamma draws."""
    la = _log_gamma_variate(rng, a)
    lb = _log_gamma_variate(rng, b)
    top = max(la, lb)
    log_total = top + math.log(math.exp(la - top) + math.exp(lb - top))
    return la - log_total, lb - log_total


_STIRLING_TAIL = np.array(
    [
        0.08106146679532726,
        0.04134069595540929,
        0.02767792568499834,
        0.02079067210376509,
        0.01664469118982119,
        0.01387612882307075,
        0.01189670994589177,
        0.01041126526197209,
        0.009255462182712733,
        0.008330563433362871,
    ]
)


@njit(cache=True, nogil=True, inline="always")
def _stirling_tail(k):
    """log k! - [(k + 1/2) log(k + 1) - (k + 1) + log(2 pi) / 2]."""
    if k < 10:
        return _STIRLING_TAIL[int(k)]
    kp1 = k + 1.0
    kp1sq = kp1 * kp1
    return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / kp1


@njit(cache=True, nogil=True, inline="always")
def _binomial_inversion(rng, n, p):
    """Binomial(n, p) by inversion (Kachitvichyanukul and Schmeiser's BINV), for p <= 0.5
    and small n p: one uniform and about n p steps, a third of numba's rng.binomial,
    whose set-up on every call cost more than the draw."""
    s = p / (1.0 - p)
    a = (n + 1) * s
    first = math.exp(n * math.log1p(-p))
    while True:
        u = rng.random()
        r = first
        x = 0
        while u > r:
            u -= r
            x += 1
            if x > n:
                break  # rounding left u above the total: draw again, as numpy does
            r *= a / x - s
        if x <= n:
            return np.int64(x)


@njit(cache=True, nogil=True, inline="always")
def _binomial(rng, n, p):
    """Exact Binomial(n, p) draw: inversion for n min(p, 1 - p) < 15, else Hormann's
    BTRS transformed rejection (a few uniforms, no set-up). The Gibbs sweeps draw about
    K of these per cell and sweep, three quarters of a sweep's time (docs/lcmcr.md);
    numba's rng.binomial, with its set-up on every call, cost two to three times as much.
    Not recursive: a recursive numba function is not inlined, which cost 40 ns a call."""
    if p > 0.5:
        return n - _binomial_at_most_half(rng, n, 1.0 - p)
    return _binomial_at_most_half(rng, n, p)


@njit(cache=True, nogil=True, inline="always")
def _binomial_at_most_half(rng, n, p):
    if n * p < 15.0:
        return _binomial_inversion(rng, n, p)
    q = 1.0 - p
    spq = math.sqrt(n * p * q)
    b = 1.15 + 2.53 * spq
    a = -0.0873 + 0.0248 * b + 0.01 * p
    c = n * p + 0.5
    v_r = 0.92 - 4.2 / b
    r = p / q
    alpha = (2.83 + 5.1 / b) * spq
    m = math.floor((n + 1) * p)
    while True:
        u = rng.random() - 0.5
        v = rng.random()
        us = 0.5 - abs(u)
        k = math.floor((2.0 * a / us + b) * u + c)
        if k < 0 or k > n:
            continue
        if us >= 0.07 and v <= v_r:
            return np.int64(k)
        v = math.log(v * alpha / (a / (us * us) + b))
        bound = (
            (m + 0.5) * math.log((m + 1.0) / (r * (n - m + 1.0)))
            + (n + 1.0) * math.log((n - m + 1.0) / (n - k + 1.0))
            + (k + 0.5) * math.log(r * (n - k + 1.0) / (k + 1.0))
            + _stirling_tail(m)
            + _stirling_tail(n - m)
            - _stirling_tail(k)
            - _stirling_tail(n - k)
        )
        if v <= bound:
            return np.int64(k)


@njit(cache=True, nogil=True, inline="always")
def _suffix_sums(weight, suffix):
    """suffix[k] = weight[k] + ... + weight[-1], summed from the end (no cancellation)."""
    suffix[weight.size] = 0.0
    for k in range(weight.size - 1, -1, -1):
        suffix[k] = suffix[k + 1] + weight[k]


# Log-odds within +-LOG_ODDS_RANGE can be exponentiated safely, so the split of the
# observed cells takes products of odds; a table or cell outside it falls back to logs.
LOG_ODDS_RANGE = 600.0
# A class's scale below exp(-SCALE_FLOOR) is not exact (near the smallest normal double);
# where some cell's odds could raise it back the sweep weighs every cell in logs.
SCALE_FLOOR = 700.0


@njit(cache=True, nogil=True)
def _allocate_observed(rng, patterns, freq, log_lam, log_1m, log_pi, nobs, ones):
    """Split every observed cell's count over the classes (multinomial), tabulate counts.

    P(cell | class) relative to the likeliest class's empty-cell term is a product of the
    cell's lists' odds: no exp per cell and class; and the classes are taken largest first
    by their expected share of the documented, once a sweep, rather than sorted by weight
    in every cell, since the binomial draws became cheaper than that sort. The order comes
    from the chain's state, so a chain advanced in pieces still gives one run's. A cell
    whose product under- or overflows is weighed in logs instead, and so is every cell of
    a sweep where a class's scale underflows and some cell's odds could restore it."""
    n_cells, n_lists = patterns.shape
    n_classes = log_pi.size
    nobs[:] = 0
    ones[:, :] = 0
    base = np.empty(n_classes)
    log_odds = np.empty((n_lists, n_classes))
    seen = np.empty(n_classes)  # log of the share of the documented in each class
    for k in range(n_classes):
        base[k] = log_pi[k]
        for j in range(n_lists):
            base[k] += log_1m[j, k]
            log_odds[j, k] = log_lam[j, k] - log_1m[j, k]
        seen[k] = log_pi[k] + math.log(-math.expm1(base[k] - log_pi[k]))
    order = np.argsort(-seen)  # the classes holding most documented people first
    top = base.max()
    scale = np.empty(n_classes)
    odds = np.empty((n_lists, n_classes))
    in_range = True
    for k in range(n_classes):
        scale[k] = math.exp(base[k] - top)
        reach = base[k] - top  # the most a cell can weigh under class k, in logs
        for j in range(n_lists):
            in_range = in_range and abs(log_odds[j, k]) < LOG_ODDS_RANGE
            odds[j, k] = math.exp(log_odds[j, k])
            reach += max(log_odds[j, k], 0.0)
        # a scale lost to underflow that some cell's odds would have brought back
        in_range = in_range and (base[k] - top > -SCALE_FLOOR or reach < -SCALE_FLOOR)
    listed = np.empty(n_lists, dtype=np.int64)
    weight = np.empty(n_classes)
    suffix = np.empty(n_classes + 1)
    for m in range(n_cells):
        n_listed = 0
        for j in range(n_lists):
            if patterns[m, j]:
                listed[n_listed] = j
                n_listed += 1
        # weight[i]: the weight of class order[i]
        for i in range(n_classes):
            weight[i] = scale[order[i]]
        for i in range(n_listed):
            row = listed[i]
            for c in range(n_classes):
                weight[c] *= odds[row, order[c]]
        _suffix_sums(weight, suffix)
        if not (in_range and 1e-280 < suffix[0] < 1e280):
            for c in range(n_classes):
                weight[c] = base[order[c]]
                for i in range(n_listed):
                    weight[c] += log_odds[listed[i], order[c]]
            high = weight.max()
            for c in range(n_classes):
                weight[c] = math.exp(weight[c] - high)
            _suffix_sums(weight, suffix)
        remaining = freq[m]
        for c in range(n_classes):
            if remaining == 0:
                break
            k = order[c]
            if c == n_classes - 1 or weight[c] >= suffix[c]:
                count = remaining
            elif weight[c] <= 0.0:
                count = 0
            else:
                count = _binomial(rng, remaining, weight[c] / suffix[c])
            if count > 0:
                remaining -= count
                nobs[k] += count
                for i in range(n_listed):
                    ones[listed[i], k] += count


@njit(cache=True, nogil=True, inline="always")
def _delta_log_collapsed(k, delta, n0, nobs, ones, suffix_totals, total, alpha, a_lam, b_lam):
    """Change in log p(n0 | observed allocations, alpha) when n0[k] moves by delta.

    log p = lgamma(N) - sum_k lgamma(n0_k + 1)
            + sum_{l<K-1} [lgamma(1 + n_l) + lgamma(alpha + T_{l+1}) - lgamma(1 + alpha + T_l)]
            + sum_{j,k} [lgamma(b + n_k - s_jk) - lgamma(a + b + n_k)]
    with n_k = nobs_k + n0_k and T_l = sum_{i >= l} n_i (stick-breaking and the capture
    prior Beta(a, b) = Beta(a_lam, b_lam) integrated out, p(N) proportional to 1/N).
    """
    n_lists = ones.shape[0]
    n_classes = nobs.size
    old_n0 = n0[k]
    new_n0 = old_n0 + delta
    old_nk = nobs[k] + old_n0
    new_nk = old_nk + delta
    out = math.lgamma(total + delta) - math.lgamma(total)
    out -= math.lgamma(new_n0 + 1.0) - math.lgamma(old_n0 + 1.0)
    for j in range(n_lists):
        out += math.lgamma(b_lam + new_nk - ones[j, k]) - math.lgamma(b_lam + old_nk - ones[j, k])
        out -= math.lgamma(a_lam + b_lam + new_nk) - math.lgamma(a_lam + b_lam + old_nk)
    last = min(k, n_classes - 2)
    for c in range(last + 1):
        t_l = suffix_totals[c]
        out -= math.lgamma(1.0 + alpha + t_l + delta) - math.lgamma(1.0 + alpha + t_l)
        if c < k:
            t_next = suffix_totals[c + 1]
            out += math.lgamma(alpha + t_next + delta) - math.lgamma(alpha + t_next)
    if k < n_classes - 1:
        out += math.lgamma(1.0 + new_nk) - math.lgamma(1.0 + old_nk)
    return out


@njit(cache=True, nogil=True)
def _update_missing(
    rng, n0, nobs, ones, alpha, a_lam, b_lam, log_scale, attempts, accepted, n_observed, adapt_rate
):
    """Random-walk Metropolis on each n0_k under the collapsed conditional (capture prior
    Beta(a_lam, b_lam))."""
    n_classes = nobs.size
    counts = nobs + n0
    suffix_totals = np.empty(n_classes + 1)
    suffix_totals[n_classes] = 0.0
    for k in range(n_classes - 1, -1, -1):
        suffix_totals[k] = suffix_totals[k + 1] + counts[k]
    total = suffix_totals[0]
    limit = SUPPORT_FACTOR * n_observed
    missing = total - n_observed
    for k in range(n_classes):
        for _ in range(attempts):
            step = 1 + int(math.floor(abs(rng.standard_normal()) * math.exp(log_scale[k])))
            if rng.random() < 0.5:
                step = -step
            accept = False
            if n0[k] + step >= 0 and missing + step <= limit:
                log_ratio = _delta_log_collapsed(
                    k, step, n0, nobs, ones, suffix_totals, total, alpha, a_lam, b_lam
                )
                if log_ratio >= 0.0 or math.log(rng.random() + 1e-300) < log_ratio:
                    accept = True
            if accept:
                n0[k] += step
                total += step
                missing += step
                for c in range(k + 1):
                    suffix_totals[c] += step
                accepted[k] += 1
            if adapt_rate > 0.0:
                log_scale[k] += adapt_rate * ((1.0 if accept else 0.0) - TARGET_ACCEPTANCE)


@njit(cache=True, nogil=True)
def _log_alpha_target(log_alpha, counts, a_alpha, b_alpha):
    """log p(log alpha | class counts) with the stick-breaking weights integrated out."""
    alpha = math.exp(log_alpha)
    n_classes = counts.size
    out = a_alpha * log_alpha - b_alpha * alpha
    later = 0.0
    for k in range(n_classes):
        later += counts[k]
    for k in range(n_classes - 1):
        t_k = later
        later -= counts[k]
        out += log_alpha + math.lgamma(alpha + later) - math.lgamma(1.0 + alpha + t_k)
    return out


@njit(cache=True, nogil=True)
def _update_alpha(rng, alpha, counts, a_alpha, b_alpha, log_scale, attempts, adapt_rate):
    """Random-walk Metropolis on log alpha given class counts (weights integrated out).

    Drawing alpha given the weights, as R does, crawls: the empty classes' weights and
    alpha pin each other down.
    """
    log_alpha = math.log(alpha)
    current = _log_alpha_target(log_alpha, counts, a_alpha, b_alpha)
    for _ in range(attempts):
        proposal = log_alpha + rng.standard_normal() * math.exp(log_scale[0])
        value = _log_alpha_target(proposal, counts, a_alpha, b_alpha)
        accept = value >= current or math.log(rng.random() + 1e-300) < value - current
        if accept:
            log_alpha = proposal
            current = value
        if adapt_rate > 0.0:
            log_scale[0] += adapt_rate * ((1.0 if accept else 0.0) - TARGET_ACCEPTANCE)
    return math.exp(log_alpha)


@njit(cache=True, nogil=True)
def _draw_lambda(rng, n0, nobs, ones, a_lam, b_lam, log_lam, log_1m):
    """lambda_jk | class counts ~ Beta(a_lam + s_jk, b_lam + n_k - s_jk)."""
    n_lists, n_classes = ones.shape
    for k in range(n_classes):
        n_k = nobs[k] + n0[k]
        for j in range(n_lists):
            a = a_lam + ones[j, k]
            b = b_lam + n_k - ones[j, k]
            log_lam[j, k], log_1m[j, k] = _log_beta_pair(rng, a, b)


@njit(cache=True, nogil=True)
def _draw_weights(rng, n0, nobs, alpha, log_pi):
    """Truncated stick-breaking weights given class counts; returns sum_k log(1 - V_k)."""
    n_classes = nobs.size
    counts = nobs + n0
    rest = 0.0
    for k in range(n_classes):
        rest += counts[k]
    log_remaining = 0.0
    for k in range(n_classes - 1):
        rest -= counts[k]
        log_v, log_1mv = _log_beta_pair(rng, 1.0 + counts[k], alpha + rest)
        log_pi[k] = log_remaining + log_v
        log_remaining += log_1mv
    log_pi[n_classes - 1] = log_remaining
    return log_remaining


@njit(cache=True, nogil=True)
def _missing_probability(log_lam, log_1m, log_pi):
    n_lists, n_classes = log_lam.shape
    p0 = 0.0
    for k in range(n_classes):
        value = log_pi[k]
        for j in range(n_lists):
            value += log_1m[j, k]
        p0 += math.exp(value)
    return min(p0, 1.0 - 1e-12)


@njit(cache=True, nogil=True)
def _augment_missing(rng, n0, log_lam, log_1m, log_pi, n_observed):
    """R's data augmentation: n0 ~ NegBin(n, 1 - p0) (redrawn while > 20 n), then a
    multinomial split over classes. Used only to measure the peer's mixing."""
    n_lists, n_classes = log_lam.shape
    weight = np.empty(n_classes)
    p0 = 0.0
    for k in range(n_classes):
        value = log_pi[k]
        for j in range(n_lists):
            value += log_1m[j, k]
        weight[k] = math.exp(value)
        p0 += weight[k]
    p0 = min(p0, 1.0 - 1e-12)
    missing = rng.negative_binomial(n_observed, 1.0 - p0)
    while missing > SUPPORT_FACTOR * n_observed:
        missing = rng.negative_binomial(n_observed, 1.0 - p0)
    left = p0
    for k in range(n_classes):
        if k == n_classes - 1 or missing == 0:
            n0[k] = missing
            missing = 0
            continue
        p = min(1.0, weight[k] / left) if left > 0.0 else 1.0
        n0[k] = _binomial(rng, missing, p)
        missing -= n0[k]
        left -= weight[k]


STATE = ("log_lam", "log_1m", "log_pi", "n0", "log_scale", "alpha_scale", "accepted", "alpha")


@njit(cache=True, nogil=True)
def start_chain(rng, patterns, freq, n_classes):
    """A chain's initial state: the arrays named in STATE, which `advance_chain` updates
    in place (the n0 acceptance counts since burn-in among them)."""
    n_cells, n_lists = patterns.shape
    n_observed = 0
    for m in range(n_cells):
        n_observed += freq[m]
    marginal = np.zeros(n_lists)
    for m in range(n_cells):
        for j in range(n_lists):
            if patterns[m, j]:
                marginal[j] += freq[m]
    log_lam = np.empty((n_lists, n_classes))
    log_1m = np.empty((n_lists, n_classes))
    for j in range(n_lists):
        for k in range(n_classes):
            value = marginal[j] / n_observed * math.exp(0.5 * rng.standard_normal())
            value = min(max(value, 0.02), 0.98)
            log_lam[j, k] = math.log(value)
            log_1m[j, k] = math.log1p(-value)
    log_pi = np.full(n_classes, -math.log(n_classes))
    n0 = np.zeros(n_classes, dtype=np.int64)
    p0 = _missing_probability(log_lam, log_1m, log_pi)
    missing = min(rng.negative_binomial(n_observed, 1.0 - p0), SUPPORT_FACTOR * n_observed)
    for k in range(n_classes):
        n0[k] = missing // n_classes
    n0[0] += missing - n0.sum()
    log_scale = np.full(n_classes, math.log(max(1.0, 0.1 * math.sqrt(missing / n_classes + 1.0))))
    alpha_scale = np.full(1, math.log(0.5))
    accepted = np.zeros(n_classes, dtype=np.int64)
    alpha = np.full(1, 0.3 / n_classes)
    return log_lam, log_1m, log_pi, n0, log_scale, alpha_scale, accepted, alpha


@njit(cache=True, nogil=True)
def advance_chain(
    rng,
    patterns,
    freq,
    state,
    a_alpha,
    b_alpha,
    a_lambda,
    b_lambda,
    first_sweep,
    n_sweeps,
    burnin,
    thin,
    attempts,
    warmup,
    collapsed,
):
    """Run sweeps first_sweep .. first_sweep + n_sweeps - 1 of a chain from `state`
    (updated in place), capture probabilities under Beta(a_lambda, b_lambda); return the
    (N, alpha) draws kept among them: one every `thin` sweeps after `burnin`. A chain advanced in pieces gives the draws of one long run."""
    log_lam, log_1m, log_pi, n0, log_scale, alpha_scale, accepted, alpha_box = state
    n_cells, n_lists = patterns.shape
    n_classes = log_pi.size
    n_observed = 0
    for m in range(n_cells):
        n_observed += freq[m]
    alpha = alpha_box[0]
    nobs = np.zeros(n_classes, dtype=np.int64)
    ones = np.zeros((n_lists, n_classes), dtype=np.int64)
    kept = 0
    for sweep in range(first_sweep, first_sweep + n_sweeps):
        if sweep >= burnin and (sweep - burnin) % thin == thin - 1:
            kept += 1
    out_n = np.empty(kept, dtype=np.int64)
    out_alpha = np.empty(kept)
    stored = 0
    for sweep in range(first_sweep, first_sweep + n_sweeps):
        _allocate_observed(rng, patterns, freq, log_lam, log_1m, log_pi, nobs, ones)
        adapt_rate = 0.0
        if sweep < burnin:
            adapt_rate = 1.0 / (1.0 + sweep) ** 0.6
        if collapsed:
            # (n0, alpha) from their conditionals with lambda and pi integrated out,
            # then (lambda, pi) exactly: a partially collapsed Gibbs block.
            _update_missing(
                rng,
                n0,
                nobs,
                ones,
                alpha,
                a_lambda,
                b_lambda,
                log_scale,
                attempts,
                accepted,
                n_observed,
                adapt_rate,
            )
            if sweep >= warmup:
                alpha = _update_alpha(
                    rng, alpha, nobs + n0, a_alpha, b_alpha, alpha_scale, attempts, adapt_rate
                )
            _draw_lambda(rng, n0, nobs, ones, a_lambda, b_lambda, log_lam, log_1m)
            _draw_weights(rng, n0, nobs, alpha, log_pi)
        else:
            # R's LCMCR order: lambda, stick weights, n0 by data augmentation, alpha.
            _draw_lambda(rng, n0, nobs, ones, a_lambda, b_lambda, log_lam, log_1m)
            log_last = _draw_weights(rng, n0, nobs, alpha, log_pi)
            _augment_missing(rng, n0, log_lam, log_1m, log_pi, n_observed)
            if sweep >= warmup:
                alpha = rng.gamma(a_alpha + n_classes - 1.0, 1.0 / (b_alpha - log_last))
        if sweep == warmup - 1:
            # As R's LCMCR: once warm, relabel classes by decreasing size (a one-off start).
            order = np.argsort(-(nobs + n0))
            n0[:] = n0[order]
            log_scale[:] = log_scale[order]
            log_lam[:, :] = log_lam[:, order]
            log_1m[:, :] = log_1m[:, order]
            log_pi[:] = log_pi[order]
        if sweep == burnin - 1:
            accepted[:] = 0
        if sweep >= burnin and (sweep - burnin) % thin == thin - 1:
            out_n[stored] = n_observed + n0.sum()
            out_alpha[stored] = alpha
            stored += 1
    alpha_box[0] = alpha
    return out_n, out_alpha
