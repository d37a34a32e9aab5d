#!/usr/bin/env python3
"""Byte-for-byte comparison of the converter's pages: this tree against a git revision.

    .venv/bin/python scripts/compare_outputs.py [--base REV] [--n 300] [--seed 1]

Converts the same inputs with the converters of ``--base`` (default HEAD, checked
out with ``git archive`` into a temporary directory) and of the working tree, and
compares the pages (front matter + body) byte for byte; a conversion error counts
as its one-line message. Inputs: ``--n`` synthetic reports (scripts/synth_reports.py,
per seed in ``--seed``), the five samples and tests/bad_inputs. For speed work that
must not change any output. Exit status 1 when any page differs.

``--site`` compares whole built sites instead: each tree builds a project of its own
(its mkdocs.yml, overrides/ and hand-written content/, the same sources) with its
``minhbach build``, and every file of the two site/ folders is compared byte for byte
(Pagefind index included). For reorganisations that must not change the site.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run in a child process with the tree to test first on sys.path.
CONVERT = r"""
import sys
from pathlib import Path
tree, src, out = map(Path, sys.argv[1:4])
sys.path.insert(0, str(tree))
import converters
assert Path(converters.__file__).resolve().is_relative_to(tree.resolve()), converters.__file__
from converters import convert_file
from converters.frontmatter import to_markdown
for p in sorted(src.rglob("*")):
    if not p.is_file():
        continue
    try:
        page = to_markdown(convert_file(p, src))
    except Exception as exc:  # the error message is part of the output
        page = f"ERROR {type(exc).__name__}: {exc}"
    dest = out / (p.relative_to(src).as_posix() + ".out")
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(page, encoding="utf-8")
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="HEAD", help="git revision to compare against (default HEAD)")
    ap.add_argument("--n", type=int, default=300, help="synthetic reports per seed")
    ap.add_argument("--seed", type=int, nargs="+", default=[1])
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory")
    ap.add_argument("--site", action="store_true", help="compare whole built sites (minhbach build)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="compare-outputs-"))
    try:
        base = tmp / "base"
        base.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.base], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(base)], input=archive, check=True)
        inputs = tmp / "in"
        for seed in args.seed:
            subprocess.run([sys.executable, str(ROOT / "scripts" / "synth_reports.py"), "--n", str(args.n),
                            "--seed", str(seed), "--out", str(inputs / f"synth-{seed}")],
                           check=True, capture_output=True)
        shutil.copytree(ROOT / "sources" / "samples", inputs / "samples")
        shutil.copytree(ROOT / "tests" / "bad_inputs", inputs / "bad_inputs")
        if args.site:
            return compare_sites(base, inputs, tmp, args.base)
        outs = {}
        for name, tree in (("base", base), ("tree", ROOT)):
            outs[name] = tmp / f"out-{name}"
            subprocess.run([sys.executable, "-c", CONVERT, str(tree), str(inputs), str(outs[name])], check=True)
        files = sorted(p.relative_to(outs["base"]) for p in outs["base"].rglob("*.out"))
        other = sorted(p.relative_to(outs["tree"]) for p in outs["tree"].rglob("*.out"))
        differ = [f for f in files if (outs["base"] / f).read_bytes() != (outs["tree"] / f).read_bytes()
                  ] if files == other else ["(different sets of outputs)"]
        for f in differ[:20]:
            print(f"differs: {f}")
        print(f"{len(files)} inputs, {len(differ)} pages differ (base {args.base} vs working tree)")
        return 1 if differ else 0
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def compare_sites(base: Path, inputs: Path, tmp: Path, base_name: str) -> int:
    sites = {}
    for name, tree in (("base", base), ("tree", ROOT)):
        project = tmp / f"project-{name}"
        project.mkdir()
        shutil.copy2(tree / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(tree / "overrides", project / "overrides")
        shutil.copytree(tree / "content", project / "content",
                        ignore=shutil.ignore_patterns(*(line.strip("/").split("/", 1)[1]
                                                        for line in (tree / ".gitignore").read_text().split()
                                                        if line.startswith("/content/"))))
        shutil.copytree(inputs, project / "sources")
        env = dict(os.environ, PYTHONPATH=str(tree))
        run = subprocess.run([sys.executable, "-m", "minhbach.cli", "build", "--quiet"], cwd=project, env=env,
                             capture_output=True, text=True)
        if run.returncode not in (0, 1):
            print(f"{name}: build failed ({run.returncode})\n{run.stdout[-2000:]}{run.stderr[-2000:]}")
            return 2
        sites[name] = project / "site"
    files = sorted(p.relative_to(sites["base"]) for p in sites["base"].rglob("*") if p.is_file())
    other = sorted(p.relative_to(sites["tree"]) for p in sites["tree"].rglob("*") if p.is_file())
    only = sorted(set(files) ^ set(other))
    differ = [f for f in set(files) & set(other)
              if (sites["base"] / f).read_bytes() != (sites["tree"] / f).read_bytes()]
    for f in only[:20]:
        print(f"only in {'base' if f in set(files) else 'tree'}: {f}")
    for f in sorted(differ)[:20]:
        print(f"differs: {f}")
    print(f"{len(files)} site files, {len(differ)} differ, {len(only)} in one site only "
          f"(base {base_name} vs working tree)")
    return 1 if differ or only else 0


if __name__ == "__main__":
    raise SystemExit(main())
