"""The nightly pipeline (``minhbach build`` / ``minhbach check``), one module per stage:

    plan.py      options, the project's folders, inputs, fingerprint
    scan.py      sources/ → inputs (whatever a folder holds: nothing raises)
    cache.py     hashes and conversions cached under .minhbach/
    convert.py   inputs → pages + problems; cross-page checks
    worker.py    conversions in worker processes with memory and time limits
    render.py    content/ staging, MkDocs + Pagefind into site.new/, checks
    publish.py   recovery after a kill, the atomic swap into site/
    lock.py      one build at a time (PID and start time recorded)
    children.py  leftover processes and staged copies of a killed build
    problems.py  the problem report (build/problems.*)
    progress.py  progress on stderr
    run.py       build / check orchestration and exit codes
"""
from .plan import GENERATED, Options, max_bytes_from
from .run import build, check

__all__ = ["GENERATED", "Options", "build", "check", "max_bytes_from"]
