"""What the browser tests share: Debian's chromium launched headless the way this
machine needs it, and a quiet static server for a built site on 127.0.0.1."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

from minhbach.site import preview_server_class

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags chromium keeps trying hosts this closed network refuses.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path, handler_class=QuietHandler) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``directory`` on a free port of 127.0.0.1; (server, base URL). Stop it
    with ``server.shutdown(); server.server_close()``. The default handler sends files
    as they are (a host told nothing about Pagefind's files)."""
    handler = functools.partial(handler_class, directory=str(directory))
    httpd = preview_server_class()(("127.0.0.1", 0), handler)  # a listen queue of 128, as `minhbach serve`
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def served(handler_classes: dict | None = None, **directories: Path):
    """Generator for a module-scoped fixture: each directory served on 127.0.0.1 (by
    ``handler_classes[name]`` if given, else files as they are); yields {name: base
    URL} and stops every server afterwards."""
    handler_classes = handler_classes or {}
    running = {name: serve(Path(d), handler_classes.get(name, QuietHandler)) for name, d in directories.items()}
    yield {name: url for name, (_httpd, url) in running.items()}
    for httpd, _url in running.values():
        httpd.shutdown()
        httpd.server_close()


def launch(playwright):
    """Headless Debian chromium (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)


def browser_session():
    """Generator for a module-scoped fixture: one headless chromium for the module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


def watched_page(browser, width: int = 1280, height: int = 900):
    """Generator for a function-scoped fixture: a fresh context and page that records
    the URLs it requests (``page.fetched``) and fails the test on a JavaScript error."""
    ctx = browser.new_context(viewport={"width": width, "height": height})
    pg = ctx.new_page()
    errors: list[str] = []
    fetched: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("request", lambda r: fetched.append(r.url))
    pg.fetched = fetched
    yield pg
    ctx.close()
    assert not errors, errors
