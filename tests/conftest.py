from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sources" / "samples"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    return sorted(SAMPLES.glob("*.txt"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The project (samples + sitebuild's test pages) built ONCE per session with the real
    pipeline (convert, cross-pages, MkDocs, Pagefind) into a temp copy; returns the project
    dir (site in ``<project>/site``). Read-only for tests: do not modify its files."""
    import sitebuild

    project = sitebuild.make_project(tmp_path_factory.mktemp("built") / "project")
    sitebuild.build(project)
    return project


@pytest.fixture()
def page(browser):
    """A fresh context and page of the requesting module's ``browser`` fixture
    (browserkit.watched_page): ``page.fetched`` lists the URLs it asked for, and a
    JavaScript error fails the test."""
    import browserkit

    yield from browserkit.watched_page(browser)
