#!/bin/bash
# A carestrata sweep as a Slurm job array: array task i runs shard i of SHARDS. The shard count is given
# explicitly (first argument or $SHARDS), never read from the array, so one shard can be re-run alone.
#
#   bash docs/jobs/slurm-submit.sh 4                      # 4 shards + a merge that runs when they have ended
# or by hand:
#   JOB=$(sbatch --parsable --array=0-3 docs/jobs/slurm-sweep.sh 4)
#   sbatch --dependency=afterany:$JOB --kill-on-invalid-dep=yes docs/jobs/slurm-merge.sh
#   sbatch --array=2 docs/jobs/slurm-sweep.sh 4            # re-run shard 2 of 4 alone (it resumes)
#
# Re-submitting resumes: each shard skips the points already in its points.jsonl. Run from the carestrata
# checkout on a shared file system after `npm ci` (which builds dist/), or set CARESTRATA_HOME to it.
# Logs go to the submit directory (Slurm opens --output before the script runs, so its folder must exist).
#SBATCH --job-name=carestrata-sweep
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=02:00:00
#SBATCH --output=slurm-%x-%A_%a.log
set -euo pipefail

SHARDS=${1:-${SHARDS:-}}
if ! [[ "$SHARDS" =~ ^[1-9][0-9]*$ ]]; then
  echo "slurm-sweep.sh: give the shard count: sbatch --array=0-(N-1) slurm-sweep.sh N (or SHARDS=N)" >&2
  exit 2
fi
I=${SLURM_ARRAY_TASK_ID:?submit as an array: sbatch --array=0-$((SHARDS - 1)) slurm-sweep.sh $SHARDS}
if (( I >= SHARDS )); then
  echo "slurm-sweep.sh: array index $I is not a shard of $SHARDS (0..$((SHARDS - 1)))" >&2
  exit 2
fi

HOME_DIR=${CARESTRATA_HOME:-${SLURM_SUBMIT_DIR:-$PWD}}
SCENARIO=${SCENARIO:-$HOME_DIR/scenarios/staffing-sweep.yaml}
OUT=${OUT:-out/staffing}
VARY=${VARY:-program.nurses=1..8}
REPLICATIONS=${REPLICATIONS:-3}

mkdir -p "$OUT"
node "$HOME_DIR/bin/carestrata.js" sweep "$SCENARIO" \
  --vary "$VARY" \
  --replications "$REPLICATIONS" \
  --workers "${SLURM_CPUS_PER_TASK:-1}" \
  --shard "$I/$SHARDS" \
  --out "$OUT/shard-$I"
