"""MkDocs hooks entry point (mkdocs.yml ``hooks:``), kept beside the theme overrides.

MkDocs loads a hook file by path; the code lives in the package module
minhbach.mkdocs_hooks so it is imported once, under its real name (its Markdown
extension and its per-build state must be the same objects the hooks use).
"""
from minhbach.mkdocs_hooks import (  # noqa: F401
    on_config,
    on_env,
    on_files,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_post_build,
)
