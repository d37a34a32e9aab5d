#!/usr/bin/env python3
"""Scale benchmark: the nightly pipeline on N synthetic reports, stage by stage,
against bare MkDocs + Pagefind on the same Markdown, in the same run.

    .venv/bin/python scripts/bench_scale.py --n 2000 --seed 1 --out /tmp/scale-2000.json
    .venv/bin/python scripts/bench_scale.py --n 20000 --out /tmp/scale-20000.json   # minutes, ~5 GB RAM
    .venv/bin/python scripts/bench_scale.py --summarise /tmp/scale-*.json           # table + ratios

What it does, in a temporary copy of the project (the commit, and any uncommitted
files measured, are recorded in the result):
  0. copies the project: ``--source head`` (default) = ``git archive HEAD``;
     ``--source worktree`` = the working tree with uncommitted edits (listed in the result);
     ``--source DIR`` = a snapshot made once with ``--make-snapshot DIR``, so runs at
     several N measure the same code while the tree keeps moving;
  1. writes N source .txt files shaped like the samples (scripts/synth_reports.py,
     deterministic from --seed) into sources/synth/ (the bundled samples are removed
     from the copy so the corpus is exactly N reports);
  2. runs each stage in its own process and records wall time, CPU time and peak
     RSS (ru_maxrss from wait4: the largest single process of the stage's tree,
     e.g. the Pagefind binary):
       convert     converters.convert_file → content/reports/*.md (the pipeline's seams)
       crosspages  minhbach.crosspages.generate(reports, content)
       mkdocs      minhbach.site.render_site with search indexing switched off
       pagefind    minhbach.search.index_site(site)
       full        minhbach.nightly.build(project) — the real nightly command, end to end
       bare        bare ``mkdocs build`` (material, language vi, one-page nav, no plugins)
                   then ``python -m pagefind --site`` on the same content/ the project built
  3. writes a JSON result (--out) and prints a Markdown table.
Ratios: "site" = crosspages+mkdocs+pagefind over bare mkdocs+pagefind; "pipeline" adds
convert. Wall times on a shared 2-core machine are noisy: compare ratios taken in one run.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ALL_STAGES = ("convert", "crosspages", "mkdocs", "pagefind", "bare", "full")
DEFAULT_STAGES = ("convert", "crosspages", "mkdocs", "pagefind", "bare")

BARE_MKDOCS = """site_name: bare
docs_dir: {docs}
site_dir: {site}
theme:
  name: material
  language: vi
nav:
  - index.md
not_in_nav: |
  *
plugins: []
"""

# --- stage bodies: run inside the copied project (cwd), in a child process -------------


def _stage_convert(project: Path) -> dict:
    from converters import convert_file, errors
    from converters.frontmatter import front_matter, to_markdown
    from minhbach import pages
    from minhbach.cli_sources import iter_sources

    content = project / "content"
    shutil.rmtree(content / pages.REPORTS_DIR, ignore_errors=True)
    docs, problems = [], 0
    for path, _root in iter_sources([project / "sources"]):
        try:
            doc = convert_file(path, project / "sources")
        except errors.ConversionError:
            problems += 1
            continue
        rel = pages.page_path(doc)
        target = content / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_markdown(doc), encoding="utf-8")
        docs.append((rel, front_matter(doc)))
    docs.sort(key=lambda d: d[0])
    (project / ".bench-docs.json").write_text(json.dumps(docs, ensure_ascii=False), encoding="utf-8")
    return {"pages": len(docs), "problems": problems}


def _stage_crosspages(project: Path) -> dict:
    from minhbach import crosspages

    docs = [tuple(d) for d in json.loads((project / ".bench-docs.json").read_text(encoding="utf-8"))]
    before = sum(1 for _ in (project / "content").rglob("*.md"))
    crosspages.generate(docs, project / "content")
    after = sum(1 for _ in (project / "content").rglob("*.md"))
    return {"cross_pages": after - before}


def _stage_mkdocs(project: Path) -> dict:
    from minhbach import search as search_index, site

    out = project / "site.bench"
    shutil.rmtree(out, ignore_errors=True)
    search_index.index_site = lambda site_dir, **kw: None  # measured in its own stage
    site.render_site(project, out)
    return {"html_files": sum(1 for _ in out.rglob("*.html"))}


def _stage_pagefind(project: Path) -> dict:
    from minhbach import search as search_index

    out = project / "site.bench"
    search_index.index_site(out)
    return _pagefind_stats(out / "pagefind")


def _stage_full(project: Path) -> dict:
    from minhbach import nightly as pipeline

    rc = pipeline.build(project)
    return {"rc": rc, **_pagefind_stats(project / "site" / "pagefind")}


STAGE_BODIES = {"convert": _stage_convert, "crosspages": _stage_crosspages,
                "mkdocs": _stage_mkdocs, "pagefind": _stage_pagefind, "full": _stage_full}


def _pagefind_stats(bundle: Path) -> dict:
    """Indexed pages and size of a bundle: one index, or the parts of a partitioned one
    (pagefind/parts.json, minhbach.search above its partition threshold)."""
    manifest = bundle / "parts.json"
    parts = json.loads(manifest.read_text()).get("parts") if manifest.is_file() else None
    if parts is not None:  # a single index's parts.json has no "parts"
        entries = [bundle / part["path"] / "pagefind-entry.json" for part in parts]
    else:
        entries = [bundle / "pagefind-entry.json"]
    if not all(e.is_file() for e in entries):
        return {"indexed_pages": None}
    pages = sum(v.get("page_count", 0) for e in entries
                for v in json.loads(e.read_text())["languages"].values())
    files = [p for p in bundle.rglob("*") if p.is_file()]
    return {"indexed_pages": pages,
            "bundle_mb": round(sum(p.stat().st_size for p in files) / 1e6, 1),
            "bundle_files": len(files)}


# --- measurement -------------------------------------------------------------------------


def measure(cmd: list[str], cwd: Path, env: dict | None = None) -> dict:
    """Run ``cmd``; wall time, user+sys CPU and peak RSS of the largest process in its tree."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # communicate() would reap the child itself; read the pipes in threads and wait4 here.
    import threading

    bufs: dict[str, bytes] = {}
    threads = [threading.Thread(target=lambda n, s: bufs.__setitem__(n, s.read()), args=(n, s))
               for n, s in (("out", proc.stdout), ("err", proc.stderr))]
    for t in threads:
        t.start()
    _, status, ru = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    return {"wall_s": round(wall, 2), "cpu_s": round(ru.ru_utime + ru.ru_stime, 2),
            "peak_rss_mb": round(ru.ru_maxrss / 1024), "rc": proc.returncode,
            "stdout": bufs.get("out", b"").decode("utf-8", "replace")[-4000:],
            "stderr": bufs.get("err", b"").decode("utf-8", "replace")[-4000:]}


def run_stage(name: str, project: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(project), NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, str(Path(__file__).resolve()), "--_stage", name, "--_project", str(project)]
    r = measure(cmd, project, env)
    info = {}
    for line in r["stdout"].splitlines():
        if line.startswith("BENCH-STAGE "):
            info = json.loads(line[len("BENCH-STAGE "):])
    r.update(info)
    return r


def run_bare(project: Path, work: Path) -> dict:
    site = work / "bare-site"
    shutil.rmtree(site, ignore_errors=True)
    cfg = work / "bare-mkdocs.yml"
    cfg.write_text(BARE_MKDOCS.format(docs=project / "content", site=site), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    mk = measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(cfg)], work, env)
    pf = measure([sys.executable, "-m", "pagefind", "--site", str(site)], work, env)
    pf.update(_pagefind_stats(site / "pagefind"))
    mk["html_files"] = sum(1 for _ in site.rglob("*.html"))
    return {"bare_mkdocs": mk, "bare_pagefind": pf}


def copy_project(dest: Path, source: str) -> tuple[str, list[str]]:
    """Copy the project: the committed tree (``head``) or the working tree as it is
    (``worktree``: tracked files with their uncommitted edits plus untracked, not
    ignored files). Returns the commit and the files that differ from it."""
    if source not in ("head", "worktree"):  # a snapshot made with --make-snapshot
        snap = Path(source)
        info = json.loads((snap / ".bench-snapshot.json").read_text())
        shutil.copytree(snap, dest, symlinks=True)
        return info["commit"], info["uncommitted_files"]
    git = ["git", "-C", str(ROOT)]
    commit = subprocess.run(git + ["rev-parse", "HEAD"], capture_output=True, text=True,
                            check=True).stdout.strip()
    dest.mkdir(parents=True)
    if source == "head":
        archive = subprocess.run(git + ["archive", "HEAD"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
        return commit, []
    listed = subprocess.run(git + ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    status = subprocess.run(git + ["status", "--porcelain"], capture_output=True, text=True).stdout
    return commit, sorted(line[3:] for line in status.splitlines() if line.strip())


def bench(n: int, seed: int, stages: list[str], workdir: Path | None, keep: bool,
          source: str = "head") -> dict:
    sys.path.insert(0, str(ROOT / "scripts"))
    import synth_reports

    work = Path(tempfile.mkdtemp(prefix=f"bench-scale-{n}-", dir=workdir))
    project = work / "project"
    commit, changed = copy_project(project, source)
    shutil.rmtree(project / "sources" / "samples", ignore_errors=True)
    t0 = time.perf_counter()
    synth_reports.generate(n, seed, project / "sources" / "synth", "txt")
    result = {"n": n, "seed": seed, "commit": commit, "source": source, "uncommitted_files": changed,
              "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                          "load_at_start": os.getloadavg()},
              "generate_s": round(time.perf_counter() - t0, 2), "stages": {}}
    order = [s for s in ALL_STAGES if s in stages]
    for name in order:
        if name == "bare":
            result["stages"].update(run_bare(project, work))
        elif name == "full":
            result["stages"]["full"] = run_stage("full", project)
        else:
            result["stages"][name] = run_stage(name, project)
        last = list(result["stages"].items())[-1]
        print(f"  {last[0]}: {last[1]['wall_s']} s, {last[1]['peak_rss_mb']} MB, rc {last[1]['rc']}",
              file=sys.stderr, flush=True)
    result["load_at_end"] = os.getloadavg()
    if keep:
        result["workdir"] = str(work)
    else:
        shutil.rmtree(work, ignore_errors=True)
    return result


# --- summary -----------------------------------------------------------------------------


def _total(stages: dict, names: tuple[str, ...], key: str) -> float | None:
    got = [stages[s] for s in names if s in stages and stages[s].get("rc") == 0]
    return sum(g[key] for g in got) if len(got) == len(names) else None


SITE = ("crosspages", "mkdocs", "pagefind")
PIPELINE = ("convert",) + SITE
BARE = ("bare_mkdocs", "bare_pagefind")
COLUMNS = ("convert", "crosspages", "mkdocs", "pagefind", "full", "bare_mkdocs", "bare_pagefind")


def summarise(results: list[dict]) -> str:
    """Two Markdown tables: per-stage cost, then ratios against the bare tools.
    Ratios are given on wall time and on CPU time (user+sys of the stage's process
    tree), which is steadier than wall time on a shared machine."""
    results = sorted(results, key=lambda r: r["n"])
    head = ["N"] + [c.replace("_", " ") for c in COLUMNS]
    lines = ["Per stage: wall s (CPU s) / peak RSS MB", "",
             "| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    for r in results:
        st = r["stages"]
        cells = []
        for c in COLUMNS:
            s = st.get(c)
            if not s:
                cells.append("–")
            elif s["rc"] != 0:
                cells.append(f"failed (rc {s['rc']})")
            else:
                cells.append(f"{s['wall_s']:.1f} ({s['cpu_s']:.1f}) / {s['peak_rss_mb']:,}")
        lines.append(f"| {r['n']:,} | " + " | ".join(cells) + " |")
    lines += ["", "| N | site stages wall (CPU) | bare wall (CPU) | site / bare wall | site / bare CPU "
              "| pipeline / bare CPU | pipeline ms/report wall (CPU) | peak RSS, stage |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|"]
    per_report: dict[int, float] = {}
    for r in results:
        st = r["stages"]
        sw, sc = _total(st, SITE, "wall_s"), _total(st, SITE, "cpu_s")
        bw, bc = _total(st, BARE, "wall_s"), _total(st, BARE, "cpu_s")
        pw, pc = _total(st, PIPELINE, "wall_s"), _total(st, PIPELINE, "cpu_s")
        peak = max((s["peak_rss_mb"], k) for k, s in st.items()) if st else (0, "–")
        if None in (sw, sc, bw, bc, pw, pc):
            lines.append(f"| {r['n']:,} | (incomplete) | | | | | | |")
            continue
        per_report[r["n"]] = pc * 1000 / r["n"]
        lines.append(f"| {r['n']:,} | {sw:.1f} s ({sc:.1f} s) | {bw:.1f} s ({bc:.1f} s) | {sw / bw:.2f}× "
                     f"| {sc / bc:.2f}× | {pc / bc:.2f}× | {pw * 1000 / r['n']:.1f} ({pc * 1000 / r['n']:.1f}) "
                     f"| {peak[0]:,} MB ({peak[1]}) |")
    ns = sorted(per_report)
    if len(ns) > 1:
        base = per_report[ns[0]]
        lines += ["", f"Pipeline CPU per report relative to N = {ns[0]:,}: " + ", ".join(
            f"N = {k:,}: {per_report[k] / base:.2f}×" for k in ns[1:])]
    commits = sorted({r["commit"][:10] + (f" + {len(r['uncommitted_files'])} uncommitted files"
                                          if r.get("uncommitted_files") else "") for r in results})
    loads = ", ".join(f"N = {r['n']:,}: {r['machine']['load_at_start'][0]:.1f}" for r in results)
    lines += ["", f"Code measured: {', '.join(commits)}. Load average (1 min) at start: {loads}."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Scale benchmark of the minhbach pipeline")
    ap.add_argument("--n", type=int)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--stages", default=",".join(DEFAULT_STAGES),
                    help=f"comma list of {','.join(ALL_STAGES)} (default: all but full)")
    ap.add_argument("--out", type=Path, help="write the JSON result here")
    ap.add_argument("--workdir", type=Path, help="parent of the temporary project copy")
    ap.add_argument("--keep", action="store_true", help="keep the temporary project copy")
    ap.add_argument("--source", default="head",
                    help="head (committed tree, default), worktree (with uncommitted edits) or a "
                         "directory made by --make-snapshot (same code for several runs)")
    ap.add_argument("--make-snapshot", type=Path, metavar="DIR",
                    help="copy the working tree to DIR for later --source DIR runs, then exit")
    ap.add_argument("--summarise", nargs="+", type=Path, metavar="JSON")
    ap.add_argument("--_stage", help=argparse.SUPPRESS)
    ap.add_argument("--_project", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args(argv)

    if a._stage:  # child process: one stage inside the copied project
        import minhbach

        assert Path(minhbach.__file__).resolve().is_relative_to(a._project.resolve()), minhbach.__file__
        info = STAGE_BODIES[a._stage](a._project)
        print("BENCH-STAGE " + json.dumps(info), flush=True)
        return 0
    if a.make_snapshot:
        commit, changed = copy_project(a.make_snapshot, "worktree")
        (a.make_snapshot / ".bench-snapshot.json").write_text(
            json.dumps({"commit": commit, "uncommitted_files": changed}, indent=1), encoding="utf-8")
        print(f"snapshot of {commit[:10]} (+{len(changed)} uncommitted files) in {a.make_snapshot}")
        return 0
    if a.summarise:
        print(summarise([json.loads(p.read_text()) for p in a.summarise]))
        return 0
    if not a.n:
        ap.error("--n is required")
    stages = [s.strip() for s in a.stages.split(",") if s.strip()]
    unknown = set(stages) - set(ALL_STAGES)
    if unknown:
        ap.error(f"unknown stages: {', '.join(sorted(unknown))}")
    result = bench(a.n, a.seed, stages, a.workdir, a.keep, a.source)
    failed = [k for k, v in result["stages"].items() if v["rc"] != 0]
    if a.out:
        a.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(summarise([result]))
    if failed:
        print(f"stages that failed: {', '.join(failed)} (see stderr in the JSON result)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
