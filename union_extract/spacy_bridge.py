"""Hand results to spaCy: a ``union_extract`` pipeline component and a Doc converter.

spaCy is imported only here, lazily, so the extractor itself starts fast. Entities become
``doc.ents`` (PERSON, ORG; the longest wins where spans overlap) and every mention, honour,
figure and date is also kept in ``doc.spans["union_extract"]`` with the record id in ``span.id_``
where there is one. Offsets are the library's own, into the original text, so the Doc's text
is the input unchanged.

    import spacy, union_extract.spacy_bridge
    nlp = spacy.blank("zh")
    nlp.add_pipe("union_extract")
    doc = nlp(text)
"""
from __future__ import annotations

try:
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.util import filter_spans
except ImportError as exc:  # pragma: no cover - spacy is a declared dependency
    raise ImportError("union_extract.spacy_bridge needs spaCy: pip install 'spacy>=3.7'") from exc

from . import models as M

SPAN_KEY = "union_extract"

if not Doc.has_extension("union_extract"):
    Doc.set_extension("union_extract", default=None)


def _char_spans(doc: Doc, items):
    out = []
    for start, end, label, kb in items:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is not None:
            if kb:
                span.id_ = kb
            out.append(span)
    return out


def annotate(doc: Doc, result: M.Document) -> Doc:
    """Put ``result`` (extracted from ``doc.text``) onto ``doc``."""
    items = []
    for a in result.articles:
        items += [(m.start, m.end, "PERSON", p.id) for p in a.persons for m in p.mentions]
        items += [(m.start, m.end, "ORG", o.id) for o in a.organizations for m in o.mentions]
        items += [(m.start, m.end, "HONOR", h.id) for h in a.honors for m in h.mentions]
        items += [(f.start, f.end, "FIGURE", "") for f in a.figures]
        items += [(d.start, d.end, "DATE", "") for d in a.dates]
    spans = _char_spans(doc, items)
    doc.spans[SPAN_KEY] = spans
    doc.ents = filter_spans([s for s in spans if s.label_ in ("PERSON", "ORG")])
    doc._.union_extract = result
    return doc


def to_spacy(text: str, result: M.Document | None = None, nlp: Language | None = None) -> Doc:
    """A spaCy Doc of ``text`` carrying union_extract's entities (extracting if not given)."""
    from . import extract
    nlp = nlp or spacy.blank("zh")
    return annotate(nlp.make_doc(text), result or extract(text))


@Language.factory("union_extract", default_config={"lexicon_dir": None, "reference_date": None})
def make_component(nlp: Language, name: str, lexicon_dir: str | None, reference_date: str | None):
    from .pipeline import Extractor
    extractor = Extractor(lexicon_dir=lexicon_dir, reference_date=reference_date)

    def component(doc: Doc) -> Doc:
        if not doc.text.strip():
            return doc
        return annotate(doc, extractor.extract(doc.text))

    return component
