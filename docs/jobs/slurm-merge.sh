#!/bin/bash
# Merge the shards of docs/jobs/slurm-sweep.sh into one sweep folder. Submit it with
# --dependency=afterany:<array job> (not afterok: afterok never starts when a shard failed, and the job then
# waits forever). When shards are missing or unfinished it fails at once, naming them (exit 2): re-run those
# with `sbatch --array=<i> docs/jobs/slurm-sweep.sh <N>` and submit this again.
#SBATCH --job-name=carestrata-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=2G
#SBATCH --time=00:30:00
#SBATCH --output=slurm-%x-%j.log
set -euo pipefail

HOME_DIR=${CARESTRATA_HOME:-${SLURM_SUBMIT_DIR:-$PWD}}
OUT=${OUT:-out/staffing}

shopt -s nullglob
shards=("$OUT"/shard-*)
if (( ${#shards[@]} == 0 )); then
  echo "slurm-merge.sh: no shard folders in $OUT (did every array task fail before starting?)" >&2
  exit 2
fi
# merge checks the set: it names every shard of the manifest that is missing or unfinished and writes nothing
node "$HOME_DIR/bin/carestrata.js" merge "${shards[@]}" --out "$OUT/all"
