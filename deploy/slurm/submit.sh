#!/usr/bin/env bash
# Submits a distributed shield_bench run to Slurm: a job array of N shards that start together,
# and a merge job that runs when all of them succeeded.
# Usage: SHIELD_OUT=/shared/dir deploy/slurm/submit.sh N [shield_bench flags...]
# Environment: SHIELD_OUT (required, on a file system every node shares), SHIELD_BENCH and
# SHIELD_MERGE (program paths; default from PATH), SHIELD_RUN_ID (default shield-<time>),
# SHIELD_START_DELAY (seconds from now to the common start, default 60: time for Slurm to start
# every task), SHIELD_THRESHOLDS (judged by the merge), SHIELD_SBATCH_ARGS (e.g. "-p load -A team").
# Prints the run id and both job ids.
set -euo pipefail
if [ $# -lt 1 ] || ! [[ $1 =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: SHIELD_OUT=DIR $0 N [shield_bench flags...]" >&2
  exit 2
fi
shards=$1; shift
: "${SHIELD_OUT:?set SHIELD_OUT to a directory every node can write}"
here="$(cd "$(dirname "$0")" && pwd)"
mkdir -p "$SHIELD_OUT"
SHIELD_OUT="$(cd "$SHIELD_OUT" && pwd)"
SHIELD_RUN_ID=${SHIELD_RUN_ID:-shield-$(date -u +%Y%m%d-%H%M%S)}
SHIELD_START_AT=$(( $(date +%s) + ${SHIELD_START_DELAY:-60} ))
export SHIELD_OUT SHIELD_RUN_ID SHIELD_START_AT
read -r -a extra <<<"${SHIELD_SBATCH_ARGS:-}"
array=$(sbatch --parsable "${extra[@]}" --array=0-$((shards - 1)) --export=ALL \
  --output="$SHIELD_OUT/shield-shard-%A_%a.out" "$here/shield_shard.sbatch" "$@")
array=${array%%;*}
merge=$(sbatch --parsable "${extra[@]}" --dependency=afterok:"$array" --kill-on-invalid-dep=yes --export=ALL \
  --output="$SHIELD_OUT/shield-merge-%j.out" "$here/shield_merge.sbatch")
merge=${merge%%;*}
echo "run $SHIELD_RUN_ID: $shards shards in job array $array (start at $SHIELD_START_AT), merge job $merge"
echo "results: $SHIELD_OUT/merged/"
