"""Render the MkDocs site and its Pagefind index; serve a built site locally.

render_site runs ``mkdocs build`` with the project's mkdocs.yml into ``out_dir``;
the hooks (minhbach/mkdocs_hooks.py) lay out report pages, copy each report's
original file into ``out_dir/nguon/<source.path>`` and keep the output
byte-identical for the same sources. Then search_index.index_site adds Pagefind.
"""
from __future__ import annotations

import os
from pathlib import Path


def render_site(project: Path, out_dir: Path) -> None:
    """Build HTML from ``project/content`` into ``out_dir`` and index it for search."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life banner
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(Path(project) / "mkdocs.yml"), site_dir=str(out_dir))
    build(config)
    from . import search_index

    # the live site this build replaces: unchanged parts of a partitioned index are copied
    search_index.index_site(Path(out_dir), previous=Path(project) / "site")


def preview_server_class():
    """ThreadingHTTPServer with a listen queue of 128 instead of socketserver's 5: the
    search page opens ~10 connections at once (index chunks, then result texts), and a
    connection refused from a full queue is retried by the browser only after 1 s
    (measured: a 1 s stall on one search in ten)."""
    import http.server

    class Server(http.server.ThreadingHTTPServer):
        request_queue_size = 128
        daemon_threads = True

    return Server


def serve(project: Path, site_dir: Path, port: int = 8000) -> None:
    """Serve ``site_dir`` on 127.0.0.1 only (a preview, not a public server)."""
    import functools
    import http.server

    if not (site_dir / "index.html").is_file():
        raise SystemExit(f"Chưa có trang web trong {site_dir}: chạy 'minhbach build' trước.")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    with preview_server_class()(("127.0.0.1", port), handler) as httpd:
        print(f"Xem trước tại http://127.0.0.1:{port}/ (Ctrl+C để dừng)")
        httpd.serve_forever()
