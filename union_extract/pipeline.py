"""read -> normalise -> segment into articles -> tokenise -> extract -> link -> records.

:class:`Extractor` holds the loaded lexicons, the segmenter and the compiled patterns, so a batch
pays for them once; :func:`union_extract.extract` uses a shared default instance. An Extractor
pickles as its options only (worker processes rebuild the rest), and :meth:`Extractor.pipe` runs
many texts, in order, over worker processes if asked.
"""
from __future__ import annotations

import datetime as dt
import logging
from functools import cached_property
from typing import Iterable, Iterator

from . import models as M
from . import stoplists
from .dates import find_dates, page_date
from .errors import UnusableInputError
from .figures import FigureFinder
from .layout import ArticleLayout, outlet_orgs, segment
from .lexicon import Lexicons, load
from .linking import link
from .normalise import Normalised, normalise
from .reading import decode, is_blank, no_surrogates
from .script import Simplifier
from .segmenter import make as make_segmenter
from .tokens import Tokens

log = logging.getLogger("union_extract.pipeline")


def as_date(value: dt.date | str | None) -> dt.date | None:
    """A reference date given as a date, a datetime or an ISO string (``"2024-05-01"``)."""
    if value is None or type(value) is dt.date:
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise UnusableInputError("bad_reference_date",
                             f"reference_date must be a date or an ISO date string YYYY-MM-DD, got {value!r}")


def as_text(value: str | bytes) -> tuple[str, str | None]:
    """(text, encoding): str as given (encoding None); bytes decoded as the CLI reads files
    (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030), the encoding recorded."""
    if isinstance(value, str):
        return value, None
    if isinstance(value, (bytes, bytearray, memoryview)):
        try:
            return decode(bytes(value))
        except ValueError as exc:
            raise UnusableInputError("undecodable", str(exc)) from None
    raise UnusableInputError("not_text", f"expected str or bytes, got {type(value).__name__}")


def extract_checked(ex: "Extractor", text: str | bytes, source_id: str = "text",
                    reference_date: dt.date | str | None = None) -> M.Document:
    """``ex.extract`` under the library's contract: raises UnusableInputError and nothing else
    (``internal``, with the cause chained, for a bug of ours)."""
    text, encoding = as_text(text)
    if is_blank(text):
        raise UnusableInputError("empty", "text is empty or only whitespace, control or zero-width characters")
    ref = as_date(reference_date)
    try:
        return ex.extract(text, source_id=source_id, encoding=encoding, reference_date=ref)
    except UnusableInputError:
        raise
    except Exception as exc:  # noqa: BLE001 - the documented contract: one exception type
        raise UnusableInputError("internal", f"extraction failed: {type(exc).__name__}: {exc}") from exc


class Extractor:
    def __init__(self, lexicon_dir: str | None = None, segmenter: str = "rjieba",
                 reference_date: dt.date | str | None = None, explain: bool = False):
        self.lexicon_dir = str(lexicon_dir) if lexicon_dir else None
        self.segmenter_name = segmenter
        self.reference_date = as_date(reference_date)
        self.explain = explain      # persons carry ``why``: the evidence that decided them

    def __getstate__(self) -> dict:
        """Only the options: lexicons and segmenter are rebuilt lazily where the copy is used."""
        return {"lexicon_dir": self.lexicon_dir, "segmenter_name": self.segmenter_name,
                "reference_date": self.reference_date, "explain": self.explain}

    def pipe(self, texts: Iterable[str | bytes | tuple[str | bytes, str]], n_process: int = 1,
             batch_size: int = 32, on_error: str = "raise") -> Iterator[M.Document | M.ErrorRecord]:
        """Extract many texts; Documents come out in input order. Items are texts (str or bytes;
        the id is ``text:<position>``) or ``(text, source_id)`` pairs. ``n_process`` > 1 (or -1:
        one per CPU) uses worker processes, ``batch_size`` texts per task. A text that cannot be
        used raises UnusableInputError where it stands (``on_error="raise"``), or comes out as an
        :class:`ErrorRecord` in its place (``on_error="record"``), so nothing is lost silently."""
        from .batch import pipe
        return pipe(self, texts, n_process=n_process, batch_size=batch_size, on_error=on_error)

    @cached_property
    def lex(self) -> Lexicons:
        return load(self.lexicon_dir)

    @cached_property
    def segmenter(self):
        return make_segmenter(self.segmenter_name, self.lex.user_words + self._entity_words())

    def _entity_words(self):
        """Built-in and user organisation names that must come out of the segmenter whole."""
        return [(name, 20000, "nt") for name in self.lex.known_orgs]

    @cached_property
    def simplifier(self) -> Simplifier:
        return Simplifier(self.lex.trad_simp)

    @cached_property
    def figures(self) -> FigureFinder:
        return FigureFinder(self.lex)

    @cached_property
    def orgs(self):
        from .organizations import OrgFinder
        return OrgFinder(self.lex)

    @cached_property
    def persons(self):
        from .persons import PersonFinder
        return PersonFinder(self.lex)

    @cached_property
    def honours(self):
        from .honours import HonourFinder
        return HonourFinder(self.lex)

    @cached_property
    def holders(self):
        from .conferral import HolderGrammar
        return HolderGrammar(self.lex)

    def extract(self, text: str | bytes, source_id: str = "text", encoding: str | None = None,
                reference_date: dt.date | str | None = None) -> M.Document:
        """Every article of ``text``; bytes are decoded as the CLI reads files, and the encoding is
        recorded in ``Document.encoding``. See :func:`extract_checked` for the one-exception contract."""
        text, decoded_as = as_text(text)
        encoding = encoding or decoded_as
        text = no_surrogates(text)
        norm = normalise(text, self.segmenter)
        ref = as_date(reference_date) or self.reference_date or page_date(norm.text)
        doc = M.Document(source_id=source_id, encoding=encoding,
                         reference_date=ref.isoformat() if ref else None)
        log.debug("document %s (%d characters)", source_id, len(text))
        for i, art in enumerate(segment(norm.text, self.lex)):
            doc.articles.append(self._article(norm, art, source_id, i, ref))
        for a in doc.articles:
            a.encoding, a.reference_date = doc.encoding, doc.reference_date
        return doc

    def _article(self, norm: Normalised, art: ArticleLayout, source_id: str, index: int,
                 ref: dt.date | None) -> M.Article:
        written = norm.text[art.start:art.end]
        text = self.simplifier.shadow(written)     # traditional characters read as simplified
        base = art.start
        dates = find_dates(text, base, ref)
        tokens = Tokens.from_tagged(self.segmenter.tag(text))
        honours = self.honours.find(text, base, tokens)
        orgs = self.orgs.find(text, base, tokens, art, honours)
        orgs += outlet_orgs(art, orgs)            # 来源:某报, 新华社…电: outlets outside running text
        # numbers inside dates and organisation names (重型二分厂, 313地质队) are not figures
        blocked = [(d.start - base, d.end - base) for d in dates]
        blocked += [(m.start - base, m.end - base) for o in orgs for m in o.mentions]
        figures = self.figures.find(text, base, blocked)
        persons = self.persons.find(text, base, tokens, art, orgs)
        persons, orgs, honours = stoplists.apply(self.lex, persons, orgs, honours)
        link(text, base, persons, orgs, honours, self.holders, tokens)
        self.simplifier.restore(written, text, base, persons, orgs, honours, figures)
        return self._records(norm, art, source_id, index, persons, orgs, honours, figures, dates)

    def _records(self, norm, art, source_id, index, persons, orgs, honours, figures, dates) -> M.Article:
        span = norm.span

        def mentions(ms):
            out = []
            for m in ms:
                a, b = span(m.start, m.end)
                # the text as written (full-width forms kept), whitespace of wraps removed
                out.append(M.Mention(text="".join(norm.original[a:b].split()), start=a, end=b))
            return out

        pid = [f"{source_id}#{index}/p{i}" for i in range(len(persons))]
        oid = [f"{source_id}#{index}/o{i}" for i in range(len(orgs))]
        hid = [f"{source_id}#{index}/h{i}" for i in range(len(honours))]
        byline = M.Byline(source=art.source, reporters=[], correspondents=[], photographers=[],
                                          editors=[], authors=[], interns=[])
        seen: set[tuple[str, str]] = set()      # a set: a list look-up per credit was quadratic
        for c in art.credits:
            if (c.field, c.name) not in seen:
                seen.add((c.field, c.name))
                getattr(byline, c.field).append(c.name)
        a_start, a_end = span(art.start, art.end) if art.end > art.start else (span(art.start, art.start + 1)[0],) * 2
        out = M.Article(
            source_id=source_id, article_index=index, span=M.Span(start=a_start, end=a_end),
            kicker=art.kicker, title=art.title, subtitle=art.subtitle, column=art.column, byline=byline,
            text=norm.text[art.body_start:art.end].strip(),
            persons=[], organizations=[], honors=[], figures=[], dates=[],
        )
        for i, p in enumerate(persons):
            out.persons.append(M.Person(id=pid[i], name=p.name, mentions=mentions(p.mentions),
                                        roles=[M.Role(title=t, organization=o) for t, o in p.roles],
                                        honors=[hid[h] for h in p.honors], why=p.why if self.explain else None))
        for i, o in enumerate(orgs):
            out.organizations.append(M.Organization(
                id=oid[i], name=o.name, type=o.type, mentions=mentions(o.mentions),
                parent=oid[o.parent] if o.parent is not None else None, honors=[hid[h] for h in o.honors]))
        for i, h in enumerate(honours):
            holder = None
            if h.holder:
                kind, j = h.holder
                ent = persons[j] if kind == "person" else orgs[j]
                holder = M.HolderRef(type=kind, id=(pid if kind == "person" else oid)[j], name=ent.name)
            out.honors.append(M.Honor(id=hid[i], name=h.name, canonical=h.canonical, level=h.level,
                                      region=h.region, holder=holder, mentions=mentions([h.mention]),
                                      why=f"{h.why}; holder: {h.holder_why}"))
        for f in figures:
            a, b = span(f.start, f.end)
            out.figures.append(M.Figure(text=f.text, value=f.value, unit=f.unit, kind=f.kind,
                                        approximate=f.approximate, currency=f.currency,
                                        context=f.context, start=a, end=b))
        for d in dates:
            a, b = span(d.start, d.end)
            out.dates.append(M.Date(text=d.text, value=d.value, relative=d.relative, start=a, end=b))
        return out
