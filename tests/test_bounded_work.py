"""Issue 17: bounded work per file. Linear-time escaping (1 MB of markup in seconds,
the same matches as the emphasis rule's regular expression), limits checked before
the work (inflated size of a zip, page size of a PDF), and conversions in workers
with a memory and a time limit: a bomb is listed with its reason, the night goes on.
The swap keeps one whole site/ at every instant where no atomic exchange exists."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from converters import errors
from badcorpus import docx_bomb, report

import converters
from converters.formats import limits
from converters.text import escape
from minhbach.nightly import publish, worker


# ---------------------------------------------------------------- escaping
def test_emphasis_finder_gives_the_regex_matches():
    rng = random.Random(17)
    alphabet = ["*", "*", "**", " ", "a", "Đ", "\n", "_", "1", " *", "* ", "\t", ".", "***"]
    for _ in range(30000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        want = [(m.start(), m.end(), m.group(1), m.group(2)) for m in escape._EMPH.finditer(s)]
        got = [(m.start(), m.end(), m.group(1), m.group(2)) for m in escape.find_emphasis(s)]
        assert got == want, s
        assert escape.strip_emphasis(s) == escape._EMPH.sub(lambda m: m.group(2), s)


@pytest.mark.parametrize("body", [
    "*a " * 333_334,  # 1 MB: each "*" opened a scan to the end of the line (quadratic)
    ("*_[]<>`|#{}&!\\~" * 70_000)[:1_000_000],  # 1 MB of markup characters
    ("Sở đã triển khai kế hoạch " * 40_000)[:1_000_000],  # 1 MB on one line
], ids=["emphasis", "markup", "one-line"])
def test_one_megabyte_converts_in_seconds(tmp_path, body):
    src = tmp_path / "lon.txt"
    src.write_text(report("Kết quả thực hiện", body), encoding="utf-8")
    start = time.monotonic()
    escape.inline(body)
    escape.plain(body)
    converters.convert(src, tmp_path)
    assert time.monotonic() - start < 60  # measured 1–3 s on a shared machine; quadratic took hours


# ---------------------------------------------------------------- limits before the work
def test_docx_bomb_is_refused_before_unpacking(tmp_path):
    bomb = tmp_path / "bom.docx"
    bomb.write_bytes(docx_bomb(100))
    assert bomb.stat().st_size < 400_000
    start = time.monotonic()
    with pytest.raises(limits.ArchiveTooLarge) as err:
        converters.convert(bomb, tmp_path)
    assert time.monotonic() - start < 10
    assert "100,0 MB" in str(err.value) and "MINHBACH_MAX_INFLATED_MB" in str(err.value)


def test_page_limits():
    """A page is measured before OCR renders it: a normal page at 300 dpi, a large one at
    a lower resolution (no image over MAX_PIXELS), an absurd one refused."""
    from converters.formats import ocr

    assert ocr.render_scale(595, 842, "a.pdf", 0) == 300 / 72  # A4: 8.7 Mpx
    scale = ocr.render_scale(2384, 3370, "a0.pdf", 0)  # A0 at 300 dpi would be 112 Mpx
    assert scale < 300 / 72 and 2384 * 3370 * scale * scale <= ocr.MAX_PIXELS * 1.0001
    with pytest.raises(errors.AbsurdPage, match="200×200 inch"):
        ocr.render_scale(200 * 72, 200 * 72, "bom.pdf", 0)


# ---------------------------------------------------------------- workers
def _hungry(n: int) -> int:
    if n == 1:
        return len(bytearray(3 << 30))  # 3 GB
    return n * 10


def _slow(n: int) -> int:
    if n == 1:
        time.sleep(120)
    return n * 10


def _crash(n: int) -> int:
    if n == 1:
        os.kill(os.getpid(), signal.SIGKILL)
    return n * 10


@pytest.mark.parametrize("fn, kind", [(_hungry, "memory"), (_slow, "timeout"), (_crash, "crash")])
def test_worker_failure_is_one_result_and_the_rest_goes_on(fn, kind):
    start = time.monotonic()
    out = dict(worker.run(fn, [0, 1, 2, 3], worker.Limits(memory_mb=300, seconds=3, workers=2)))
    assert time.monotonic() - start < 60
    assert out[0] == 0 and out[2] == 20 and out[3] == 30
    assert isinstance(out[1], worker.Failure) and out[1].kind == kind, out[1]


def test_pdf_page_bomb_is_listed_within_a_gigabyte_and_a_minute(tmp_path):
    """A 1.7 KB PDF with one 200 × 200-inch page took 3.5 GB and 40 s to rasterise."""
    import io
    import resource

    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    (tmp_path / "sources").mkdir()
    img = io.BytesIO()
    Image.new("L", (10, 10), 128).save(img, "PNG")
    img.seek(0)
    c = canvas.Canvas(str(tmp_path / "sources" / "bom.pdf"), pagesize=(200 * 72, 200 * 72))
    c.drawImage(ImageReader(img), 0, 0, 200 * 72, 200 * 72)
    c.showPage()
    c.save()
    start = time.monotonic()
    res = subprocess.run([sys.executable, "-m", "minhbach.cli", "check"], cwd=tmp_path, capture_output=True,
                         text=True, timeout=120)
    assert time.monotonic() - start < 60
    assert res.returncode == 1, res.stdout + res.stderr
    line = next(x for x in res.stdout.splitlines() if "sources/bom.pdf" in x)
    assert ("bất thường" in line or "bộ nhớ" in line) and "tesseract" not in line, line
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert peak_kb < 1.2 * 1024 * 1024, peak_kb


# ---------------------------------------------------------------- swap without rename-exchange
def test_swap_without_exchange_switches_a_link_and_never_leaves_no_site(tmp_path, monkeypatch):
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    live = tmp_path / "site"
    live.mkdir()
    (live / "index.html").write_text("0")
    new = tmp_path / "site.new"

    def make(n: int) -> None:
        new.mkdir()
        (new / "index.html").write_text(str(n))

    make(1)
    publish.swap(new, live)  # first time: site/ becomes a link (one rename apart)
    assert live.is_symlink() and (live / "index.html").read_text() == "1"
    misses, stop = [], threading.Event()

    def watch() -> None:
        while not stop.is_set():
            try:
                (live / "index.html").read_text()
            except OSError:
                misses.append(1)

    t = threading.Thread(target=watch)
    t.start()
    try:
        for n in range(2, 80):
            make(n)
            publish.swap(new, live)
    finally:
        stop.set()
        t.join()
    assert not misses
    assert (live / "index.html").read_text() == "79"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "site.a", "site.b"]  # the previous kept
    assert publish.recover(live) and sorted(p.name for p in tmp_path.iterdir()) == ["site", os.readlink(live)]


def test_recover_never_raises(tmp_path):
    live = tmp_path / "site"
    live.mkdir()
    stuck = tmp_path / "site.new"
    (stuck / "a").mkdir(parents=True)
    (stuck / "a" / "f").write_text("x")
    os.chmod(stuck / "a", 0o555)
    try:
        res = subprocess.run(["setpriv", "--bounding-set=-dac_override,-dac_read_search", sys.executable, "-c",
                              f"from minhbach.nightly import publish; from pathlib import Path;"
                              f" print(publish.recover(Path({str(live)!r})))"],
                             capture_output=True, text=True, timeout=60, cwd=Path(__file__).parent.parent)
    finally:
        os.chmod(stuck / "a", 0o755)
    assert res.returncode == 0, res.stderr
    assert "không xóa được site.new" in res.stdout
