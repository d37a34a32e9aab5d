"""Documentation checked by tests (as datasette does): every environment variable, CLI
option, generated folder and front-matter field is in the README; the copied Material
partial still matches the installed Material."""
from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from conftest import ROOT
from converters import fields
from minhbach import cli, crosspages, settings

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _code_files():
    for folder in ("minhbach", "converters", "scripts", "overrides"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in (".py", ".sh", ".html") and "__pycache__" not in path.parts:
                yield path
    yield ROOT / "mkdocs.yml"


def test_every_environment_variable_is_declared_and_documented():
    used = set()
    for path in _code_files():
        used |= set(re.findall(r"\bMINHBACH_[A-Z0-9_]+\b", path.read_text(encoding="utf-8")))
    declared = {v.name for v in settings.VARIABLES}
    assert used <= declared, f"declare in minhbach/settings.py VARIABLES: {sorted(used - declared)}"
    missing = [name for name in sorted(declared) if name not in README]
    assert not missing, f"document in README.md: {missing}"


def _options(parser: argparse.ArgumentParser, prefix: str = ""):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield f"{prefix}{name}", None
                yield from _options(sub, f"{prefix}{name} ")
        else:
            for opt in action.option_strings:
                if opt.startswith("--") and opt != "--help":
                    yield prefix.strip(), opt


def test_every_cli_command_and_option_is_documented():
    missing = []
    for command, opt in _options(cli.build_parser()):
        if opt is None:
            if f"minhbach {command}" not in README:
                missing.append(f"minhbach {command}")
        elif opt not in README:
            missing.append(f"{command} {opt}")
    assert not missing, f"document in README.md: {missing}"


@pytest.mark.parametrize("folder", crosspages.GENERATED_DIRS)
def test_every_generated_folder_is_documented(folder):
    assert f"{folder}/" in README, f"document the generated folder {folder}/ in README.md"


def test_every_front_matter_field_is_documented():
    missing = [f.name for f in fields.FIELDS if f"`{f.name}`" not in README and f" {f.name}," not in README
               and f"{f.name}`" not in README]
    assert not missing, f"document these front-matter fields in README.md: {missing}"


def _without_leading_comment(text: str) -> str:
    return re.sub(r"^\{#-.*?-#\}\n", "", text, count=1, flags=re.DOTALL)


def test_copied_material_header_matches_the_installed_material():
    """overrides/partials/header.html is Material's with only its search block replaced:
    an upgrade of Material that changes the header fails here instead of silently
    keeping an old header."""
    import material

    upstream = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / "partials" / "header.html").read_text(encoding="utf-8")
    block = re.compile(r'    \{% if "material/search" in config\.plugins %\}\n.*?\n    \{% endif %\}\n', re.DOTALL)
    assert block.search(upstream), "Material's header has no search block any more: port overrides/partials/header.html"
    expected = block.sub('    {#- minhbach: the built-in search is off; a plain form leads to the Pagefind search page. -#}\n'
                         '    {% include "partials/mb-searchbox.html" %}\n', _without_leading_comment(upstream), count=1)
    assert _without_leading_comment(ours) == expected, \
        "Material's partials/header.html changed: port the change into overrides/partials/header.html"
