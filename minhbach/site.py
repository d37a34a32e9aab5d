"""Render the MkDocs site and its Pagefind index (owned by the site issue).

First cut: a plain ``mkdocs build`` of mkdocs.yml into ``out_dir``."""
from __future__ import annotations

from pathlib import Path


def render_site(project: Path, out_dir: Path) -> None:
    """Build HTML from ``project/content`` into ``out_dir`` and index it for search."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"), site_dir=str(out_dir))
    build(config)
    from . import search_index

    search_index.index_site(out_dir)


def serve(project: Path, site_dir: Path, port: int = 8000) -> None:
    import functools
    import http.server

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        print(f"Xem trước tại http://127.0.0.1:{port}/ (Ctrl+C để dừng)")
        httpd.serve_forever()
