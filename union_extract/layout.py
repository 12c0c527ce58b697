"""Segment normalised text into articles: header lines (kicker, title, subtitle, column,
author), byline, body and trailers.

A page dump is a run of articles. Every line is classified (headline-like, dateline, byline, web
information, caption, trailer, body); a run of headline-like lines between body text opens a new
article when the evidence around it (see :mod:`boundaries`) adds up: a dateline or byline below,
a column or author line, a closed previous article, a complete previous paragraph, a news lead
below. A short line that only finishes a wrapped sentence, a caption or a numbered sub-head does
not, so a single article in gives one article out.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from . import boundaries
from .bylines import Credit, BylineRead, ROLE, match_source, read_byline, read_labelled, read_trailer_names
from .cues import (AUTHOR_LINE, CAPTION, EDITOR_LINE, LABEL, LABEL_FIELD, META_LINE, NUMBERED, PHOTO_CREDIT,
                   PHOTO_END, PHOTO_WORDS, TRAILER, TRAILER_LABEL, WEB_META)
from .entities import RawMention, RawOrg
from .lexicon import Lexicons

log = logging.getLogger("union_extract.layout")

_PIECE = regex.compile(r"[^\n]+")
_WIDE_GAP = regex.compile(r"\s{3,}")
_HEAD_BAD = regex.compile(r"[。；;]|[:：，,、]$")    # a web headline may hold or end with ! or ?   # a web headline may hold a ! inside (名单来了!…)
_COMMAS = regex.compile(r"[，,、]")
_INLINE_TRAILER = regex.compile(r"(?<=[。！？!?”」])\s*[(（](?P<names>[\p{Han}·\s、/-]{2,24})[)）]\s*$")
_SUBTITLE = regex.compile(r"^(?:——|──|--|—)")
_QUOTES_SPACE = regex.compile(r"[“”\"'‘’「」\s]")
_COMMA = regex.compile(r"[，,]")
_DATE_ONLY = regex.compile(r"^[\d〇零OΟ○一二三四五六七八九十]{2,4}年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日$")
_NAMES_LINE = regex.compile(r"^\p{Han}{2,4}(?:[ 、]+\p{Han}{2,4})+$")
# the outlet at the head of a dateline or source: 新华社…电, 长春日报讯, 人民网贵阳…, 工人日报-中工网
_OUTLET_HEAD = regex.compile(r"(?!本报)\p{Han}{1,10}?(?:日报|晚报|网|报|社|台|新闻|客户端|公众号)")
_CREDIT_OUTLET = regex.compile(r"\p{Han}{2,12}(?=\s)")
_LABEL_SEP = regex.compile(r"[:：|｜]")
_NOTE = regex.compile(r"^[(（][^()（）]{4,60}[)）]$")     # (更多新闻资讯,请关注…): an editor's note
_WRITER = regex.compile(r"^(?:文\s*/\s*|[□■◆◇●○▲△★☆▶►]+\s*(?=\p{Han}))")   # 文/…, □本报记者…
_HAN_RUN = regex.compile(r"\p{Han}+")
_NAME_SEP = regex.compile(r"[ 、]+")
_SOURCE_PART = regex.compile(r"[^-—•·]+")     # 人民网-贵州频道: the parts of a source


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
    source_spans: list[tuple[str, int, int]] = field(default_factory=list)   # datelines as written
    outlets: list[tuple[str, int, int]] = field(default_factory=list)        # 来源:某报, 某公众号 图
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
            body = part.strip()
            if body:
                s = i + len(part) - len(part.lstrip())
                lines.append(Line(s, s + len(body), body, blank))
                blank = False
            pos = i + len(part)
    return lines


@lru_cache(maxsize=16)
def _column_bound(exact: frozenset[str]) -> int:
    """The longest a column label can be once quotes and spaces are gone."""
    return max(8, max(map(len, exact), default=0))


def is_column(text: str, lex: Lexicons) -> bool:
    bound = _column_bound(lex.columns_exact)
    if len(text) > 2 * bound and len(_QUOTES_SPACE.sub("", text[:2 * bound])) > bound:
        return False         # a paragraph: its head alone is already too long for a label
    plain = _QUOTES_SPACE.sub("", text)
    if plain in lex.columns_exact:
        return True
    return len(plain) <= 8 and plain.endswith(lex.columns_suffix) and not _COMMA.search(text)


def _read_byline(text: str, pos: int, lex: Lexicons) -> BylineRead | None:
    """:func:`bylines.read_byline` with this lexicon set's surnames and places."""
    return read_byline(text, pos, lex.surnames, lex.regions, lex.compound_surnames)


def _byline_at(t: str) -> int:
    """Where a byline starts after a leading 文/ (文/羊城晚报记者 张三) or a layout bullet
    (□本报记者张三); 0 if there is none."""
    m = _WRITER.match(t)
    return m.end() if m and not ROLE.match(t) else 0


def _names_line(t: str, lex: Lexicons) -> bool:
    """张三 李四: a line of personal names only (the authors under a headline)."""
    return bool(_NAMES_LINE.match(t)) and all(
        n[0] in lex.surnames or n[:2] in lex.compound_surnames for n in _NAME_SEP.split(t))


def classify(line: Line, lex: Lexicons) -> str:
    t = line.text
    if AUTHOR_LINE.match(t) and len(t) <= 30:
        b = _read_byline(t, _byline_at(t), lex)     # ■本报记者 张三: a byline, not an author
        return "byline" if b and b.credits else "author"
    if EDITOR_LINE.match(t):
        return "editor"
    if len(t) <= 30 and PHOTO_CREDIT.search(t) and not _HEAD_BAD.search(t):    # short lines only: no scan of a paragraph
        return "credit"
    if TRAILER.match(t):
        return "trailer"
    if TRAILER_LABEL.match(t) or _NOTE.match(t):
        return "trailer"
    if "年" in t and _DATE_ONLY.match(t.replace(" ", "")):
        return "date"
    if META_LINE.match(t) or WEB_META.match(t):
        return "meta"
    if _byline_at(t):
        b = _read_byline(t, _byline_at(t), lex)
        if b and b.credits:
            return "byline"
    src = match_source(t)
    if src or ROLE.match(t):
        b = _read_byline(t, 0, lex)
        if b and b.credits:
            return "byline" if b.end >= len(t) - 1 else "dateline"
        if b and b.source and src.group().endswith(("讯", "电")):
            return "dateline"
    if is_column(t, lex):
        return "column"
    visible = len(t) - t.count(" ")
    if NUMBERED.match(t) and visible > 8:
        return "body"                           # 2、某某名单: a list item, not a sub-head
    if visible <= 30 and CAPTION.search(t):
        return "caption"
    if _names_line(t, lex):
        return "author"
    if visible <= 40 and not _HEAD_BAD.search(t) and len(_COMMAS.findall(t)) <= 1 and not t.startswith("▲"):
        return "head"
    return "body"


def _assign_header(art: ArticleLayout, lex: Lexicons, lead: str = "") -> None:
    elements: list[tuple[str, bool]] = []        # (text, a line of it has inner spaces)
    seen: set[str] = set()
    for group in art.header:
        kinds = {ln.kind for ln in group}
        text = " ".join(ln.text for ln in group)
        if "column" in kinds:
            art.column = text
        elif "author" in kinds:
            for ln in group:
                m = AUTHOR_LINE.match(ln.text)
                if m:
                    name = m.group("name").strip()
                    start = ln.start + ln.text.index(name)
                    art.credits.append(Credit("authors", "作者", name, start, start + len(name)))
                else:                       # 张三 李四
                    for n in _HAN_RUN.finditer(ln.text):
                        art.credits.append(Credit("authors", "作者", n.group(), ln.start + n.start(), ln.start + n.end()))
        elif kinds & {"meta", "credit"}:
            for ln in group:
                _labelled(art, ln, lex)
                if ln.kind == "credit":
                    _photo_credit(art, ln, lex)
            continue
        elif text not in seen:                 # a headline printed twice counts once
            seen.add(text)
            elements.append((text, any(" " in ln.text for ln in group)))
    if not elements:
        return
    subs = [e for e, _ in elements if _SUBTITLE.match(e)]
    rest = [(e, sp) for e, sp in elements if not _SUBTITLE.match(e)]
    if rest:
        # the title is the longest element the lead paragraph restates (a sentence fragment left
        # over above the headline is not restated); kickers and subtitles are often phrases set
        # apart by spaces (程序更规范 内容更完整), so an element without inner spaces is preferred
        told = [True]
        if len(rest) > 1:
            lead_pairs = boundaries.bigrams(lead[:200])
            told = [boundaries.restated(e, lead_pairs) for e, _ in rest]
        if not any(told):
            told = [True] * len(rest)
        ti = max(range(len(rest)), key=lambda i: (told[i], not rest[i][1], len(rest[i][0].replace(" ", ""))))
        rest = [e for e, _ in rest]
        art.title = rest[ti]
        if ti:
            art.kicker = " ".join(rest[:ti])
        subs = rest[ti + 1:] + subs
    if subs:
        art.subtitle = " ".join(s.lstrip("—─- ") for s in subs)


def outlet_name(source: str) -> str | None:
    """The outlet a dateline names (新华社北京5月1日电 -> 新华社, 人民网贵阳12月28日讯 -> 人民网);
    None for 本报讯 and for a dateline that names no outlet."""
    m = _OUTLET_HEAD.match(source.split("-")[-1])
    return m.group() if m and len(m.group()) >= 3 else None


def outlet_orgs(art: ArticleLayout, found: list[RawOrg]) -> list[RawOrg]:
    """Outlets named in the article's datelines and 来源/photo-credit lines, as media organisations
    (the finders see only running text; an outlet they already found is not repeated)."""
    names = {o.name for o in found}
    taken = [(m.start, m.end) for o in found for m in o.mentions]
    spans = list(art.outlets)                   # named whole: 人民网-贵州频道, 工人日报客户端
    for source, start, _end in art.source_spans:  # a dateline: its head (新华社北京…电 -> 新华社)
        for part in _SOURCE_PART.finditer(source):
            m = _OUTLET_HEAD.match(part.group())
            if m and len(m.group()) >= 3:
                spans.append((m.group(), start + part.start(), start + part.start() + len(m.group())))
    out: list[RawOrg] = []
    for name, a, b in spans:
        if name in names or any(s < b and a < e for s, e in taken):
            continue
        names.add(name)
        taken.append((a, b))
        out.append(RawOrg(name, "media", [RawMention(name, a, b)]))
    return out


def _add_byline(art: ArticleLayout, b: BylineRead) -> None:
    if b.source and art.source is None:
        art.source = b.source
        art.source_spans.append((b.source, *b.source_span))
    art.credits.extend(b.credits)


def _labelled(art: ArticleLayout, line: Line, lex: Lexicons) -> None:
    """来源:某报 责编:张三 / 初审:李四 / 作者:王五: credits, and outlets kept as source spans."""
    if not _LABEL_SEP.search(line.text):
        return
    credits, outlets = read_labelled(line.text, 0, len(line.text), LABEL, LABEL_FIELD, lex.surnames)
    for c in credits:
        art.credits.append(Credit(c.field, c.role, c.name, line.start + c.start, line.start + c.end))
    for name, a, b in outlets:
        art.outlets.append((name, line.start + a, line.start + b))


def _photo_credit(art: ArticleLayout, line: Line, lex: Lexicons) -> None:
    """…合影留念。张三摄 / 人民网 张三摄 / 张三/摄 / 申工社 图: the photographer at a paragraph's end;
    a credit line that names no person names an outlet (某某公众号 图)."""
    if not line.text.rstrip(")）").endswith(PHOTO_WORDS):
        return
    m = PHOTO_END.search(line.text)
    found = False
    for n in _HAN_RUN.finditer(m.group("names")) if m else ():
        name = n.group()
        if 2 <= len(name) <= 4 and (name[0] in lex.surnames or name[:2] in lex.compound_surnames) \
                and name[-1] not in "网报社台":
            a = line.start + m.start("names") + n.start()
            art.credits.append(Credit("photographers", "摄影", name, a, a + len(name)))
            found = True
    if not found and line.kind == "credit":
        o = _CREDIT_OUTLET.match(line.text)
        if o:
            art.outlets.append((o.group(), line.start + o.start(), line.start + o.end()))


def _trailer(art: ArticleLayout, text: str, line: Line, lex: Lexicons) -> None:
    if TRAILER_LABEL.match(line.text) and not EDITOR_LINE.match(line.text):
        _labelled(art, line, lex)
        return
    if line.kind == "editor":
        m = EDITOR_LINE.match(line.text)
        field_, base = "editors", line.start + m.start("names")
        names = read_trailer_names(text, base, line.start + m.end("names"), lex.surnames, lex.compound_surnames)
    else:
        m = TRAILER.match(line.text) or _INLINE_TRAILER.search(line.text)
        if m is None:                       # (更多新闻资讯,请关注…): a note, no credits
            return
        open_at = line.start + m.start("names") - 1
        inner = text[open_at + 1:line.start + m.end("names")].lstrip()
        if ROLE.match(inner) or match_source(inner):
            # (记者 张三 通讯员 李四), (工人日报记者 孙八): a byline in brackets at the end
            b = _read_byline(text, open_at, lex)
            if b:
                _add_byline(art, b)
            return
        field_ = "authors"
        names = read_trailer_names(text, line.start + m.start("names"), line.start + m.end("names"),
                                   lex.surnames, lex.compound_surnames)
    role = m.group("role") if field_ == "editors" else "作者"
    for n, a, b in names:
        art.credits.append(Credit(field_, role, n, a, b))


_HEADER = ("head", "column", "author", "meta")
_TRANSPARENT = ("credit", "caption")     # part of a header run they stand in, body elsewhere
_CLOSING = ("trailer", "editor", "date")


def segment(text: str, lex: Lexicons) -> list[ArticleLayout]:
    lines = split_lines(text)
    for ln in lines:
        ln.kind = classify(ln, lex)
    articles: list[ArticleLayout] = []
    pending: list[list[Line]] = []
    debug = log.isEnabledFor(logging.DEBUG)

    def flush_pending_into(art: ArticleLayout) -> None:
        for group in pending:
            art.lines.extend(group)

    def start_article(first: Line | None) -> ArticleLayout:
        st = pending[0][0].start if pending else first.start
        art = ArticleLayout(start=st)
        art.header = list(pending)
        art.body_start = first.start if first else (pending[-1][-1].end if pending else st)
        _assign_header(art, lex, first.text if first else "")
        articles.append(art)
        return art

    for ln in lines:
        cur = articles[-1] if articles else None
        if ln.kind == "trailer" and pending and (META_LINE.match(ln.text) or TRAILER_LABEL.match(ln.text)):
            ln.kind = "meta"        # 来源:…, 责任编辑:… under a headline: header information, not a closing line
        if ln.kind in _HEADER or (ln.kind in _TRANSPARENT and pending):
            if pending and not ln.blank_before and ln.kind == "head" and pending[-1][-1].kind == "head" \
                    and not _SUBTITLE.match(ln.text):          # a ——subtitle line is its own element
                pending[-1].append(ln)
            else:
                pending.append([ln])
            continue
        if ln.kind in _CLOSING and cur is not None and not pending:
            cur.lines.append(ln)
            if ln.kind != "date":
                _trailer(cur, text, ln, lex)
            continue
        # a body-like line: body, dateline, byline, caption, or a closing line after headlines
        if cur is None:
            new = True
        elif pending:
            run = [l for g in pending for l in g]
            dec = boundaries.score(cur.lines[-1] if cur.lines else None, run, ln)
            new = dec.new_article
            if debug:
                log.debug("%s at %d: %s | score %d (needs %d): %s", "HEADLINE" if new else "no headline",
                          run[0].start, " / ".join(f"{l.text}[{l.kind}]" for l in run), dec.score,
                          boundaries.THRESHOLD, "; ".join(dec.reasons))
        else:
            new = False
        if new:
            cur = start_article(ln)
        else:
            flush_pending_into(cur)
        pending = []
        cur.lines.append(ln)
        if ln.kind in ("dateline", "byline") or (len(cur.lines) == 1 and (ROLE.match(ln.text) or ln.text[0] in "(（")):
            b = _read_byline(text, ln.start + _byline_at(ln.text), lex)   # offsets into the page
            if b:
                _add_byline(cur, b)
        elif ln.kind in ("trailer", "editor"):
            _trailer(cur, text, ln, lex)
        elif ("）" in ln.text or ")" in ln.text) and _INLINE_TRAILER.search(ln.text):   # no scan without a bracket
            _trailer(cur, text, ln, lex)
        if ln.kind in ("body", "caption", "credit"):
            _photo_credit(cur, ln, lex)
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
        if art.source is None and art.outlets:      # 来源:某报 and no dateline: the outlet
            art.source = art.outlets[0][0]
    if debug:
        for art in articles:
            log.debug("article at %d-%d: kicker=%r title=%r subtitle=%r column=%r", art.start, art.end,
                      art.kicker, art.title, art.subtitle, art.column)
    return articles
