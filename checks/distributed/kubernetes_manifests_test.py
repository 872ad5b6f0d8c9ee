#!/usr/bin/python3
"""deploy/kubernetes: the manifests, after the README's envsubst, give every shard what it depends on.

Checks the Indexed Job (completion mode, one shard count for parallelism, completions and
SHIELD_SHARDS, the index variable, run id and start time, results paths under the shared volume)
and the merge Job (same claim and mount, reads the shards' files, same shard count). Then shows the
checker catches broken copies. With SHIELD_BENCH SHIELD_MERGE WORK_DIR (and SHIELD_TARGET set),
it then runs what the pods would run, here: each shard container's command and args with its env
($(VAR) expanded as Kubernetes does, the completion index as the annotation would give it, /results
in WORK_DIR), then the merge container's script, and checks the merged run.
Usage: kubernetes_manifests_test.py REPO_ROOT [SHIELD_BENCH SHIELD_MERGE WORK_DIR]
"""
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

root = Path(sys.argv[1])
kdir = root / "deploy" / "kubernetes"
values = {"SHIELD_IMAGE": "registry.example/shield-stress:1", "SHIELD_TARGET": "http://shield.backend.svc:8000",
          "SHIELD_RUN_ID": "run-20261203-080000", "SHIELD_SHARDS": "3", "SHIELD_RATE": "600",
          "SHIELD_DURATION": "30", "SHIELD_CONCURRENCY": "60", "SHIELD_FILTER": "^anonymize/",
          "SHIELD_THRESHOLDS": "success_rate>95,mean_ms<2000", "SHIELD_START_AT": "1796284200"}


def readme_vars():
    """The variables the README's envsubst line substitutes."""
    text = (kdir / "README.md").read_text()
    m = re.search(r"^vars='([^']*)'", text, re.M)
    assert m, "README.md has no vars='...' line for envsubst"
    return re.findall(r"\$\{(\w+)\}", m.group(1))


def envsubst(text, names):
    """envsubst with a variable list: only those names, in $NAME and ${NAME} form."""
    for n in names:
        text = text.replace("${" + n + "}", values[n])
        text = re.sub(r"\$" + n + r"\b", values[n], text)
    return text


def load(name, names):
    raw = (kdir / name).read_text()
    return raw, list(yaml.safe_load_all(envsubst(raw, names)))


def env_of(container):
    return {e["name"]: e for e in container.get("env", [])}


def check(shards_doc, merge_doc, pvc_doc):
    """Problems found, as strings; empty when the manifests fit together."""
    problems = []
    want = int(values["SHIELD_SHARDS"])
    spec = shards_doc["spec"]
    if shards_doc.get("kind") != "Job" or spec.get("completionMode") != "Indexed":
        problems.append("shards: not an Indexed Job")
    if spec.get("parallelism") != want or spec.get("completions") != want:
        problems.append(f"shards: parallelism {spec.get('parallelism')} / completions {spec.get('completions')} "
                        f"are not SHIELD_SHARDS={want}")
    pod = spec["template"]["spec"]
    if pod.get("restartPolicy") != "Never" or spec.get("backoffLimit") != 0:
        problems.append("shards: a failed shard would be retried (restartPolicy Never, backoffLimit 0 expected)")
    c = pod["containers"][0]
    env = env_of(c)
    if env.get("SHIELD_SHARDS", {}).get("value") != str(want):
        problems.append(f"shards: SHIELD_SHARDS is {env.get('SHIELD_SHARDS')}, not {want}")
    idx = env.get("JOB_COMPLETION_INDEX", {}).get("valueFrom", {}).get("fieldRef", {}).get("fieldPath", "")
    if idx != "metadata.annotations['batch.kubernetes.io/job-completion-index']":
        problems.append("shards: JOB_COMPLETION_INDEX is not taken from the completion-index annotation")
    for name in ("SHIELD_RUN_ID", "SHIELD_START_AT"):
        if env.get(name, {}).get("value") != values[name]:
            problems.append(f"shards: {name} is {env.get(name)}, not {values[name]}")
    names = list(env)
    if "JOB_COMPLETION_INDEX" in names and names.index("JOB_COMPLETION_INDEX") != 0:
        problems.append("shards: JOB_COMPLETION_INDEX should be declared first")
    if not re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", shards_doc["metadata"]["name"]) or \
            len(shards_doc["metadata"]["name"]) > 63:
        problems.append(f"shards: Job name {shards_doc['metadata']['name']} is not a DNS-1123 label")
    args = c.get("args", [])
    mounts = {m["name"]: m["mountPath"] for m in c.get("volumeMounts", [])}
    claims = {v["name"]: v.get("persistentVolumeClaim", {}).get("claimName") for v in pod.get("volumes", [])}
    results = [a.split("=", 1)[1] for a in args if a.startswith("--results_dir=")]
    if not results or "$(JOB_COMPLETION_INDEX)" not in results[0]:
        problems.append("shards: --results_dir does not depend on $(JOB_COMPLETION_INDEX)")
    on_volume = [m for m in mounts.values() if results and results[0].startswith(m.rstrip("/") + "/")]
    if not on_volume:
        problems.append(f"shards: results dir {results} is not under a mounted volume {mounts}")
    if any(a.startswith("--shard") or a.startswith("--run_id") for a in args):
        problems.append("shards: --shard/--run_id in args would override the index and SHIELD_RUN_ID")
    if "--thresholds=none" not in args:
        problems.append("shards: a shard judging thresholds could fail before the merge judges the whole run")
    if pvc_doc["kind"] != "PersistentVolumeClaim" or "ReadWriteMany" not in pvc_doc["spec"]["accessModes"]:
        problems.append("pvc: not a ReadWriteMany claim")
    if pvc_doc["metadata"]["name"] not in claims.values():
        problems.append("shards: the results volume is not the shield-results claim")
    # The merge Job: same claim at the same path, reads what the shards wrote, same shard count.
    mpod = merge_doc["spec"]["template"]["spec"]
    mc = mpod["containers"][0]
    mclaims = {v["name"]: v.get("persistentVolumeClaim", {}).get("claimName") for v in mpod.get("volumes", [])}
    mmounts = {m["name"]: m["mountPath"] for m in mc.get("volumeMounts", [])}
    shard_mount = {claims[n]: p for n, p in mounts.items()}
    merge_mount = {mclaims[n]: p for n, p in mmounts.items()}
    if shard_mount != merge_mount:
        problems.append(f"merge: mounts {merge_mount} differ from the shards' {shard_mount}")
    script = " ".join(mc.get("command", []) + mc.get("args", []))
    base = results[0].split("$(JOB_COMPLETION_INDEX)")[0] if results else "?"
    if base + "*/stress_test_results_*.json" not in script:
        problems.append(f"merge: does not read {base}*/stress_test_results_*.json")
    if "shield_merge" not in script:
        problems.append("merge: does not run shield_merge")
    if env_of(mc).get("SHIELD_SHARDS", {}).get("value") != str(want):
        problems.append("merge: waits for a different shard count")
    return problems


failures = 0


def expect(ok, what):
    global failures
    print(("ok: " if ok else "FAIL: ") + what)
    failures += 0 if ok else 1


names = readme_vars()
placeholders = set()
for f in ("shards-job.yaml", "merge-job.yaml", "results-pvc.yaml"):
    placeholders |= set(re.findall(r"\$\{(\w+)\}", (kdir / f).read_text()))
expect(placeholders <= set(names), f"every placeholder {sorted(placeholders)} is in the README's envsubst list")
_, shards = load("shards-job.yaml", names)
merge_raw, merge = load("merge-job.yaml", names)
_, pvc = load("results-pvc.yaml", names)
expect("$(date +%s)" in merge_raw and "$(date +%s)" in yaml.safe_dump(merge[0]),
       "the merge script keeps its own $(...) after envsubst")
problems = check(shards[0], merge[0], pvc[0])
for p in problems:
    print("  problem:", p)
expect(not problems, "the manifests give every shard its index, count, run id, start time and volume")

# The checker catches what would break a run.
def broken(mutate, fragment):
    s, m, p = copy.deepcopy(shards[0]), copy.deepcopy(merge[0]), copy.deepcopy(pvc[0])
    mutate(s, m, p)
    found = check(s, m, p)
    expect(any(fragment in x for x in found), f"a broken copy is caught: {fragment}")

broken(lambda s, m, p: s["spec"].update(parallelism=2), "parallelism 2")
broken(lambda s, m, p: s["spec"].pop("completionMode"), "not an Indexed Job")
broken(lambda s, m, p: s["spec"]["template"]["spec"]["containers"][0]["env"].pop(0), "JOB_COMPLETION_INDEX")
broken(lambda s, m, p: s["spec"]["template"]["spec"]["containers"][0]["env"].pop(3), "SHIELD_START_AT")
broken(lambda s, m, p: m["spec"]["template"]["spec"]["containers"][0]["volumeMounts"][0].update(mountPath="/data"),
       "merge: mounts")
broken(lambda s, m, p: s["spec"]["template"]["spec"]["containers"][0]["args"].__setitem__(1, "--results_dir=/tmp/x"),
       "--results_dir does not depend")


def expand(text, env):
    """Kubernetes' $(VAR) expansion in command and args."""
    return re.sub(r"\$\((\w+)\)", lambda m: env.get(m.group(1), m.group(0)), text)


def run_pods(bench, merge_bin, work):
    work = Path(work)
    shutil.rmtree(work, ignore_errors=True)
    results = work / "results"
    results.mkdir(parents=True)
    values.update(SHIELD_TARGET=os.environ["SHIELD_TARGET"], SHIELD_SHARDS="2", SHIELD_RATE="100",
                  SHIELD_DURATION="2", SHIELD_CONCURRENCY="4", SHIELD_RUN_ID="k8s-local",
                  SHIELD_START_AT=str(int(time.time()) + 3))
    shards_job = load("shards-job.yaml", names)[1][0]
    merge_job = load("merge-job.yaml", names)[1][0]
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SLURM_", "SHIELD_", "JOB_COMPLETION"))}

    def container_env(c, index):
        env = {}
        for e in c.get("env", []):
            if "value" in e:
                env[e["name"]] = expand(e["value"], env)
            elif "job-completion-index" in e["valueFrom"]["fieldRef"]["fieldPath"]:
                env[e["name"]] = str(index)
        return env

    def local(text):
        return text.replace("/results", str(results))

    procs = []
    c = shards_job["spec"]["template"]["spec"]["containers"][0]
    for index in range(shards_job["spec"]["completions"]):
        env = container_env(c, index)
        argv = [bench if x == "shield_bench" else x for x in c["command"]]
        argv += [local(expand(a, env)) for a in c["args"]]
        log = open(work / f"pod-{index}.log", "w")
        procs.append((subprocess.Popen(argv, env={**base, **env}, stdout=log, stderr=subprocess.STDOUT), index))
    for p, index in procs:
        expect(p.wait(timeout=120) == 0, f"shard pod {index} ran shield_bench to the end")
    m = merge_job["spec"]["template"]["spec"]["containers"][0]
    env = container_env(m, 0)
    script = local(m["args"][0]).replace("exec shield_merge", "exec " + merge_bin)
    done = subprocess.run(m["command"] + [script], env={**base, **env}, capture_output=True, text=True, timeout=120)
    print(done.stdout, done.stderr)
    expect(done.returncode == 0, "the merge pod's script ran shield_merge and it passed")
    merged = results / "merged" / "stress_test_results_merged_k8s-local.json"
    if not merged.exists():
        expect(False, f"{merged} written")
        return
    doc = json.loads(merged.read_text())
    case = doc["cases"][0]
    expect(case["requests"] == 200, f"100/s for 2 s from 2 pods: 200 requests (got {case['requests']})")
    expect([r["requests"] for r in case["shards"]] == [100, 100], "each pod sent its half")
    expect(sorted(r["shard"] for r in case["shards"]) == [0, 1], "shards 0 and 1 from JOB_COMPLETION_INDEX")
    expect(doc["distributed"]["run_id"] == "k8s-local", "the run id came from SHIELD_RUN_ID")
    expect(all(f.startswith(str(results) + "/shard-") for f in doc["distributed"]["files"]),
           "each pod wrote under its /results/shard-<index>")
    expect((results / "merged" / "benchmark.json").exists(), "the merged benchmark JSON for shield_compare")


if len(sys.argv) == 5:
    run_pods(sys.argv[2], sys.argv[3], sys.argv[4])
sys.exit(1 if failures else 0)
