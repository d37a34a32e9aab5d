#!/usr/bin/env python3
"""The nightly build of the 5 samples, this code against a git revision, in one run.

    .venv/bin/python scripts/bench_night.py [--ref struct] [--rounds 3]

The revision is exported with ``git archive`` into a temporary folder and put first
on PYTHONPATH; both versions build the same project copy, alternately, with the
conversion cache emptied before each build (every file converted: the worker pool is
on the path), then once more with nothing changed. Reports the median wall time of
each and the ratio this/ref (the machine may be shared: medians of alternating runs).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def make_project(base: Path) -> Path:
    import sitebuild  # tests/ helpers

    return sitebuild.samples_project(base)


def build(proj: Path, code: Path, *args: str) -> float:
    env = dict(os.environ, PYTHONPATH=str(code))
    start = time.perf_counter()
    res = subprocess.run([sys.executable, "-m", "minhbach.cli", "build", "-q", *args], cwd=proj, env=env,
                         capture_output=True, text=True)
    took = time.perf_counter() - start
    if res.returncode not in (0, 1):
        raise SystemExit(f"build failed with {code}: {res.stdout}{res.stderr}")
    return took


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", default="struct")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ref = tmp / "ref"
        ref.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.ref], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(ref)], input=archive.stdout, check=True)
        versions = {"ref": ref, "this": ROOT}
        projects = {name: make_project(tmp / name) for name in versions}
        times: dict[str, dict[str, list[float]]] = {n: {"cold": [], "no change": []} for n in versions}
        for _ in range(args.rounds):
            for name, code in versions.items():
                proj = projects[name]
                shutil.rmtree(proj / ".minhbach" / "cache" / "pages", ignore_errors=True)
                times[name]["cold"].append(build(proj, code, "--force"))
                times[name]["no change"].append(build(proj, code))
    print(f"| build of the 5 samples | {args.ref} (median s) | this (median s) | this / {args.ref} |")
    print("| --- | --- | --- | --- |")
    for kind in ("cold", "no change"):
        a = statistics.median(times["ref"][kind])
        b = statistics.median(times["this"][kind])
        print(f"| {kind} | {a:.2f} | {b:.2f} | {b / a:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
