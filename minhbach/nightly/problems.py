"""The build's problem report: every source that did not become a page, and every
page the webmaster should look at, with the reason and what to do.

Written beside the site (build/problems.json, build/problems.md), never inside
the published site: it names source paths and error details.

Severity:
  error    — something is wrong and was not (fully) applied: the source is not
             published (``published`` false), or a sidecar fix was rejected;
  warning  — the page is published but a field the archive relies on is missing
             or suspicious (no number, no date, same number as another report…).

Arithmetic (checked by ``Outcome.check``, asserted in every build):
  inputs = published + not_published
where inputs are the source files under sources/ (not sidecars, not ignored
files), and every not-published input has exactly one error entry with
``published`` false. Files with warnings (or a rejected sidecar) are counted
in ``published`` and listed too. Ignored entries (hidden files, symlinked
folders, links to another source) are listed separately and not counted.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

ERROR = "error"
WARNING = "warning"
_SEVERITY_ORDER = {ERROR: 0, WARNING: 1}
LABEL = {ERROR: "LỖI", WARNING: "CẢNH BÁO"}


@dataclass(frozen=True)
class Problem:
    path: str  # the file it is about, as the webmaster finds it ("sources/…")
    code: str  # stable machine code, e.g. "empty", "too-large", "missing-title"
    severity: str  # error | warning
    published: bool  # did the source still become a page?
    reason: str  # Vietnamese, one line
    advice: str = ""  # Vietnamese, what to do
    source: str | None = None  # the source file (relative to sources/) it counts against

    def line(self) -> str:
        text = f"{LABEL[self.severity]} {self.path}: {self.reason}"
        if self.advice:
            text += f" — {self.advice}"
        return " ".join(text.split())

    def sort_key(self) -> tuple:
        return (_SEVERITY_ORDER[self.severity], self.path, self.code, self.reason)


@dataclass(frozen=True)
class Ignored:
    path: str
    reason: str


@dataclass
class Outcome:
    """What one run did with its inputs."""

    inputs: list[str] = field(default_factory=list)  # source paths relative to sources/
    pages: dict[str, str] = field(default_factory=dict)  # source path → page path (relative to docs dir)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[Ignored] = field(default_factory=list)

    @property
    def not_published(self) -> list[str]:
        return sorted({p.source for p in self.problems if not p.published and p.source is not None})

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.severity == ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == WARNING)

    def sorted_problems(self) -> list[Problem]:
        return sorted(self.problems, key=Problem.sort_key)

    def check(self) -> None:
        """Nothing dropped silently: every input is a page or a listed error, never both."""
        unpublished = set(self.not_published)
        published = set(self.pages)
        assert not (unpublished & published), f"both published and not: {sorted(unpublished & published)}"
        assert unpublished | published == set(self.inputs), (
            f"lost: {sorted(set(self.inputs) - unpublished - published)}")
        assert len(self.inputs) == len(self.pages) + len(unpublished)

    def counts(self) -> dict[str, int]:
        return {
            "inputs": len(self.inputs),
            "published": len(self.pages),
            "not_published": len(self.not_published),
            "errors": self.errors,
            "warnings": self.warnings,
            "ignored": len(self.ignored),
        }

    def to_json(self, status: str) -> dict:
        return {
            "status": status,
            "counts": self.counts(),
            "rule": "inputs = published + not_published",
            "problems": [asdict(p) for p in self.sorted_problems()],
            "ignored": [asdict(i) for i in sorted(self.ignored, key=lambda i: i.path)],
        }


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def to_markdown(outcome: Outcome, status: str) -> str:
    c = outcome.counts()
    lines = [
        "# Báo cáo sự cố của lần dựng trang",
        "",
        f"Trạng thái: **{status}**",
        "",
        f"- Tệp nguồn: {c['inputs']}",
        f"- Đã xuất bản: {c['published']}",
        f"- Không xuất bản được: {c['not_published']}",
        f"- Lỗi: {c['errors']} · Cảnh báo: {c['warnings']} · Bỏ qua: {c['ignored']}",
        "",
        "Quy tắc: số tệp nguồn = số trang đã xuất bản + số tệp không xuất bản được.",
        "",
    ]
    for severity, title in ((ERROR, "Lỗi"), (WARNING, "Cảnh báo")):
        items = [p for p in outcome.sorted_problems() if p.severity == severity]
        if not items:
            continue
        lines += [f"## {title} ({len(items)})", ""]
        for p in items:
            state = "đã xuất bản" if p.published else "**chưa xuất bản**"
            lines.append(f"- `{_code(p.path)}` ({state}): {_md(p.reason)}"
                         + (f" — *{_md(p.advice)}*" if p.advice else ""))
        lines.append("")
    if outcome.ignored:
        lines += [f"## Bỏ qua ({len(outcome.ignored)})", ""]
        for i in sorted(outcome.ignored, key=lambda i: i.path):
            lines.append(f"- `{_code(i.path)}`: {_md(i.reason)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _code(text: str) -> str:
    return text.replace("`", "'")


def _md(text: str) -> str:
    """Text from file names and error details is shown as text."""
    out = []
    for ch in text:
        if ch in "\\`*_{}[]<>#|!":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def write_reports(build_dir: Path, outcome: Outcome, status: str) -> tuple[Path, Path]:
    """build/problems.json and build/problems.md, each replaced atomically."""
    data = json.dumps(outcome.to_json(status), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    json_path = build_dir / "problems.json"
    md_path = build_dir / "problems.md"
    write_atomic(json_path, data)
    write_atomic(md_path, to_markdown(outcome, status))
    return json_path, md_path


def from_json(data: dict) -> Outcome:
    """Rebuild an Outcome's listing from a stored problems.json (no-change runs)."""
    out = Outcome()
    out.problems = [Problem(**p) for p in data.get("problems", [])]
    out.ignored = [Ignored(**i) for i in data.get("ignored", [])]
    return out
