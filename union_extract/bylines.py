"""Read bylines: who wrote, reported, photographed and edited an article.

Forms handled: ``本报讯 记者王建华 通讯员李晓燕、赵六报道``, ``本报讯(记者 孙晓明 实习生 周小红)``,
``中工网讯 (记者 王 五)``, ``工人日报-中工网记者陈小东``, ``通讯员刘建国、李四摄影报道``,
trailing ``(张三)`` / ``(国强 志明)`` / ``(孙晓燕周九)``, ``编辑:吴晓丽`` and ``■作者``.
All positions are in normalised text.
"""
from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass, field

import regex

ROLE_FIELD = {
    "记者": "reporters", "全媒体记者": "reporters", "见习记者": "reporters", "特约记者": "reporters",
    "首席记者": "reporters", "融媒体记者": "reporters", "实习记者": "reporters",
    "通讯员": "correspondents", "实习生": "interns", "摄影": "photographers", "摄影记者": "photographers",
    "编辑": "editors", "责任编辑": "editors", "责编": "editors", "作者": "authors",
    "文/图": "authors", "图/文": "authors", "文图": "authors",
}
_ROLE_ALT = "|".join(sorted(ROLE_FIELD, key=len, reverse=True))
ROLE = regex.compile(rf"(?:{_ROLE_ALT})")
SOURCE = regex.compile(
    r"本报讯|本报(?=(?:全媒体|见习|特约|首席|融媒体)?记者|通讯员)|"
    r"新华社\p{Han}{0,8}\d{0,2}月?\d{0,2}日?电|"
    r"(?=[\p{Han}\-—]{3,30}?\s*(?:记者|通讯员|全媒体记|见习记|特约记|首席记|融媒体记))"
    r"(?:\p{Han}{2,8}?(?:网|报|日报|社|台|新闻|客户端)[-—]?){1,3}(?=\s*(?:全媒体|见习|特约|首席|融媒体)?记者|\s*通讯员)|"
    r"\p{Han}{1,10}?讯(?=[\s(（【]|记者|通讯员|$)"
)
# An outlet's dateline with its date (中工网3月8日讯, 人民网贵阳12月28日 (张三)), read before SOURCE
DATED_SOURCE = regex.compile(
    r"(?:新华社|\p{Han}{1,10}?(?:网|报|社|台|新闻|客户端))\p{Han}{0,6}?\d{1,2}月\d{1,2}日(?:电|讯|(?=\s*[(（]))")


def match_source(s: str, pos: int = 0):
    """A dateline or outlet opening at ``pos``: a dated one (中工网3月8日讯) or any SOURCE form."""
    return DATED_SOURCE.match(s, pos) or SOURCE.match(s, pos)


_END_MARK = regex.compile(r"摄影报道|报道|摄影|摄(?!\p{Han})")
_NAME = regex.compile(
    rf"[\p{{Han}}][\p{{Han}}·]{{0,6}}?(?=摄影报道|报道|摄影|摄(?!\p{{Han}})|[、,，\s)）/]|{_ROLE_ALT}|$)"
)
NAME_LIST = regex.compile(r"[\p{Han}·]{2,}")


@dataclass
class Credit:
    field: str
    role: str
    name: str
    start: int
    end: int


@dataclass
class BylineRead:
    source: str | None = None
    source_span: tuple[int, int] | None = None
    credits: list[Credit] = field(default_factory=list)
    end: int = 0          # where the byline stops (body text follows)


def _read_names(s: str, pos: int, paren: bool) -> tuple[list[tuple[str, int, int]], int]:
    names: list[tuple[str, int, int]] = []
    while pos < len(s):
        sp = pos
        while sp < len(s) and s[sp] in " \t":
            sp += 1
        if names and sp > pos and not paren:
            # outside brackets a space ends the names unless it splits a one-char name (王 五)
            last = names[-1]
            if not (len(last[0]) == 1 and sp - pos == 1):
                if not _NAME.match(s, sp) or ROLE.match(s, sp):
                    break
                nxt = _NAME.match(s, sp)
                if len(nxt.group()) > 1:
                    break
        if ROLE.match(s, sp):
            break
        m = _NAME.match(s, sp)
        if not m:
            break
        if names and len(names[-1][0]) == 1 and sp - names[-1][2] <= 1 and s[names[-1][2]:sp].strip() == "":
            prev = names.pop()
            names.append((prev[0] + m.group(), prev[1], m.end()))
        else:
            names.append((m.group(), m.start(), m.end()))
        pos = m.end()
        if pos < len(s) and s[pos] in "、,，":
            pos += 1
            continue
        if pos < len(s) and s[pos] in " \t":
            continue
        break
    return [n for n in names if len(n[0]) >= 2], pos


def read_byline(s: str, pos: int = 0, surnames: frozenset[str] | None = None,
                places: Container[str] = (), compound: frozenset[str] = frozenset()) -> BylineRead | None:
    """Read a byline starting at ``pos`` (a paragraph start); None if there is none.

    Without a source (本报讯 ...) a role word may open an ordinary sentence (记者看到...), so
    there every name must then start with a known surname when ``surnames`` is given. A place
    in ``places`` closing a name right before 报道 is the dateline's (记者张三长沙报道); names
    run together are split on ``surnames``, never inside a ``compound`` one (欧阳)."""
    out = BylineRead()
    p = pos
    m = match_source(s, p)
    if m:
        out.source, out.source_span = m.group(), m.span()
        p = m.end()
    while p < len(s) and s[p] in " \t":
        p += 1
    paren = p < len(s) and s[p] in "(（"
    q = p + 1 if paren else p
    if paren and out.source is None:
        m = SOURCE.match(s, q)           # (工人日报记者 孙八): the outlet inside the brackets
        if m:
            out.source, out.source_span = m.group(), m.span()
            q = m.end()
    found = False
    while True:
        while q < len(s) and s[q] in " \t":
            q += 1
        r = ROLE.match(s, q)
        if not r:
            break
        role = r.group()
        names, q2 = _read_names(s, r.end(), paren)
        if not names:
            break
        fieldname = ROLE_FIELD[role]
        mark = _END_MARK.match(s, q2)
        before_place = mark is not None and mark.group() == "报道"    # 记者张三长沙报道
        if before_place:
            names = [_drop_place(n, a, b, places, surnames) for n, a, b in names]
        if surnames is not None and (places or not before_place):
            # (记者贾五陈六): two names run together, split on surnames (before 报道 only once a
            # place could be taken off); not a name spaced inside (王 五)
            names = [split for n, a, b in names for split in (
                [(part, a + off, a + off + len(part)) for part, off in split_run_together(n, surnames, compound)]
                if b - a == len(n) else [(n, a, b)])]
        for n, a, b in names:
            out.credits.append(Credit(fieldname, role, n, a, b))
            if ("图" in role or (mark and mark.group().startswith("摄"))) and fieldname != "photographers":
                out.credits.append(Credit("photographers", "摄影", n, a, b))
        q = mark.end() if mark else q2
        found = True
    if not found and paren and (out.source or surnames is not None):
        # 新华社北京5月1日电(张三), (李四)在…: bare names in brackets are the reporters
        names, q2 = _read_names(s, q, True)
        if names and q2 < len(s) and s[q2] in ")）" and (out.source or surnames is not None and all(
                n[0] in surnames for n, _, _ in names)):
            out.credits.extend(Credit("reporters", "记者", n, a, b) for n, a, b in names)
            q, found = q2, True
    if not found:
        if out.source:
            out.end = p
            return out
        return None
    if out.source is None and surnames is not None and any(c.name[0] not in surnames for c in out.credits):
        return None
    while q < len(s) and s[q] in " \t":
        q += 1
    if paren and q < len(s) and s[q] in ")）":
        q += 1
    out.end = q
    return out


def _drop_place(name: str, a: int, b: int, places: Container[str], surnames) -> tuple[str, int, int]:
    """张三长沙 before 报道 -> 张三: a place of 2-4 characters closing a run of 4+ characters,
    when what is left is a name of 2-3 characters (starting with a surname, if known)."""
    if b - a != len(name) or len(name) < 4:
        return name, a, b
    for n in (4, 3, 2):
        head = name[:-n]
        if name[-n:] in places and 2 <= len(head) <= 3 and (surnames is None or head[0] in surnames):
            return head, a, a + len(head)
    return name, a, b


def split_run_together(token: str, surnames: frozenset[str], compound: frozenset[str]) -> list[tuple[str, int]]:
    """孙晓燕周九 -> [(孙晓燕, 0), (周九, 3)] when every part starts with a known surname."""
    n = len(token)
    if n <= 3 or (n == 4 and token[:2] in compound):
        return [(token, 0)]
    for first in (3, 2):
        rest = n - first
        if 2 <= rest <= 3 and token[0] in surnames and token[first] in surnames:
            return [(token[:first], 0), (token[first:], first)]
    return [(token, 0)]


def read_trailer_names(s: str, start: int, end: int, surnames, compound) -> list[tuple[str, int, int]]:
    """Names inside a trailing bracket ``(国强 志明)``: space, 、 or surname separated."""
    out = []
    for m in NAME_LIST.finditer(s, start, end):
        tok = m.group()
        if len(tok) > 8:
            return []
        for part, off in split_run_together(tok, surnames, compound):
            out.append((part, m.start() + off, m.start() + off + len(part)))
    return out


_TOKEN = regex.compile(r"\p{Han}[\p{Han}·]*")
_OUTLET = regex.compile(r"[《“]?(?P<name>\p{Han}[\p{Han}·•\-—]{1,20}?)[》”]?(?=$|[\s|｜,，;；(（]|--)")
_OUTLET_SEP = regex.compile(r"[^•·]+")


def label_names(s: str, start: int, end: int, surnames: frozenset[str]) -> list[tuple[str, int, int]]:
    """Names after a credit label (编辑:张三 李四, 作者:王 五): 2-4 characters each, the first a
    known surname; a name split by one space (王 五) is one name. Stops at the first non-name."""
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(s, start, end)]
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(toks):
        t, a, b = toks[i]
        if len(t) == 1 and i + 1 < len(toks) and len(toks[i + 1][0]) <= 2 and toks[i + 1][1] - b == 1:
            t, b = t + toks[i + 1][0], toks[i + 1][2]
            i += 1
        if not (2 <= len(t) <= 4 and t[0] in surnames) or (out and a - out[-1][2] > 3):
            break
        out.append((t, a, b))
        i += 1
    return out


def read_labelled(s: str, start: int, end: int, label_re, fields: dict[str, str],
                  surnames: frozenset[str]) -> tuple[list[Credit], list[tuple[str, int, int]]]:
    """Credits and outlets after labels in one line: ``来源:某报 责编:张三``, ``初审:李四``,
    ``2014-12-23 作者:王 五 来源:劳动午报``. Returns (credits, outlets as (name, start, end))."""
    marks = list(label_re.finditer(s, start, end))
    credits: list[Credit] = []
    outlets: list[tuple[str, int, int]] = []
    for i, m in enumerate(marks):
        stop = marks[i + 1].start() if i + 1 < len(marks) else end
        label = m.group("label")
        field_ = fields.get(label)
        if field_ == "source":
            o = _OUTLET.match(s, m.end(), stop)
            for part in _OUTLET_SEP.finditer(s, *o.span("name")) if o else ():
                if len(part.group()) >= 2:        # 羊城晚报•羊城派: two outlets
                    outlets.append((part.group(), part.start(), part.end()))
        elif field_:
            for n, a, b in label_names(s, m.end(), stop, surnames):
                credits.append(Credit(field_, label, n, a, b))
    return credits, outlets
