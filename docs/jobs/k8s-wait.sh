#!/bin/bash
# Wait for a Job to end either way: `kubectl wait --for=condition=complete` alone waits until its timeout when
# the Job fails. Exit 0 when complete; 1 when failed (failed indexes printed); 124 on timeout.
#   bash docs/jobs/k8s-wait.sh carestrata-sweep [timeout, default 2h]
set -euo pipefail
job=${1:?usage: k8s-wait.sh JOB_NAME [TIMEOUT]}
timeout=${2:-2h}
kubectl wait --for=condition=complete "job/$job" --timeout="$timeout" >/dev/null 2>&1 &
complete=$!
kubectl wait --for=condition=failed "job/$job" --timeout="$timeout" >/dev/null 2>&1 &
failed=$!
set +e
wait -n "$complete" "$failed"
set -e
kill "$complete" "$failed" 2>/dev/null || true
state=$(kubectl get "job/$job" -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type} {end}')
case "$state" in
  *Complete*) echo "$job: complete"; exit 0 ;;
  *Failed*) echo "$job: failed; failed indexes: $(kubectl get "job/$job" -o jsonpath='{.status.failedIndexes}')" >&2; exit 1 ;;
  *) echo "$job: no end within $timeout" >&2; exit 124 ;;
esac
