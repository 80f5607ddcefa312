# ConsensusClusterPlus reference for the quality benchmark (Debian r-bioc-consensusclusterplus):
# Rscript bench/real/ccp.R MATRIX.csv MAX_K TRUE_K LABELS_OUT.json [MAX_ROWS]
# With MAX_ROWS, a larger matrix is cut to a uniform sample of that many rows (its n x n consensus matrices per k
# would not fit in memory); the sampled rows (0-based) are written beside the labels.
# MATRIX.csv: prepared rows (no header; z-scored, from sklearn_ref.py). k-means members, 50 resamples of 80% of
# the items, every feature; k chosen by the lowest PAC (consensus in (0.1, 0.9), Senbabaoglu et al. 2014).
# Writes the chosen k, its labels, the labels at the true k, PAC per k and wall / CPU seconds.
suppressPackageStartupMessages(library(ConsensusClusterPlus))
args <- commandArgs(trailingOnly = TRUE)
x <- as.matrix(read.csv(args[1], header = FALSE))
maxK <- as.integer(args[2])
trueK <- as.integer(args[3])
rows <- seq_len(nrow(x))
if (length(args) > 4 && nrow(x) > as.integer(args[5])) {
  set.seed(1)
  rows <- sort(sample(nrow(x), as.integer(args[5])))
  x <- x[rows, , drop = FALSE]
}
pdf(NULL)
t0 <- proc.time()
res <- ConsensusClusterPlus(t(x), maxK = maxK, reps = 50, pItem = 0.8, pFeature = 1, clusterAlg = "km",
                            distance = "euclidean", seed = 1, plot = NULL, verbose = FALSE)
used <- proc.time() - t0
pac <- sapply(2:maxK, function(k) {
  m <- res[[k]]$consensusMatrix
  v <- m[lower.tri(m)]
  mean(v > 0.1 & v < 0.9)
})
chosen <- (2:maxK)[which.min(pac)]
json <- sprintf('{"rows":[%s],"k":%d,"labels":[%s],"trueKLabels":[%s],"pac":[%s],"wall":%.3f,"cpu":%.3f}',
                paste(rows - 1, collapse = ","), chosen,
                paste(res[[chosen]]$consensusClass - 1, collapse = ","),
                paste(res[[trueK]]$consensusClass - 1, collapse = ","),
                paste(sprintf("%.4f", pac), collapse = ","), used[["elapsed"]], used[["user.self"]] + used[["sys.self"]])
writeLines(json, args[4])
