"""Items extracted from the clean body for the cross-pages: "Dân vận khéo"
models (converters/models.py) and administrative-reform figures
(converters/figures.py). Both read Body.paragraphs ((anchor, plain text), …) and
the footnote texts (anchor None: a footnote has no paragraph anchor)."""
from __future__ import annotations

from . import figures as figures_mod
from . import models as models_mod
from . import plaintext
from .body import Body
from .model import Figure, Model
from .plaintext import Passage


def passages(body: Body) -> list[Passage]:
    """The body's paragraphs then footnotes, cleaned once for both extractors."""
    return plaintext.passages(body.paragraphs, body.footnotes, _note_anchors(body))


def models(body: Body, title: str | None, items: list[Passage] | None = None,
           ) -> tuple[tuple[Model, ...], tuple[tuple[str, str], ...]]:
    """(models, model_counts): named models in reading order (first mention wins),
    and the counts reported as ((key, number as written), …), keys in
    models_mod.COUNT_SCOPES order (government, province_total).
    ``items``: ``passages(body)`` when the caller already has them."""
    return models_mod.extract_passages(passages(body) if items is None else items)


def figures(body: Body, title: str | None, period_label: str | None, items: list[Passage] | None = None,
            ) -> tuple[Figure, ...]:
    """CCHC figures in reading order (body paragraphs, then footnotes)."""
    return figures_mod.extract_passages(passages(body) if items is None else items, period_label)


def _note_anchors(body: Body) -> tuple[str, ...]:
    """Ids of the footnote definitions on the page (Python-Markdown footnotes: "fn:<label>")."""
    return tuple(f"fn:{label}" for label in body.footnote_labels)
