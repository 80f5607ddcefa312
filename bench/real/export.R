# Export the real data sets with known classes (Debian r-cran-palmerpenguins, r-cran-mlbench, r-cran-mclust)
# to CSV for the quality benchmark and tests: Rscript bench/real/export.R OUT_DIR [NAME ...]
# Per set: OUT_DIR/NAME.csv (column "row_id" first, then features, then "class"; missing cells empty,
# logicals as 0/1) and OUT_DIR/NAME.types (one "column,type" line per feature: numeric | binary | categorical).
# Nothing is downloaded: the data live in the installed R packages.
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
wanted <- if (length(args) > 1) args[-1] else character(0)
dir.create(out, showWarnings = FALSE, recursive = TRUE)

from <- function(pkg, name) {
  e <- new.env()
  suppressWarnings(data(list = name, package = pkg, envir = e))
  as.data.frame(get(name, envir = e))
}

sets <- list(
  penguins = function() { d <- from("palmerpenguins", "penguins"); d$year <- NULL; list(d = d, class = "species") },
  Glass = function() list(d = from("mlbench", "Glass"), class = "Type"),
  Vehicle = function() list(d = from("mlbench", "Vehicle"), class = "Class"),
  Soybean = function() list(d = from("mlbench", "Soybean"), class = "Class"),
  Zoo = function() list(d = from("mlbench", "Zoo"), class = "type"),
  PimaIndiansDiabetes = function() list(d = from("mlbench", "PimaIndiansDiabetes"), class = "diabetes"),
  Satellite = function() list(d = from("mlbench", "Satellite"), class = "classes"),
  banknote = function() list(d = from("mclust", "banknote"), class = "Status"),
  thyroid = function() list(d = from("mclust", "thyroid"), class = "Diagnosis")
)

for (name in names(sets)) {
  if (length(wanted) && !(name %in% wanted)) next
  s <- sets[[name]]()
  d <- s$d
  y <- d[[s$class]]
  d[[s$class]] <- NULL
  types <- character(0)
  for (col in names(d)) {
    v <- d[[col]]
    if (is.logical(v)) { d[[col]] <- as.integer(v); types[col] <- "binary" }
    else if (is.factor(v) || is.character(v)) { d[[col]] <- as.character(v); types[col] <- "categorical" }
    else types[col] <- "numeric"
  }
  clean <- make.names(names(d))
  names(types) <- clean
  names(d) <- clean
  frame <- data.frame(row_id = sprintf("r%04d", seq_len(nrow(d))), d, class = as.character(y), stringsAsFactors = FALSE)
  write.csv(frame, file.path(out, paste0(name, ".csv")), row.names = FALSE, na = "")
  writeLines(paste(names(types), types, sep = ","), file.path(out, paste0(name, ".types")))
}
