"""What a build reads and where it writes: options, the project's folders, the
scanned inputs, and the fingerprint that says whether anything changed."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from converters import sidecar

from minhbach import crosspages, pages, settings

from . import cache as cache_mod
from .problems import Outcome

DEFAULT_MAX_MB = 20.0  # larger sources are rejected ("too large"); --max-mb / MINHBACH_MAX_MB
# Top-level entries of the docs dir that builds generate: the report pages' folder, every
# cross-page family's folder (minhbach.crosspages.FAMILIES) and "generated" (older builds').
GENERATED = frozenset({pages.REPORTS_DIR, "generated", *crosspages.GENERATED_DIRS})
RENDER_TOOLS = ("mkdocs", "mkdocs-material", "pymdown-extensions", "pagefind", "pagefind-bin", "Markdown")


@dataclass(frozen=True)
class Options:
    project: Path
    max_bytes: int = int(DEFAULT_MAX_MB * 1024 * 1024)
    force: bool = False
    quiet: bool = False
    allow_shrink: bool = False
    tty: bool | None = None  # progress bar; None = stderr.isatty()


@dataclass
class Input:
    rel: str  # relative to sources/, POSIX
    path: Path
    sha: str | None = None
    sidecar: sidecar.Sidecar | None = None
    sidecar_sha: str | None = None


@dataclass
class Plan:
    """The result of scanning and converting: what a build would publish."""

    outcome: Outcome
    inputs: list[Input]
    results: dict[str, dict] = field(default_factory=dict)  # rel → {"page", "markdown", "front_matter"}
    fingerprint: dict[str, str] = field(default_factory=dict)  # part → hash
    hashes: cache_mod.HashCache | None = None
    conversions: cache_mod.ConversionCache | None = None


def max_bytes_from(value: float | None) -> int:
    mb = value if value is not None else (settings.number("MINHBACH_MAX_MB", DEFAULT_MAX_MB) or DEFAULT_MAX_MB)
    return int(mb * 1024 * 1024)


def dirs(project: Path) -> dict[str, Path]:
    state = project / ".minhbach"
    return {
        "sources": project / "sources",
        "content": project / "content",
        "site": project / "site",
        "site_new": project / "site.new",
        "build": project / "build",
        "state_dir": state,
        "state": state / "published.json",
        "published_report": state / "published-problems.json",
        "stage": state / "stage",
        "tmp": state / "tmp",
        "cache": state / "cache" / "pages",
        "hashes": state / "cache" / "hashes.json",
        "lock": state / "build.lock",
    }


def shown(path: Path, project: Path) -> str:
    try:
        text = path.relative_to(project).as_posix()
    except ValueError:
        text = path.as_posix()
    return printable(text)


def printable(text: str) -> str:
    """File names that are not valid UTF-8 come as surrogates: show them replaced."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# ---------------------------------------------------------------- fingerprint
def fingerprint(opts: Options, d: dict[str, Path], inputs: list[Input], outcome: Outcome,
                salt: str) -> dict[str, str]:
    project = opts.project
    previous = set(cache_mod.state_list(cache_mod.read_state(d["state"]), "generated"))
    generated = GENERATED | previous
    content = d["content"]
    hand = [c for c in sorted(content.iterdir()) if c.name not in generated] if content.is_dir() else []
    mkdocs_yml = project / "mkdocs.yml"
    hooks = mkdocs_hooks(mkdocs_yml)
    parts = {
        "salt": salt,
        "inputs": [(i.rel, i.sha, i.sidecar_sha) for i in inputs],
        "problems_at_scan": sorted(p.line() for p in outcome.problems),
        "ignored": sorted(i.path for i in outcome.ignored),
        "code": cache_mod.code_hash(["minhbach", "converters"]),
        "config": cache_mod.hash_tree([mkdocs_yml, project / "overrides", *hooks], project),
        "hand_written": cache_mod.hash_tree(hand, project),
        "tools": cache_mod.tool_versions(RENDER_TOOLS),
        "max_bytes": opts.max_bytes,
    }
    return {k: cache_mod.fingerprint({k: v}) for k, v in parts.items()}


_PART_NAMES = {"salt": "bộ chuyển đổi", "inputs": "tệp nguồn", "problems_at_scan": "tệp nguồn",
               "ignored": "tệp bỏ qua", "code": "mã chương trình", "config": "cấu hình (mkdocs.yml, overrides/)",
               "hand_written": "trang viết tay trong content/", "tools": "phiên bản công cụ",
               "max_bytes": "giới hạn kích thước"}


def changed(old: dict, new: dict) -> str:
    names = sorted({_PART_NAMES.get(k, k) for k in new if old.get(k) != new[k]})
    return ", ".join(names)


def mkdocs_hooks(mkdocs_yml: Path) -> list[Path]:
    """Files mkdocs.yml pulls in from outside overrides/ and content/ (hooks, INHERIT)."""
    try:
        from mkdocs.utils.yaml import yaml_load

        with open(mkdocs_yml, encoding="utf-8") as fh:
            config = yaml_load(fh) or {}
    except Exception:
        return []
    names = list(config.get("hooks") or [])
    if config.get("INHERIT"):
        names.append(config["INHERIT"])
    found = []
    for name in names:
        p = (mkdocs_yml.parent / str(name)).resolve()
        if p.is_file():
            found.append(p)
    return sorted(set(found))
