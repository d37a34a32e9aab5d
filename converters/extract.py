"""Items extracted from the clean body for the cross-pages (issue: cross-pages):
"Dân vận khéo" models and administrative-reform figures."""
from __future__ import annotations

from .body import Body
from .model import Figure, Model


def models(body: Body, title: str | None) -> tuple[tuple[Model, ...], tuple[tuple[str, str], ...]]:
    """(models, model_counts). First cut: nothing extracted yet."""
    return (), ()


def figures(body: Body, title: str | None, period_label: str | None) -> tuple[Figure, ...]:
    """First cut: nothing extracted yet."""
    return ()
