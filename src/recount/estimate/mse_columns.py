"""The columns `recount mse` returns and writes, apart from the methods that fill them, so
the command line can name them in its help without importing scipy and numba."""

OUT_COLUMNS = ["method", "estimate", "lower", "upper", "seconds", "ess", "rhat"]
# Also returned, for the printed table: why a stratum was not estimated, what was fitted.
DETAIL_COLUMNS = ["status", "reason", "model", "flag", "observed"]
# What `recount mse --out` writes after the stratum columns (a row without an estimate says why).
FILE_COLUMNS = [*OUT_COLUMNS, "model", "status", "reason", "flag"]
