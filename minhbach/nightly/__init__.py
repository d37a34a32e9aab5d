"""The nightly pipeline (``minhbach build`` / ``minhbach check``): scan sources/,
convert (cached), stage content/, render site.new/, swap it with site/, report
problems. ``run`` orchestrates; each stage has its module here."""
from .run import GENERATED, Options, build, check, max_bytes_from

__all__ = ["GENERATED", "Options", "build", "check", "max_bytes_from"]
