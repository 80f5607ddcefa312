#!/bin/bash
# A carestrata sweep as a Slurm job array: task i runs shard i of N, then one dependent job merges.
#
#   sbatch --array=0-3 docs/jobs/slurm-sweep.sh                 # 4 shards (N is read from the array size)
#   sbatch --dependency=afterok:<JOBID> --wrap "npx carestrata merge out/staffing/shard-* --out out/staffing/all"
#
# Re-submitting the same array resumes: each shard skips the points already in its points.jsonl.
# Run from the carestrata checkout on a shared file system, after `npm ci` (which builds dist/).
#SBATCH --job-name=carestrata-sweep
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=02:00:00
#SBATCH --output=out/staffing/slurm-%A_%a.log
set -euo pipefail

SCENARIO=${SCENARIO:-scenarios/staffing-sweep.yaml}
OUT=${OUT:-out/staffing}
VARY=${VARY:-program.nurses=1..8}
REPLICATIONS=${REPLICATIONS:-3}
# N shards = the array's size; $SLURM_ARRAY_TASK_ID is 0-based with --array=0-(N-1).
N=${SLURM_ARRAY_TASK_COUNT:?submit with --array=0-(N-1)}
I=${SLURM_ARRAY_TASK_ID:?submit with --array=0-(N-1)}

mkdir -p "$OUT"
npx carestrata sweep "$SCENARIO" \
  --vary "$VARY" \
  --replications "$REPLICATIONS" \
  --workers "${SLURM_CPUS_PER_TASK:-1}" \
  --shard "$I/$N" \
  --out "$OUT/shard-$I"
