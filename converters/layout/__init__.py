"""SourceText → Document: the layout logic shared by every input format.

    lines  = text split into lines (NFC)
    header = header.parse(lines)                   agency, number, place/date, type, title; where the body starts
    tail   = tail.parse(lines, header.body_start)   signature blocks, "Nơi nhận"; where the body ends
    body   = body.render(lines[start:end])          clean Markdown, paragraphs with anchors, footnotes, stamp
    meta   = metadata.infer(...)                    units, province, period, cites, topics from all of the above
"""
from __future__ import annotations

import unicodedata

import dataclasses
from pathlib import PurePosixPath

from converters import errors

from converters.layout import body as body_mod
from converters import extract
from converters.layout import header as header_mod
from converters.layout import metadata
from converters.layout import stamp as stamp_mod
from converters.layout import tail as tail_mod
from converters import vocab
from converters.document import Document, Signer, SourceText


def _corroborated_names(signers: tuple[Signer, ...], lines: list[str], checked: tuple[str, ...]) -> tuple[Signer, ...]:
    """A signer's name read by OCR (under a seal, over a signature) is kept only when the
    document writes it a second time (a recipient "PCT Trần Phước Hiền", the text) or when
    a careful second reading of its line agreed (``checked``): a tone misread ("Hiên") is
    not published."""
    text = vocab.fold_key(" ".join(lines))
    return tuple(s if not s.name or s.name in checked or text.count(vocab.fold_key(s.name)) >= 2
                 else dataclasses.replace(s, name=None) for s in signers)


def split_lines(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return [line.rstrip() for line in text.split("\n")]


def parse(st: SourceText, known: dict | None = None) -> Document:
    """The Document of ``st``; ``known``: number, province, issued from a sidecar, which the
    citations are resolved with (see ``metadata.infer``)."""
    lines = split_lines(st.text)
    signed, used = stamp_mod.esignatures(lines)
    for i in used:  # signature boxes are evidence, not text: blanked where they sit
        lines[i] = ""
    head = header_mod.parse(lines, st.source.path, ocr=st.source.ocr)
    tail = tail_mod.parse(lines, head.body_start)
    body_lines = lines[head.body_start:tail.body_end]
    if tail.after is not None:  # an appendix after the signature/Nơi nhận belongs to the body
        body_lines = body_lines + [""] + lines[tail.after:]
    body = body_mod.render(body_lines)
    doc = metadata.infer(st.source, head, tail, body, body_lines, known)
    items = extract.passages_of(body)  # cleaned and split once for both extractors
    models, counts = extract.models_of(body, doc.title, items)
    figures = extract.figures_of(body, doc.title, doc.period.label if doc.period else None, items, doc.units)
    warnings = list(doc.warnings)
    name = PurePosixPath(st.source.path).stem
    if st.source.ocr and doc.signers:
        doc = dataclasses.replace(doc, signers=_corroborated_names(doc.signers, lines, st.checked))
    if not any(s.name for s in doc.signers):
        warnings.append(errors.unsigned(name))
    elif not any(s.title for s in doc.signers):
        warnings.append(errors.untitled(name))
    if not doc.units and not head.doubtful_agency:
        warnings.append(errors.no_issuer(name))
    return dataclasses.replace(doc, models=models, model_counts=counts, figures=figures, marks=head.marks,
                               esignatures=tuple(signed), warnings=tuple(warnings))
