#!/usr/bin/env python3
"""Site-build benchmark: our site stage against bare MkDocs + Pagefind, same Markdown.

    .venv/bin/python scripts/bench_site.py --n 2000 --seed 1 [--repeat 2] [--keep DIR]

In a temporary folder it writes N synthetic reports (scripts/synth_reports.py,
deterministic from --seed: Markdown pages with front matter under
content/reports/, and their source .txt files under sources/synth/ so the
originals are copied like in a real build), plus the project's hand-written
pages, mkdocs.yml and overrides/. Then, each in its own process:

  (a) ours:  crosspages.generate(reports, content) + site.render_site(project, out)
             = mkdocs build with our mkdocs.yml/hooks/templates, originals copied
             into nguon/, Pagefind through search_index.index_site
  (b) bare:  ``mkdocs build`` with a plain config (theme material, language vi,
             nav = home page only, not_in_nav for the rest, no plugins) on the
             same Markdown (the reports and hand-written pages, no cross-pages),
             then ``python -m pagefind --site <out>``
  (c) bare-all: the same as (b) on the Markdown our MkDocs stage reads, i.e.
             with the generated cross-pages (per-page overhead of our config)

and prints wall and CPU times per stage (best of --repeat; CPU = user+sys of
the whole process tree, the steadier figure on a shared machine), the ratios
(a)/(b) and (a)/(c) (goal ≤ 1.3), the page counts and
the average size of a report page in each build. Not a test: run by hand and
record the result in BENCHMARKS.md ("Site build (2,000 reports)").
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from minhbach import crosspages  # noqa: E402

GENERATED = {"reports", "generated", *crosspages.GENERATED_DIRS}

BARE_CONFIG = """\
site_name: Bare
docs_dir: {docs}
exclude_docs: |
  _generated/
theme:
  name: material
  language: vi
nav:
  - index.md
not_in_nav: |
  /**
plugins: []
"""

OURS = """\
import json, resource, sys, time
from pathlib import Path
from converters.frontmatter import from_markdown
from minhbach import crosspages, search_index, site

def clock():
    a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter(), a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime

project, out = Path(sys.argv[1]), Path(sys.argv[2])
content = project / "content"
stages = {}
w0, c0 = clock()
reports = []
for md in sorted((content / "reports").glob("*/*.md")):  # reports/<province>/<slug>.md
    meta, _ = from_markdown(md.read_text(encoding="utf-8"))
    reports.append((md.relative_to(content).as_posix(), meta))
crosspages.generate(reports, content)
w1, c1 = clock()
stages["crosspages"] = (w1 - w0, c1 - c0)
index_site = search_index.index_site
def timed_index(site_dir, **kw):
    a = clock()
    result = index_site(site_dir, **kw)
    b = clock()
    stages["index"] = (b[0] - a[0], b[1] - a[1])
    return result
search_index.index_site = timed_index
site.render_site(project, out)
w2, c2 = clock()
wi, ci = stages["index"]
stages["mkdocs"] = (w2 - w1 - wi, c2 - c1 - ci)
print(json.dumps(stages))
"""


def load_synth():
    spec = importlib.util.spec_from_file_location("synth_reports", ROOT / "scripts" / "synth_reports.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def make_project(work: Path, n: int, seed: int) -> Path:
    project = work / "project"
    project.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", project / "overrides", ignore=shutil.ignore_patterns("__pycache__"))
    content = project / "content"
    content.mkdir()
    for item in (ROOT / "content").iterdir():
        if item.name in GENERATED:
            continue
        (shutil.copytree if item.is_dir() else shutil.copy2)(item, content / item.name)
    synth = load_synth()
    synth.generate(n, seed, project / "sources" / "synth", "txt")
    synth.generate(n, seed, content, "md")
    # the bare build reads the same Markdown, before our cross-pages are added
    shutil.copytree(content, work / "bare-docs")
    (work / "bare.yml").write_text(BARE_CONFIG.format(docs=work / "bare-docs"), encoding="utf-8")
    return project


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run(cmd: list[str], env: dict) -> tuple[float, float, str]:
    """(wall s, CPU s of the process tree, stdout)."""
    c0, t0 = _children_cpu(), time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, env=env)
    wall, cpu = time.perf_counter() - t0, _children_cpu() - c0
    if res.returncode != 0:
        sys.stderr.write(res.stdout[-3000:] + res.stderr[-3000:])
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return wall, cpu, res.stdout


def fmt(run: dict) -> str:
    wall, cpu = run["total"]
    parts = ", ".join(f"{k} {v[0]:.1f}/{v[1]:.1f}" for k, v in run.items() if k != "total")
    return f"{wall:.1f} s wall / {cpu:.1f} s CPU ({parts})"


def count_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def avg_report_page(site: Path) -> int:
    pages = list((site / "reports").rglob("index.html"))
    pages = [p for p in pages if p.parent.parent.parent == site / "reports"]
    return sum(p.stat().st_size for p in pages) // max(1, len(pages))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="work in this folder and keep it")
    a = ap.parse_args(argv)

    work = a.keep or Path(tempfile.mkdtemp(prefix="bench-site-"))
    if work.exists() and any(work.iterdir()):
        raise SystemExit(f"{work} is not empty")
    work.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    py = sys.executable
    try:
        t0 = time.perf_counter()
        project = make_project(work, a.n, a.seed)
        print(f"generated {a.n} reports in {time.perf_counter() - t0:.1f} s under {work}")
        ours, bare, bare_all = [], [], []
        for r in range(a.repeat):
            out_a, out_b = work / f"site-ours-{r}", work / f"site-bare-{r}"
            wall, cpu, stdout = run([py, "-c", OURS, str(project), str(out_a)], env)
            ours.append({"total": (wall, cpu), **{k: tuple(v) for k, v in json.loads(stdout.splitlines()[-1]).items()}})
            if r == 0:  # the same Markdown our MkDocs stage reads, cross-pages included
                shutil.copytree(project / "content", work / "bare-all-docs")
                (work / "bare-all.yml").write_text(BARE_CONFIG.format(docs=work / "bare-all-docs"), encoding="utf-8")
            for name in ("bare", "bare-all"):
                out_b = work / f"site-{name}-{r}"
                w1, c1, _ = run([py, "-m", "mkdocs", "build", "-q", "-f", str(work / f"{name}.yml"), "-d", str(out_b)], env)
                w2, c2, _ = run([py, "-m", "pagefind", "--site", str(out_b)], env)
                (bare if name == "bare" else bare_all).append(
                    {"total": (w1 + w2, c1 + c2), "mkdocs": (w1, c1), "pagefind": (w2, c2)})
            print(f"run {r + 1}: " + "; ".join(f"{label} " + fmt(runs[-1]) for label, runs in
                                               (("ours", ours), ("bare", bare), ("bare-all", bare_all))))
        result = {"n": a.n, "seed": a.seed, "repeat": a.repeat,
                  "pages_ours": count_pages(work / "site-ours-0"),
                  "pages_bare": count_pages(work / "site-bare-0"),
                  "report_page_bytes_ours": avg_report_page(work / "site-ours-0"),
                  "report_page_bytes_bare": avg_report_page(work / "site-bare-0")}
        for label, runs in (("ours", ours), ("bare", bare), ("bare_all", bare_all)):
            for stage in runs[0]:
                result[f"{label}_{stage}_wall_s"] = round(min(x[stage][0] for x in runs), 2)
                result[f"{label}_{stage}_cpu_s"] = round(min(x[stage][1] for x in runs), 2)
        for base in ("bare", "bare_all"):
            for kind in ("wall", "cpu"):
                result[f"ratio_{kind}_vs_{base}"] = round(
                    result[f"ours_total_{kind}_s"] / result[f"{base}_total_{kind}_s"], 2)
        result["ratio_mkdocs_cpu_vs_bare_all"] = round(result["ours_mkdocs_cpu_s"] / result["bare_all_mkdocs_cpu_s"], 2)
        result["ratio_index_cpu_vs_bare_all"] = round(result["ours_index_cpu_s"] / result["bare_all_pagefind_cpu_s"], 2)
        print(json.dumps(result, indent=2))
        print(f"ours/bare (same reports): {result['ratio_wall_vs_bare']} wall, {result['ratio_cpu_vs_bare']} CPU; "
              f"ours/bare-all (same Markdown incl. cross-pages): {result['ratio_wall_vs_bare_all']} wall, "
              f"{result['ratio_cpu_vs_bare_all']} CPU (goal ≤ 1.3)")
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
