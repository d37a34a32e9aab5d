"""Every bad input gets one clear line naming the file, the rest still converts,
and count in = pages out + files not published. Runs the pipeline's scan and
convert stages (what ``minhbach check`` does) on samples + the bad-input corpus."""
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from badcorpus import EXPECTED, build_corpus
from conftest import ROOT, SAMPLES

from minhbach import pages
from minhbach.nightly import run as pipeline
from minhbach.nightly.problems import ERROR, WARNING
from minhbach.nightly.progress import Progress


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    base = tmp_path_factory.mktemp("check")
    proj = base / "du-an"
    (proj / "sources").mkdir(parents=True)
    for f in SAMPLES.glob("*.txt"):
        (proj / "sources" / "samples").mkdir(exist_ok=True)
        (proj / "sources" / "samples" / f.name).write_bytes(f.read_bytes())
    build_corpus(proj / "sources" / "bad", base / "ngoai")
    return proj


def run_plan(project, **kw):
    opts = pipeline.Options(project=project, quiet=True, tty=False, **kw)
    progress = Progress(stream=io.StringIO(), quiet=True, tty=False)
    p = pipeline.plan(opts, progress)
    pipeline.convert_all(opts, p, progress)
    return p


@pytest.fixture(scope="module")
def planned(project):
    return run_plan(project)


def problems_of(p, rel):
    return [x for x in p.outcome.problems if x.source == rel]


@pytest.mark.parametrize("name, expected", sorted(EXPECTED.items()))
def test_each_bad_input_has_its_outcome(planned, name, expected):
    rel = f"bad/{name}"
    assert rel in planned.outcome.inputs
    found = problems_of(planned, rel)
    for prob in found:
        line = prob.line()
        assert "\n" not in line and (f"sources/{rel}" in line or ".meta.yaml" in line)
    codes = {x.code for x in found}
    if expected == "page":
        assert rel in planned.results
        assert not [x for x in found if not x.published]
    elif expected in {"encoding", "duplicate-number", "duplicate-content", "header-from-sidecar", "sidecar"}:
        assert rel in planned.results, found  # published, and listed
        assert expected in codes
    else:
        assert rel not in planned.results
        assert [x.code for x in found if not x.published] == [expected]


def test_count_in_equals_pages_plus_unpublished(planned, project):
    out = planned.outcome
    files = [p for p in (project / "sources").rglob("*") if not p.is_dir()
             and not p.name.endswith(".meta.yaml") and not p.name.startswith(".")
             and p.name != "lien-ket-trong.txt"]
    assert len(out.inputs) == len(files) == len(out.pages) + len(out.not_published)
    assert set(out.inputs) == set(out.pages) | set(out.not_published)
    assert {i.path.split("/")[-1] for i in out.ignored} == {".tep-an.txt", "lien-ket-trong.txt"}


def test_legacy_encodings_give_the_right_text(planned):
    for name in ("cp1258.txt", "tcvn3.txt", "vni.txt", "tcvn3-trong-unicode.txt", "utf16.txt",
                 "utf16-khong-bom.txt", "cat-cut.txt", "nfd.txt"):
        r = planned.results[f"bad/{name}"]
        text = r["markdown"]
        assert "Kết quả thực hiện công tác dân vận chính quyền" in text or "Kết quả công tác dân vận" in text, name
        assert "người lao động" in text or "Unicode tách dấu" in text, name
        assert r["front_matter"]["type"] == "Báo cáo"


def test_sidecar_overrides_and_rescues(planned):
    fm = planned.results["bad/sidecar-sua.txt"]["front_matter"]
    assert fm["number"] == "99/BC-SNgV"
    assert fm["title"].endswith("(tiêu đề đã sửa bằng tệp meta)")
    assert fm["issued"] == "2024-06-15"
    fm = planned.results["bad/khong-dau-co-sidecar.txt"]["front_matter"]
    assert fm["type"] == "Thông báo" and fm["province"] == "Kiên Giang" and fm["province_2025"]
    # a bad sidecar names the sidecar file; its valid keys still apply, bad ones do not
    probs = problems_of(planned, "bad/sidecar-khoa-la.txt")
    assert {p.path for p in probs if p.code == "sidecar"} == {"sources/bad/sidecar-khoa-la.meta.yaml"}
    fm = planned.results["bad/sidecar-khoa-la.txt"]["front_matter"]
    assert fm["issued"] == "2024-06-20" and fm["source"]["path"] == "bad/sidecar-khoa-la.txt"
    orphan = [p for p in planned.outcome.problems if p.code == "sidecar-orphan"]
    assert [p.path for p in orphan] == ["sources/bad/mo-coi.meta.yaml"]


def test_same_content_in_two_folders_gets_two_urls(planned):
    a = planned.results["bad/trung-noi-dung/a/ban-sao.txt"]["page"]
    b = planned.results["bad/trung-noi-dung/b/ban-sao.txt"]["page"]
    assert a != b


def test_url_collision_is_reported_never_overwritten(project, monkeypatch, tmp_path):
    # page_slug hashes the source path, so a real collision needs a 24-bit hash clash;
    # force one by dropping the hash, and check the pipeline refuses to overwrite.
    monkeypatch.setattr(pages, "page_slug", lambda doc: "cung-mot-dia-chi")
    monkeypatch.setattr(pipeline, "converter_salt", lambda project: "collision-test")
    p = run_plan(project)
    colliding = [x for x in p.outcome.problems if x.code == "url-collision"]
    assert colliding and all(not x.published and x.severity == ERROR for x in colliding)
    urls = [r["page"] for r in p.results.values()]
    assert len(urls) == len(set(urls))
    assert len(p.outcome.inputs) == len(p.outcome.pages) + len(p.outcome.not_published)


def test_size_limit_is_configurable(project):
    p = run_plan(project, max_bytes=60 * 1024 * 1024)
    assert "bad/qua-lon.txt" not in {x.source for x in p.outcome.problems if x.code == "too-large"}
    probs = problems_of(p, "bad/qua-lon.txt")
    assert "bad/qua-lon.txt" in p.results or probs  # converted, or a clear problem: never silent


def test_check_command_prints_every_problem_and_exits_1(project):
    res = subprocess.run([sys.executable, "-m", "minhbach.cli", "check"], cwd=project,
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 1, res.stderr
    lines = res.stdout.strip().splitlines()
    assert lines[-1].startswith("Đã kiểm tra ")
    for name, expected in EXPECTED.items():
        if expected != "page":
            shown = f"sources/bad/{name[:-4]}.meta.yaml" if expected == "sidecar" else f"sources/bad/{name}"
            assert any(shown in l for l in lines), name
    assert not (project / "site").exists() and not (project / "content").exists()
    res = subprocess.run([sys.executable, "-m", "minhbach.cli", "check", "--json"], cwd=project,
                         capture_output=True, text=True, timeout=600)
    data = json.loads(res.stdout)
    c = data["counts"]
    assert c["inputs"] == c["published"] + c["not_published"]


def test_check_on_samples_alone_exits_0(tmp_path):
    (tmp_path / "sources").mkdir()
    for f in SAMPLES.glob("*.txt"):
        (tmp_path / "sources" / f.name).write_bytes(f.read_bytes())
    res = subprocess.run([sys.executable, "-m", "minhbach.cli", "check", "-q"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stdout + res.stderr
    assert all(l.startswith(("CẢNH BÁO", "Đã kiểm tra")) for l in res.stdout.splitlines())
