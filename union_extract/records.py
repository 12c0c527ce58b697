"""Output records as plain dicts: the one builder of the record shape on the hot path.

The pydantic models in :mod:`union_extract.models` stay the public contract and the JSON Schema
source; this module builds the same shape (same keys, same order, floats as floats) without ~47
model inits per article, and :func:`dumps` writes it with orjson. ``tests/test_records.py``
proves ``dumps(d) == Article.model_validate(d).model_dump_json()`` byte for byte on the gold
texts and on hostile input; :meth:`Extractor.extract` validates these dicts into models for
library users, so both paths share this code. Nothing here imports pydantic.
"""
from __future__ import annotations

from dataclasses import dataclass

import orjson

from .normalise import unify_width

BYLINE_FIELDS = ("reporters", "correspondents", "photographers", "editors", "authors", "interns")


@dataclass
class ErrorRecord:
    """A document that could not be converted, on the batch path: the fields and order of
    :class:`union_extract.models.ErrorRecord` (the contract; tests/test_records.py checks they
    agree) without importing pydantic at start-up."""
    source_id: str
    kind: str
    reason: str
    line: int | None = None

    def model_dump(self) -> dict:
        return {"source_id": self.source_id, "line": self.line, "kind": self.kind, "reason": self.reason}


def dumps(record: dict) -> bytes:
    """One JSON line's bytes (no newline), as ``model_dump_json()`` would write them. Raises
    ``orjson.JSONEncodeError`` on what orjson cannot write (integers past 64 bits or lone
    surrogates in passed-through ``meta``): callers fall back to the models then."""
    return orjson.dumps(record)


def as_written(original: str, a: int, b: int) -> str:
    """``original[a:b]`` as written (full-width forms kept) without the whitespace of wraps."""
    return "".join(original[a:b].split())


def article(norm, art, source_id: str, index: int, persons, orgs, honours, figures, dates,
            why: bool = False, explain: bool = False) -> dict:
    """The record of one article (see README, "Output contract"); offsets into ``norm.original``.
    ``why`` adds each honour's ``why`` (the cue and grammar rule) and, with ``explain``, each
    person's evidence, as the last key of their records (what ``convert --debug`` writes)."""
    span = norm.span
    original = norm.original

    def mentions(ms):
        out = []
        for m in ms:
            a, b = span(m.start, m.end)
            out.append({"text": as_written(original, a, b), "start": a, "end": b})
        return out

    prefix = f"{source_id}#{index}/"
    pid = [f"{prefix}p{i}" for i in range(len(persons))]
    oid = [f"{prefix}o{i}" for i in range(len(orgs))]
    hid = [f"{prefix}h{i}" for i in range(len(honours))]
    byline = {"source": art.source}
    lists: dict[str, list] = {f: [] for f in BYLINE_FIELDS}
    seen: dict[str, set] = {f: set() for f in BYLINE_FIELDS}
    for c in art.credits:
        names = seen[c.field]
        if c.name not in names:            # a set, not list membership: long bylines stay linear
            names.add(c.name)
            lists[c.field].append(c.name)
    byline.update(lists)
    if art.end > art.start:
        a_start, a_end = span(art.start, art.end)
    else:
        a_start = a_end = span(art.start, art.start + 1)[0]
    holders = {"person": (persons, pid), "organization": (orgs, oid)}
    person_recs = []
    for i, p in enumerate(persons):
        rec = {"id": pid[i], "name": p.name, "mentions": mentions(p.mentions),
               "roles": [{"title": t, "organization": o} for t, o in p.roles],
               "honors": [hid[h] for h in p.honors]}
        if why and explain and p.why is not None:
            rec["why"] = list(p.why)
        person_recs.append(rec)
    honour_recs = []
    for i, h in enumerate(honours):
        rec = {"id": hid[i], "name": h.name, "canonical": h.canonical, "level": h.level, "region": h.region,
               "holder": _holder(h, holders), "mentions": mentions([h.mention])}
        if why:
            rec["why"] = f"{h.why}; holder: {h.holder_why}"
        honour_recs.append(rec)
    return {
        "source_id": source_id,
        "article_index": index,
        "span": {"start": a_start, "end": a_end},
        "kicker": art.kicker,
        "title": art.title,
        "subtitle": art.subtitle,
        "column": art.column,
        "byline": byline,
        "text": norm.text[art.body_start:art.end].strip(),
        "persons": person_recs,
        "organizations": [
            {"id": oid[i], "name": o.name, "type": o.type, "mentions": mentions(o.mentions),
             "parent": oid[o.parent] if o.parent is not None else None,
             "honors": [hid[h] for h in o.honors]}
            for i, o in enumerate(orgs)],
        "honors": honour_recs,
        "figures": [_figure(norm, f) for f in figures],
        "dates": [_date(norm, d) for d in dates],
        "encoding": None,
        "reference_date": None,
        "meta": None,
    }


def _holder(h, holders) -> dict | None:
    if not h.holder:
        return None
    kind, j = h.holder
    ents, ids = holders[kind]
    return {"type": kind, "id": ids[j], "name": ents[j].name}


def _figure(norm, f) -> dict:
    a, b = norm.span(f.start, f.end)
    return {"text": read_as(norm, f.text, a, b), "value": float(f.value), "unit": f.unit, "kind": f.kind,
            "approximate": f.approximate, "currency": f.currency, "context": f.context, "start": a, "end": b}


def _date(norm, d) -> dict:
    a, b = norm.span(d.start, d.end)
    return {"text": read_as(norm, d.text, a, b), "value": d.value, "relative": d.relative, "start": a, "end": b}


def read_as(norm, text: str, a: int, b: int) -> str:
    """A figure or date as read (full-width digits unified), with the zero-width or control
    characters that sit inside it in the input kept, so ``input[start:end]`` equals it once
    whitespace is removed, under NFKC (issue 17 item 11: ``3\\u200b支``). Lone surrogates were
    replaced with U+FFFD at input (reading.no_surrogates), so none reach the text."""
    if b - a == len(text):
        return text
    return unify_width(as_written(norm.original, a, b))
