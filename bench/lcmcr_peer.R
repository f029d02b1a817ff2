# R's LCMCR (Manrique-Vallier's CRAN package) as the peer of bench/estimate.py --r-peer.
#
#   Rscript bench/lcmcr_peer.R PATTERNS.csv DRAWS.csv SEED BURNIN SAMPLES THINNING K
#       fits lcmCR to a pattern table (0/1 list columns and `count`), writes the draws of N
#       to DRAWS.csv (header N) and prints one JSON line: seconds_setup (lcmCR(), which
#       includes the package's fixed 500 warm-up sweeps), seconds_sampling (burn-in and
#       draws) and its CPU seconds, median, and coda's effectiveSize of N.
#   Rscript bench/lcmcr_peer.R --coda DRAWS.csv
#       prints coda's effectiveSize of a column N, so recount's draws can be measured the
#       same way.
#
# Needs R with the LCMCR and coda packages (set R_LIBS if LCMCR is in a private library).
# Everything but the JSON line goes to stderr.

args <- commandArgs(trailingOnly = TRUE)
sink(stderr())
suppressPackageStartupMessages(library(coda))

if (length(args) == 2 && args[1] == "--coda") {
  draws <- read.csv(args[2])$N
  sink()
  cat(sprintf('{"coda_ess": %.2f}\n', effectiveSize(mcmc(draws))))
  quit(status = 0)
}
if (length(args) != 7) {
  stop("usage: lcmcr_peer.R PATTERNS.csv DRAWS.csv SEED BURNIN SAMPLES THINNING K")
}
settings <- as.integer(args[3:7])
names(settings) <- c("seed", "burnin", "samples", "thinning", "K")
suppressPackageStartupMessages(library(LCMCR))

table <- read.csv(args[1], check.names = FALSE)
lists <- setdiff(names(table), "count")
table <- table[table$count > 0 & rowSums(as.matrix(table[lists])) > 0, , drop = FALSE]
captures <- data.frame(lapply(table[lists], function(x) factor(x, levels = c(0, 1))))
captures$Freq <- as.integer(table$count)

cpu <- function() sum(proc.time()[c("user.self", "sys.self")])
started <- proc.time()[["elapsed"]]
sampler <- lcmCR(
  captures = captures, tabular = TRUE, in_list_label = "1", not_in_list_label = "0",
  K = settings[["K"]], a_alpha = 0.25, b_alpha = 0.25, seed = settings[["seed"]],
  buffer_size = settings[["samples"]], thinning = settings[["thinning"]], verbose = FALSE
)
built <- proc.time()[["elapsed"]]
built_cpu <- cpu()
N <- lcmCR_PostSampl(
  sampler, burnin = settings[["burnin"]], samples = settings[["samples"]],
  thinning = settings[["thinning"]], output = FALSE
)
finished <- proc.time()[["elapsed"]]
finished_cpu <- cpu()

writeLines(c("N", format(as.integer(round(N)), scientific = FALSE, trim = TRUE)), args[2])
sink()
cat(sprintf(
  '{"seconds_setup": %.3f, "seconds_sampling": %.3f, "cpu_seconds_sampling": %.3f, "median": %.0f, "coda_ess": %.2f}\n',
  built - started, finished - built, finished_cpu - built_cpu, median(N), effectiveSize(mcmc(N))
))
