"""Link within an article: who holds each honour, and short/long forms of one organisation.

Holders are read from three shapes: stacked titles before a name (全国五一劳动奖章获得者、
省劳动模范舒幼民), a conferring verb after the subject (A、B、C被授予…, X等9家单位荣获…), and
授予 + object (授予X等50个集体“…”; later clauses after ； share the verb).
"""
from __future__ import annotations

import bisect

import regex

from .entities import RawHonor, RawOrg, RawPerson

_VERB = regex.compile(r"(?:被授予|被评为|被命名为|被表彰为|荣获|获评|获得|获|评为|当选|入选|荣膺|享受)")
_GIVE = regex.compile(r"授予|命名|表彰")
_SENT_END = regex.compile(r"[。！？!?\n]")
_CLAUSE_END = regex.compile(r"[。！？!?；;\n]")
_HOLDER_TAIL = regex.compile(r"(?:称号获得者|获得者|称号)?")
_ANY_PUNCT = regex.compile(r"[，,。；;！？!?]")
_COMMA_COLON = regex.compile(r"[，,：:]")
_EDITION = regex.compile(r"^第[\d一二三四五六七八九十]+届")
_LEAD = regex.compile(r"[\s▲■●◆★]*")
# a subject is looked for at most this far back: keeps linking linear on text without full stops
MAX_SENTENCE = 400


class _Index:
    """Entity mentions sorted by start, for range look-ups in O(log n)."""

    def __init__(self, mentions):
        self.items = sorted(mentions)
        self.starts = [m[0] for m in self.items]
        self.by_start = {m[0]: m[2] for m in self.items}

    def within(self, lo: int, hi: int):
        i = bisect.bisect_left(self.starts, lo)
        j = bisect.bisect_left(self.starts, hi)
        return [m for m in self.items[i:j] if m[1] <= hi]


def _last_end(rx, text: str, lo: int, hi: int, default: int) -> int:
    last = default
    for m in rx.finditer(text, lo, hi):
        last = m.end()
    return last


def _local(m, base):
    return m.start - base, m.end - base


def link(text: str, base: int, persons: list[RawPerson], orgs: list[RawOrg], honours: list[RawHonor]) -> None:
    _merge_short_forms(orgs)
    pmentions = _Index((m.start - base, m.end - base, i) for i, p in enumerate(persons) for m in p.mentions)
    omentions = _Index((m.start - base, m.end - base, i) for i, o in enumerate(orgs) for m in o.mentions)
    hs = sorted(range(len(honours)), key=lambda k: honours[k].mention.start)
    # 1. stacked before a name: honour[、honour]* name
    chain: list[int] = []
    for k in hs:
        h = honours[k]
        s, e = _local(h.mention, base)
        if chain and text[_local(honours[chain[-1]].mention, base)[1]:s].strip(" ") not in ("、", "获得者、", "称号、", ""):
            chain = []
        chain.append(k)
        hit = pmentions.by_start.get(_HOLDER_TAIL.match(text, e).end())   # past 获得者/称号
        if hit is not None:
            for c in chain:
                if honours[c].holder is None and honours[c].holder_kind != "collective":
                    honours[c].holder = ("person", hit)
            chain = []
    # 2. conferring verb right before the honour: subject earlier in the sentence
    prev_end_in_sentence = {}
    for k in hs:
        h = honours[k]
        if h.holder is not None:
            continue
        s, _ = _local(h.mention, base)
        window = text[max(0, s - 16):s]
        vm = None
        for vm in _VERB.finditer(window):
            pass
        floor = max(0, s - MAX_SENTENCE)
        sent_start = _last_end(_SENT_END, text, floor, s, floor)
        if vm is not None and not _ANY_PUNCT.search(window, vm.end()):
            vpos = s - len(window) + vm.start()
            lo = max(sent_start, prev_end_in_sentence.get(sent_start, sent_start))
            _assign(h, text, lo, vpos, pmentions, omentions, orgs)
            prev_end_in_sentence[sent_start] = s
            continue
        # 3. 授予 X 等N个集体“honour”, shared across ； clauses
        give = None
        for give in _GIVE.finditer(text, sent_start, s):
            pass
        if give is not None:
            clause_start = _last_end(_CLAUSE_END, text, give.end(), s, give.end())
            _assign(h, text, clause_start, s, pmentions, omentions)
    # a later holder-less mention of an honour already conferred on someone adds no record
    held = {_core_name(h.name) for h in honours if h.holder}
    honours[:] = [h for h in honours if h.holder or _core_name(h.name) not in held]
    for h in list(honours):
        for kind, i in h.more_holders:
            honours.append(RawHonor(h.name, h.canonical, h.level, h.region, h.mention, h.holder_kind, (kind, i)))
    for k, h in enumerate(honours):
        if h.holder:
            kind, i = h.holder
            (persons if kind == "person" else orgs)[i].honors.append(k)


def _core_name(name: str) -> str:
    """第四届“四川工匠” and 四川工匠 name the same honour."""
    return _EDITION.sub("", name).strip("“”\"")


def _assign(h: RawHonor, text: str, lo: int, hi: int, pmentions, omentions, orgs=None) -> None:
    ps = list(dict.fromkeys(i for _, _, i in pmentions.within(lo, hi)))
    os_ = omentions.within(lo, hi)
    if h.holder_kind in ("individual", "either") and ps:
        h.holder = ("person", ps[0])
        h.more_holders = [("person", i) for i in ps[1:]]
        return
    if h.holder_kind in ("collective", "either") and os_:
        # the organisation closest to the verb/honour is the subject (X等3家单位荣获), if nothing
        # but a count stands between (记者从上海市总工会获悉,今年上海市获评… names no holder)
        s, e, i = max(os_)
        if not _COMMA_COLON.search(text, e, hi) and hi - e <= 14:
            h.holder = ("organization", i)
            # A公司、B公司和C公司等3家单位荣获…: every organisation of the list holds it
            chain, prev_start = [], s
            for ps, pe, pi in sorted(os_, reverse=True)[1:]:
                if pe <= prev_start and text[pe:prev_start].strip() in ("、", "和", "及", "与", "，", ","):
                    chain.append(("organization", pi))
                    prev_start = ps
                elif pe <= prev_start:
                    break
            h.more_holders = list(dict.fromkeys(c for c in reversed(chain) if c[1] != i))
            return
        # or the organisation the sentence opens with is its subject (▲镇坪县总工会…, 荣获…),
        # unless it is a news outlet reporting (澎湃新闻记者从…获悉)
        first = os_[0]
        if first[0] == _LEAD.match(text, lo).end() and orgs is not None and orgs[first[2]].type != "media":
            h.holder = ("organization", first[2])


def _merge_short_forms(orgs: list[RawOrg]) -> None:
    """萧山区总工会 and 杭州市萧山区总工会 in one article are one entity named by the long form."""
    longest_with_suffix: dict[str, int] = {}
    for j, p in enumerate(orgs):
        for k in range(1, len(p.name) - 3):
            tail = p.name[k:]
            cur = longest_with_suffix.get(tail)
            if cur is None or len(orgs[cur].name) < len(p.name):
                longest_with_suffix[tail] = j
    target: dict[int, int] = {}
    for i, o in enumerate(orgs):
        j = longest_with_suffix.get(o.name)
        if j is not None and j != i and len(o.name) >= 4:
            target[i] = j
    if not target:
        return
    keep = [i for i in range(len(orgs)) if i not in target]
    new_index = {old: n for n, old in enumerate(keep)}
    for i, j in target.items():
        while j in target:
            j = target[j]
        orgs[j].mentions.extend(orgs[i].mentions)
        orgs[j].mentions.sort(key=lambda m: m.start)
        new_index[i] = new_index[j]
    merged = [orgs[i] for i in keep]
    for o in merged:
        if o.parent is not None:
            o.parent = new_index.get(o.parent)
            if o.parent is not None and merged[o.parent] is o:
                o.parent = None
    orgs[:] = merged
