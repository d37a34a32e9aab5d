"""Items extracted from the clean body for the cross-pages: "Dân vận khéo"
models (converters/models.py) and administrative-reform figures
(converters/figures.py). Both read Body.paragraphs ((anchor, plain text), …) and
the footnote texts (anchor None: a footnote has no paragraph anchor)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from converters.extract import figure_tables
from converters.extract import figures as figures_mod
from converters.extract import models as models_mod
from converters.extract import passage as plaintext
from converters.document import Figure, Model
from converters.extract.passage import Passage

if TYPE_CHECKING:
    from converters.layout.body import Body


def passages_of(body: Body) -> list[Passage]:
    """The body's paragraphs then footnotes, cleaned once for both extractors."""
    return plaintext.passages(body.paragraphs, body.footnotes, _note_anchors(body))


def models_of(body: Body, title: str | None, items: list[Passage] | None = None,
           ) -> tuple[tuple[Model, ...], tuple[tuple[str, str], ...]]:
    """(models, model_counts): named models in reading order (first mention wins),
    and the counts reported as ((key, number as written), …), keys in
    models_mod.COUNT_SCOPES order (government, province_total).
    ``items``: ``passages_of(body)`` when the caller already has them."""
    return models_mod.extract_passages(passages_of(body) if items is None else items)


def figures_of(body: Body, title: str | None, period_label: str | None, items: list[Passage] | None = None,
               units: tuple[str, ...] = ()) -> tuple[Figure, ...]:
    """Reform figures in reading order (body paragraphs, then footnotes), then the figures of
    the body's indicator tables; ``units``: the reporting bodies (whom "Sở" means)."""
    found = figures_mod.extract_passages(passages_of(body) if items is None else items, period_label, units)
    return found + figure_tables.extract(body.markdown, period_label, units)


def _note_anchors(body: Body) -> tuple[str, ...]:
    """Ids of the footnote definitions on the page (Python-Markdown footnotes: "fn:<label>")."""
    return tuple(f"fn:{label}" for label in body.footnote_labels)
