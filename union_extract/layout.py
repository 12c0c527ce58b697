"""Segment normalised text into articles: header lines (kicker, title, subtitle, column,
author), byline, body and trailers.

A page dump is a run of articles. A new article starts where a group of headline-like lines
follows body text AND is itself followed by a dateline (本报讯, 中工网讯 ...), or carries an author
line (■...) or a column label. Any other short line inside an article is a sub-head of its body,
so a single article in gives one article out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .bylines import Credit, BylineRead, ROLE, SOURCE, read_byline, read_trailer_names
from .cues import AUTHOR_LINE, EDITOR_LINE, META_LINE, TRAILER
from .lexicon import Lexicons

_PIECE = regex.compile(r"[^\n]+")
_WIDE_GAP = regex.compile(r"\s{3,}")
_HEAD_BAD = regex.compile(r"[。！？!?；;]|[:：]$")
_COMMAS = regex.compile(r"[，,、]")
_INLINE_TRAILER = regex.compile(r"(?<=[。！？!?”」])\s*[(（](?P<names>[\p{Han}·\s、/-]{2,24})[)）]\s*$")
_SUBTITLE = regex.compile(r"^(?:——|──|--|—)")
_QUOTES_SPACE = regex.compile(r"[“”\"'‘’「」\s]")
_COMMA = regex.compile(r"[，,]")


@dataclass
class Line:
    start: int
    end: int
    text: str
    blank_before: bool
    kind: str = "body"


@dataclass
class ArticleLayout:
    start: int
    end: int = 0
    body_start: int = 0
    kicker: str | None = None
    title: str | None = None
    subtitle: str | None = None
    column: str | None = None
    source: str | None = None
    source_spans: list[tuple[str, int, int]] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    header: list[list[Line]] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    last_end = 0
    for m in _PIECE.finditer(text):
        blank = text.count("\n", last_end, m.start()) >= 2 or not lines
        last_end = m.end()
        pos = m.start()
        for part in _WIDE_GAP.split(m.group()):
            i = text.find(part, pos) if part else pos
            if part.strip():
                lead = len(part) - len(part.lstrip())
                s = i + lead
                lines.append(Line(s, s + len(part.strip()), part.strip(), blank))
                blank = False
            pos = i + len(part)
    return lines


def is_column(text: str, lex: Lexicons) -> bool:
    plain = _QUOTES_SPACE.sub("", text)
    if plain in lex.columns_exact:
        return True
    return len(plain) <= 8 and plain.endswith(lex.columns_suffix) and not _COMMA.search(text)


def classify(line: Line, lex: Lexicons) -> str:
    t = line.text
    if AUTHOR_LINE.match(t) and len(t) <= 30:
        return "author"
    if EDITOR_LINE.match(t):
        return "editor"
    if TRAILER.match(t):
        return "trailer"
    if META_LINE.match(t):
        return "meta"
    if SOURCE.match(t) or ROLE.match(t):
        b = read_byline(t, 0, lex.surnames)
        if b and b.credits:
            return "byline" if b.end >= len(t) - 1 else "dateline"
        if b and b.source and SOURCE.match(t).group().endswith(("讯", "电")):
            return "dateline"
    if is_column(t, lex):
        return "column"
    visible = len(t.replace(" ", ""))
    if visible <= 40 and not _HEAD_BAD.search(t) and len(_COMMAS.findall(t)) <= 1 and not t.startswith("▲"):
        return "head"
    return "body"


def _assign_header(art: ArticleLayout, lex: Lexicons) -> None:
    elements: list[str] = []
    for group in art.header:
        kinds = {ln.kind for ln in group}
        text = " ".join(ln.text for ln in group)
        if "column" in kinds:
            art.column = text
        elif "author" in kinds:
            name = AUTHOR_LINE.match(group[0].text).group("name").strip()
            start = group[0].start + group[0].text.index(name)
            art.credits.append(Credit("authors", "作者", name, start, start + len(name)))
        elif "meta" in kinds:
            continue
        else:
            elements.append(text)
    if not elements:
        return
    subs = [e for e in elements if _SUBTITLE.match(e)]
    rest = [e for e in elements if not _SUBTITLE.match(e)]
    if rest:
        ti = max(range(len(rest)), key=lambda i: len(rest[i].replace(" ", "")))
        art.title = rest[ti]
        if ti:
            art.kicker = " ".join(rest[:ti])
        subs = rest[ti + 1:] + subs
    if subs:
        art.subtitle = " ".join(s.lstrip("—─- ") for s in subs)


def _add_byline(art: ArticleLayout, b: BylineRead) -> None:
    if b.source and art.source is None:
        art.source = b.source
        art.source_spans.append((b.source, *b.source_span))
    art.credits.extend(b.credits)


def _trailer(art: ArticleLayout, text: str, line: Line, lex: Lexicons) -> None:
    if line.kind == "editor":
        m = EDITOR_LINE.match(line.text)
        field_, base = "editors", line.start + m.start("names")
        names = read_trailer_names(text, base, line.start + m.end("names"), lex.surnames, lex.compound_surnames)
    else:
        m = TRAILER.match(line.text) or _INLINE_TRAILER.search(line.text)
        open_at = line.start + m.start("names") - 1
        inner = text[open_at + 1:line.start + m.end("names")].lstrip()
        if ROLE.match(inner) or SOURCE.match(inner):
            # (记者 张三 通讯员 李四), (工人日报记者 孙八): a byline in brackets at the end
            b = read_byline(text, open_at, lex.surnames)
            if b:
                _add_byline(art, b)
            return
        field_ = "authors"
        names = read_trailer_names(text, line.start + m.start("names"), line.start + m.end("names"),
                                   lex.surnames, lex.compound_surnames)
    role = m.group("role") if field_ == "editors" else "作者"
    for n, a, b in names:
        art.credits.append(Credit(field_, role, n, a, b))


def segment(text: str, lex: Lexicons) -> list[ArticleLayout]:
    lines = split_lines(text)
    for ln in lines:
        ln.kind = classify(ln, lex)
    articles: list[ArticleLayout] = []
    pending: list[list[Line]] = []

    def flush_pending_into(art: ArticleLayout) -> None:
        for group in pending:
            art.lines.extend(group)

    def start_article(first: Line | None) -> ArticleLayout:
        st = pending[0][0].start if pending else first.start
        art = ArticleLayout(start=st)
        art.header = list(pending)
        art.body_start = first.start if first else (pending[-1][-1].end if pending else st)
        _assign_header(art, lex)
        articles.append(art)
        return art

    for ln in lines:
        cur = articles[-1] if articles else None
        if ln.kind in ("head", "column", "author", "meta"):
            if pending and not ln.blank_before and ln.kind == "head" and pending[-1][-1].kind == "head" \
                    and not _SUBTITLE.match(ln.text):          # a ——subtitle line is its own element
                pending[-1].append(ln)
            else:
                pending.append([ln])
            continue
        if ln.kind in ("trailer", "editor") and cur is not None and not pending:
            cur.lines.append(ln)
            _trailer(cur, text, ln, lex)
            continue
        # a body-like line: body, dateline, byline, or a trailer after headlines
        new = cur is None or (pending and (
            ln.kind in ("dateline", "byline")
            or any(l.kind in ("author", "column") for g in pending for l in g)))
        if new:
            cur = start_article(ln)
        else:
            flush_pending_into(cur)
        pending = []
        cur.lines.append(ln)
        if ln.kind in ("dateline", "byline") or (len(cur.lines) == 1 and ROLE.match(ln.text)):
            b = read_byline(text, ln.start, lex.surnames)     # offsets straight into the page
            if b:
                _add_byline(cur, b)
        elif ln.kind in ("trailer", "editor"):
            _trailer(cur, text, ln, lex)
        elif _INLINE_TRAILER.search(ln.text):
            _trailer(cur, text, ln, lex)
    if pending:
        if articles:
            flush_pending_into(articles[-1])
        else:
            start_article(None)
            articles[-1].body_start = articles[-1].end = pending[-1][-1].end
    for art in articles:
        ends = [ln.end for ln in art.lines] + [g[-1].end for g in art.header]
        art.end = max(ends) if ends else art.start
        if not art.lines:
            art.body_start = art.end
    return articles
