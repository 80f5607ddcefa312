#!/bin/bash
# Submit a sharded sweep and its merge: bash docs/jobs/slurm-submit.sh N [extra sbatch options…]
# Environment passed through to the jobs: SCENARIO, OUT, VARY, REPLICATIONS, CARESTRATA_HOME.
set -euo pipefail
N=${1:?usage: slurm-submit.sh N_SHARDS [sbatch options]}
shift
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
job=$(sbatch --parsable --array=0-$((N - 1)) "$@" "$here/slurm-sweep.sh" "$N")
merge=$(sbatch --parsable --dependency=afterany:"${job%%;*}" --kill-on-invalid-dep=yes "$@" "$here/slurm-merge.sh")
echo "sweep array ${job%%;*} ($N shards), merge $merge"
