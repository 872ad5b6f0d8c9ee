# A one-node Slurm cluster on localhost for tests: munged with a generated key, slurmctld and
# slurmd in the foreground on free ports, everything under one directory, stopped by PID.
# Source it, then: slurm_cluster_start DIR (sets SLURM_CONF) ... slurm_cluster_stop DIR.
# Needs lib.sh (pick_port, wait_until, stop_pid_file) sourced first.

# Why a cluster cannot start here (missing programs), or nothing.
slurm_cluster_missing() {
  local p missing=()
  for p in munged mungekey slurmctld slurmd sbatch squeue scontrol sinfo; do
    command -v "$p" >/dev/null 2>&1 || [ -x "/usr/sbin/$p" ] || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] || echo "missing: ${missing[*]} (Debian packages slurm-wlm and munge)"
}

slurm_cluster_start() {
  local dir=$1 node=shieldnode ctl_port slurmd_port cpus
  export PATH="$PATH:/usr/sbin"
  mkdir -p "$dir"/{munge,state,spool,log}
  chmod 700 "$dir/munge"
  # munged: its own key, socket, PID file and seed in DIR.
  mungekey --create --keyfile="$dir/munge/munge.key" --force >/dev/null 2>&1 ||
    dd if=/dev/urandom of="$dir/munge/munge.key" bs=1024 count=1 status=none
  chmod 600 "$dir/munge/munge.key"
  munged --foreground --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
    --pid-file="$dir/munge/munged.pid" --log-file="$dir/log/munged.log" --seed-file="$dir/munge/munged.seed" \
    >>"$dir/log/munged.out" 2>&1 </dev/null &
  echo $! >"$dir/munged.pid"
  if ! wait_until 15 "$(cat "$dir/munged.pid")" test -S "$dir/munge/munge.socket"; then
    echo "munged did not start:" >&2; cat "$dir/log/munged.out" "$dir/log/munged.log" >&2 2>/dev/null; return 1
  fi
  ctl_port=$(pick_port) && slurmd_port=$(pick_port) || return 1
  while [ "$slurmd_port" = "$ctl_port" ]; do slurmd_port=$(pick_port); done
  cpus=$(nproc)
  cat >"$dir/slurm.conf" <<CONF
ClusterName=shieldtest
SlurmctldHost=$(hostname)(127.0.0.1)
SlurmctldPort=$ctl_port
SlurmdPort=$slurmd_port
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/state/slurmctld.pid
SlurmdPidFile=$dir/spool/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
MinJobAge=300
KillWait=5
NodeName=$node NodeAddr=127.0.0.1 NodeHostname=$(hostname) CPUs=$cpus State=UNKNOWN
PartitionName=shield Nodes=$node Default=YES MaxTime=30 State=UP OverSubscribe=FORCE:4
CONF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -D -i -f "$SLURM_CONF" >>"$dir/log/slurmctld.out" 2>&1 </dev/null &
  echo $! >"$dir/slurmctld.pid"
  if ! wait_until 20 "$(cat "$dir/slurmctld.pid")" scontrol ping; then
    echo "slurmctld did not answer:" >&2; tail -n 30 "$dir/log/slurmctld.out" "$dir/log/slurmctld.log" >&2; return 1
  fi
  slurmd -D -f "$SLURM_CONF" -N "$node" >>"$dir/log/slurmd.out" 2>&1 </dev/null &
  echo $! >"$dir/slurmd.pid"
  if ! wait_until 30 "$(cat "$dir/slurmd.pid")" slurm_node_idle "$node"; then
    echo "node $node not idle in time:" >&2; sinfo -N -l >&2 || true
    tail -n 30 "$dir/log/slurmd.out" "$dir/log/slurmd.log" >&2; return 1
  fi
}

slurm_node_idle() { sinfo -h -N -n "$1" -o %T 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'; }

slurm_cluster_stop() {
  local dir=$1
  stop_pid_file "$dir/slurmd.pid"
  stop_pid_file "$dir/slurmctld.pid"
  stop_pid_file "$dir/munged.pid"
}
