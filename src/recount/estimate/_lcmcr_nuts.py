"""LCMCR by NUTS: the model's posterior with the latent classes, N and alpha summed
out, and the no-U-turn sampler that draws from it. One module on purpose: numba
caches a compiled function by its own file only, so a sampler in another file would
keep running a stale copy of the density it inlines after the density changed.

The density. With p(N) proportional to 1/N, summing N out of the model leaves the
likelihood of the observed cells conditional on being observed,
prod_x (q_x / (1 - q0))^n_x, times P(n0 <= 20 n) for the bound R's LCMCR puts on n0
(n0 | theta is negative binomial; see `truncated_missing`). Summing alpha out of the
stick-breaking prior leaves, for the weights pi in stick order,

    p(pi) proportional to (b - log pi_K)^-(a + K - 1) prod_{k>=2} 1 / (pi_k + ... + pi_K).

What is left is a smooth density of the capture probabilities and the weights, in
unconstrained coordinates: eta_jk = logit lambda_jk and stick logits nu_k (sticks in
the chain's own class labels). `data` is the tuple made by `target_data`.

The order of the classes. The truncated stick-breaking prior is not symmetric in the
classes, and a chain of NUTS does not switch labels. So the state carries the order
in which its classes enter the stick-breaking prior (`order`: stick position -> class
label) and moves it after every draw (`reorder_classes`). The likelihood does not
depend on the order, so this costs no likelihood evaluation and leaves NUTS's learned
geometry intact, and the chain targets LCMCR's posterior, not one labelling's share
of it. Without it, a chain that starts with a large class in the last stick position
stays there, with alpha near 11 where the posterior has it near 0.1, and its N
differs from the other chains' (seen on the 8-list benchmark table).

The sampler. NUTS as in Stan (Hoffman & Gelman 2014; multinomial trajectory sampling
and the generalised no-U-turn criterion with Stan's extra checks across merged
subtrees, Betancourt 2017). The step size is tuned by dual averaging; the mass matrix
is nutpie's low-rank modified diagonal (Seyboldt): a diagonal from the spread of draws
and of gradients, corrected along the directions where the posterior is much wider or
narrower than that diagonal says. Those directions are what make LCMCR's posterior
hard on large tables, where classes trade people along narrow ridges. It is written
here rather than taken from nutpie because the order moves interleave with every draw,
because each stratum runs in a worker process where a Python call per gradient would
cost more than the gradient, and because numba cannot cache kernels that take the
density as an argument (a cold compile costs most of a minute per process).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit
from numba.extending import overload

from recount.estimate._lcmcr_sampler import SUPPORT_FACTOR, advance_chain, start_chain

# The density ------------------------------------------------------------------
ORDER_ATTEMPTS = 2  # proposals of a new class order after every NUTS draw
CUBE_MAX_LISTS = 14  # up to here every capture pattern is computed by one product each
# The product path works in linear space; beyond these bounds (far tails only) the
# cells are computed in log space instead, so nothing underflows.
LINEAR_MAX_ETA = 25.0
LINEAR_MIN_LOG_WEIGHT = -280.0
# A logit past this has odds or a capture probability beyond a double's range: no posterior
# mass, but a step of a cold chain can land there where the capture prior pulls weakly (a
# small a_lambda: first-guess mass matrix 1 / |gradient| near the prior's mode).
MAX_CAPTURE_LOGIT = 700.0


@njit(cache=True, nogil=True)
def _log_sigmoid(x):
    if x >= 0.0:
        return -math.log1p(math.exp(-x))
    return x - math.log1p(math.exp(x))


@njit(cache=True, nogil=True)
def _bernoulli_log_likelihood(on, total, eta):
    """on log sigmoid(eta) + (total - on) log sigmoid(-eta), with one exp and one log1p (not
    two of each): on eta - total softplus(eta), in the hierarchical sweep's slice steps of
    the capture logits, the list shifts and sigma (docs/bench/estimate.md section 22)."""
    return on * eta - total * (max(eta, 0.0) + math.log1p(math.exp(-abs(eta))))


@njit(cache=True, nogil=True)
def _log_add(a, b):
    if a == -np.inf:
        return b
    if b == -np.inf:
        return a
    top = max(a, b)
    return top + math.log1p(math.exp(-abs(a - b)))


@njit(cache=True, nogil=True)
def _beta_continued_fraction(a, b, x):
    """Lentz's continued fraction for the regularised incomplete beta (Numerical Recipes)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    if abs(d) < tiny:
        d = tiny
    d = 1.0 / d
    h = d
    for m in range(1, 100_000):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = tiny if abs(d) < tiny else d
        c = 1.0 + aa / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = tiny if abs(d) < tiny else d
        c = 1.0 + aa / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        step = d * c
        h *= step
        if abs(step - 1.0) < 1e-15:
            break
    return h


@njit(cache=True, nogil=True)
def _log_beta(a, b):
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


@njit(cache=True, nogil=True)
def log_bound_probability(q0, n, limit):
    """log P(n0 <= limit) for n0 ~ NegBin(n, 1 - q0) and its derivative in q0.

    P(n0 > limit) = I_q0(limit + 1, n), the regularised incomplete beta function."""
    return bound_probability(q0, n, limit, _log_beta(limit + 1.0, n))


@njit(cache=True, nogil=True)
def bound_probability(q0, n, limit, log_beta_ab):
    """`log_bound_probability` given log B(limit + 1, n), which the hierarchical model
    keeps per stratum (three lgammas a stratum and gradient otherwise)."""
    a = limit + 1.0
    b = n
    if q0 <= 0.0:
        return 0.0, 0.0
    log_q0, log_1m_q0 = math.log(q0), math.log1p(-q0)
    log_front = a * log_q0 + b * log_1m_q0 - log_beta_ab
    if log_front < -740.0:
        return 0.0, 0.0
    log_density = (a - 1.0) * log_q0 + (b - 1.0) * log_1m_q0 - log_beta_ab
    if q0 < (a + 1.0) / (a + b + 2.0):
        tail = math.exp(log_front) * _beta_continued_fraction(a, b, q0) / a
        log_kept = math.log1p(-min(tail, 1.0 - 1e-300))
    else:
        kept = math.exp(log_front) * _beta_continued_fraction(b, a, 1.0 - q0) / b
        log_kept = math.log(max(kept, 1e-300))
    return log_kept, -math.exp(log_density - log_kept)


@njit(cache=True, nogil=True)
def stick_weights(x, n_lists, n_classes, log_w):
    """Class log weights from the stick logits in x (the chain's own label order)."""
    offset = n_lists * n_classes
    rest = 0.0
    for k in range(n_classes - 1):
        log_w[k] = rest + _log_sigmoid(x[offset + k])
        rest += _log_sigmoid(-x[offset + k])
    log_w[n_classes - 1] = rest


@njit(cache=True, nogil=True)
def _stick_prior(log_w, order, a_alpha, b_alpha, grad_log_w):
    """log p(pi) of the stick-breaking prior (alpha summed out) with the classes entering
    in `order`; adds d/d log w to grad_log_w."""
    n_classes = log_w.size
    if n_classes == 1:
        return 0.0
    last = order[n_classes - 1]
    shape = a_alpha + n_classes - 1.0
    out = -shape * math.log(b_alpha - log_w[last])
    grad_log_w[last] += shape / (b_alpha - log_w[last])
    # Tail sums R_p = pi at positions p .. K, from the end; log p gets -sum_{p>=2} log R_p.
    log_tail = np.empty(n_classes)
    running = -np.inf
    for position in range(n_classes - 1, -1, -1):
        running = _log_add(running, log_w[order[position]])
        log_tail[position] = running
    for position in range(1, n_classes):
        out -= log_tail[position]
        # d/d log w of -sum_{p>=2} log R_p: -w / R_p for every tail R_p that holds w.
        label = order[position]
        for earlier in range(1, position + 1):
            grad_log_w[label] -= math.exp(log_w[label] - log_tail[earlier])
    return out


def target_data(cells, counts, n_classes, a_alpha, b_alpha, a_lambda, b_lambda):
    """The `data` tuple for `log_posterior` from 0/1 cells (rows) and their counts: counts,
    cube index of each cell, lists x cells 0/1 matrix, two work arrays (every pattern's
    class terms; each cell's responsibilities), n, the bound on n0, J, K, alpha's a and b,
    the class order (mutable: `reorder_classes` moves it) and the capture prior's shapes."""
    cells = np.asarray(cells, dtype=np.int64)
    n_cells, n_lists = cells.shape
    cube_size = 1 << n_lists if n_lists <= CUBE_MAX_LISTS else 0
    n = float(np.sum(counts))
    return (
        np.asarray(counts, dtype=np.float64),
        cells @ (1 << np.arange(n_lists, dtype=np.int64)),
        np.ascontiguousarray(cells.T, dtype=np.float64),
        np.empty((cube_size, n_classes)),
        np.empty((n_cells, n_classes)),
        n,
        float(SUPPORT_FACTOR * n),
        n_lists,
        n_classes,
        float(a_alpha),
        float(b_alpha),
        np.arange(n_classes, dtype=np.int64),
        float(a_lambda),
        float(b_lambda),
    )


@njit(cache=True, nogil=True)
def _fill_cube(odds, zero_cell, cube):
    """pi_k P(pattern | class k) for every pattern: each is its parent pattern (lowest list
    removed) times that list's odds, one product per pattern and class."""
    n_classes = zero_cell.size
    cube[0] = zero_cell
    for cell in range(1, cube.shape[0]):
        low = cell & -cell
        parent = cell ^ low
        j = 0
        while (1 << j) != low:
            j += 1
        for k in range(n_classes):
            cube[cell, k] = cube[parent, k] * odds[j, k]


@njit(cache=True, nogil=True)
def _capture_terms(x, n_lists, n_classes, a_lambda, b_lambda, lam, odds, log_1m, out):
    """lambda, its odds and log(1 - lambda) from the logits at the start of x; adds the
    Beta(a_lambda, b_lambda) prior with the logit's Jacobian, a log lambda + b log(1 - lambda),
    to `out`. Returns (out, whether the linear product path is safe for these logits); out is
    -inf past MAX_CAPTURE_LOGIT."""
    linear = True
    for j in range(n_lists):
        for k in range(n_classes):
            eta = x[j * n_classes + k]
            if not abs(eta) < MAX_CAPTURE_LOGIT:
                return -np.inf, False
            if abs(eta) > LINEAR_MAX_ETA:
                linear = False
            # One exp and one log1p give lambda, the odds and both log-sigmoids.
            small = math.exp(-abs(eta))
            soft = math.log1p(small)
            if eta >= 0.0:
                lam[j, k] = 1.0 / (1.0 + small)
                odds[j, k] = 1.0 / small
                log_lam, log_1m[j, k] = -soft, -eta - soft
            else:
                lam[j, k] = small / (1.0 + small)
                odds[j, k] = small
                log_lam, log_1m[j, k] = eta - soft, -soft
            out += a_lambda * log_lam + b_lambda * log_1m[j, k]
    return out, linear


@njit(cache=True, nogil=True)
def _stick_terms(x, offset, n_classes, grad_log_w, grad, out):
    """From d/d log w to the stick logits at x[offset:], adding the sticks' Jacobian
    sum_{k<K} [log R_k + log V_k + log(1 - V_k)], R_k = prod_{l<k} (1 - V_l), to `out`."""
    later = grad_log_w[n_classes - 1]
    remaining = 0.0
    for stick in range(n_classes - 1):
        nu = x[offset + stick]
        out += remaining + _log_sigmoid(nu) + _log_sigmoid(-nu)
        remaining += _log_sigmoid(-nu)
    for stick in range(n_classes - 2, -1, -1):
        v = 1.0 / (1.0 + math.exp(-x[offset + stick]))
        grad[offset + stick] = (
            grad_log_w[stick] * (1.0 - v) - v * later + 1.0 - 2.0 * v - (n_classes - 2 - stick) * v
        )
        later += grad_log_w[stick]
    return out


@njit(cache=True, nogil=True)
def log_posterior(x, grad, data):
    """log density of (eta, nu) up to a constant; the gradient goes to `grad`."""
    counts, cell_index, listed, cube, responsibility, n, limit, n_lists, n_classes = data[:9]
    a_alpha, b_alpha, order, a_lambda, b_lambda = data[9], data[10], data[11], data[12], data[13]
    offset = n_lists * n_classes
    lam = np.empty((n_lists, n_classes))
    odds = np.empty((n_lists, n_classes))
    log_1m = np.empty((n_lists, n_classes))
    out, linear = _capture_terms(x, n_lists, n_classes, a_lambda, b_lambda, lam, odds, log_1m, 0.0)
    if out == -np.inf:
        return out
    linear = linear and cube.shape[0] > 0
    log_miss = np.zeros(n_classes)  # log prod_j (1 - lambda_jk)
    for j in range(n_lists):
        for k in range(n_classes):
            log_miss[k] += log_1m[j, k]
    log_w = np.empty(n_classes)
    stick_weights(x, n_lists, n_classes, log_w)
    grad_log_w = np.zeros(n_classes)
    out += _stick_prior(log_w, order, a_alpha, b_alpha, grad_log_w)

    zero_cell = np.empty(n_classes)  # pi_k prod_j (1 - lambda_jk)
    observed_mass = 0.0
    q0 = 0.0
    for k in range(n_classes):
        if log_w[k] < LINEAR_MIN_LOG_WEIGHT:
            linear = False
        zero_cell[k] = math.exp(log_w[k] + log_miss[k])
        q0 += zero_cell[k]
        observed_mass += -math.expm1(log_miss[k]) * math.exp(log_w[k])
    if not observed_mass > 0.0:
        return -np.inf
    # Per cell: log q_x, and the class responsibilities (count-weighted) that make the
    # gradient: expected class counts and, through one product, each list's share.
    if linear:
        _fill_cube(odds, zero_cell, cube)
        for m in range(counts.size):
            q = 0.0
            for k in range(n_classes):
                q += cube[cell_index[m], k]
            if not q > 0.0:
                return -np.inf
            out += counts[m] * math.log(q)
            scale = counts[m] / q
            for k in range(n_classes):
                responsibility[m, k] = scale * cube[cell_index[m], k]
    else:
        values = np.empty(n_classes)
        for m in range(counts.size):
            for k in range(n_classes):
                values[k] = log_w[k] + log_miss[k]
            for j in range(n_lists):
                if listed[j, m] > 0.0:
                    for k in range(n_classes):
                        values[k] += x[j * n_classes + k]
            top = values.max()
            q = 0.0
            for k in range(n_classes):
                values[k] = math.exp(values[k] - top)
                q += values[k]
            out += counts[m] * (top + math.log(q))
            for k in range(n_classes):
                responsibility[m, k] = counts[m] * values[k] / q
    expected = responsibility.sum(axis=0)
    ones = listed @ responsibility
    out -= n * math.log(observed_mass)
    log_kept, d_kept = log_bound_probability(q0, n, limit)
    out += log_kept
    # d/dq0 of -n log(1 - q0) + log P(n0 <= limit), times dq0 / d(parameters).
    per_missing = n / observed_mass + d_kept
    for k in range(n_classes):
        missing_k = per_missing * zero_cell[k]
        grad_log_w[k] += expected[k] + missing_k
        for j in range(n_lists):
            lam_jk = lam[j, k]
            grad[j * n_classes + k] = (
                ones[j, k]
                - lam_jk * (expected[k] + missing_k)
                + a_lambda
                - (a_lambda + b_lambda) * lam_jk
            )
    out = _stick_terms(x, offset, n_classes, grad_log_w, grad, out)
    for i in range(grad.size):
        if not math.isfinite(grad[i]):
            return -np.inf  # the far tails only: NUTS then treats the step as divergent
    return out


# The hierarchical model over strata (HLCMCR) ------------------------------------
# Every stratum s shares the latent classes: their capture profiles eta_jk (logits of
# lambda_jk, Beta(a_lambda, b_lambda)) and, through beta, their weights. Stratum s has its own list
# shifts rho_sj ~ N(0, sigma^2), so logit lambda_sjk = eta_jk + rho_sj (a list covers one
# place or year better than another, for every kind of person alike), and its own class
# log weights log beta_k + tau z_sk, z_sk ~ N(0, 1), pi_s their softmax; beta has LCMCR's
# stick-breaking prior (alpha summed out, classes entering in `order`); tau and sigma
# have half-normal priors (scale `tau_scale`). N_s is summed out per stratum as in the
# flat model. Position: eta (J x K), the shared stick logits (K - 1), log tau, log sigma,
# z (S x K), rho (S x J). The weights are non-centred (the data may want tau near 0,
# a funnel for a centred form); the list shifts centred (most strata pin their own).
STRATA_FIELDS = 19  # length of the `data` tuple of the hierarchical density
MAX_LOGIT = 300.0  # capture logits and list shifts beyond this carry no posterior mass


def strata_data(
    cells, counts, starts, active, n_classes, a_alpha, b_alpha, tau_scale, a_lambda, b_lambda
):
    """The `data` tuple of `strata_log_posterior`: `cells` (0/1 rows, every stratum's
    observed patterns one after another, stratum s at rows starts[s]..starts[s+1]), their
    counts, and `active` (strata x lists, 1 where the list documents anyone in the
    stratum; the others do not operate there and leave the stratum's likelihood). Indices
    7 to 11 hold what the flat model's class-order moves read (J, K, a, b, order); 16 and
    17 the Beta prior of the shared capture probabilities; the last log B(limit + 1, n_s)
    per stratum (`bound_probability`)."""
    cells = np.asarray(cells, dtype=np.int64)
    n_cells, n_lists = cells.shape
    starts = np.asarray(starts, dtype=np.int64)
    counts = np.asarray(counts, dtype=np.float64)
    documented = np.add.reduceat(counts, starts[:-1]) if n_cells else np.zeros(0)
    cube_size = 1 << n_lists if n_lists <= CUBE_MAX_LISTS else 0
    return (
        counts,
        cells @ (1 << np.arange(n_lists, dtype=np.int64)),
        np.ascontiguousarray(cells.T, dtype=np.float64),
        np.empty((cube_size, n_classes)),
        np.empty((0, 0)),  # unused: the flat model's responsibilities
        documented,
        SUPPORT_FACTOR * documented,
        n_lists,
        n_classes,
        float(a_alpha),
        float(b_alpha),
        np.arange(n_classes, dtype=np.int64),
        starts,
        np.ascontiguousarray(active, dtype=np.float64),
        float(tau_scale),
        len(starts) - 1,
        float(a_lambda),
        float(b_lambda),
        np.array([_log_beta(SUPPORT_FACTOR * n + 1.0, n) for n in documented]),
    )


@njit(cache=True, nogil=True)
def _stratum_weights(x, z_at, log_beta, tau, log_pi):
    """log pi_s = log softmax(log beta + tau z_s), z_s at x[z_at:]."""
    n_classes = log_pi.size
    top = -np.inf
    for k in range(n_classes):
        log_pi[k] = log_beta[k] + tau * x[z_at + k]
        top = max(top, log_pi[k])
    total = 0.0
    for k in range(n_classes):
        total += math.exp(log_pi[k] - top)
    norm = top + math.log(total)
    for k in range(n_classes):
        log_pi[k] -= norm


@njit(cache=True, nogil=True)
def _stratum_capture(x, s, data, lam, odds, log_1m):
    """Stratum s's capture probabilities: logit lambda_sjk = eta_jk + rho_sj (rho_s at the
    end of x); fills lam, odds and log(1 - lambda), safe at any logit."""
    n_lists, n_classes, n_strata = data[7], data[8], data[15]
    rho_at = x.size - n_strata * n_lists + s * n_lists
    for j in range(n_lists):
        for k in range(n_classes):
            eta = x[j * n_classes + k] + x[rho_at + j]
            small = math.exp(-abs(eta))
            soft = math.log1p(small)
            if eta >= 0.0:
                lam[j, k] = 1.0 / (1.0 + small)
                odds[j, k] = 1.0 / small
                log_1m[j, k] = -eta - soft
            else:
                lam[j, k] = small / (1.0 + small)
                odds[j, k] = small
                log_1m[j, k] = -soft


@njit(cache=True, nogil=True)
def _stratum_linear_capture(x, s, data, shared_odds, lam, odds, more):
    """Stratum s's capture odds as the shared odds exp(eta_jk) times exp(rho_sj) (one exp
    a list, not one a list and class), lambda, and more_k = prod_j (1 + odds_sjk) - 1 over
    the lists active in s, so that P(unseen | k) = 1 / (1 + more_k) with no log. False
    (nothing filled) where a logit is past LINEAR_MAX_ETA: `_stratum_capture` then."""
    n_lists, n_classes, n_strata = data[7], data[8], data[15]
    active = data[13]
    rho_at = x.size - n_strata * n_lists + s * n_lists
    for j in range(n_lists):
        for k in range(n_classes):
            if not abs(x[j * n_classes + k] + x[rho_at + j]) <= LINEAR_MAX_ETA:
                return False
    more[:] = 0.0
    for j in range(n_lists):
        shift = math.exp(x[rho_at + j])
        for k in range(n_classes):
            o = shared_odds[j, k] * shift
            odds[j, k] = o
            lam[j, k] = o / (1.0 + o)
            if active[s, j] > 0.0:
                more[k] += o * (1.0 + more[k])  # (1 + m)(1 + o) - 1, with no cancellation
    return True


@njit(cache=True, nogil=True)
def strata_log_posterior(x, grad, data):
    """log density of (eta, shared sticks, log tau, log sigma, y, rho) up to a constant;
    the gradient goes to `grad`."""
    counts, cell_index, listed, cube = data[:4]
    documented, limits = data[5], data[6]
    n_lists, n_classes, a_alpha, b_alpha, order = data[7], data[8], data[9], data[10], data[11]
    starts, active, tau_scale, n_strata = data[12], data[13], data[14], data[15]
    a_lambda, b_lambda, log_beta_bound = data[16], data[17], data[18]
    stick_at = n_lists * n_classes
    tau_at = stick_at + n_classes - 1
    sigma_at = tau_at + 1
    z_at0 = sigma_at + 1
    rho_at0 = z_at0 + n_strata * n_classes
    for i in range(stick_at):
        if not abs(x[i]) < MAX_LOGIT:
            return -np.inf
    for i in range(rho_at0, x.size):
        if not abs(x[i]) < MAX_LOGIT:
            return -np.inf
    lam = np.empty((n_lists, n_classes))
    odds = np.empty((n_lists, n_classes))
    log_1m = np.empty((n_lists, n_classes))
    # Beta(a_lambda, b_lambda) on the shared lambda_jk = logistic(eta_jk), with the logit's
    # Jacobian (_capture_terms).
    out, _ = _capture_terms(x, n_lists, n_classes, a_lambda, b_lambda, lam, odds, log_1m, 0.0)
    shared_odds = odds.copy()
    more = np.empty(n_classes)
    grad_eta = np.empty((n_lists, n_classes))
    for j in range(n_lists):
        for k in range(n_classes):
            grad_eta[j, k] = a_lambda - (a_lambda + b_lambda) * lam[j, k]
    log_beta = np.empty(n_classes)
    stick_weights(x, n_lists, n_classes, log_beta)
    grad_log_beta = np.zeros(n_classes)
    out += _stick_prior(log_beta, order, a_alpha, b_alpha, grad_log_beta)
    # Half-normal priors on tau (spread of the strata's class log weights) and sigma
    # (spread of the strata's list shifts), in log coordinates.
    log_tau, log_sigma = x[tau_at], x[sigma_at]
    if not (-30.0 < log_tau < 30.0 and -30.0 < log_sigma < 30.0):
        return -np.inf  # far outside where either prior puts any mass
    tau, sigma = math.exp(log_tau), math.exp(log_sigma)
    out += -0.5 * (tau / tau_scale) ** 2 + log_tau - 0.5 * (sigma / tau_scale) ** 2 + log_sigma
    grad_tau = -((tau / tau_scale) ** 2) + 1.0
    grad_sigma = -((sigma / tau_scale) ** 2) + 1.0
    sigma_precision = 1.0 / (sigma * sigma)
    log_pi = np.empty(n_classes)
    miss = np.empty(n_classes)
    zero_cell = np.empty(n_classes)
    expected = np.empty(n_classes)
    values = np.empty(n_classes)
    ones = np.empty((n_lists, n_classes))
    linear_ok = cube.shape[0] > 0
    for s in range(n_strata):
        z_at = z_at0 + s * n_classes
        rho_at = rho_at0 + s * n_lists
        _stratum_weights(x, z_at, log_beta, tau, log_pi)
        for j in range(n_lists):
            rho = x[rho_at + j]
            out -= 0.5 * rho * rho * sigma_precision + log_sigma
            grad[rho_at + j] = -rho * sigma_precision
            grad_sigma += rho * rho * sigma_precision - 1.0
        safe = linear_ok and log_pi.min() >= LINEAR_MIN_LOG_WEIGHT
        safe = safe and _stratum_linear_capture(x, s, data, shared_odds, lam, odds, more)
        q0 = 0.0
        observed_mass = 0.0
        if safe:
            for k in range(n_classes):
                pi = math.exp(log_pi[k])
                zero_cell[k] = pi / (1.0 + more[k])
                q0 += zero_cell[k]
                observed_mass += pi * more[k] / (1.0 + more[k])
        else:
            _stratum_capture(x, s, data, lam, odds, log_1m)
            for k in range(n_classes):
                miss[k] = 0.0
                for j in range(n_lists):
                    if active[s, j] > 0.0:
                        miss[k] += log_1m[j, k]
                zero_cell[k] = math.exp(log_pi[k] + miss[k])
                q0 += zero_cell[k]
                observed_mass += -math.expm1(miss[k]) * math.exp(log_pi[k])
        for k in range(n_classes):
            out -= 0.5 * x[z_at + k] * x[z_at + k]  # z_sk ~ N(0, 1)
            expected[k] = 0.0
        if not observed_mass > 0.0:
            return -np.inf
        ones[:, :] = 0.0
        if safe:
            _fill_cube(odds, zero_cell, cube)
        for m in range(starts[s], starts[s + 1]):
            if safe:
                index = cell_index[m]
                q = 0.0
                for k in range(n_classes):
                    values[k] = cube[index, k]
                    q += values[k]
                if not q > 0.0:
                    return -np.inf
                out += counts[m] * math.log(q)
                scale = counts[m] / q
            else:
                for k in range(n_classes):
                    values[k] = log_pi[k] + miss[k]
                for j in range(n_lists):
                    if listed[j, m] > 0.0:
                        for k in range(n_classes):
                            values[k] += x[j * n_classes + k] + x[rho_at + j]
                top = values.max()
                q = 0.0
                for k in range(n_classes):
                    values[k] = math.exp(values[k] - top)
                    q += values[k]
                out += counts[m] * (top + math.log(q))
                scale = counts[m] / q
            for k in range(n_classes):
                values[k] *= scale
                expected[k] += values[k]
            for j in range(n_lists):
                if listed[j, m] > 0.0:
                    for k in range(n_classes):
                        ones[j, k] += values[k]
        n_s = documented[s]
        out -= n_s * math.log(observed_mass)
        log_kept, d_kept = bound_probability(q0, n_s, limits[s], log_beta_bound[s])
        out += log_kept
        per_missing = n_s / observed_mass + d_kept
        # d/d log pi_k (unnormalised), then through the softmax to y_s.
        total = 0.0
        for k in range(n_classes):
            values[k] = expected[k] + per_missing * zero_cell[k]
            total += values[k]
        for k in range(n_classes):
            d_y = values[k] - math.exp(log_pi[k]) * total
            grad_log_beta[k] += d_y
            grad[z_at + k] = tau * d_y - x[z_at + k]
            grad_tau += tau * x[z_at + k] * d_y
        for j in range(n_lists):
            if active[s, j] > 0.0:
                for k in range(n_classes):
                    d_eta = ones[j, k] - lam[j, k] * values[k]
                    grad_eta[j, k] += d_eta
                    grad[rho_at + j] += d_eta
    for j in range(n_lists):
        for k in range(n_classes):
            grad[j * n_classes + k] = grad_eta[j, k]
    grad[tau_at] = grad_tau
    grad[sigma_at] = grad_sigma
    out = _stick_terms(x, stick_at, n_classes, grad_log_beta, grad, out)
    for i in range(grad.size):
        if not math.isfinite(grad[i]):
            return -np.inf
    return out


@njit(cache=True, nogil=True)
def strata_missing_probability(x, data, q0):
    """q0_s = sum_k pi_sk prod_{j active in s} (1 - lambda_sjk), for every stratum, into q0."""
    n_lists, n_classes = data[7], data[8]
    active, n_strata = data[13], data[15]
    tau_at = n_lists * n_classes + n_classes - 1
    tau = math.exp(x[tau_at])
    log_beta = np.empty(n_classes)
    stick_weights(x, n_lists, n_classes, log_beta)
    lam = np.empty((n_lists, n_classes))
    odds = np.empty((n_lists, n_classes))
    log_1m = np.empty((n_lists, n_classes))
    log_pi = np.empty(n_classes)
    for s in range(n_strata):
        _stratum_weights(x, tau_at + 2 + s * n_classes, log_beta, tau, log_pi)
        _stratum_capture(x, s, data, lam, odds, log_1m)
        total = 0.0
        for k in range(n_classes):
            value = log_pi[k]
            for j in range(n_lists):
                if active[s, j] > 0.0:
                    value += log_1m[j, k]
            total += math.exp(value)
        q0[s] = min(total, 1.0 - 1e-15)


def log_density(x, grad, data):
    """The density NUTS samples: LCMCR's (`log_posterior`) or the hierarchical one's
    (`strata_log_posterior`), chosen when numba compiles for the `data` tuple's type."""
    if len(data) == STRATA_FIELDS:
        return strata_log_posterior(x, grad, data)
    return log_posterior(x, grad, data)


@overload(log_density)
def _log_density(x, grad, data):
    if len(data) == STRATA_FIELDS:
        return lambda x, grad, data: strata_log_posterior(x, grad, data)
    return lambda x, grad, data: log_posterior(x, grad, data)


@njit(cache=True, nogil=True)
def _order_log_prior(log_w, order, shape, b_alpha):
    """log p(order | pi) up to a constant: -shape log(b - log pi_last) - sum_{p>=2} log R_p."""
    n_classes = log_w.size
    out = -shape * math.log(b_alpha - log_w[order[n_classes - 1]])
    running = -np.inf
    for position in range(n_classes - 1, 0, -1):
        running = _log_add(running, log_w[order[position]])
        out -= running
    return out


@njit(cache=True, nogil=True)
def reorder_classes(rng, x, data, attempts=ORDER_ATTEMPTS):
    """Metropolis-Hastings for the order in which the classes enter the stick-breaking
    prior, given the weights (the likelihood does not depend on it, so this costs no
    likelihood evaluation). Given pi, p(order) is proportional to P_sb(order) g(pi_last),
    P_sb the law of a size-biased permutation and g(w) = (b - log w)^-(a + K - 1). Two
    kinds of proposal: a fresh size-biased permutation (classes sorted by exponential
    clocks E_k / pi_k), kept with probability min(1, g(pi_last') / g(pi_last)); and the
    exchange of two random positions. The first alone cannot leave an order with a large
    class last (g favours it, P_sb never proposes it), the second reaches it in one step.
    Returns whether the order changed."""
    n_lists, n_classes, b_alpha, order = data[7], data[8], data[10], data[11]
    if n_classes < 2:
        return False
    shape = data[9] + n_classes - 1.0
    log_w = np.empty(n_classes)
    stick_weights(x, n_lists, n_classes, log_w)
    clocks = np.empty(n_classes)
    changed = False
    for _ in range(attempts):
        for k in range(n_classes):
            clocks[k] = math.log(rng.exponential()) - log_w[k]
        proposal = np.argsort(clocks)
        current_last = log_w[order[n_classes - 1]]
        proposed_last = log_w[proposal[n_classes - 1]]
        log_ratio = shape * (math.log(b_alpha - current_last) - math.log(b_alpha - proposed_last))
        if log_ratio >= 0.0 or math.log(rng.random() + 1e-300) < log_ratio:
            order[:] = proposal
            changed = True
    current = _order_log_prior(log_w, order, shape, b_alpha)
    for _ in range(n_classes):
        first = int(rng.integers(0, n_classes))
        second = int(rng.integers(0, n_classes - 1))
        if second >= first:
            second += 1
        order[first], order[second] = order[second], order[first]
        proposed = _order_log_prior(log_w, order, shape, b_alpha)
        if proposed >= current or math.log(rng.random() + 1e-300) < proposed - current:
            current = proposed
            changed = True
        else:
            order[first], order[second] = order[second], order[first]
    return changed


@njit(cache=True, nogil=True)
def missing_probability(x, n_lists, n_classes):
    """q0 = sum_k pi_k prod_j (1 - lambda_jk) at x."""
    log_w = np.empty(n_classes)
    stick_weights(x, n_lists, n_classes, log_w)
    q0 = 0.0
    for k in range(n_classes):
        value = log_w[k]
        for j in range(n_lists):
            value += _log_sigmoid(-x[j * n_classes + k])
        q0 += math.exp(value)
    return q0


@njit(cache=True, nogil=True)
def truncated_missing(rng, q0, n, limit):
    """n0 ~ NegBin(n, 1 - q0) given n0 <= limit: by rejection, as R's LCMCR draws it, and
    by inversion over 0..limit where the bound cuts off most of the distribution."""
    for _ in range(1000):
        missing = rng.negative_binomial(n, 1.0 - q0)
        if missing <= limit:
            return missing
    size = int(limit) + 1
    log_pmf = np.empty(size)
    for k in range(size):
        log_pmf[k] = math.lgamma(k + n) - math.lgamma(k + 1.0) + k * math.log(q0)
    top = log_pmf.max()
    cumulative = np.cumsum(np.exp(log_pmf - top))
    return int(np.searchsorted(cumulative, rng.random() * cumulative[-1]))


@njit(cache=True, nogil=True)
def concentration(rng, x, data):
    """alpha | pi ~ Gamma(a + K - 1, b - log pi_last): the draw that alpha was summed out of."""
    n_lists, n_classes, a_alpha, b_alpha, order = data[7], data[8], data[9], data[10], data[11]
    if n_classes < 2:
        return np.nan
    log_w = np.empty(n_classes)
    stick_weights(x, n_lists, n_classes, log_w)
    rate = b_alpha - log_w[order[n_classes - 1]]
    return rng.gamma(a_alpha + n_classes - 1.0, 1.0 / rate)


@njit(cache=True, nogil=True)
def sticks_from_weights(log_w, n_lists, x):
    """Write the stick logits (chain's label order) that give the log weights log_w:
    logit V_k = log w_k - log(w_{k+1} + ... + w_K), tail sums taken in log space."""
    offset = n_lists * log_w.size
    log_after = log_w[log_w.size - 1]
    for k in range(log_w.size - 2, -1, -1):
        x[offset + k] = log_w[k] - log_after
        log_after = _log_add(log_after, log_w[k])


def weights_to_position(log_lam, log_1m, log_pi):
    """The NUTS position (logits, stick logits) of capture probabilities and class weights."""
    n_lists, n_classes = log_lam.shape
    x = np.empty(n_lists * n_classes + n_classes - 1)
    x[: n_lists * n_classes] = np.clip(log_lam - log_1m, -30.0, 30.0).ravel()
    log_w = log_pi - np.logaddexp.reduce(log_pi)
    sticks_from_weights(np.maximum(log_w, -600.0), n_lists, x)
    return x


# The classes' refresh ---------------------------------------------------------
# After every NUTS draw of the flat model, one sweep of R's data augmentation from the
# draw: the documented and the unseen people are split over the classes given (lambda,
# pi), then lambda and pi are drawn given the split. Each part draws from a conditional
# of the joint posterior, so the sweep leaves NUTS's target as it was. It moves what NUTS
# moves worst: a class that empties or fills. NUTS's step size and mass matrix fit the
# classes' occupancy of its tuning; where a class fills or empties afterwards, trajectories
# diverge and the chain sticks (one chain in five seeds on a two-class table at K = 3:
# acceptance 0.04, half its draws divergent, for thousands of draws; docs/lcmcr.md),
# while one sweep redraws an empty class from its prior or fills it at once.


@njit(cache=True, nogil=True)
def _log_gamma_draw(rng, shape):
    """log of a Gamma(shape, 1) draw that does not underflow for tiny shapes. The Gibbs
    sweeps have their own in _lcmcr_sampler; numba caches a function by its own file, so
    this module calls none of that file's kernels (see the module's docstring)."""
    if shape < 1.0:
        u = rng.random()
        while u <= 0.0:
            u = rng.random()
        return math.log(max(rng.gamma(shape + 1.0, 1.0), 1e-300)) + math.log(u) / shape
    return math.log(max(rng.gamma(shape, 1.0), 1e-300))


@njit(cache=True, nogil=True)
def _split_count(rng, count, shares, total, members):
    """A multinomial split of `count` people over the classes in proportion to `shares`
    (summing to `total`), added to `members`; returns the split."""
    taken = np.zeros(shares.size)
    remaining = int(count)
    left = total
    for k in range(shares.size):
        if remaining == 0:
            break
        if k == shares.size - 1 or shares[k] >= left:
            draw = remaining
        elif shares[k] <= 0.0:
            draw = 0
        else:
            draw = rng.binomial(remaining, shares[k] / left)
        left -= shares[k]
        remaining -= draw
        taken[k] = draw
        members[k] += draw
    return taken


@njit(cache=True, nogil=True)
def _stick_breaking_draw(rng, counts, order, alpha, log_w):
    """Log class weights into `log_w`, drawn from the stick-breaking posterior given each
    class's count, the sticks taken in `order` (R's LCMCR draw of the weights)."""
    n_classes = len(order)
    rest = counts.sum()
    log_remaining = 0.0
    for position in range(n_classes - 1):
        k = order[position]
        rest -= counts[k]
        log_v = _log_gamma_draw(rng, 1.0 + counts[k])
        log_1mv = _log_gamma_draw(rng, alpha + rest)
        log_total = _log_add(log_v, log_1mv)
        log_w[k] = log_remaining + log_v - log_total
        log_remaining += log_1mv - log_total
    log_w[order[n_classes - 1]] = log_remaining


@njit(cache=True, nogil=True)
def refresh_classes(rng, x, g, data):
    """One data-augmentation sweep from position x, in place (g the gradient there);
    returns the log density at the new position. alpha is drawn given pi, n0 given
    (lambda, pi) with R's bound, each documented person's and unseen person's class given
    (lambda, pi), then lambda_jk ~ Beta(a + s_jk, b + n_k - s_jk) (logit: the difference
    of two log-gamma draws) and the sticks in the chain's prior order. A new position
    past the density's range (a logit beyond MAX_CAPTURE_LOGIT: no posterior mass) is
    not taken."""
    counts, listed, responsibility, n, limit = data[0], data[2], data[4], data[5], data[6]
    n_lists, n_classes, order, a_lambda, b_lambda = data[7], data[8], data[11], data[12], data[13]
    before_x, before_g = x.copy(), g.copy()
    before = log_posterior(x, g, data)  # fills each cell's expected class counts
    log_w = np.empty(n_classes)
    stick_weights(x, n_lists, n_classes, log_w)
    alpha = concentration(rng, x, data) if n_classes > 1 else 1.0
    unseen = np.empty(n_classes)
    q0 = 0.0
    for k in range(n_classes):
        value = log_w[k]
        for j in range(n_lists):
            value += _log_sigmoid(-x[j * n_classes + k])
        unseen[k] = math.exp(value)
        q0 += unseen[k]
    members = np.zeros(n_classes)
    ones = np.zeros((n_lists, n_classes))
    _split_count(rng, truncated_missing(rng, q0, n, limit), unseen, q0, members)
    for m in range(counts.size):
        taken = _split_count(rng, counts[m], responsibility[m], counts[m], members)
        for j in range(n_lists):
            if listed[j, m] > 0.0:
                for k in range(n_classes):
                    ones[j, k] += taken[k]
    for j in range(n_lists):
        for k in range(n_classes):
            x[j * n_classes + k] = _log_gamma_draw(rng, a_lambda + ones[j, k]) - _log_gamma_draw(
                rng, b_lambda + members[k] - ones[j, k]
            )
    _stick_breaking_draw(rng, members, order, alpha, log_w)
    sticks_from_weights(log_w, n_lists, x)
    after = log_posterior(x, g, data)
    if math.isfinite(after):
        return after
    x[:], g[:] = before_x, before_g
    return before


# The hierarchical model's refresh ---------------------------------------------
# HLCMCR's chains stuck as LCMCR's did (a chain tuned with a class empty diverges once it
# fills; chains in class configurations apart, docs/bench/estimate.md section 4), so every
# NUTS draw of the hierarchical model also ends in one data-augmentation sweep. Given the
# position, each stratum's unseen count n0_s and every person's class are drawn exactly.
# Given that split no parameter's conditional is conjugate (the list shifts, the softmax of
# the strata's weights), so each is moved by a step that keeps its conditional exactly: the
# shared weights beta by an independence Metropolis step whose proposal is the
# stick-breaking posterior of the pooled class counts (the strata's own weights
# pi_s = softmax(log beta + tau z_s) tilt it by prod_s Z_s^-N_s, near 1 where tau is small:
# an empty class's weight is drawn from its prior and a class fills in one sweep, as in
# LCMCR's refresh), then every coordinate of the position by a one-dimensional slice step
# (Neal 2003) on its conditional. `strata_sweeps` runs the sweeps alone: the tests'
# reference sampler, which shares no code with the density NUTS samples but its bounds.
SLICE_STEPS = 30  # stepping-out limit of a slice step, in widths
ETA, RHO, Z, STICK, LOG_TAU, LOG_SIGMA, CENTRED_TAU, SCALED_SIGMA = range(8)
CENTRED_STICK, LIST_LOCATION = 8, 9  # the layout's centred moves (`centred_moves`)
CENTRED_ROUNDS = 3  # passes over the sticks in one `centred_moves`


@njit(cache=True, nogil=True)
def _class_split(rng, x, data, members, ones):
    """Every stratum's n0_s given x (R's bound) and each documented and unseen person's
    class: members[s, k] people of stratum s in class k, ones[s, j, k] of them on list j."""
    counts, listed, limits, documented = data[0], data[2], data[6], data[5]
    n_lists, n_classes, starts, active, n_strata = data[7], data[8], data[12], data[13], data[15]
    tau_at = n_lists * n_classes + n_classes - 1
    tau = math.exp(x[tau_at])
    log_beta = np.empty(n_classes)
    stick_weights(x, n_lists, n_classes, log_beta)
    log_pi = np.empty(n_classes)
    log_on = np.empty((n_lists, n_classes))
    log_off = np.empty((n_lists, n_classes))
    values = np.empty(n_classes)
    rho_at0 = x.size - n_strata * n_lists
    for s in range(n_strata):
        _stratum_weights(x, tau_at + 2 + s * n_classes, log_beta, tau, log_pi)
        for j in range(n_lists):
            for k in range(n_classes):
                eta = x[j * n_classes + k] + x[rho_at0 + s * n_lists + j]
                log_on[j, k] = _log_sigmoid(eta)
                log_off[j, k] = log_on[j, k] - eta
        q0 = 0.0
        for k in range(n_classes):
            values[k] = log_pi[k]
            for j in range(n_lists):
                if active[s, j] > 0.0:
                    values[k] += log_off[j, k]
            values[k] = math.exp(values[k])
            q0 += values[k]
        unseen = truncated_missing(rng, min(q0, 1.0 - 1e-15), documented[s], limits[s])
        _split_count(rng, unseen, values, q0, members[s])
        for m in range(starts[s], starts[s + 1]):
            for k in range(n_classes):
                values[k] = log_pi[k]
                for j in range(n_lists):
                    if active[s, j] > 0.0:
                        values[k] += log_on[j, k] if listed[j, m] > 0.0 else log_off[j, k]
            top = values.max()
            total = 0.0
            for k in range(n_classes):
                values[k] = math.exp(values[k] - top)
                total += values[k]
            taken = _split_count(rng, counts[m], values, total, members[s])
            for j in range(n_lists):
                if listed[j, m] > 0.0:
                    for k in range(n_classes):
                        ones[s, j, k] += taken[k]


@njit(cache=True, nogil=True)
def _log_norms(x, data, log_beta, tau, out):
    """log Z_s = log sum_k beta_k exp(tau z_sk) for every stratum, into out."""
    n_lists, n_classes, n_strata = data[7], data[8], data[15]
    z_at0 = n_lists * n_classes + n_classes + 1
    values = np.empty(n_classes)
    for s in range(n_strata):
        for k in range(n_classes):
            values[k] = log_beta[k] + tau * x[z_at0 + s * n_classes + k]
        top = values.max()
        total = 0.0
        for k in range(n_classes):
            total += math.exp(values[k] - top)
        out[s] = top + math.log(total)


@njit(cache=True, nogil=True)
def _shared_weights(rng, x, data, members):
    """The independence Metropolis step for the shared weights beta given the split (alpha
    drawn given beta first, as it was summed out of the density)."""
    n_lists, n_classes, order, n_strata = data[7], data[8], data[11], data[15]
    if n_classes < 2:
        return
    alpha = concentration(rng, x, data)
    tau = math.exp(x[n_lists * n_classes + n_classes - 1])
    pooled = np.zeros(n_classes)
    people = np.zeros(n_strata)
    for s in range(n_strata):
        for k in range(n_classes):
            pooled[k] += members[s, k]
            people[s] += members[s, k]
    log_w = np.empty(n_classes)
    _stick_breaking_draw(rng, pooled, order, alpha, log_w)
    log_beta = np.empty(n_classes)
    stick_weights(x, n_lists, n_classes, log_beta)
    before = np.empty(n_strata)
    after = np.empty(n_strata)
    _log_norms(x, data, log_beta, tau, before)
    _log_norms(x, data, log_w, tau, after)
    log_ratio = 0.0
    for s in range(n_strata):
        log_ratio -= people[s] * (after[s] - before[s])
    if log_ratio >= 0.0 or math.log(rng.random() + 1e-300) < log_ratio:
        sticks_from_weights(log_w, n_lists, x)


@njit(cache=True, nogil=True)
def _weights_likelihood(x, data, members, log_beta, tau, first, last):
    """sum over strata first..last-1 of sum_k members_sk log pi_sk (the split's classes)."""
    n_lists, n_classes = data[7], data[8]
    z_at0 = n_lists * n_classes + n_classes + 1
    values = np.empty(n_classes)
    out = 0.0
    for s in range(first, last):
        people = 0.0
        for k in range(n_classes):
            values[k] = log_beta[k] + tau * x[z_at0 + s * n_classes + k]
            out += members[s, k] * values[k]
            people += members[s, k]
        top = values.max()
        total = 0.0
        for k in range(n_classes):
            total += math.exp(values[k] - top)
        out -= people * (top + math.log(total))
    return out


@njit(cache=True, nogil=True)
def _list_likelihood(x, data, members, ones, s, j, shift):
    """Stratum s's split on list j (if the list operates there) at list shift `shift`."""
    n_classes, active = data[8], data[13]
    out = 0.0
    if active[s, j] > 0.0:
        for k in range(n_classes):
            eta = x[j * n_classes + k] + shift
            out += _bernoulli_log_likelihood(ones[s, j, k], members[s, k], eta)
    return out


@njit(cache=True, nogil=True)
def _conditional(kind, a, b, x, data, members, ones, saved):
    """log density, up to a constant, of one coordinate of x given the split and the others,
    with the density's own bounds: ETA eta_ab, RHO rho of stratum a on list b, Z z of
    stratum a and class b, STICK the a-th stick logit, LOG_TAU and LOG_SIGMA; CENTRED_TAU
    log tau with tau z held (sum of its squares in saved[0]: z moves with tau), and
    SCALED_SIGMA log sigma with rho / sigma held (in `saved`: rho moves with sigma);
    CENTRED_STICK the a-th stick logit with every stratum's log weights log beta + tau z_s
    held (in `saved`: z moves with beta) and LIST_LOCATION eta_a0 with eta_ak - eta_a0 and
    rho_sa + eta_a0 held (in `saved`: list a's capture logits and shifts move together).
    The last two leave the likelihood as it is: only the priors are evaluated."""
    n_lists, n_classes, tau_scale, n_strata = data[7], data[8], data[14], data[15]
    active, a_lambda, b_lambda = data[13], data[16], data[17]
    stick_at = n_lists * n_classes
    tau_at = stick_at + n_classes - 1
    rho_at0 = x.size - n_strata * n_lists
    if kind == LIST_LOCATION:
        location = x[a * n_classes]
        sigma = math.exp(x[tau_at + 1])
        out = 0.0
        for k in range(n_classes):
            eta = location + saved[k]
            if not abs(eta) < MAX_LOGIT:
                return -np.inf
            out += a_lambda * _log_sigmoid(eta) + b_lambda * _log_sigmoid(-eta)
        for s in range(n_strata):
            rho = saved[n_classes + s] - location
            if not abs(rho) < MAX_LOGIT:
                return -np.inf
            out -= 0.5 * (rho / sigma) ** 2
        return out
    if kind == CENTRED_STICK:
        tau = math.exp(x[tau_at])
        log_beta = np.empty(n_classes)
        stick_weights(x, n_lists, n_classes, log_beta)
        out = _stick_prior(log_beta, data[11], data[9], data[10], np.zeros(n_classes))
        remaining = 0.0
        for stick in range(n_classes - 1):
            nu = x[stick_at + stick]
            out += remaining + _log_sigmoid(nu) + _log_sigmoid(-nu)
            remaining += _log_sigmoid(-nu)
        for s in range(n_strata):
            for k in range(n_classes):
                z = (saved[s * n_classes + k] - log_beta[k]) / tau
                out -= 0.5 * z * z
        return out
    if kind == ETA:
        value = x[a * n_classes + b]
        if not abs(value) < MAX_LOGIT:
            return -np.inf
        out = _bernoulli_log_likelihood(a_lambda, a_lambda + b_lambda, value)
        for s in range(n_strata):
            if active[s, a] > 0.0:
                eta = value + x[rho_at0 + s * n_lists + a]
                out += _bernoulli_log_likelihood(ones[s, a, b], members[s, b], eta)
        return out
    if kind == RHO:
        value = x[rho_at0 + a * n_lists + b]
        if not abs(value) < MAX_LOGIT:
            return -np.inf
        sigma = math.exp(x[tau_at + 1])
        return -0.5 * (value / sigma) ** 2 + _list_likelihood(x, data, members, ones, a, b, value)
    if kind == LOG_SIGMA or kind == SCALED_SIGMA:
        value = x[tau_at + 1]
        if not -30.0 < value < 30.0:
            return -np.inf
        sigma = math.exp(value)
        out = -0.5 * (sigma / tau_scale) ** 2 + value
        if kind == SCALED_SIGMA:
            for s in range(n_strata):
                for j in range(n_lists):
                    scaled = saved[s * n_lists + j]
                    shift = sigma * scaled
                    if not abs(shift) < MAX_LOGIT:
                        return -np.inf
                    out += -0.5 * scaled * scaled + _list_likelihood(
                        x, data, members, ones, s, j, shift
                    )
            return out
        squares = 0.0
        for i in range(rho_at0, x.size):
            squares += x[i] * x[i]
        return out - n_strata * n_lists * value - 0.5 * squares / (sigma * sigma)
    log_tau = x[tau_at]
    if not -30.0 < log_tau < 30.0:
        return -np.inf
    tau = math.exp(log_tau)
    if kind == CENTRED_TAU:
        held = n_strata * n_classes
        return -0.5 * (tau / tau_scale) ** 2 + log_tau * (1.0 - held) - 0.5 * saved[0] / tau**2
    log_beta = np.empty(n_classes)
    stick_weights(x, n_lists, n_classes, log_beta)
    if kind == Z:
        z = x[tau_at + 2 + a * n_classes + b]
        return -0.5 * z * z + _weights_likelihood(x, data, members, log_beta, tau, a, a + 1)
    out = _weights_likelihood(x, data, members, log_beta, tau, 0, n_strata)
    if kind == LOG_TAU:
        return out - 0.5 * (tau / tau_scale) ** 2 + log_tau
    # STICK: the stick-breaking prior (alpha summed out) with the stick logits' Jacobian.
    out += _stick_prior(log_beta, data[11], data[9], data[10], np.zeros(n_classes))
    remaining = 0.0
    for stick in range(n_classes - 1):
        nu = x[stick_at + stick]
        out += remaining + _log_sigmoid(nu) + _log_sigmoid(-nu)
        remaining += _log_sigmoid(-nu)
    return out


@njit(cache=True, nogil=True)
def _slice_step(rng, kind, a, b, at, width, x, data, members, ones, saved):
    """One slice step (stepping out, then shrinking; Neal 2003) of x[at], which holds
    the coordinate `_conditional(kind, a, b)` reads: it keeps that conditional exactly."""
    current = x[at]
    level = _conditional(kind, a, b, x, data, members, ones, saved) - rng.exponential()
    left = current - width * rng.random()
    right = left + width
    to_left = int(rng.random() * SLICE_STEPS)
    to_right = SLICE_STEPS - 1 - to_left
    x[at] = left
    while to_left > 0 and _conditional(kind, a, b, x, data, members, ones, saved) > level:
        left -= width
        x[at] = left
        to_left -= 1
    x[at] = right
    while to_right > 0 and _conditional(kind, a, b, x, data, members, ones, saved) > level:
        right += width
        x[at] = right
        to_right -= 1
    while True:
        x[at] = left + rng.random() * (right - left)
        if _conditional(kind, a, b, x, data, members, ones, saved) > level:
            return
        if x[at] < current:
            left = x[at]
        else:
            right = x[at]
        if right - left < 1e-12 * (1.0 + abs(current)):
            x[at] = current
            return


@njit(cache=True, nogil=True)
def strata_sweep(rng, x, data):
    """One sweep of the hierarchical model's data augmentation from x, in place (see the
    section's comment); each step keeps the density NUTS samples. tau and sigma are each
    moved twice, with the weights' and the shifts' other form held (z, then tau z; rho,
    then rho / sigma), so neither crawls whether the strata say much or little."""
    n_lists, n_classes, n_strata = data[7], data[8], data[15]
    members = np.zeros((n_strata, n_classes))
    ones = np.zeros((n_strata, n_lists, n_classes))
    _class_split(rng, x, data, members, ones)
    _shared_weights(rng, x, data, members)
    stick_at = n_lists * n_classes
    tau_at = stick_at + n_classes - 1
    z_at0 = tau_at + 2
    rho_at0 = x.size - n_strata * n_lists
    active = data[13]
    saved = np.zeros(max(n_strata * n_lists, 1))
    for stick in range(n_classes - 1):
        _slice_step(rng, STICK, stick, 0, stick_at + stick, 2.0, x, data, members, ones, saved)
    for j in range(n_lists):
        for k in range(n_classes):
            seen = 0.0
            people = 0.0
            for s in range(n_strata):
                if active[s, j] > 0.0:
                    seen += ones[s, j, k]
                    people += members[s, k]
            width = 3.0 / math.sqrt(1.0 + seen * (people - seen) / max(people, 1.0))
            _slice_step(rng, ETA, j, k, j * n_classes + k, width, x, data, members, ones, saved)
    sigma = math.exp(x[tau_at + 1])
    for s in range(n_strata):
        for j in range(n_lists):
            information = 1.0 / (sigma * sigma)
            for k in range(n_classes):
                seen = ones[s, j, k]
                information += seen * (members[s, k] - seen) / max(members[s, k], 1.0)
            at = rho_at0 + s * n_lists + j
            width = 3.0 / math.sqrt(information)
            _slice_step(rng, RHO, s, j, at, width, x, data, members, ones, saved)
    tau = math.exp(x[tau_at])
    for s in range(n_strata):
        people = members[s].sum()
        for k in range(n_classes):
            share = members[s, k] * (people - members[s, k]) / max(people, 1.0)
            width = 3.0 / math.sqrt(1.0 + tau * tau * share)
            at = z_at0 + s * n_classes + k
            _slice_step(rng, Z, s, k, at, width, x, data, members, ones, saved)
    _slice_step(rng, LOG_TAU, 0, 0, tau_at, 0.5, x, data, members, ones, saved)
    before = math.exp(x[tau_at])
    saved[0] = 0.0
    for i in range(z_at0, rho_at0):
        saved[0] += (before * x[i]) ** 2
    _slice_step(rng, CENTRED_TAU, 0, 0, tau_at, 0.5, x, data, members, ones, saved)
    ratio = before / math.exp(x[tau_at])
    for i in range(z_at0, rho_at0):
        x[i] *= ratio
    width = 3.0 / math.sqrt(1.0 + 2.0 * n_strata * n_lists)
    _slice_step(rng, LOG_SIGMA, 0, 0, tau_at + 1, width, x, data, members, ones, saved)
    before = math.exp(x[tau_at + 1])
    for i in range(n_strata * n_lists):
        saved[i] = x[rho_at0 + i] / before
    _slice_step(rng, SCALED_SIGMA, 0, 0, tau_at + 1, width, x, data, members, ones, saved)
    after = math.exp(x[tau_at + 1])
    for i in range(n_strata * n_lists):
        x[rho_at0 + i] = after * saved[i]


# The layout's centred moves. The sweep and NUTS move the shared weights beta with each
# stratum's z held (the non-centred form), so every stratum's own weights
# pi_s = softmax(log beta + tau z_s) move with them; where large strata pin their pi_s, beta
# can only creep (a chain started with beta off stays there for hundreds of sweeps, tau
# stretched to carry z: tests/estimate/test_hlcmcr.py). Here beta moves with every
# stratum's log weights held (z follows, the centred form), and each list's capture logits
# move by a common amount against every stratum's shift on that list: the likelihood does
# not change, so only the priors are evaluated (O(strata x classes)). Interweaving the two
# forms (Yu & Meng 2011) mixes where either would alone. They do not move a class's
# capture profile, nor split or merge classes (docs/bench/estimate.md section 17).


@njit(cache=True, nogil=True)
def centred_moves(rng, x, data):
    """CENTRED_ROUNDS slice passes over the stick logits with the strata's log weights
    held, then one slice step of each list's capture location; in place, keeping the
    density NUTS samples."""
    n_lists, n_classes, n_strata = data[7], data[8], data[15]
    stick_at = n_lists * n_classes
    tau_at = stick_at + n_classes - 1
    z_at0 = tau_at + 2
    rho_at0 = x.size - n_strata * n_lists
    members = np.zeros((0, 0))
    ones = np.zeros((0, 0, 0))
    root = math.sqrt(max(n_strata, 1))
    if n_classes > 1:
        tau = math.exp(x[tau_at])
        log_beta = np.empty(n_classes)
        stick_weights(x, n_lists, n_classes, log_beta)
        held = np.empty(n_strata * n_classes)
        for s in range(n_strata):
            for k in range(n_classes):
                held[s * n_classes + k] = log_beta[k] + tau * x[z_at0 + s * n_classes + k]
        width = 3.0 * tau / root
        for _ in range(CENTRED_ROUNDS):
            for stick in range(n_classes - 1):
                at = stick_at + stick
                _slice_step(rng, CENTRED_STICK, stick, 0, at, width, x, data, members, ones, held)
        stick_weights(x, n_lists, n_classes, log_beta)
        for s in range(n_strata):
            for k in range(n_classes):
                x[z_at0 + s * n_classes + k] = (held[s * n_classes + k] - log_beta[k]) / tau
    sigma = math.exp(x[tau_at + 1])
    saved = np.empty(n_classes + n_strata)
    for j in range(n_lists):
        location = x[j * n_classes]
        for k in range(n_classes):
            saved[k] = x[j * n_classes + k] - location
        for s in range(n_strata):
            saved[n_classes + s] = x[rho_at0 + s * n_lists + j] + location
        width = 3.0 * sigma / root + 0.1
        _slice_step(rng, LIST_LOCATION, j, 0, j * n_classes, width, x, data, members, ones, saved)
        location = x[j * n_classes]
        for k in range(n_classes):
            x[j * n_classes + k] = location + saved[k]
        for s in range(n_strata):
            x[rho_at0 + s * n_lists + j] = saved[n_classes + s] - location


@njit(cache=True, nogil=True)
def strata_sweeps(rng, x, data, n_sweeps, thin, out_n, layout=False):
    """The hierarchical model's reference sampler, for tests: `strata_sweep`s alone (with
    the class order's moves), no NUTS, and with `layout` the layout's centred moves; after
    every `thin`-th, N_s into a row of out_n."""
    documented, limits, n_strata = data[5], data[6], data[15]
    q0 = np.empty(n_strata)
    for sweep in range(n_sweeps):
        reorder_classes(rng, x, data)
        strata_sweep(rng, x, data)
        if layout:
            centred_moves(rng, x, data)
        if sweep % thin == thin - 1:
            strata_missing_probability(x, data, q0)
            for s in range(n_strata):
                n_s = documented[s]
                out_n[sweep // thin, s] = int(n_s) + truncated_missing(rng, q0[s], n_s, limits[s])


@njit(cache=True, nogil=True)
def refresh_strata(rng, x, g, data):
    """`strata_sweep` and `centred_moves` from x, then the density and its gradient there
    (into g), returned."""
    before_x = x.copy()
    strata_sweep(rng, x, data)
    centred_moves(rng, x, data)
    after = strata_log_posterior(x, g, data)
    if math.isfinite(after):
        return after
    x[:] = before_x
    return strata_log_posterior(x, g, data)


# The sampler ------------------------------------------------------------------
MAX_ENERGY_ERROR = 1000.0  # a leapfrog step this far off the energy is a divergence
# HLCMCR's chains, as LCMCR's below: on a three-stratum table at K = 3 (tests/estimate/
# test_hlcmcr.py) chains tuned to 0.8 diverged on 20-25% of their draws, with the sweep too.
TARGET_ACCEPT = 0.9
# LCMCR's own chains tune to a higher acceptance: a class that fills after tuning (the split
# of a class into two alike: a ridge) needed half to a quarter of the step size that 0.8 gave
# with the class empty (one chain in ten seeds on a two-class table at K = 3: acceptance
# 0.01 at the tuned step, 0.64 at half, 0.93 at a quarter); at 0.9 no chain of those seeds
# diverged more than 11 times in 1,000 draws (docs/lcmcr.md).
LCMCR_TARGET_ACCEPT = 0.9
EARLY_WINDOW = 0.3  # share of tuning with frequent mass-matrix switches
STEP_SIZE_WINDOW = 0.15  # last share of tuning: step size only
EARLY_SWITCH = 10
LATE_SWITCH = 80
GAMMA = 1e-5  # regularisation of the low-rank estimate
EIGVAL_CUTOFF = (
    2.0  # keep directions at least this much wider or narrower than the diagonal (nutpie's setting)
)


@njit(cache=True, nogil=True)
def _low_rank_update(out, vecs, vals, rank, power):
    """out += U (L^power - 1) U' out, the rows of vecs the columns of U (orthonormal). Two
    BLAS products (gemv), not loops: at HLCMCR's size (2,500 coordinates, rank 50-150) the
    loops cost 0.16-0.41 ms a call, as much as the density's gradient, BLAS a quarter of
    that (docs/bench/estimate.md section 22)."""
    if rank == 0:
        return
    basis = vecs[:rank]
    dots = basis @ out
    for r in range(rank):
        dots[r] *= vals[r] ** power - 1.0
    out += dots @ basis


@njit(cache=True, nogil=True)
def velocity(p, stds, vecs, vals, rank, out):
    """M^-1 p for the mass matrix M^-1 = S (I + U (L - 1) U') S, S = diag(stds)."""
    for i in range(p.size):
        out[i] = stds[i] * p[i]
    _low_rank_update(out, vecs, vals, rank, 1.0)
    for i in range(p.size):
        out[i] *= stds[i]


@njit(cache=True, nogil=True)
def draw_momentum(rng, stds, vecs, vals, rank, out):
    """p ~ N(0, M): S^-1 (z + U (L^-1/2 - 1) U' z), z standard normal."""
    for i in range(out.size):
        out[i] = rng.standard_normal()
    _low_rank_update(out, vecs, vals, rank, -0.5)
    for i in range(out.size):
        out[i] /= stds[i]


@njit(cache=True, nogil=True)
def _dot(a, b):
    out = 0.0
    for i in range(a.size):
        out += a[i] * b[i]
    return out


@njit(cache=True, nogil=True)
def _turning(v_first, v_last, rho):
    """The generalised no-U-turn criterion fails (the trajectory turns back)."""
    return _dot(v_first, rho) <= 0.0 or _dot(v_last, rho) <= 0.0


@njit(cache=True, nogil=True)
def _merge_turns(rho_a, rho_b, p_a_last, v_a_first, v_a_last, p_b_first, v_b_first, v_b_last):
    """Stan's checks when subtree A (earlier) and B (later) are merged: the whole, and
    each half extended by the other's nearest point."""
    rho = rho_a + rho_b
    if _turning(v_a_first, v_b_last, rho):
        return True
    if _turning(v_a_first, v_b_first, rho_a + p_b_first):
        return True
    return _turning(v_a_last, v_b_last, rho_b + p_a_last)


@njit(cache=True, nogil=True)
def _leapfrog(x, p, g, w, eps, stds, vecs, vals, rank, v, data):
    """One leapfrog step in place; returns the new log density. v = M^-1 p and w = M^-1 g
    hold on entry and on return: M^-1 is linear, so a half step moves v by eps/2 w and
    only the new gradient is multiplied by M^-1, once a step (with a low-rank mass matrix
    of rank r in d dimensions each product costs about 4 r d flops, in BLAS)."""
    half = 0.5 * eps
    for i in range(x.size):
        p[i] += half * g[i]
        v[i] += half * w[i]
    for i in range(x.size):
        x[i] += eps * v[i]
    logp = log_density(x, g, data)
    velocity(g, stds, vecs, vals, rank, w)
    for i in range(x.size):
        p[i] += half * g[i]
        v[i] += half * w[i]
    return logp


@njit(cache=True, nogil=True)
def nuts_transition(rng, x, g, logp, eps, stds, vecs, vals, rank, max_depth, data):
    """One NUTS draw from (x, g, logp), updated in place. Returns (logp, mean acceptance
    over the trajectory, leapfrog steps, diverged, depth)."""
    dim = x.size
    p0 = np.empty(dim)
    draw_momentum(rng, stds, vecs, vals, rank, p0)
    v0 = np.empty(dim)
    velocity(p0, stds, vecs, vals, rank, v0)
    w0 = np.empty(dim)
    velocity(g, stds, vecs, vals, rank, w0)
    h0 = -logp + 0.5 * _dot(p0, v0)
    # Ends of the trajectory (time order): position, momentum, gradient, velocity, M^-1 g.
    x_left, p_left, g_left, v_left, w_left = x.copy(), p0.copy(), g.copy(), v0.copy(), w0.copy()
    x_right, p_right, g_right, v_right, w_right = x.copy(), p0.copy(), g.copy(), v0, w0
    rho = p0.copy()
    log_weight = 0.0  # log sum of exp(-H) over the trajectory, relative to h0
    proposal_x, proposal_g, proposal_logp = x.copy(), g.copy(), logp
    accept_sum = 0.0
    steps = 0
    diverged = False
    depth = 0
    # Work arrays for one subtree: the running end and what the checks need per level
    # (level `depth` holds the subtree's first leaf).
    xs, ps, gs, vs, ws = np.empty(dim), np.empty(dim), np.empty(dim), np.empty(dim), np.empty(dim)
    level_p_first = np.empty((max_depth + 1, dim))
    level_v_first = np.empty((max_depth + 1, dim))
    level_rho_before = np.empty((max_depth + 1, dim))
    level_p_prev = np.empty((max_depth + 1, dim))
    level_v_prev = np.empty((max_depth + 1, dim))
    cum_rho = np.empty(dim)
    prev_p, prev_v = np.empty(dim), np.empty(dim)
    sub_x, sub_g = np.empty(dim), np.empty(dim)
    while depth < max_depth:
        forward = rng.random() < 0.5
        if forward:
            xs[:], ps[:], gs[:], vs[:], ws[:] = x_right, p_right, g_right, v_right, w_right
            step = eps
        else:
            xs[:], ps[:], gs[:], vs[:], ws[:] = x_left, p_left, g_left, v_left, w_left
            step = -eps
        n_leaves = 1 << depth
        cum_rho[:] = 0.0
        sub_log_weight = -np.inf
        sub_logp = 0.0
        valid = True
        for leaf in range(n_leaves):
            prev_p[:], prev_v[:] = ps, vs
            leaf_logp = _leapfrog(xs, ps, gs, ws, step, stds, vecs, vals, rank, vs, data)
            steps += 1
            energy = -leaf_logp + 0.5 * _dot(ps, vs)
            error = energy - h0
            if not math.isfinite(error):
                error = np.inf
            accept_sum += 1.0 if error <= 0.0 else math.exp(-error)
            if error > MAX_ENERGY_ERROR:
                diverged = True
                valid = False
                break
            # Progressive (multinomial) choice of the subtree's candidate.
            sub_log_weight = _log_add(sub_log_weight, -error)
            if rng.random() < math.exp(-error - sub_log_weight):
                sub_x[:], sub_g[:] = xs, gs
                sub_logp = leaf_logp
            # Open a block at every level this leaf starts.
            for level in range(depth + 1):
                if leaf % (1 << level) == 0:
                    level_p_first[level] = ps
                    level_v_first[level] = vs
                    level_rho_before[level] = cum_rho
                    level_p_prev[level] = prev_p
                    level_v_prev[level] = prev_v
            cum_rho += ps
            # Check every balanced block this leaf completes (two halves of size 2^(level-1)).
            for level in range(1, depth + 1):
                size = 1 << level
                if (leaf + 1) % size != 0:
                    continue
                half = level - 1
                rho_a = level_rho_before[half] - level_rho_before[level]
                rho_b = cum_rho - level_rho_before[half]
                if _merge_turns(
                    rho_a,
                    rho_b,
                    level_p_prev[half],
                    level_v_first[level],
                    level_v_prev[half],
                    level_p_first[half],
                    level_v_first[half],
                    vs,
                ):
                    valid = False
                    break
            if not valid:
                break
        if not valid:
            break
        # Biased progressive choice between the old trajectory and the new subtree.
        if rng.random() < math.exp(sub_log_weight - log_weight):
            proposal_x[:], proposal_g[:] = sub_x, sub_g
            proposal_logp = sub_logp
        log_weight = _log_add(log_weight, sub_log_weight)
        first_p, first_v = level_p_first[depth], level_v_first[depth]
        if forward:
            turned = _merge_turns(rho, cum_rho, p_right, v_left, v_right, first_p, first_v, vs)
            x_right[:], p_right[:], g_right[:], v_right[:], w_right[:] = xs, ps, gs, vs, ws
        else:
            turned = _merge_turns(cum_rho, rho, first_p, vs, first_v, p_left, v_left, v_right)
            x_left[:], p_left[:], g_left[:], v_left[:], w_left[:] = xs, ps, gs, vs, ws
        rho += cum_rho
        depth += 1
        if turned:
            break
    x[:] = proposal_x
    g[:] = proposal_g
    return proposal_logp, accept_sum / max(steps, 1), steps, diverged, depth


@njit(cache=True, nogil=True)
def _spd_mean(a, b):
    """The geometric mean of a and b^-1 (both symmetric positive definite)."""
    vals_b, vecs_b = np.linalg.eigh(b)
    b_sqrt = (vecs_b * np.sqrt(vals_b)) @ vecs_b.T
    b_inv_sqrt = (vecs_b / np.sqrt(vals_b)) @ vecs_b.T
    middle = b_sqrt @ a @ b_sqrt
    middle = 0.5 * (middle + middle.T)
    vals_m, vecs_m = np.linalg.eigh(middle)
    m_sqrt = (vecs_m * np.sqrt(np.maximum(vals_m, 0.0))) @ vecs_m.T
    return b_inv_sqrt @ m_sqrt @ b_inv_sqrt


@njit(cache=True, nogil=True)
def estimate_mass_matrix(draws, grads, stds, vecs, vals):
    """nutpie's low-rank modified mass matrix from draws and gradients (rows); fills
    stds, vecs (directions as rows) and vals in place and returns the rank kept."""
    n, dim = draws.shape
    centred_x = np.empty((dim, n))
    centred_g = np.empty((dim, n))
    for i in range(dim):
        mean_x = draws[:, i].mean()
        mean_g = grads[:, i].mean()
        sd_x = math.sqrt(((draws[:, i] - mean_x) ** 2).sum())
        sd_g = math.sqrt(((grads[:, i] - mean_g) ** 2).sum())
        scale = math.sqrt(sd_x / sd_g) if sd_g > 0.0 and sd_x > 0.0 else 1.0
        if not math.isfinite(scale):
            scale = 1.0
        scale = min(max(scale, 1e-10), 1e10)
        stds[i] = scale
        centred_x[i] = (draws[:, i] - mean_x) / (scale * n)
        centred_g[i] = (grads[:, i] - mean_g) * scale / n
    u_x, _, _ = np.linalg.svd(centred_x, full_matrices=False)
    u_g, _, _ = np.linalg.svd(centred_g, full_matrices=False)
    both = np.concatenate((u_x, u_g), axis=1)
    basis, singular, _ = np.linalg.svd(both, full_matrices=False)
    keep = 0
    for s in singular:
        if s > 1e-8 * singular[0]:
            keep += 1
    basis = np.ascontiguousarray(basis[:, :keep])
    proj_x = basis.T @ centred_x
    proj_g = basis.T @ centred_g
    cov_x = proj_x @ proj_x.T / GAMMA + np.eye(keep)
    cov_g = proj_g @ proj_g.T / GAMMA + np.eye(keep)
    mean = _spd_mean(cov_x, cov_g)
    mean = 0.5 * (mean + mean.T)
    eig_vals, eig_vecs = np.linalg.eigh(mean)
    full = basis @ eig_vecs
    rank = 0
    for r in range(keep):
        value = eig_vals[r]
        if (value > EIGVAL_CUTOFF or value < 1.0 / EIGVAL_CUTOFF) and math.isfinite(value):
            vals[rank] = value
            vecs[rank] = full[:, r]
            rank += 1
    return rank


@njit(cache=True, nogil=True)
def initial_step_size(rng, x, g, logp, eps, stds, vecs, vals, rank, data):
    """Stan's heuristic: double or halve eps until one leapfrog step's acceptance crosses 1/2."""
    dim = x.size
    p = np.empty(dim)
    v = np.empty(dim)
    w = np.empty(dim)
    velocity(g, stds, vecs, vals, rank, w)
    direction = 0.0
    for _ in range(100):
        draw_momentum(rng, stds, vecs, vals, rank, p)
        velocity(p, stds, vecs, vals, rank, v)
        h0 = -logp + 0.5 * _dot(p, v)
        xs, gs, ws = x.copy(), g.copy(), w.copy()
        new_logp = _leapfrog(xs, p, gs, ws, eps, stds, vecs, vals, rank, v, data)
        delta = h0 - (-new_logp + 0.5 * _dot(p, v))
        if not math.isfinite(delta):
            delta = -np.inf
        up = 1.0 if delta > math.log(0.5) else -1.0
        if direction == 0.0:
            direction = up
        elif up != direction:
            break
        eps = eps * 2.0 if direction > 0 else eps * 0.5
        if eps < 1e-10 or eps > 1e3:
            break
    return eps


TUNE_STATE = (
    "eps",
    "mu",
    "h_bar",
    "log_eps_bar",
    "t",
    "rank",
    "estimated",
    "foreground",
    "count",
    "last_update",
)
UPDATE_EVERY = 10  # draws between mass-matrix estimates while tuning


@njit(cache=True, nogil=True)
def start_dual_averaging(tune, eps):
    tune[0] = eps
    tune[1] = math.log(10.0 * eps)
    tune[2] = 0.0
    tune[3] = math.log(eps)
    tune[4] = 0.0


@njit(cache=True, nogil=True)
def _adapt(rng, draw, state, accept, diverged, n_tune, data):
    """After tuning draw `draw`: dual averaging of the step size, and (but in the last
    STEP_SIZE_WINDOW of tuning) the mass matrix from a window of recent draws, as nutpie
    does: windows switch every EARLY_SWITCH draws early on, every LATE_SWITCH later."""
    x, g, logp_box, tune, buffer_x, buffer_g, stds, vecs, vals = state
    early_end = int(EARLY_WINDOW * n_tune)
    final_window = n_tune - int(STEP_SIZE_WINDOW * n_tune)
    # Dual averaging of log eps (Stan's constants); tune[0] is the step size used.
    t = tune[4] + 1.0
    tune[4] = t
    target = TARGET_ACCEPT if len(data) == STRATA_FIELDS else LCMCR_TARGET_ACCEPT
    h_bar = (1.0 - 1.0 / (t + 10.0)) * tune[2] + (target - accept) / (t + 10.0)
    tune[2] = h_bar
    log_eps = tune[1] - math.sqrt(t) / 0.05 * h_bar
    weight = t**-0.75
    tune[3] = weight * log_eps + (1.0 - weight) * tune[3]
    tune[0] = math.exp(log_eps)
    if draw < final_window and not diverged:
        count = int(tune[8])
        buffer_x[count] = x
        buffer_g[count] = g
        count += 1
        foreground = int(tune[7])
        switch = EARLY_SWITCH if draw < early_end else LATE_SWITCH
        update = draw - tune[9] >= UPDATE_EVERY
        if count - foreground >= switch and draw + switch <= final_window:
            # Forget the older window; the newer one becomes the foreground.
            buffer_x[: count - foreground] = buffer_x[foreground:count].copy()
            buffer_g[: count - foreground] = buffer_g[foreground:count].copy()
            count -= foreground
            tune[7] = count
            update = True
        tune[8] = count
        if update and count >= 3:
            tune[9] = draw
            tune[5] = estimate_mass_matrix(buffer_x[:count], buffer_g[:count], stds, vecs, vals)
            if tune[6] == 0:
                # The first estimate replaces the initial guess: search the step size
                # again and restart dual averaging from there.
                tune[6] = 1
                eps0 = initial_step_size(
                    rng, x, g, logp_box[0], tune[0], stds, vecs, vals, int(tune[5]), data
                )
                start_dual_averaging(tune, eps0)
    if draw == n_tune - 1:
        tune[0] = math.exp(tune[3])


# A chain's state: position, gradient, [log density], tuning numbers (TUNE_STATE), the
# buffers of tuning draws and gradients, and the mass matrix (stds, directions, values).
STATE = ("x", "g", "logp", "tune", "buffer_x", "buffer_g", "stds", "vecs", "vals")


@njit(cache=True, nogil=True)
def run(rng, state, first, n_draws, n_tune, max_depth, data, out_n, out_alpha, out_stats):
    """Draws first .. first + n_draws - 1 of a chain (draws below n_tune tune the sampler):
    each a NUTS transition, a new class order (`reorder_classes`) and a data-augmentation
    sweep (`refresh_classes`).

    The chain's state (STATE) is updated in place, so a chain advanced in pieces gives the
    draws of one long run. For each draw after tuning, N = n + n0 with n0 drawn given the
    position goes to out_n, alpha to out_alpha, and out_stats holds acceptance, leapfrog
    steps, diverged, depth.
    """
    x, g, logp_box, tune, _, _, stds, vecs, vals = state
    n, limit, n_lists, n_classes = data[5], data[6], data[7], data[8]
    stored = 0
    for draw in range(first, first + n_draws):
        logp_box[0], accept, steps, diverged, depth = nuts_transition(
            rng, x, g, logp_box[0], tune[0], stds, vecs, vals, int(tune[5]), max_depth, data
        )
        reorder_classes(rng, x, data)
        logp_box[0] = refresh_classes(rng, x, g, data)
        if draw < n_tune:
            _adapt(rng, draw, state, accept, diverged, n_tune, data)
        else:
            q0 = missing_probability(x, n_lists, n_classes)
            out_n[stored] = int(n) + truncated_missing(rng, q0, n, limit)
            out_alpha[stored] = concentration(rng, x, data)
            out_stats[stored, 0] = accept
            out_stats[stored, 1] = steps
            out_stats[stored, 2] = 1.0 if diverged else 0.0
            out_stats[stored, 3] = depth
            stored += 1
    return stored


WARM_SWEEPS = 300  # Gibbs sweeps (collapsed sampler) that place a chain before NUTS starts
MAX_DEPTH = 10
# LCMCR's own chains stop a trajectory at depth 7 (127 leapfrog steps). On the 8-list
# tables at K = 10 no tree went deeper than 7 (30 steps a draw on average); at K = 20 on the
# table with directly dependent lists nearly every tree hit depth 10 (780-1,010 steps a
# draw) for the same bulk ESS of N a chain as depth 7 gave at a sixth of the CPU: its
# trajectories diffuse along ridges, and the longer ones bought nothing (docs/lcmcr.md).
LCMCR_MAX_DEPTH = 7
# HLCMCR's tuning draws stop at depth 7 too. They are discarded; the first hundred, while
# the step size and the mass matrix are first guesses, ran to depth 10 at a sixth of the
# tuned step (1,000 leapfrog steps a draw, a third of a default fit's CPU on 154 strata),
# and the later ones take 63 steps (depth 6) anyway (docs/bench/estimate.md section 18).
TUNING_MAX_DEPTH = 7


def start_nuts(rng, x, log_density_at, data, n_tune):
    """A NUTS chain's state at `x`: gradient, step size, dual averaging and tuning buffers."""
    dim = x.size
    g = np.empty(dim)
    logp = np.array([log_density_at(x, g, data)])
    # nutpie's first guess: variances 1 / |gradient|.
    stds = 1.0 / np.sqrt(np.clip(np.abs(g), 1e-20, 1e20))
    vecs = np.zeros((dim, dim))
    vals = np.ones(dim)
    tune = np.zeros(len(TUNE_STATE))
    eps = initial_step_size(rng, x, g, logp[0], 0.1, stds, vecs, vals, 0, data)
    start_dual_averaging(tune, eps)
    buffer = max(n_tune, 1)
    buffers = (np.empty((buffer, dim)), np.empty((buffer, dim)))
    return (x, g, logp, tune, *buffers, stds, vecs, vals)


class Chain:
    """One NUTS chain of LCMCR's marginal posterior: its position, tuning and data.

    `advance(first, count)` runs draws first .. first + count - 1 (the first `n_tune`
    of a chain tune it) and returns N and alpha of every `thin`-th draw after tuning,
    with (acceptance, leapfrog steps, diverged, depth) of every draw after tuning; a
    chain advanced in pieces gives the draws of one long run.

    With `stopped` (another chain's `stopped()`, on a table of the same lists and classes)
    the chain starts at that chain's position with its step size and mass matrix and does
    not tune: its first `n_tune` draws are a burn-in, discarded. With `position` (a
    `stopped()[0]` of this table) it starts there and tunes as a new chain.
    """

    def __init__(
        self,
        rng,
        cells,
        counts,
        n_classes,
        a_alpha,
        b_alpha,
        a_lambda,
        b_lambda,
        n_tune,
        thin=1,
        stopped=None,
        position=None,
    ):
        self.rng = rng
        self.n_tune = n_tune
        self.thin = thin
        self.data = target_data(cells, counts, n_classes, a_alpha, b_alpha, a_lambda, b_lambda)
        if stopped is not None:
            self.adapt_until = 0
            self.state = start_nuts(rng, stopped[0].copy(), log_posterior, self.data, 0)
            _, _, _, tune, _, _, stds, vecs, vals = self.state
            stds[:], vecs[:], vals[:] = stopped[1], stopped[2], stopped[3]
            tune[0], tune[5], tune[6] = stopped[4][0], stopped[4][1], 1.0
            return
        self.adapt_until = n_tune
        if position is None:
            cells8 = np.ascontiguousarray(cells, dtype=np.uint8)
            freq = np.ascontiguousarray(counts, dtype=np.int64)
            # A few Gibbs sweeps put the chain among plausible classes; NUTS takes it on.
            state = start_chain(rng, cells8, freq, n_classes)
            sweeps = (0, WARM_SWEEPS, WARM_SWEEPS, 1, 3, WARM_SWEEPS // 2, True)
            advance_chain(rng, cells8, freq, state, a_alpha, b_alpha, a_lambda, b_lambda, *sweeps)
            x = weights_to_position(state[0], state[1], state[2])
        else:
            x = position.copy()
        self.state = start_nuts(rng, x, log_posterior, self.data, n_tune)

    def log_density(self, x) -> float:
        """The chain's target (log posterior, classes and N summed out) at position `x`."""
        return float(log_posterior(x, np.empty_like(x), self.data))

    def advance(self, first: int, count: int):
        kept = max(0, first + count - max(first, self.adapt_until))
        out = (np.empty(kept, dtype=np.int64), np.empty(kept), np.empty((kept, 4)))
        run(self.rng, self.state, first, count, self.adapt_until, LCMCR_MAX_DEPTH, self.data, *out)
        after_tuning = np.arange(first + count - kept, first + count) - self.n_tune
        keep = (after_tuning >= 0) & (after_tuning % self.thin == self.thin - 1)
        return out[0][keep], out[1][keep], out[2][after_tuning >= 0]

    def stopped(self) -> tuple[np.ndarray, ...]:
        """Where the chain is: position, mass matrix (stds, directions, values), and the
        step size with the mass matrix's rank; what a chain on a nearby table starts from."""
        x, _, _, tune, _, _, stds, vecs, vals = self.state
        return (x.copy(), stds.copy(), vecs.copy(), vals.copy(), np.array([tune[0], tune[5]]))


@njit(cache=True, nogil=True)
def run_strata(
    rng, state, first, n_draws, n_tune, max_depth, data, out_n, out_extra, out_stats, out_tuning
):
    """`run` for the hierarchical model: after each draw past tuning, N_s = n_s + n0_s for
    every stratum (n0_s drawn given the position, truncated at 20 n_s) goes to the row of
    out_n, (alpha, tau, sigma) to out_extra, and out_stats holds `run`'s four columns then
    the log density (classes and N summed out), which tells chains in modes apart. Tuning
    draw d's leapfrog steps go to out_tuning[d] (tuning draws stop at TUNING_MAX_DEPTH)."""
    x, g, logp_box, tune, _, _, stds, vecs, vals = state
    documented, limits, n_strata = data[5], data[6], data[15]
    tau_at = data[7] * data[8] + data[8] - 1
    q0 = np.empty(n_strata)
    stored = 0
    for draw in range(first, first + n_draws):
        depth_limit = min(max_depth, TUNING_MAX_DEPTH) if draw < n_tune else max_depth
        logp_box[0], accept, steps, diverged, depth = nuts_transition(
            rng, x, g, logp_box[0], tune[0], stds, vecs, vals, int(tune[5]), depth_limit, data
        )
        reorder_classes(rng, x, data)
        logp_box[0] = refresh_strata(rng, x, g, data)
        if draw < n_tune:
            out_tuning[draw] = steps
            _adapt(rng, draw, state, accept, diverged, n_tune, data)
        else:
            strata_missing_probability(x, data, q0)
            for s in range(n_strata):
                n_s = documented[s]
                out_n[stored, s] = int(n_s) + truncated_missing(rng, q0[s], n_s, limits[s])
            out_extra[stored, 0] = concentration(rng, x, data)
            out_extra[stored, 1] = math.exp(x[tau_at])
            out_extra[stored, 2] = math.exp(x[tau_at + 1])
            out_stats[stored, 0] = accept
            out_stats[stored, 1] = steps
            out_stats[stored, 2] = 1.0 if diverged else 0.0
            out_stats[stored, 3] = depth
            out_stats[stored, 4] = logp_box[0]
            stored += 1
    return stored


class StrataChain:
    """One NUTS chain of the hierarchical model (`strata_log_posterior`), with the
    interface of `Chain`: `advance(first, count)` returns every `thin`-th draw after
    tuning as (N per stratum: draws x strata, (alpha, tau, sigma): draws x 3, stats with
    the log density as a fifth column)."""

    def __init__(
        self,
        rng,
        cells,
        counts,
        starts,
        active,
        n_classes,
        a_alpha,
        b_alpha,
        tau_scale,
        a_lambda,
        b_lambda,
        n_tune,
        thin=1,
    ):
        self.rng = rng
        self.n_tune = n_tune
        self.thin = thin
        self.data = strata_data(
            cells,
            counts,
            starts,
            active,
            n_classes,
            a_alpha,
            b_alpha,
            tau_scale,
            a_lambda,
            b_lambda,
        )
        self.n_strata = len(starts) - 1
        # Start from a few Gibbs sweeps on the table of every stratum together (shared
        # classes and weights), each stratum at the shared weights (z = 0).
        pooled = pooled_table(np.asarray(cells, dtype=np.int64), np.asarray(counts))
        state = start_chain(rng, pooled[0], pooled[1], n_classes)
        sweeps = (0, WARM_SWEEPS, WARM_SWEEPS, 1, 3, WARM_SWEEPS // 2, True)
        advance_chain(
            rng, pooled[0], pooled[1], state, a_alpha, b_alpha, a_lambda, b_lambda, *sweeps
        )
        shared = weights_to_position(state[0], state[1], state[2])
        log_beta = state[2] - np.logaddexp.reduce(state[2])
        tau = 0.5 * tau_scale
        weights = (stratum_start_weights(state, cells, counts, starts, active) - log_beta) / tau
        n_lists = np.asarray(cells).shape[1]
        x = np.concatenate(
            [
                shared,
                [math.log(0.5 * tau_scale), math.log(0.5 * tau_scale)],
                weights.ravel(),
                np.zeros(self.n_strata * n_lists),
            ]
        )
        self.state = start_nuts(rng, x, log_density, self.data, n_tune)
        self.tuning_steps = np.zeros(n_tune)

    def advance(self, first: int, count: int):
        kept = max(0, first + count - max(first, self.n_tune))
        out = (
            np.empty((kept, self.n_strata), dtype=np.int64),
            np.empty((kept, 3)),
            np.empty((kept, 5)),
        )
        run_strata(
            self.rng,
            self.state,
            first,
            count,
            self.n_tune,
            MAX_DEPTH,
            self.data,
            *out,
            self.tuning_steps,
        )
        after_tuning = np.arange(max(first, self.n_tune), first + count) - self.n_tune
        keep = after_tuning % self.thin == self.thin - 1
        return out[0][keep], out[1][keep], out[2]


def pooled_table(cells, counts):
    """Merge equal rows of `cells` (summing counts): the table of every stratum together."""
    unique, inverse = np.unique(cells, axis=0, return_inverse=True)
    merged = np.bincount(inverse.ravel(), weights=counts, minlength=len(unique))
    return np.ascontiguousarray(unique, dtype=np.uint8), merged.astype(np.int64)


def stratum_start_weights(state, cells, counts, starts, active):
    """Each stratum's log class weights where a chain starts: its documented people's
    class shares under the shared classes of `state` (a Gibbs chain of the pooled
    table), smoothed toward the shared weights."""
    log_lam, log_1m, log_pi = state[0], state[1], state[2]
    log_beta = log_pi - np.logaddexp.reduce(log_pi)
    cells = np.asarray(cells, dtype=float)
    out = np.empty((len(starts) - 1, log_pi.size))
    for s in range(len(starts) - 1):
        rows = slice(starts[s], starts[s + 1])
        log_p = cells[rows] @ log_lam + (active[s] - cells[rows]) @ log_1m + log_beta
        share = np.exp(log_p - np.logaddexp.reduce(log_p, axis=1, keepdims=True))
        expected = np.asarray(counts[rows], dtype=float) @ share
        out[s] = np.log((expected + np.exp(log_beta)) / (expected.sum() + 1.0))
    return out
