"""The project's structure holds: every generated folder is derived from one registry and
ignored by git, every cross-page family is registered, no import cycles between modules."""
from __future__ import annotations

import ast
import pkgutil
from pathlib import Path

from conftest import ROOT

import converters
import minhbach
from minhbach import crosspages


def test_every_generated_folder_is_ignored_by_git():
    ignored = {line.strip() for line in (ROOT / ".gitignore").read_text().splitlines()}
    for folder in ("reports", *crosspages.GENERATED_DIRS):
        assert f"/content/{folder}/" in ignored, f"{folder}: add /content/{folder}/ to .gitignore"


def test_every_family_module_is_registered():
    registered = {f.write.__module__ for f in crosspages.FAMILIES}
    shared = {"minhbach.crosspages.base", "minhbach.crosspages.sections"}
    modules = {f"minhbach.crosspages.{m.name}" for m in pkgutil.iter_modules(crosspages.__path__)}
    assert modules - shared == registered


def _imports(path: Path, package: str, modules: set[str]) -> set[str]:
    """Modules of our packages that a module imports, at any level (inside functions too:
    a deferred import hides a cycle, it does not remove it). ``from pkg import mod`` counts
    as importing ``pkg.mod``, not the package itself."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                mod = f"{base}.{node.module}" if node.module else base
            else:
                mod = node.module or ""
            subs = {f"{mod}.{a.name}" for a in node.names}
            found |= (subs & modules) if subs <= modules else {mod}
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_no_import_cycles_between_modules():
    modules: dict[str, Path] = {}
    for pkg in (converters, minhbach):
        base = Path(pkg.__file__).parent
        for path in base.rglob("*.py"):
            rel = path.relative_to(base.parent).with_suffix("")
            name = ".".join(rel.parts)
            modules[name.removesuffix(".__init__")] = path
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        graph[name] = {m for m in _imports(path, package, set(modules)) if m in modules and m != name}
    # a package's __init__ importing its own submodules is the registry pattern, not a cycle
    for name in graph:
        graph[name] = {m for m in graph[name] if not (m.startswith(name + ".") and modules[name].name == "__init__.py")}
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph[n]):
            if state.get(m) == 1:
                raise AssertionError("import cycle: " + " → ".join(stack[stack.index(m):] + [m]))
            if not state.get(m):
                visit(m)
        stack.pop()
        state[n] = 2

    for n in sorted(graph):
        if not state.get(n):
            visit(n)


def test_search_page_knows_every_filter_the_fields_declare():
    """A filter declared in converters/fields.py has its label on the search page
    (content/assets/search/filters-view.js FILTERS), and the page offers no filter the
    pages do not carry (besides nhom, the page kind, which every page has)."""
    import re

    from converters import fields
    from conftest import ROOT

    js = (ROOT / "content" / "assets" / "search" / "filters-view.js").read_text(encoding="utf-8")
    block = js[js.index("export const FILTERS = ["):js.index("];", js.index("export const FILTERS = ["))]
    shown = set(re.findall(r'\["([a-z_0-9]+)",', block))
    declared = {f.search_filter for f in fields.SEARCH if f.search_filter}
    assert shown - {"nhom"} == declared


def test_navigation_lists_every_family_and_keeps_its_pages_out_of_the_sidebar():
    """mkdocs.yml's nav links each family's index page and its not_in_nav lists each
    family's folder (a family's pages are listed on its index, never in the sidebar)."""
    from minhbach import settings

    config = settings.mkdocs_config(ROOT / "mkdocs.yml")
    linked = set()
    for entry in config["nav"]:
        linked.update(v for v in (entry.values() if isinstance(entry, dict) else [entry]) if isinstance(v, str))
    hidden = {line.strip() for line in str(config.get("not_in_nav") or "").splitlines()}
    for family in crosspages.FAMILIES:
        if family.folder.startswith("_"):
            continue  # snippets included into other pages
        assert f"{family.folder}/index.md" in linked, f"add {family.folder}/index.md to mkdocs.yml nav"
        assert f"/{family.folder}/" in hidden, f"add /{family.folder}/ to mkdocs.yml not_in_nav"
