#!/usr/bin/env python3
"""Search speed of a built site, measured on the real search page in headless chromium.

    .venv/bin/python scripts/bench_search.py SITE_DIR [--cold 3] [--warm 2] [--out r.json]
    .venv/bin/python scripts/bench_search.py --summarise r.json [r2.json …]

SITE_DIR is a built site (``minhbach build`` → site/, or bench_scale.py --keep →
…/project/site.bench). It is served on 127.0.0.1 by a separate process that logs every
response (clock time when sent, path, bytes): bytes include what Pagefind's web worker
fetches, which the page's own resource timing does not see. The server is
``minhbach serve``'s handler (default) or, with ``--server nginx``, Debian's nginx
(``apt-get install nginx-light``) as a production host serves the files; with
``--gzip-header`` either sends Pagefind's gzipped files with Content-Encoding: gzip.

A/B of search pages in one run: copy an older page into the site under another name
(e.g. ``tim-kiem-a/index.html`` with its scripts in ``assets/search-a/``) and pass
``--pages tim-kiem/,tim-kiem-a/``: every query's runs alternate between the pages, so a
busy machine slows both alike.

For each query of QUERIES (common multi-syllable phrases, their tone-less forms, đ
queries, rare words, a quoted phrase, filters, date sort):
  * cold URL  — fresh browser context (empty cache), open /tim-kiem/?q=…;
  * cold typed — fresh context, open /tim-kiem/, and as soon as the page is ready type
    the query key by key, TYPING_DELAY_MS a key (a fast typist who never pauses: about
    1 s for "cải cách hành chính"), then Enter (what a visitor does on the search page;
    the page fetches the newest part's chunks of the words typed so far meanwhile);
  * cold pasted — the same, but the whole query is put in the box at once and submitted
    as soon as the page is ready (nothing fetched ahead: the least a visitor can wait);
  * warm — the same query submitted again on that page (after the typed run).
A cold URL's page is left alone for --read-after ms (default READ_AFTER_MS) before its
timings are read from its own clock: asking from the start runs Playwright's script in the
page while it loads. Reported per run: first = ms from the search's start (the page's own clock, after the
index is opened) to the first results rendered (5, the first step of the first page;
on a cold URL the page has started the link's search before that clock starts — since
session 5, search.js in <head> — so compare cold URLs by nav and nav→paint);
page = to the whole first page (10); nav = ms from opening the URL
to that moment (cold URL only); paint = ms from the search's start until the first
result's title was painted on the screen (Element Timing: what a visitor sees, layout
and paint included), nav→paint the same from opening the URL (cold URL only: what a
visitor who follows a shared link waits); script and script→paint = the same two from
the moment search.js started (cold URL only): the search's share of a shared link's wait,
nav − script being the page's own load until its script runs (HTML, stylesheets,
parsing and laying out the page: what any page of the theme takes); settled = ms until the search stops on its
own (the next page ready too, "paused", or every part searched) and the bytes fetched until
then: what a query costs a visitor who does not ask for more; done = ms until every
part is searched after "Tìm hết" is clicked (exact counts); bytes to the first page
(server log up to that moment), to settled, and in all.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

# (label, group, URL parameters)
QUERIES = [
    ("cải cách hành chính", "common", {"q": "cải cách hành chính"}),
    ("dân vận khéo", "common", {"q": "dân vận khéo"}),
    ("công tác dân vận", "common", {"q": "công tác dân vận"}),
    ("thủ tục hành chính", "common", {"q": "thủ tục hành chính"}),
    ("cai cach hanh chinh", "common", {"q": "cai cach hanh chinh"}),
    ("dan van kheo", "common", {"q": "dan van kheo"}),
    ("cong tac dan van", "common", {"q": "cong tac dan van"}),
    ("thu tuc hanh chinh", "common", {"q": "thu tuc hanh chinh"}),
    ("dang uy", "đ", {"q": "dang uy"}),
    ("đảng ủy", "đ", {"q": "đảng ủy"}),
    ("dong chi", "đ", {"q": "dong chi"}),
    ("hợp pháp hóa lãnh sự", "rare", {"q": "hợp pháp hóa lãnh sự"}),
    ("xylanh (no match)", "rare", {"q": "xylanh"}),
    ('"cải cách hành chính"', "quoted", {"q": '"cải cách hành chính"'}),
    ("dân vận khéo + tỉnh", "filter", {"q": "dân vận khéo", "tinh": "Kiên Giang"}),
    ("dân vận khéo + năm 2015", "filter", {"q": "dân vận khéo", "nam": "2015"}),
    ("cải cách hành chính, mới nhất", "sort", {"q": "cải cách hành chính", "sort": "moi"}),
    ("cải cách hành chính, cũ nhất", "sort", {"q": "cải cách hành chính", "sort": "cu"}),
]


# ---------------------------------------------------------------- the server (own process)

sys.path.insert(0, str(ROOT))
from minhbach.site import preview_handler_class, preview_server_class  # noqa: E402


class LoggingHandler(preview_handler_class()):
    """`minhbach serve`'s handler (Pagefind's files with "Content-Encoding: gzip" when
    gzip_header, --gzip-header), logging what it sends."""
    log: list = []
    lock = threading.Lock()
    gzip_header = False

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802
        if self.path.startswith("/__log"):
            with self.lock:
                body = json.dumps(self.log).encode()
                if "reset" in self.path:
                    self.log.clear()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        counter = _Counter(self.wfile)
        self.wfile = counter
        try:
            super().do_GET()
        finally:
            self.wfile = counter.raw
            with self.lock:
                self.log.append([time.time() * 1000, self.path, counter.n])


class _Counter:
    def __init__(self, raw):
        self.raw, self.n = raw, 0

    def write(self, data):
        self.n += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


def _serve(directory: str, port_file: str, gzip_header: bool = False) -> None:
    import functools

    LoggingHandler.gzip_header = gzip_header
    handler = functools.partial(LoggingHandler, directory=directory)
    # a listen queue of 128 (socketserver's 5 made the browser retry a refused connection after 1 s)
    httpd = preview_server_class()(("127.0.0.1", 0), handler)
    Path(port_file).write_text(str(httpd.server_address[1]))
    httpd.serve_forever()


def start_server(site: Path, gzip_header: bool = False) -> tuple[subprocess.Popen, str]:
    port_file = Path(f"/tmp/bench_search_port.{os.getpid()}.{int(gzip_header)}")
    port_file.unlink(missing_ok=True)
    proc = subprocess.Popen([sys.executable, __file__, "--_serve", str(site), str(port_file)]
                            + (["gzip"] if gzip_header else []))
    for _ in range(200):
        if port_file.exists() and port_file.read_text():
            break
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port_file.read_text()}"
    port_file.unlink()
    return proc, base


NGINX_CONF = """daemon off;
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
events {{ worker_connections 512; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  log_format timed '$msec $request_uri $bytes_sent';
  access_log {tmp}/access.log timed;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  sendfile on;
  tcp_nodelay on;
  server {{
    listen 127.0.0.1:{port} backlog=512;
    root {site};
    {gzip}
  }}
}}
"""
# README "Serving Pagefind's files": Pagefind's gzipped files with Content-Encoding: gzip
NGINX_GZIP = """location ~ ^/pagefind/.*\\.(pf_[a-z]+|pagefind)$ {
      gzip off;
      add_header Content-Encoding gzip;
    }"""
_nginx_logs: dict[str, Path] = {}


def start_nginx(site: Path, gzip_header: bool = False) -> tuple[subprocess.Popen, str]:
    """Debian's nginx (``apt-get install nginx-light``) serving ``site`` on 127.0.0.1, as a
    production host would (README "Serving Pagefind's files"); its access log gives the
    bytes sent and when, as the Python server's /__log does."""
    import socket
    import tempfile

    tmp = Path(tempfile.mkdtemp(prefix="bench-nginx-"))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, port=port, site=site.resolve(), gzip=NGINX_GZIP if gzip_header else "",
                                      user="user root;" if os.getuid() == 0 else ""))  # the files may be root's
    proc = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(tmp)])
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urlopen(f"{base}/tim-kiem/"):
                break
        except OSError:
            time.sleep(0.05)
    _nginx_logs[base] = tmp / "access.log"
    server_log(base, reset=True)
    return proc, base


def server_log(base: str, reset: bool = False) -> list:
    if base in _nginx_logs:
        path = _nginx_logs[base]
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            msec, uri, n = line.split(" ")  # $request_uri is escaped: no spaces
            rows.append([float(msec) * 1000, uri, int(n)])
        if reset:
            path.write_text("")
        return rows
    with urlopen(f"{base}/__log{'?reset' if reset else ''}") as r:
        return json.loads(r.read())


# ---------------------------------------------------------------- one run

# The page before query planning (commit ea5aa77 and earlier) set only data-search-ms,
# once everything was searched: its first page is its last.
_DATA = "document.getElementById('mb-search').dataset"
WAIT_FIRST = f"(d => d.firstMs || d.searchMs)({_DATA})"
WAIT_SETTLED = f"(d => d.state ? (d.state === 'paused' && d.pausedMs) || (d.state === 'done' && d.doneMs) : d.searchMs)({_DATA})"
# "Tìm hết" clicked whenever the search pauses (the page before pausing never does)
WAIT_DONE = (f"(d => {{ if (d.state === 'paused') document.querySelector('.mb-search__all').click();"
             f" return d.state ? d.state === 'done' && d.doneMs : d.searchMs; }})({_DATA})")


def _timings(page) -> dict:
    d = page.evaluate(f"({{...{_DATA}, nowAt: performance.now(), nowEpoch: performance.timeOrigin + performance.now()}})")
    d.setdefault("firstMs", d.get("searchMs"))
    d.setdefault("doneMs", d.get("searchMs"))
    d.setdefault("firstAt", d["nowAt"])
    d.setdefault("firstEpoch", d["nowEpoch"])
    if d.get("state") == "paused" and d.get("pausedMs"):
        d["settledMs"], d["settledEpoch"] = d["pausedMs"], d["pausedEpoch"]
    else:
        d["settledMs"], d["settledEpoch"] = d.get("doneMs"), d.get("doneEpoch", d["nowEpoch"])
    return d


def _bytes(log: list, until: float | None) -> dict:
    rows = [r for r in log if until is None or r[0] <= until + 1]
    index = sum(n for _, path, n in rows if path.startswith("/pagefind/"))
    return {"all": sum(n for *_, n in rows), "index": index, "requests": len(rows)}


# When the first result's title was painted (its <a elementtiming="mb-result">), ms
# since the page was opened: Element Timing entries, buffered by the browser.
# Only titles painted after ``since`` (this search's start) count.
PAINTED = """(since) => new Promise((resolve) => {
  if (!document.querySelector("[elementtiming]")) return resolve(null);  // a page older than the attribute
  const done = (list) => {
    const t = list.map((e) => e.renderTime || e.loadTime).filter((x) => x >= since);
    resolve(t.length ? Math.min(...t) : null);
  };
  new PerformanceObserver((l, obs) => {
    const got = l.getEntries();
    if (got.some((e) => (e.renderTime || e.loadTime) >= since)) { obs.disconnect(); done(got); }
  }).observe({ type: "element", buffered: true });
  setTimeout(() => done(performance.getEntriesByType("element")), 3000);
})"""


def _painted(page, since: float) -> float | None:
    got = page.evaluate(PAINTED, since)
    return float(got) if got else None


def _status(page) -> str:
    return page.locator(".mb-search__status").inner_text()


def _measure(page, base: str, done: bool) -> dict:
    """One search, started on ``page`` (URL opened or query submitted): its first results,
    the moment it settles and, if ``done``, every part searched after "Tìm hết"; the bytes
    the server sent until each moment (its log, reset when the search started)."""
    page.wait_for_function(f"document.getElementById('mb-search') && {WAIT_FIRST}", timeout=120000)
    first = _timings(page)
    first_at, first_ms = float(first["firstAt"]), float(first["firstMs"])  # page clock; ms since the search's start
    started = first_at - first_ms  # the search's start, on the page's clock
    painted = _painted(page, started)  # since opening the page (the typed runs drop it)
    script_at = float(first["scriptAt"]) if first.get("scriptAt") else None  # search.js started (session 6)
    out = {"first_ms": first_ms, "nav_ms": first_at, "first_status": _status(page),
           "paint_nav_ms": painted, "paint_ms": painted and painted - started,
           "script_ms": script_at and first_at - script_at,
           "script_paint_ms": script_at and painted and painted - script_at,
           "profile": {k: first.get(k) for k in ("firstTimings", "firstSteps", "firstParts")}}
    page.wait_for_function(WAIT_SETTLED, timeout=300000)
    settled = _timings(page)
    out.update(settled_ms=float(settled["settledMs"]), page_ms=float(settled.get("pageMs") or first["firstMs"]),
               settled_parts=settled.get("pausedParts") or settled.get("doneParts"))
    if done:
        page.wait_for_function(WAIT_DONE, timeout=300000)
        out.update(done_ms=float(_timings(page)["doneMs"]), status=_status(page))
    log = server_log(base, reset=True)
    out.update(bytes_first=_bytes(log, float(first["firstEpoch"])),
               bytes_settled=_bytes(log, float(settled["settledEpoch"])))
    if done:
        out.update(bytes_done=_bytes(log, None))
    return out


LATENCY_MS = 0  # --latency: a network round trip, emulated by chromium (DevTools)


def _new_page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    page = ctx.new_page()
    if LATENCY_MS:
        ctx.new_cdp_session(page).send("Network.emulateNetworkConditions", {
            "offline": False, "latency": LATENCY_MS, "downloadThroughput": -1, "uploadThroughput": -1})
    return ctx, page


# A cold URL's page is left alone for READ_AFTER_MS after it was opened, then asked for its
# timings (its own clock: nothing is lost by asking late). Waiting from the start made
# Playwright evaluate its injected script in the page (~20 ms of the main thread, measured
# in a trace) and poll every frame while the page still loaded and searched: cold URLs
# read 15–70 ms slower at p95 (BENCHMARKS.md, session 6). 0: wait from the start (as before).
READ_AFTER_MS = 1500


def run_cold_url(browser, base: str, params: dict, done: bool = True, search_page: str = "tim-kiem/") -> dict:
    ctx, page = _new_page(browser)
    server_log(base, reset=True)
    page.goto(f"{base}/{search_page}?{urlencode(params, quote_via=quote)}", wait_until="commit")
    time.sleep(READ_AFTER_MS / 1000)  # the Python client's clock: nothing runs in the page
    out = _measure(page, base, done)
    ctx.close()
    return out


TYPING_DELAY_MS = 60


def run_cold_typed(browser, base: str, params: dict, warm: int, done: bool = True,
                   pasted: bool = False, search_page: str = "tim-kiem/") -> list[dict]:
    ctx, page = _new_page(browser)
    rest = {k: v for k, v in params.items() if k != "q"}
    page.goto(f"{base}/{search_page}?{urlencode(rest, quote_via=quote)}")
    page.wait_for_function("document.getElementById('mb-search').dataset.ready === '1'", timeout=60000)
    # the search of the URL's filters (if any) has settled: paused or done
    page.wait_for_function(f"(d => d.state ? ['done', 'paused'].includes(d.state) : true)({_DATA})", timeout=300000)
    out = []
    for i in range(1 + warm):
        page.evaluate(f"() => {{ const d = {_DATA}; delete d.firstMs; delete d.doneMs; delete d.searchMs;"
                      " delete d.pausedMs; delete d.pageMs; }")
        server_log(base, reset=True)  # the bytes of the query: what typing fetched ahead too
        if i == 0 and not pasted:
            page.type("#mb-search-q", params["q"], delay=TYPING_DELAY_MS)
        else:
            page.fill("#mb-search-q", params["q"])
        page.press("#mb-search-q", "Enter")
        row = _measure(page, base, done)
        # the page was opened before the query: no navigation (nor script start) to count from
        del row["nav_ms"], row["paint_nav_ms"], row["script_ms"], row["script_paint_ms"]
        out.append({"mode": ("cold pasted" if pasted else "cold typed") if i == 0 else "warm", **row})
    ctx.close()
    return out


# ---------------------------------------------------------------- summary

MODES = ("cold URL", "cold typed", "cold pasted", "warm")

def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p
    lo, hi = int(k), min(int(k) + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def _modes(rows: list) -> list[str]:
    """The modes present, in MODES order (an A/B run's modes carry their page: "cold URL [tim-kiem/]")."""
    return sorted(dict.fromkeys(r["mode"] for r in rows),
                  key=lambda m: (next((i for i, b in enumerate(MODES) if m.startswith(b)), len(MODES)), m))


def summarise(result: dict) -> str:
    rows = result["runs"]
    modes = _modes(rows)
    served = (f"{result.get('server', 'python')}, "
              + (f"round trip {result['latency_ms']} ms (emulated), " if result.get("latency_ms") else "")
              + ("Pagefind's files with Content-Encoding: gzip" if result.get("gzip_header") else "files as they are"))
    lines = [f"site: {result['site']} ({result.get('label', '')}); {result['when']}; served: {served}", ""]
    lines.append("| query | mode | first p50 | first p95 | nav p50 | settled p50 | done p50 | KB to first (index) "
                 "| KB settled | KB done | first status |")
    lines.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for label, group, _ in [(q[0], q[1], q[2]) for q in QUERIES]:
        for mode in modes:
            rs = [r for r in rows if r["query"] == label and r["mode"] == mode]
            if not rs:
                continue
            first = [r["first_ms"] for r in rs]
            nav = [r["nav_ms"] for r in rs if "nav_ms" in r]
            done = [r["done_ms"] for r in rs if "done_ms" in r]
            kb_first = statistics.median(r["bytes_first"]["all"] for r in rs) / 1024
            kb_index = statistics.median(r["bytes_first"]["index"] for r in rs) / 1024
            kb_done = pct([r["bytes_done"]["all"] for r in rs if "bytes_done" in r], .5) / 1024
            settled = [r["settled_ms"] for r in rs if "settled_ms" in r]
            kb_settled = pct([r["bytes_settled"]["all"] for r in rs if "bytes_settled" in r], .5) / 1024
            nav_cell = f"{pct(nav, .5):.0f}" if nav else "–"
            lines.append(f"| {label} | {mode} | {pct(first, .5):.0f} | {pct(first, .95):.0f} | {nav_cell} | "
                         f"{pct(settled, .5):.0f} | {pct(done, .5):.0f} | {kb_first:.0f} ({kb_index:.0f}) | "
                         f"{kb_settled:.0f} | {kb_done:.0f} | {rs[0]['first_status'][:60]} |")
    lines += ["", "| group | mode | runs | first p50 | first p95 | page p50 | page p95 | paint p50 | paint p95 "
              "| nav p50 | nav p95 | nav→paint p50 | nav→paint p95 | script p50 | script p95 "
              "| script→paint p50 | script→paint p95 | settled p50 | done p50 "
              "| KB to first p95 (index) | KB settled p95 | KB done p50 |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for group in dict.fromkeys(q[1] for q in QUERIES):
        for mode in modes:
            rs = [r for r in rows if r["group"] == group and r["mode"] == mode]
            if not rs:
                continue
            first = [r["first_ms"] for r in rs]
            nav = [r["nav_ms"] for r in rs if "nav_ms" in r]
            kb = [r["bytes_first"]["all"] / 1024 for r in rs]
            kbi = [r["bytes_first"]["index"] / 1024 for r in rs]
            kbs = [r["bytes_settled"]["all"] / 1024 for r in rs if "bytes_settled" in r]
            page = [r.get("page_ms", r["first_ms"]) for r in rs]
            paint, nav_paint, script, script_paint = (
                [r[key] for r in rs if r.get(key) is not None]  # a measure some runs lack (typed: no nav)
                for key in ("paint_ms", "paint_nav_ms", "script_ms", "script_paint_ms"))
            lines.append(f"| {group} | {mode} | {len(rs)} | {pct(first, .5):.0f} | {pct(first, .95):.0f} | "
                         f"{pct(page, .5):.0f} | {pct(page, .95):.0f} | {pct(paint, .5):.0f} | {pct(paint, .95):.0f} | "
                         f"{pct(nav, .5):.0f} | {pct(nav, .95):.0f} | {pct(nav_paint, .5):.0f} | {pct(nav_paint, .95):.0f} | "
                         f"{pct(script, .5):.0f} | {pct(script, .95):.0f} | {pct(script_paint, .5):.0f} | {pct(script_paint, .95):.0f} | "
                         f"{pct([r['settled_ms'] for r in rs if 'settled_ms' in r], .5):.0f} | "
                         f"{pct([r['done_ms'] for r in rs if 'done_ms' in r], .5):.0f} | "
                         f"{pct(kb, .95):.0f} ({pct(kbi, .95):.0f}) | {pct(kbs, .95):.0f} | "
                         f"{pct([r['bytes_done']['all'] / 1024 for r in rs if 'bytes_done' in r], .5):.0f} |")
    lines = [line.replace("| nan |", "| – |").replace("| nan |", "| – |") for line in lines]  # overlapping matches: twice
    return "\n".join(lines)


def main() -> int:
    global LATENCY_MS, READ_AFTER_MS
    if len(sys.argv) > 1 and sys.argv[1] == "--_serve":
        _serve(sys.argv[2], sys.argv[3], sys.argv[4:] == ["gzip"])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("site", nargs="?", type=Path)
    ap.add_argument("--cold", type=int, default=3, help="cold runs per query and mode")
    ap.add_argument("--warm", type=int, default=2, help="warm runs after each cold typed run")
    ap.add_argument("--only", help="comma list of groups (common, đ, rare, quoted, filter, sort)")
    ap.add_argument("--modes", default="url,typed,pasted", help="url,typed,pasted")
    ap.add_argument("--done-runs", type=int, default=1,
                    help="cold runs per query that also wait until every part is searched")
    ap.add_argument("--gzip-header", action="store_true",
                    help="serve Pagefind's files with Content-Encoding: gzip, as `minhbach serve` does "
                         "(default: as they are, like a host that was not told)")
    ap.add_argument("--pages", default="tim-kiem/",
                    help="search pages to measure, comma list (A/B: runs alternate between them; "
                         "e.g. tim-kiem/,tim-kiem-a/ with an older page copied into the site)")
    ap.add_argument("--server", choices=("python", "nginx"), default="python",
                    help="python: minhbach serve's handler in a separate process (default); nginx: Debian's "
                         "nginx (apt-get install nginx-light), as a production host")
    ap.add_argument("--latency", type=int, default=0, metavar="MS",
                    help="emulate a network round trip of MS ms (chromium DevTools), e.g. 60 for a "
                         "mobile connection: the serial fetches of a cold start then show")
    ap.add_argument("--read-after", type=int, default=READ_AFTER_MS, metavar="MS",
                    help="cold URL: leave the page alone this long before asking for its timings "
                         f"(default {READ_AFTER_MS}; 0: wait for the results from the start, which "
                         "runs Playwright's script in the page while it loads)")
    ap.add_argument("--label", default="")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--summarise", nargs="+", type=Path)
    a = ap.parse_args()
    if a.summarise:
        for path in a.summarise:
            print(summarise(json.loads(path.read_text(encoding="utf-8"))), "\n")
        return 0
    site = a.site.resolve()
    if not (site / "tim-kiem" / "index.html").is_file():
        ap.error(f"{site}: no tim-kiem/index.html (not a built minhbach site)")
    import browserkit
    from playwright.sync_api import sync_playwright

    LATENCY_MS = a.latency
    READ_AFTER_MS = a.read_after
    queries = [q for q in QUERIES if not a.only or q[1] in a.only.split(",")]
    modes = a.modes.split(",")
    pages = [sp.strip("/") + "/" for sp in a.pages.split(",")]
    proc, base = (start_nginx if a.server == "nginx" else start_server)(site, a.gzip_header)
    result = {"site": str(site), "label": a.label, "gzip_header": a.gzip_header, "server": a.server,
              "latency_ms": a.latency, "read_after_ms": a.read_after, "when": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()),
              "load_before": os.getloadavg(), "runs": []}
    try:
        with sync_playwright() as p:
            browser = browserkit.launch(p)
            for label, group, params in queries:
                for k, search_page in ((k, sp) for k in range(a.cold) for sp in pages):
                    runs = []
                    done = k < a.done_runs
                    if "url" in modes:
                        runs.append({"mode": "cold URL", **run_cold_url(browser, base, params, done, search_page)})
                    if "typed" in modes:
                        runs += run_cold_typed(browser, base, params, a.warm, done, search_page=search_page)
                    if "pasted" in modes:
                        runs += run_cold_typed(browser, base, params, 0, done, pasted=True, search_page=search_page)
                    for r in runs:
                        r.update(query=label, group=group)
                        if len(pages) > 1:  # A/B: the page is part of the mode
                            r["mode"] = f"{r['mode']} [{search_page}]"
                        result["runs"].append(r)
                        done_txt = (f"done {r['done_ms']:6.0f} ms {r['bytes_done']['all'] / 1024:5.0f} KB"
                                    if "done_ms" in r else " " * 25)
                        print(f"{label[:28]:28} {r['mode']:10} first {r['first_ms']:6.0f} ms"
                              f"{'  nav %6.0f' % r['nav_ms'] if 'nav_ms' in r else ' ' * 12}"
                              f"  paint {r['paint_ms'] or float('nan'):6.0f}"
                              f"  {r['bytes_first']['all'] / 1024:5.0f} KB first"
                              f" ({r['bytes_first']['index'] / 1024:4.0f} index)"
                              f"  page {r['page_ms']:6.0f}  settled {r['settled_ms']:6.0f} ms {r['bytes_settled']['all'] / 1024:5.0f} KB"
                              f" {r['settled_parts'] or '':>6}  {done_txt}"
                              f" | {r['first_status'][:70]}", flush=True)
            browser.close()
    finally:
        proc.terminate()
        proc.wait()
    result["load_after"] = os.getloadavg()
    if a.out:
        a.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print()
    print(summarise(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
