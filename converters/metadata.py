"""Fields inferred from header, tail and body together: units, province,
period, cites, topics."""
from __future__ import annotations

from . import vocab
from .body import Body
from .header import Header
from .model import Document, Source
from .tail import Tail


def infer(source: Source, head: Header, tail: Tail, body: Body) -> Document:
    """First cut; to be replaced by the full inference."""
    province = vocab.province_named(head.place) if head.place else None
    return Document(
        source=source, title=head.title, type=head.type, number=head.number, symbol=head.symbol,
        units=(), province=province.name if province else None,
        province_2025=province.name_2025 if province else None, place=head.place,
        issued=head.issued, period=None, signers=tail.signers, recipients=tail.recipients,
        cites=(), topics=(), footnotes=body.numbered_footnotes, stamp=body.stamp, body=body.markdown,
        warnings=head.warnings,
    )
