"""LCMCR's posterior with the latent classes, N and alpha summed out, for NUTS.

With p(N) proportional to 1/N, summing N out of the model leaves the likelihood of
the observed cells conditional on being observed, prod_x (q_x / (1 - q0))^n_x,
times P(n0 <= 20 n) for the bound R's LCMCR puts on n0 (n0 | theta is negative
binomial; see `truncated_missing`). Summing alpha out of the stick-breaking prior
leaves, for the weights pi in stick order,

    p(pi) proportional to (b - log pi_K)^-(a + K - 1) prod_{k>=2} 1 / (pi_k + ... + pi_K).

What is left is a smooth density of the capture probabilities and the weights,
sampled by NUTS in unconstrained coordinates: eta_jk = logit lambda_jk and stick
logits nu_k (sticks taken in the chain's own class labels).

The truncated stick-breaking prior is not symmetric in the classes, and a chain of
NUTS does not switch labels. So the state carries the order in which its classes
enter the stick-breaking prior (`order`: stick position -> class label) and moves
it after every draw (`reorder_classes`). The likelihood does not depend on the
order, so this costs no likelihood evaluation and leaves NUTS's learned geometry
intact, and the chain targets LCMCR's posterior, not one labelling's share of it.
Without it, a chain that starts with a large class in the last stick position
stays there, with alpha near 11 where the posterior has it near 0.1, and its N
differs from the other chains' (seen on the 8-list benchmark table).

`data` is a tuple made by `target_data`: (counts, cell_index, cell_lists, cube, n,
limit, n_lists, n_classes, a_alpha, b_alpha, order).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

ORDER_ATTEMPTS = 2  # proposals of a new class order after every NUTS draw
SUPPORT_FACTOR = 20  # n0 <= 20 n, as R's LCMCR bounds its n0 draws
CUBE_MAX_LISTS = 14  # up to here every capture pattern is computed by one product each
# The product path works in linear space; beyond these bounds (far tails only) the
# cells are computed in log space instead, so nothing underflows.
LINEAR_MAX_ETA = 25.0
LINEAR_MIN_LOG_WEIGHT = -280.0


@njit(cache=True, nogil=True)
def _log_sigmoid(x):
    if x >= 0.0:
        return -math.log1p(math.exp(-x))
    return x - math.log1p(math.exp(x))


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
    a = limit + 1.0
    b = n
    if q0 <= 0.0:
        return 0.0, 0.0
    log_front = a * math.log(q0) + b * math.log1p(-q0) - _log_beta(a, b)
    if log_front < -740.0:
        return 0.0, 0.0
    log_density = (a - 1.0) * math.log(q0) + (b - 1.0) * math.log1p(-q0) - _log_beta(a, b)
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


def target_data(cells, counts, n_classes, a_alpha, b_alpha):
    """The `data` tuple for `log_posterior` from 0/1 cells (rows) and their counts."""
    cells = np.asarray(cells, dtype=np.int64)
    n_cells, n_lists = cells.shape
    cell_index = cells @ (1 << np.arange(n_lists, dtype=np.int64))
    cell_lists = np.full((n_cells, max(1, n_lists)), -1, dtype=np.int64)
    for m in range(n_cells):
        listed = np.flatnonzero(cells[m])
        cell_lists[m, : listed.size] = listed
    cube_size = 1 << n_lists if n_lists <= CUBE_MAX_LISTS else 0
    n = float(np.sum(counts))
    return (
        np.asarray(counts, dtype=np.float64),
        cell_index,
        cell_lists,
        np.empty((cube_size, n_classes)),
        n,
        float(SUPPORT_FACTOR * n),
        n_lists,
        n_classes,
        float(a_alpha),
        float(b_alpha),
        np.arange(n_classes, dtype=np.int64),
    )


@njit(cache=True, nogil=True)
def _accumulate(m, count, q, values, cell_lists, expected, ones):
    """Add one cell's class responsibilities (values / q, weighted by its count)."""
    scale = count / q
    for k in range(values.size):
        r = scale * values[k]
        expected[k] += r
        for i in range(cell_lists.shape[1]):
            j = cell_lists[m, i]
            if j < 0:
                break
            ones[j, k] += r


@njit(cache=True, nogil=True)
def _fill_cube(x, n_lists, n_classes, zero_cell, cube):
    """pi_k P(pattern | class k) for every pattern: each is its parent pattern (lowest list
    removed) times that list's odds, one product per pattern and class."""
    odds = np.empty((n_lists, n_classes))
    for j in range(n_lists):
        for k in range(n_classes):
            odds[j, k] = math.exp(x[j * n_classes + k])
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
def log_posterior(x, grad, data):
    """log density of (eta, nu) up to a constant; the gradient goes to `grad`."""
    counts, cell_index, cell_lists, cube, n, limit, n_lists, n_classes, a_alpha, b_alpha, order = (
        data
    )
    offset = n_lists * n_classes
    out = 0.0
    lam = np.empty((n_lists, n_classes))
    log_miss = np.zeros(n_classes)  # log prod_j (1 - lambda_jk)
    linear = cube.shape[0] > 0
    for j in range(n_lists):
        for k in range(n_classes):
            eta = x[j * n_classes + k]
            if abs(eta) > LINEAR_MAX_ETA:
                linear = False
            lam[j, k] = 1.0 / (1.0 + math.exp(-eta))
            log_miss[k] += _log_sigmoid(-eta)
            # Beta(1, 1) prior and the logit's Jacobian.
            out += _log_sigmoid(eta) + _log_sigmoid(-eta)
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
    # Per cell: log q_x, and the class responsibilities that make the gradient.
    expected = np.zeros(n_classes)
    ones = np.zeros((n_lists, n_classes))
    values = np.empty(n_classes)
    if linear:
        _fill_cube(x, n_lists, n_classes, zero_cell, cube)
        for m in range(counts.size):
            q = 0.0
            for k in range(n_classes):
                values[k] = cube[cell_index[m], k]
                q += values[k]
            if not q > 0.0:
                return -np.inf
            out += counts[m] * math.log(q)
            _accumulate(m, counts[m], q, values, cell_lists, expected, ones)
    else:
        for m in range(counts.size):
            for k in range(n_classes):
                values[k] = log_w[k] + log_miss[k]
            for i in range(cell_lists.shape[1]):
                j = cell_lists[m, i]
                if j < 0:
                    break
                for k in range(n_classes):
                    values[k] += x[j * n_classes + k]
            top = values.max()
            q = 0.0
            for k in range(n_classes):
                values[k] = math.exp(values[k] - top)
                q += values[k]
            out += counts[m] * (top + math.log(q))
            _accumulate(m, counts[m], q, values, cell_lists, expected, ones)
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
                ones[j, k] - lam_jk * (expected[k] + missing_k) + 1.0 - 2.0 * lam_jk
            )
    # From log w to the stick logits, with the Jacobian of the sticks:
    # sum_{k<K} [log R_k + log V_k + log(1 - V_k)], R_k = prod_{l<k} (1 - V_l).
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
    for i in range(grad.size):
        if not math.isfinite(grad[i]):
            return -np.inf  # the far tails only: NUTS then treats the step as divergent
    return out


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
    n_lists, n_classes, b_alpha, order = data[6], data[7], data[9], data[10]
    if n_classes < 2:
        return False
    shape = data[8] + n_classes - 1.0
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
    n_lists, n_classes, a_alpha, b_alpha, order = data[6], data[7], data[8], data[9], data[10]
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
