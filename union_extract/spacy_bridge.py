"""Hand results to spaCy: a ``union_extract`` pipeline component and a Doc converter.

spaCy is an optional extra (``pip install "union-extract[spacy]"``) and is imported only here.
Entities become ``doc.ents`` (PERSON, ORG; the longest wins where spans overlap) and every
mention, honour, figure and date is also kept in ``doc.spans["union_extract"]`` with the record id
in ``span.id_`` where there is one. Offsets are the library's own, into the original text, so the
Doc's text is the input unchanged.

``doc._.union_extract`` holds the whole result as plain data (the Document's JSON dict), so docs
survive ``doc.to_bytes()``, ``DocBin(store_user_data=True)`` and ``nlp.pipe(texts, n_process=2)``;
``doc._.union_extract_document`` gives it back as a :class:`union_extract.Document`.

The factory is registered through the ``spacy_factories`` entry point, so ``spacy.load()`` of a
saved pipeline finds it without importing this module first::

    import spacy
    nlp = spacy.blank("zh")
    nlp.add_pipe("union_extract", config={"reference_date": "2024-05-01"})
    doc = nlp(text)
"""
from __future__ import annotations

from typing import Optional

try:
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.util import filter_spans
except ImportError as exc:
    raise ImportError('union_extract.spacy_bridge needs spaCy, an optional extra of union-extract: '
                      'pip install "union-extract[spacy]"') from exc

from . import models as M

SPAN_KEY = "union_extract"


def _as_document(doc: Doc) -> M.Document | None:
    data = doc._.union_extract
    return None if data is None else M.Document.model_validate(data)


if not Doc.has_extension("union_extract"):
    Doc.set_extension("union_extract", default=None)
if not Doc.has_extension("union_extract_document"):
    Doc.set_extension("union_extract_document", getter=_as_document)


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
    doc._.union_extract = result.model_dump(mode="json")
    return doc


def to_spacy(text: str, result: M.Document | None = None, nlp: Language | None = None) -> Doc:
    """A spaCy Doc of ``text`` carrying union_extract's entities (extracting if not given)."""
    from . import extract
    nlp = nlp or spacy.blank("zh")
    return annotate(nlp.make_doc(text), result or extract(text))


class UnionExtract:
    """The pipeline component. It pickles as its options (``nlp.pipe(n_process=…)`` may send it to
    worker processes), and saves nothing to disk: the options live in the pipeline's config."""

    def __init__(self, name: str = "union_extract", lexicon_dir: Optional[str] = None,
                 reference_date: Optional[str] = None):
        from .pipeline import Extractor          # here, not at import: see the package's __getattr__
        self.name = name
        self.extractor = Extractor(lexicon_dir=lexicon_dir, reference_date=reference_date)

    def __call__(self, doc: Doc) -> Doc:
        from .pipeline import extract_checked
        if not doc.text.strip():
            doc.spans[SPAN_KEY] = []
            doc._.union_extract = M.Document(source_id="text").model_dump(mode="json")
            return doc
        return annotate(doc, extract_checked(self.extractor, doc.text))


@Language.factory("union_extract", default_config={"lexicon_dir": None, "reference_date": None})
def make_component(nlp: Language, name: str, lexicon_dir: Optional[str],
                   reference_date: Optional[str]) -> UnionExtract:
    return UnionExtract(name, lexicon_dir=lexicon_dir, reference_date=reference_date)
