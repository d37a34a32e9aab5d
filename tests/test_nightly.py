"""The nightly run end to end, in a temp copy of the project (samples + bad inputs):
count in = pages + problems, no injected markup in the site, problem report beside
the site, a rerun that changes nothing, a forced rebuild byte-identical, exit
codes, the lock, a failed build and a killed build that leave the live site serving.
Full builds are few (three in the fixture, one killed, one after a break)."""
import functools
import hashlib
import http.server
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from badcorpus import XSS, build_corpus
import sitebuild
from conftest import ROOT, SAMPLES

from minhbach.nightly import lock, publish
from minhbach.nightly import plan as nplan
from minhbach.nightly import run as pipeline
from minhbach.nightly.progress import Progress

SUMMARY = re.compile(r"^Đã xuất bản (\d+) báo cáo, (\d+) lỗi, (\d+) cảnh báo trong \d+,\d s")


def make_project(base: Path) -> Path:
    proj = sitebuild.samples_project(base)
    build_corpus(proj / "sources" / "bad", base / "ngoai")
    return proj


def build(proj: Path, *args: str, timeout: int = 900):
    start = time.monotonic()
    res = subprocess.run([sys.executable, "-m", "minhbach.cli", "build", *args], cwd=proj,
                         capture_output=True, text=True, timeout=timeout)
    return res, time.monotonic() - start


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def listing(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    base = tmp_path_factory.mktemp("nightly")
    proj = make_project(base)
    outside_before = listing(base) - {p for p in listing(base) if p.startswith("du-an")}
    sources_before = tree(proj / "sources")
    state = lambda: json.loads((proj / ".minhbach" / "published.json").read_text(encoding="utf-8"))["fingerprint"]
    first, t1 = build(proj)
    site1 = tree(proj / "site") if (proj / "site").exists() else {}
    fp1 = state()
    second, t2 = build(proj)
    site2 = tree(proj / "site")
    forced, t3 = build(proj, "--force")
    site3 = tree(proj / "site")
    fp3 = state()
    print(f"\nnightly timings: full {t1:.1f} s, no change {t2:.1f} s ({t2 / t1:.1%}), forced {t3:.1f} s")
    return dict(proj=proj, base=base, first=first, second=second, forced=forced, site1=site1, site2=site2,
                site3=site3, code_changed=fp1["code"] != fp3["code"], outside_before=outside_before, sources_before=sources_before, times=(t1, t2, t3))


def test_first_build_publishes_and_lists_problems(run):
    res = run["first"]
    assert res.returncode == 1, res.stdout + res.stderr  # published, with errors (bad inputs)
    last = res.stdout.strip().splitlines()[-1]
    m = SUMMARY.match(last)
    assert m, last
    data = json.loads((run["proj"] / "build" / "problems.json").read_text(encoding="utf-8"))
    c = data["counts"]
    assert c["inputs"] == c["published"] + c["not_published"]
    assert int(m.group(1)) == c["published"] and int(m.group(2)) == c["errors"]
    # every published page is in content/ and rendered in site/
    reports_dir = run["proj"] / "content" / "reports"
    pages = sorted(p for p in reports_dir.rglob("*.md") if p.parent != reports_dir)  # not the listings
    assert len(pages) == c["published"]
    for page in pages:
        rel = page.relative_to(run["proj"] / "content").with_suffix("")
        assert (run["proj"] / "site" / rel / "index.html").is_file(), rel
    # every unpublished input has exactly one line naming it on stderr
    for prob in data["problems"]:
        if not prob["published"] and prob["source"]:
            assert sum(prob["path"] in line for line in res.stderr.splitlines()) >= 1, prob


def test_problem_report_is_beside_the_site_never_inside(run):
    proj = run["proj"]
    assert (proj / "build" / "problems.json").is_file() and (proj / "build" / "problems.md").is_file()
    md = (proj / "build" / "problems.md").read_text(encoding="utf-8")
    assert "sources/bad/rong.txt" in md and "quá lớn" in md
    for rel in run["site1"]:
        assert "problems" not in rel
    for path in (proj / "site").rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv", ".txt", ".js"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "sources/bad/" not in text and "không phải văn bản" not in text, path


def test_no_injected_markup_reaches_any_page(run):
    site = run["proj"] / "site"
    checked = 0
    for path in site.rglob("*"):
        if not path.is_file() or path.suffix not in {".html", ".xml", ".svg"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        checked += 1
        assert XSS not in text, path
        assert 'href="javascript:' not in text, path
        assert '<img src="http://example.invalid' not in text and "<img alt=\"ảnh\"" not in text, path
        assert '<iframe src="http://example.invalid' not in text, path
        assert "<img src=x" not in text and "<b>thẻ HTML</b>" not in text, path
    assert checked > 10
    page = next(p for p in site.glob("reports/*/*/index.html") if "minhbach" in p.parent.name)
    html = page.read_text(encoding="utf-8")
    assert "config.site_name" in html and "&lt;script&gt;" in html  # shown as text


def test_sidecar_fix_shows_on_the_page(run):
    md = [p for p in (run["proj"] / "content" / "reports").rglob("*.md")
          if "path: bad/sidecar-sua.txt" in p.read_text(encoding="utf-8")]
    assert len(md) == 1
    assert "number: 99/BC-SNgV" in md[0].read_text(encoding="utf-8")
    rel = md[0].relative_to(run["proj"] / "content").with_suffix("")
    html = (run["proj"] / "site" / rel / "index.html").read_text(encoding="utf-8")
    assert "tiêu đề đã sửa bằng tệp meta" in html and "tiêu đề sai" not in html


def test_second_run_changes_nothing(run):
    res = run["second"]
    if "Có thay đổi: mã chương trình" in res.stderr:
        pytest.skip("another helper changed the code between the two builds")
    assert res.returncode == run["first"].returncode
    assert "Không có gì thay đổi" in res.stdout.strip().splitlines()[-1]
    assert run["site2"] == run["site1"]


def test_forced_rebuild_is_byte_identical(run):
    if run["code_changed"]:
        pytest.skip("another helper changed the code between the two builds")
    assert run["forced"].returncode == run["first"].returncode, run["forced"].stderr
    a, b = run["site1"], run["site3"]
    differ = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
    assert not differ, f"{len(differ)} files differ between two builds of the same sources: {differ[:10]}"


def test_nothing_written_outside_the_output_folders(run):
    base, proj = run["base"], run["proj"]
    now = listing(base) - {p for p in listing(base) if p.startswith("du-an")}
    assert now == run["outside_before"]
    allowed = {"content", "site", "build", ".minhbach", "sources", "mkdocs.yml", "overrides"}
    allowed |= {h.relative_to(ROOT).parts[0] for h in nplan.mkdocs_hooks(ROOT / "mkdocs.yml")}
    assert {p.name for p in proj.iterdir()} <= allowed
    assert tree(proj / "sources") == run["sources_before"]


def test_lock_keeps_two_runs_apart(run):
    proj = run["proj"]
    before = tree(proj / "site")
    with lock.BuildLock(proj / ".minhbach" / "build.lock"):
        res, _ = build(proj)
    assert res.returncode == 2
    assert "đang chạy" in res.stdout
    assert tree(proj / "site") == before


def test_shrinking_archive_is_not_published(run):
    proj = run["proj"]
    before = tree(proj / "site")
    away = run["base"] / "cat-di"
    (proj / "sources").rename(away)
    (proj / "sources").mkdir()
    try:
        res, _ = build(proj)
    finally:
        (proj / "sources").rmdir()
        away.rename(proj / "sources")
    assert res.returncode == 2, res.stdout
    assert "giảm" in res.stdout and "giữ nguyên" in res.stdout
    assert tree(proj / "site") == before


def test_failed_build_keeps_the_live_site(run):
    proj = run["proj"]
    before = tree(proj / "site")
    config = proj / "mkdocs.yml"
    saved = config.read_bytes()
    config.write_bytes(saved + b"\nplugins:\n  - khong-ton-tai-plugin\n")
    try:
        res, _ = build(proj)
    finally:
        config.write_bytes(saved)
    assert res.returncode == 2, res.stdout + res.stderr
    assert "Không xuất bản" in res.stdout and "giữ nguyên" in res.stdout
    assert tree(proj / "site") == before
    assert not (proj / "site.new").exists()
    assert json.loads((proj / "build" / "problems.json").read_text(encoding="utf-8"))["status"].startswith("thất bại")


def serve_once(site: Path) -> bytes:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{httpd.server_address[1]}/", timeout=10) as r:
                assert r.status == 200
                return r.read()
        finally:
            httpd.shutdown()


def test_killed_build_leaves_the_site_serving_and_next_run_recovers(run):
    proj = run["proj"]
    index_before = (proj / "site" / "index.html").read_bytes()
    before = tree(proj / "site")
    proc = subprocess.Popen([sys.executable, "-m", "minhbach.cli", "build", "--force"], cwd=proj,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 600
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            new = proj / "site.new"
            if new.is_dir() and any(new.iterdir()):
                break
            time.sleep(0.02)
        assert proc.poll() is None, "the build ended before site.new appeared"
        os.killpg(proc.pid, signal.SIGKILL)  # SIGKILL in the middle of the MkDocs/Pagefind stage
    finally:
        proc.wait(timeout=60)
        proc.stdout.close()
        proc.stderr.close()
    assert (proj / "site.new").exists()  # the half-built site is left behind...
    assert tree(proj / "site") == before  # ...and the live one is untouched
    assert serve_once(proj / "site") == index_before
    res, _ = build(proj)  # the lock died with the process; the stale site.new is cleared
    assert res.returncode == run["first"].returncode, res.stdout + res.stderr
    assert "site.new" in res.stderr
    assert not (proj / "site.new").exists() and not (proj / "site.old").exists()
    if "Không có gì thay đổi" in res.stdout:
        assert tree(proj / "site") == before
    else:  # rebuilt (code changed meanwhile): the pages are the same
        html = lambda t: {k: v for k, v in t.items() if k.endswith(".html")}
        assert html(tree(proj / "site")) == html(before), res.stderr


def test_recover_after_a_kill_between_the_two_renames(tmp_path):
    live = tmp_path / "site"
    (tmp_path / "site.old").mkdir()
    (tmp_path / "site.old" / "index.html").write_text("cũ")
    (tmp_path / "site.new").mkdir()
    done = publish.recover(live)
    assert (live / "index.html").read_text() == "cũ"
    assert not (tmp_path / "site.new").exists() and len(done) == 2


def test_swap_replaces_the_whole_tree(tmp_path):
    live, new = tmp_path / "site", tmp_path / "site.new"
    live.mkdir(), new.mkdir()
    (live / "a.html").write_text("1")
    (new / "b.html").write_text("2")
    publish.swap(new, live)
    assert [p.name for p in live.iterdir()] == ["b.html"]
    assert not new.exists() and not (tmp_path / "site.old").exists()


def test_progress_bar_on_a_terminal_plain_lines_otherwise():
    tty, log = io.StringIO(), io.StringIO()
    for stream, is_tty in ((tty, True), (log, False)):
        p = Progress(stream=stream, tty=is_tty)
        p.stage("Chuyển đổi", 3)
        for i in range(1, 4):
            p.advance(i, force=True)
        p.note("LỖI sources/x.txt: tệp rỗng")
        p.done()
    assert "\r" in tty.getvalue() and "█" in tty.getvalue() and "3/3" in tty.getvalue()
    assert "\r" not in log.getvalue() and "Chuyển đổi (3 tệp)" in log.getvalue()
    assert log.getvalue().endswith("LỖI sources/x.txt: tệp rỗng\n")


def test_feeds_and_sitemap_are_well_formed_and_free_of_control_characters(run):
    """U+0001 in a title line or a sidecar title once made feed.xml unreadable."""
    import xml.etree.ElementTree as ET

    site = run["proj"] / "site"
    xml = [p for p in site.rglob("*.xml") if "pagefind" not in p.parts]
    assert any(p.name == "feed.xml" for p in xml) and any(p.name == "sitemap.xml" for p in xml)
    for path in xml:
        ET.parse(path)  # raises on a control character
    bad = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".csv", ".txt"} \
                and path.relative_to(site).parts[0] != "nguon":  # the originals, as they were given
            assert not bad.search(path.read_text(encoding="utf-8", errors="replace")), path
    titles = "".join(p.read_text(encoding="utf-8") for p in xml if p.name == "feed.xml")
    assert "Kết quả công tác dân vận chính quyền" in titles and "Tiêu đề sửa có ký tự điều khiển" in titles
