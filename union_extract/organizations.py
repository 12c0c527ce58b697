"""Organisations: maximal spans built leftwards from a type suffix over name-like words.

One compiled pass finds suffixes (总工会, 股份有限公司, 车间 ...) and known names (中工网, 全总);
only there do we walk the segmenter's tokens to the left, stopping at verbs, prepositions,
punctuation and determiners. Sub-units keep their full span and point to their parent.
"""
from __future__ import annotations

from dataclasses import dataclass

import re

import regex

from .entities import RawHonor, RawMention, RawOrg
from .lexicon import Lexicons
from .patterns import HAN, first_char_alternation
from .spans import Mask
from .tokens import Tokens

NAME_TAGS = {"ns", "nz", "nt", "nr", "nrt", "nrfg", "n", "j", "eng", "vn", "an", "b", "l", "ng", "nw", "s", "nl", "i", "g"}
_NO_SANDWICH = frozenset("pcurxd")    # function words: the walk ends, no rare-name piece to look past
SPECIFIC_TAGS = {"ns", "nz", "nt", "nr", "nrt", "nrfg", "j", "eng", "nw"}
# small patterns use ``re`` (a call costs a third of ``regex``'s); \p{Han} ones keep ``regex``
_BOOK_TITLE = regex.compile(r"《[^《》\n]{1,60}》")
_QUOTE = re.compile(r"[“\"]")
_ORDINAL = re.compile(r"第[一二三四五六七八九十\d]+")
_SESSION = regex.compile(r"第?[一二三四五六七八九十\d]+届")     # 哈尔滨市第九届人大常委会, 省十一届人大常委会
_NUMERAL_LED = re.compile(rf"[一二三四五六七八九十]{HAN}")  # 二重(德阳)…, 一汽-大众…: a numeral that opens a name
_SUBUNIT_AFTER = regex.compile(r"(?P<name>(?:(?![的和与及等在为是了对向从把被将])[\p{Han}A-Za-z0-9]){1,8}?)(?P<unit>项目部|分公司|分厂|车间|班组|团队|工区|中心|部|科|室)"
                               r"(?![门长员属分])")
_DATELINE_END = re.compile(r"(?:电|讯)$")     # …5月1日电(张三): a dateline, then its credit
_CLAUSE_PUNCT = re.compile(r"[，,。！？!?；;：:、]")
_CN_NUMERAL = re.compile(r"[〇零一二三四五六七八九十]+")
_HAN = regex.compile(r"\p{Han}")
_DIGIT = re.compile(r"\d")
_ALNUM = re.compile(r"[A-Za-z0-9]+")
_QUOTE_LATIN = re.compile(r"[“”\"A-Za-z]")
# outlets named where a text credits its source (来源:羊城派, 本文转自:人民网-贵州频道) or a
# reporter (文/羊城晚报全媒体记者, (云南日报记者 X)): news outlets are organisations
_OUTLET = rf"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff]{{1,10}}?(?:新闻网|客户端|频道|日报|晚报|网|报|派|社|台|新闻|号)(?:-{HAN}{{1,8}}?频道)?"
_SOURCE = re.compile(rf"(?:文章来源|来源|稿源|本文转自|转自)\s*[:：|丨]\s*(?P<names>{_OUTLET}(?:[•·]{_OUTLET})*)")
_REPORTER = re.compile("记者")
# the outlet written right before 记者, read back from each 记者 (a few characters, not a scan)
_OUTLET_BEFORE = re.compile(rf"(?<!{HAN})(?P<name>(?!本报){HAN}{{2,8}}?(?:日报|晚报|午报|早报|工人报|报|网|电视台|客户端))"
                            r"(?:全媒体|首席|特约|见习)?$")
SUBUNIT_PARENT_TYPES = {"union", "party", "team"}
_QUOTE_OPEN = "“\"'‘「"


@dataclass
class _Cand:
    start: int
    end: int
    type: str
    kind: str
    suffix_start: int


_LIST_WORD = re.compile(r"[\u4e00-\u9fff]+")


class OrgFinder:
    def __init__(self, lex: Lexicons):
        self.lex = lex
        words = lex.org_words
        self.stop_words, self.generic, self.industry = words.get("stop", frozenset()), words.get("generic", frozenset()), words.get("industry", frozenset())
        self.directions = tuple(sorted(words.get("direction", ()), key=len, reverse=True))
        self.regionish = tuple(sorted(words.get("regionish", ()), key=len, reverse=True)) + self.directions
        self.not_after_union = first_char_alternation(words.get("not_after_union", ()))
        self.venue_end = tuple(words.get("venue", ()))
        self.not_org_word = words.get("not_org_word", frozenset())
        self.not_org_end = tuple(self.not_org_word)      # 干部 and 广大干部 alike
        # a count before the name (31个省(区、市)总工会, 18家企业工会) makes it a generic plural
        self.count_units = frozenset(u for u in lex.units if len(u) == 1)
        self.all_of = tuple(words.get("all_of", ()))
        self.short_lead = "".join(words.get("short_form_lead", ()))
        self.lead_stop = "".join(words.get("lead_stop", ()))
        # verbs that follow a person (会见, 表示, 率领) are never inside an organisation's name
        # and neither are conferring verbs (市政府授予|哈尔滨锅炉厂: two bodies, not one name)
        verbs = frozenset(w for w in lex.cue("boundary") | lex.cue("speech") if len(w) >= 2) \
            | frozenset(w for w in lex.conferral_verbs if len(w) >= 2)
        self.walk_stop = frozenset(t for t, kind in lex.titles.items() if kind == "position") \
            | words.get("walk_stop", frozenset()) | verbs
        self.suffix_re = first_char_alternation(lex.org_suffixes)
        # the end of a whole organisation name, to see what is glued right after one (派出所|社区民警)
        self.org_ends = tuple(x for x, (_t, kind) in lex.org_suffixes.items() if kind != "weak")
        self.longest_end = max(map(len, self.org_ends), default=0)
        self.longest_suffix = max(map(len, lex.org_suffixes), default=0)
        self.determiners = words.get("determiner", frozenset())
        self.org_end_chars = frozenset(x[-1] for x in self.org_ends)
        self.joiners = tuple(words.get("joiner", ()))
        self.ministries = words.get("ministry", frozenset())
        # one look-up per walked word: a title or verb ends the walk, a class noun ends it before a name
        self.walk_special = {w: "class" for w in words.get("class_noun", ())} | {w: "stop" for w in self.walk_stop}
        self.top_regions = ("省", "自治区")
        self.known_re = first_char_alternation(lex.known_orgs) if lex.known_orgs else None
        titles = sorted((t for t in lex.titles if len(t) >= 3), key=len, reverse=True)
        self.title_re = first_char_alternation(titles)
        self.any_title = first_char_alternation(t for t, kind in lex.titles.items() if kind != "generic")

    def find(self, text: str, base: int, tagged, art=None, honours: list[RawHonor] = ()) -> list[RawOrg]:
        toks = tagged
        blocked = [(h.mention.start - base, h.mention.end - base) for h in honours]
        blocked += [m.span() for m in _BOOK_TITLE.finditer(text)]
        cands: list[_Cand] = []
        for m in self.suffix_re.finditer(text):
            c = self._walk(text, toks, m)
            if c:
                cands.append(c)
        if self.known_re:
            for m in self.known_re.finditer(text):
                typ, _canon = self.lex.known_orgs[m.group()]
                s, e = m.span()
                if m.group()[0] in "省市县区" and (reg := self.lex.region_ending_at(text, s + 1, 8)):
                    s = s + 1 - len(reg)          # 汕头市总: the short form 市总 after its city
                elif toks.starts[toks.index_at(s)] != s or (e < len(text) and toks.starts[toks.index_at(e)] != e):
                    continue   # 劳动报 inside 劳动报酬
                if 0 < s and text[s - 1] == "《" and e < len(text) and text[e] == "》":
                    cands.append(_Cand(s, e, typ, "org", s))
                    continue
                cands.append(_Cand(s, e, typ, "known", s))
        for m in _SOURCE.finditer(text):
            pos = m.start("names")
            for name in re.split(r"[•·]", m.group("names")):
                if not name.startswith("本"):
                    cands.append(_Cand(pos, pos + len(name), "media", "known", pos))
                pos += len(name) + 1
        for r in _REPORTER.finditer(text):
            m = _OUTLET_BEFORE.search(text, max(0, r.start() - 14), r.start())
            if m:
                cands.append(_Cand(m.start(), m.end("name"), "media", "known", m.start()))
        cands += self._list_neighbours(text, toks, cands)
        cands += self._subunits(text, cands)
        mask = Mask(len(text), blocked)
        cands = [c for c in cands if not mask.touches(c.start, c.end) or (c.kind == "org" and text[c.start - 1:c.start] == "《")]
        return self._resolve(text, base, cands)

    def _list_neighbours(self, text: str, toks: Tokens, cands: list[_Cand]) -> list[_Cand]:
        """A、B、C lists of bodies: an item beside a found organisation, ending in an organisation
        suffix, is one too (红星锻造厂、东风机械厂) where its own words gave the walk no lead.
        An item is whole tokens, none a verb, preposition, conjunction or particle."""
        found = sorted((c.start, c.end) for c in cands)
        starts = {s for s, _ in found}
        out: list[_Cand] = []
        for s, e in found:
            for a, b in (self._item_before(text, toks, s), self._item_after(text, toks, e)):
                if a is None or a in starts or any(x < b and a < y for x, y in found):
                    continue
                end = self._org_end(text[a:b])
                if end and not self._generic(text[a:b - len(end)]):
                    out.append(_Cand(a, b, self.lex.org_suffixes[end][0], "org", b - len(end)))
                    starts.add(a)
        return out

    def _org_end(self, item: str) -> str | None:
        """The suffix a list item ends with (锻造厂 -> 厂; weak ones too: the list is the evidence),
        if the item is more than the suffix."""
        for n in range(min(self.longest_suffix, len(item) - 2), 0, -1):
            if item[-n:] in self.lex.org_suffixes:
                return item[-n:]
        return None

    @staticmethod
    def _item_before(text: str, toks: Tokens, s: int) -> tuple[int | None, int]:
        if s < 4 or text[s - 1] != "、":
            return None, s
        b = s - 1
        i = toks.index_at(b - 1)
        a = b
        while i >= 0 and b - toks.starts[i] <= 12 and _LIST_WORD.fullmatch(toks.words[i]) \
                and toks.tags[i][:1] not in "vpcud":
            a = toks.starts[i]
            i -= 1
        return (a, b) if b - a >= 3 else (None, s)

    def _item_after(self, text: str, toks: Tokens, e: int) -> tuple[int | None, int]:
        """The item after ``e``、: whole tokens up to the last one that closes an organisation name."""
        if e + 4 > len(text) or text[e] != "、" or not toks.starts_at(e + 1):
            return None, e
        a = b = e + 1
        i = toks.index_at(a)
        while i < len(toks.words) and toks.end(i) - a <= 12 and _LIST_WORD.fullmatch(toks.words[i]) \
                and toks.tags[i][:1] not in "vpcud":
            if self._org_end(text[a:toks.end(i)]):
                b = toks.end(i)
            i += 1
        return (a, b) if b - a >= 3 else (None, e)

    def _generic(self, head: str) -> bool:
        """几个车间, 各工厂, 其他公司: a head of counts, determiners or generic words names no body."""
        return not head or head[0] in self.determiners or head in self.generic or head in self.stop_words

    def _walk(self, text: str, toks: Tokens, m) -> _Cand | None:
        suffix = m.group()
        s, e = m.span()
        if suffix[-1] == "委" and text.startswith("员会", e):
            suffix, s, e = "委员会", e - 1, e + 2     # 财经委员会: the short 经委 hides the longer suffix
        typ, kind = self.lex.org_suffixes[suffix]
        # 市委, 县人大, 区政府: a party or government short form that is a name by itself (市委书记 -> 市委)
        if suffix == "人大" and s and text[s - 1] in self.short_lead:
            s, suffix = s - 1, text[s - 1] + suffix       # 县|人大, while 县人大常委会 stays whole
        short = suffix[0] in self.short_lead and len(suffix) >= 2 and toks.starts_at(s)
        t = self.title_re.match(text, s)
        if (t and not (short and len(t.group()) > len(suffix) and t.group().startswith(suffix))) \
                or (typ == "union" and self.not_after_union.match(text, e)) or text[e:e + 1] == "长" \
                or (suffix.endswith("人大") and text.startswith("常委", e)) or text.endswith(self.venue_end, 0, e):
            return None   # 党组成员, 工会主席, 工会系统, 副部长: the suffix opens another word
        if (kind == "weak" or typ == "community") and (text[s - 1:s] in self.org_end_chars or text[s - 2:s - 1] in self.org_end_chars) \
                and self._glued_to(text, s) not in (None, typ):
            return None   # 派出所|社区民警, 供电公司|电网: a common word glued to a whole organisation
        i = toks.index_at(s)
        start, j = s, i - 1
        if toks.starts[i] < s:   # the suffix starts inside a word (市总工会, 全局): the word's head is name
            if not self._name_token(toks.words[i], toks.tags[i]) or toks.words[i].endswith(self.not_org_end):
                return None
            start = toks.starts[i]
        while j >= 0 and s - toks.starts[j] <= 30:
            w, t = toks.words[j], toks.tags[j]
            if w in "”\"’」" and j > 0:
                # a quoted name part: 衢州市总工会“秋之韵”艺术团
                k = j - 1
                while k >= 0 and toks.words[k] not in _QUOTE_OPEN and toks.end(j) - toks.starts[k] <= 12:
                    k -= 1
                if k >= 0 and toks.words[k] in _QUOTE_OPEN and k < j - 1 \
                        and not _CLAUSE_PUNCT.search(text, toks.end(k), toks.starts[j]):
                    start = toks.starts[k]
                    j = k - 1
                    continue
                break
            if w in ")）" and j > 0:
                k = j - 1
                while k >= 0 and toks.words[k] not in "(（" and j - k <= 4:
                    k -= 1
                if k > 0 and toks.words[k] in "(（" and (self._name_token(toks.words[k - 1], toks.tags[k - 1])
                                                         or self._numeral_led(toks.words[k - 1], toks.tags[k - 1])) \
                        and not any(toks.tags[q].startswith("nr") for q in range(k + 1, j)) \
                        and not _DATELINE_END.search(toks.words[k - 1]):
                    # 二重(德阳)重型装备: a place inside the name; not 新华社…电(张三)全国总工会, a credit
                    start = toks.starts[k]
                    j = k - 1
                    if self._numeral_led(toks.words[j], toks.tags[j]):
                        start, j = toks.starts[j], j - 1
                    continue
                break
            if t == "m" and j > 0 and _CN_NUMERAL.fullmatch(w) and _ORDINAL.fullmatch(toks.words[j - 1]):
                start, j = toks.starts[j - 1], j - 2     # 第七|二五|研究所
                continue
            if t == "m" and j > 0 and _CN_NUMERAL.fullmatch(w) and (
                    toks.tags[j - 1] in SPECIFIC_TAGS or toks.words[j - 1] in self.lex.known_orgs):
                start, j = toks.starts[j - 1], j - 2     # 中铁|十四|局
                continue
            if w in "-－—" and j > 0 and toks.end(j - 1) == toks.starts[j] and typ != "media" and (
                    toks.tags[j - 1] == "ns" if w == "—" else
                    self._name_token(toks.words[j - 1], toks.tags[j - 1]) or self._numeral_led(toks.words[j - 1], toks.tags[j - 1])):
                start, j = toks.starts[j - 1], j - 2     # 一汽-大众汽车有限公司, 苏丹—中国友好协会: two names joined
                continue
            if w in self.joiners and (k := self._joined(text, toks, j, s)) is not None:
                start, j = toks.starts[k], k - 1         # 中央和国家机关工会联合会
                continue
            if (special := self.walk_special.get(w)) is not None and (
                    special == "stop" or (toks.tags[j + 1] in SPECIFIC_TAGS and toks.starts[j + 1] < s)):
                break      # 主席X代表|市委: a title or role before the body belongs to a person;
                #            建筑企业|西城集团: a class noun, then the name
            if toks.tags[j + 1] == "ns" and kind == "org" and text.endswith(self.org_ends, 0, toks.end(j)) \
                    and (r := self.lex.region_starting_at(text, start, 12, s)) and r.endswith(self.top_regions):
                break      # 云南省总工会|云南省人社厅: a province opens a second body, no sub-unit
            if not self._name_token(w, t):
                k = None if t[:1] in _NO_SANDWICH else self._sandwiched(toks, j)
                if k is not None:          # 绍兴|嵊新|高速公路, 德阳|源|丰潮|扇|有限责任公司
                    start, j = toks.starts[k], k - 1
                    continue
                if t == "r" and len(w) == 2 and w[1] in "省市县区" and w[0] in "该本全":
                    start = toks.starts[j] + 1     # 该市总工会 -> 市总工会
                break
            start = toks.starts[j]
            j -= 1
        # drop generic leading words (企业工会 -> nothing; 全区18家优秀企业班组 -> nothing)
        if text.startswith("中共", start) and typ != "party" and not text.startswith("中共中央", start):
            start += 2    # 中共诸暨市总工会党组: the party prefix belongs to the party body only
        while start < s and text[start] in self.lead_stop and s - start > 1 and text[start:s] not in self.ministries:
            start += 1    # 由省总工会: a preposition glued to a one-character region word (not 对外贸易经济合作部)
        k = x = toks.index_at(start)
        while toks.starts[x] < s and (toks.words[x] in self.generic or toks.tags[x][:1] in "vdpc"):
            x += 1      # 此次评选工作|南宁市总工会, 管理|部门|虹口区教育局: the name starts at the region
            if toks.starts[x] < s and (self.lex.region_starting_at(text, toks.starts[x], 12, s)
                                       or text.startswith(self.all_of, toks.starts[x])):
                start, k = toks.starts[x], x
                break
        if k > 0 and toks.tags[k - 1] == "m" and toks.words[k][:1] in self.count_units:
            return None
        name = text[start:s]
        if suffix == "部" and name in self.ministries:
            return _Cand(start, e, "government", "org", s)    # 财政部, 人力资源社会保障部: a ministry needs no region
        if short and not (self.lex.region_ending_at(text, s, 8) or (s and toks.tags[toks.index_at(s - 1)] == "ns")):
            return _Cand(s, e, typ, "org", s)    # no region before it: the short form alone
        if len(name) < 2 and not (name in ("省", "市", "县", "区") and kind == "org" and suffix != "工会"):
            return None
        if kind != "org" and (text[start] in _QUOTE_OPEN or _QUOTE.search(name)) and not self._region_prefix(name):
            return None
        last = i if toks.starts[i] < s else i - 1      # the token holding the name's last character
        if not (self._specific(text, toks, start, s, k, last) or (typ in ("school", "hospital") and _ORDINAL.fullmatch(name))):
            return None    # 第九中学, 第一医院: a numbered school or hospital is named by its number
        if kind != "org" and not (name.startswith(self.regionish) or self._region_prefix(name) or
                                  any(toks.tags[x] in ("nt", "ns") or (toks.words[x] in self.lex.known_orgs and toks.end(x) <= s)
                                      for x in range(k, last + 1))):
            return None
        if kind == "subunit" and self.any_title.search(text, e, min(len(text), e + 8)):
            return None   # …公司金工车间数控铣工X: the organisation is the employer, the unit is no entity
        if kind == "subunit" and self._generic_unit(text, toks, start, s):
            return None   # …有限公司生产车间: an unnamed unit; the organisation is found by its own suffix
        return _Cand(start, e, typ, kind, s)

    def _subunits(self, text: str, cands: list[_Cand]) -> list[_Cand]:
        """华为技术有限公司采购运输部: a named unit written right after its organisation. Not when a
        job title follows (…公司金工分厂数控铣工X): there the organisation is the person's employer."""
        out = []
        for c in cands:
            if c.kind not in ("org", "known", "subunit") or c.type in ("union", "party", "media"):
                continue
            m = _SUBUNIT_AFTER.match(text, c.end)
            if m and len(m.group("name")) >= 2 and m.group("name") not in self.generic and m.group("name") not in self.industry \
                    and not self.any_title.search(text, m.end(), min(len(text), m.end() + 8)):
                typ = "enterprise" if m.group("unit") in ("分公司", "分厂") else "team"
                out.append(_Cand(c.start, m.end(), typ, "subunit", m.start("unit")))
        return out

    def _joined(self, text: str, toks: Tokens, j: int, s: int) -> int | None:
        """Index where a name continues left of 和/及 at token ``j``: only when the words before it
        lead back to a region or level word (南宁市劳动模范|和|先进工作者评选委员会, 中央|和|国家机关…)
        and neither side is a whole organisation or a region of its own (A市和B市总工会: two bodies)."""
        after, right = toks.end(j), text[toks.end(j):s]
        if j == 0 or len(right) < 2 or right[0] in self.short_lead or self.lex.region_starting_at(text, after, 12) \
                or right.startswith(("中央", "中共")) or toks.tags[j - 1] == "nt" or toks.words[j - 1] in self.lex.known_orgs \
                or text.endswith(self.org_ends, 0, toks.starts[j]) or self.lex.region_ending_at(text, toks.starts[j], 12):
            return None
        k = j - 1
        while k >= 0 and toks.starts[j] - toks.starts[k] <= 8 and self._name_token(toks.words[k], toks.tags[k]):
            if self._region_prefix(text[toks.starts[k]:toks.starts[j]]) or text.startswith(self.regionish, toks.starts[k]):
                return k
            k -= 1
        return None

    def _glued_to(self, text: str, s: int) -> str | None:
        """Type of a whole organisation ending at ``s`` or one character before it."""
        for end in (s, s - 1):
            if text.endswith(self.org_ends, 0, end):
                for n in range(1, min(end, self.longest_end) + 1):
                    hit = self.lex.org_suffixes.get(text[end - n:end])
                    if hit and hit[1] != "weak":
                        return hit[0]
        return None

    def _generic_unit(self, text: str, toks: Tokens, start: int, s: int) -> bool:
        """A sub-unit whose own words are all generic or line-of-business words (生产车间) after
        a whole organisation."""
        k = toks.index_at(s) - 1
        while k >= 0 and toks.starts[k] >= start and (toks.words[k] in self.generic or toks.words[k] in self.industry):
            k -= 1
        return k < toks.index_at(s) - 1 and toks.starts[k + 1] > start and text.endswith(self.org_ends, 0, toks.starts[k + 1])

    def _numeral_led(self, w: str, t: str) -> bool:
        return t == "m" and len(w) >= 2 and _NUMERAL_LED.match(w) is not None and w[-1] not in self.count_units \
            and not _CN_NUMERAL.fullmatch(w)

    def _sandwiched(self, toks: Tokens, j: int) -> int | None:
        """Index of a place word within three tokens left of token ``j`` when everything between
        is short, non-function words: rare-character names split oddly by the segmenter."""
        for k in range(j, max(-1, j - 4), -1):
            w, t = toks.words[k], toks.tags[k]
            if k < j and t == "ns" and len(w) >= 2:
                return k
            if w in self.stop_words or len(w) > 2 or t[:1] in ("p", "c", "u", "r", "x", "d") \
                    or (t == "m" and (w in "年月日" or _DIGIT.search(w) is not None)):
                return None    # …北京|3|月|11|日电|最高人民法院: a date between is a dateline
        return None

    def _name_token(self, w: str, t: str) -> bool:
        if w in self.stop_words:
            return False
        if t in NAME_TAGS or w in self.industry:
            return True
        if t == "m" and (_ORDINAL.fullmatch(w) or _SESSION.fullmatch(w)):
            return True    # 中建新疆建工集团第四建筑工程有限公司, 省十一届人大常委会
        if w in self.lex.known_orgs:
            return True    # 民建|张家口市委…, 全总|保障工作部: a known body leads the name
        if t in ("x", "zg", "a", "f") and len(w) == 1 and _HAN.match(w):
            return True    # rare single characters (嵊, 蕺) and 新/大 inside names
        if w in self.directions:
            return True
        if t == "x" and _ALNUM.fullmatch(w):
            return True
        return False

    def _region_prefix(self, name: str) -> str | None:
        return self.lex.region_starting_at(name, 0, 12)

    def _specific(self, text: str, toks: Tokens, start: int, s: int, i: int, k: int) -> bool:
        """Whether text[start:s], tokens ``i``..``k``, names one body rather than a kind of body."""
        name = text[start:s]
        if name in self.generic or all(ch in "“”\"" for ch in name):
            return False
        if name[:2] in self.all_of and (len(name) == 2 or name[2:] in self.generic):
            return False      # 全国产业工会, 全县工会: every body of a kind, no one body
        if name in ("省", "市", "县", "区"):
            return True    # 省总工会, 市总工会: short forms used as names
        if self._region_prefix(name) or name.startswith(self.regionish):
            return True
        words, tags = toks.words[i:k + 1], toks.tags[i:k + 1]
        if any(t in SPECIFIC_TAGS for t in tags) or any(w in self.lex.known_orgs for w in words) or _QUOTE_LATIN.search(name):
            return True
        return len(name) >= 4 and not any(w in self.generic for w in words)

    def _resolve(self, text: str, base: int, cands: list[_Cand]) -> list[RawOrg]:
        by_start: dict[int, list[_Cand]] = {}
        for c in cands:
            by_start.setdefault(c.start, []).append(c)
        cands.sort(key=lambda c: (c.start, -c.end))
        maximal: list[_Cand] = []
        for c in cands:
            if maximal and c.start >= maximal[-1].start and c.end <= maximal[-1].end:
                continue
            if maximal and c.start < maximal[-1].end:   # overlap: keep the longer
                if c.end - c.start > maximal[-1].end - maximal[-1].start:
                    maximal[-1] = c
                continue
            if maximal and c.start == maximal[-1].end + 1 and text[maximal[-1].end] in "(（" \
                    and text[c.end:c.end + 1] in (")", "）") and text[c.start] not in self.short_lead:
                # …第七二五研究所(洛阳船舶材料研究所): one organisation with its other name
                prev = maximal[-1]
                maximal[-1] = _Cand(prev.start, c.end + 1, prev.type, prev.kind, prev.suffix_start)
                continue
            maximal.append(c)
        orgs: list[RawOrg] = []
        by_name: dict[str, int] = {}

        def add(c: _Cand, parent: int | None = None) -> int:
            name = text[c.start:c.end]
            key = name.strip("“”\"")
            if key in by_name:
                idx = by_name[key]
                orgs[idx].mentions.append(RawMention(name, c.start + base, c.end + base))
                return idx
            orgs.append(RawOrg(name, c.type, [RawMention(name, c.start + base, c.end + base)], parent))
            by_name[key] = len(orgs) - 1
            return len(orgs) - 1

        for c in maximal:
            inner = [d for d in by_start.get(c.start, ()) if d is not c and d.end < c.end]
            parent = None
            inner = [d for d in inner if d.kind != "weak"]      # 良渚街道总工会: the 街道 is a place here
            if inner and (c.kind == "subunit" or (c.type in SUBUNIT_PARENT_TYPES and max(inner, key=lambda d: d.end).type != c.type)):
                parent = add(max(inner, key=lambda d: d.end))
            idx = add(c, parent)
            if parent is not None and orgs[idx].parent is None and idx != parent:
                orgs[idx].parent = parent
        return orgs
