"""Items extracted from the clean body for the cross-pages: "Dân vận khéo"
models (converters/models.py) and administrative-reform figures
(converters/figures.py). Both read Body.paragraphs ((anchor, plain text), …) and
the footnote texts (anchor None: a footnote has no paragraph anchor)."""
from __future__ import annotations

from . import figures as figures_mod
from . import models as models_mod
from .body import Body
from .model import Figure, Model


def models(body: Body, title: str | None) -> tuple[tuple[Model, ...], tuple[tuple[str, str], ...]]:
    """(models, model_counts): named models in reading order (first mention wins),
    and the counts reported as ((key, number as written), …), keys in
    models_mod.COUNT_SCOPES order (government, province_total)."""
    return models_mod.extract(body.paragraphs, body.footnotes, _note_anchors(body))


def figures(body: Body, title: str | None, period_label: str | None) -> tuple[Figure, ...]:
    """CCHC figures in reading order (body paragraphs, then footnotes)."""
    return figures_mod.extract(body.paragraphs, period_label, body.footnotes, _note_anchors(body))


def _note_anchors(body: Body) -> tuple[str, ...]:
    """Ids of the footnote definitions on the page (Python-Markdown footnotes: "fn:<label>")."""
    return tuple(f"fn:{label}" for label in body.footnote_labels)
