"""Honours: titles conferred on people and collectives, with level, region and issuer words.

Cores come from ``lexicons/honours.tsv`` (劳动模范, 五一劳动奖章, 工人先锋号 ...) plus three
general shapes: region + 工匠 (浙江工匠, 齐鲁大工匠), star-rated teams (五星班组), and quoted
titles that read as honours (“进步之星”, “职工教育先进单位”称号). Level and region words written
before a core are attached to its name (全国五一劳动奖章, 浙江省金蓝领, 金华市首席技师).
"""
from __future__ import annotations

import regex

from .entities import RawHonor, RawMention
from .lexicon import Lexicons
from .patterns import literal_alternation
from .spans import Mask

LEVEL_OF_REGION = {"province": "provincial", "city": "municipal", "county": "county"}
# compounds in which an honour word confers nothing (劳模精神, 劳模工匠助企行, 劳模创新工作室)
NOT_BEFORE = regex.compile(r"精神|工作室|创新|宣讲|志愿|服务|助企|数据库|品牌|资源|作用|特长|示范|队伍|人才|先进|"
                           r"协会|事迹|表彰|评选|命名|选树|培育|风采|论坛|文化|学院|公园|广场|基金|待遇|政策|礼遇|身上|们")
_TAIL = regex.compile(r"(?:称号获得者|荣誉称号|获得者|称号|荣誉)")
_QUOTED = regex.compile(r"(?P<ord>第[一二三四五六七八九十\d]+届)?[“\"](?P<q>[^“”\"\n]{2,18})[”\"]")
_HONOURISH = regex.compile(r"(?:先进单位|先进集体|先进个人|先进工作者|标兵|能手|之星|工匠|模范|红旗手|先锋号|示范岗|"
                           r"示范点|奖状|奖章|劳动奖|津贴|金蓝领|首席技师|技能大师|带头人)$|^(?:全国|省级|市级|县级)?(?:最美|优秀|十佳|杰出)")
_AWARD = regex.compile(r"(?:奖状|奖章)$")
_VERB_AWARD = regex.compile(r"(?<=获得|荣获|授予|颁发)(?P<h>\p{Han}{2,10}?(?:奖状|奖章))")
_COUNT_AFTER = regex.compile(r"\s?[\d一二三四五六七八九十百]+\s?(?:人|名|个|家|位)")
_CONFER_BEFORE = regex.compile(r"(?:评为|获评|荣获|授予|命名为|获得|获|当选|入选|被评|荣膺)\s*$")
_ISSUER = regex.compile(r"(?P<lvl>全国|省级|市级|县级|区级|国家级)(?P<iss>\p{Han}{2,8}?(?:竞赛|大赛|比赛|系统|行业))$")
_STAR = regex.compile(r"[一二三四五六七八九十\d]星级?(?:班组|企业|职工之家|工会|级)")
_CRAFT = regex.compile(r"大?工匠")
_SENT_PUNCT = regex.compile(r"[，,。！？!?；;]")
_LEVEL_HEAD = regex.compile(r"全国|省级|市级|县级|国家级|自治区|省|市")
_SELECTED = regex.compile(r"评选出|评出|表彰")


class HonourFinder:
    def __init__(self, lex: Lexicons):
        self.lex = lex
        self.alias: dict[str, dict[str, str]] = {}
        for row in lex.honours:
            for a in row["aliases"].split("|"):
                if a:
                    self.alias[a] = row
        self.core_re = literal_alternation(self.alias)
        self.levels = lex.honour_levels
        self.max_prefix = 10

    def _prefix(self, text: str, s: int) -> tuple[int, str | None, str | None]:
        """Extend left over region and level words: returns (start, level, region)."""
        level = region = None
        start = s
        cand = self.lex.region_ending_at(text, start, 10)
        if cand:
            region, level, start = cand, LEVEL_OF_REGION.get(self.lex.regions[cand].level), start - len(cand)
        for n in range(min(4, start), 0, -1):
            w = text[start - n:start]
            if w in self.levels:
                if level is None:
                    level = self.levels[w]
                start -= n
                break
        if start == s:
            m = _ISSUER.search(text, max(0, s - 12), s)
            if m:
                start, level = m.start(), self.levels.get(m.group("lvl"))
        return start, level, region

    def find(self, text: str, base: int, tokens=None) -> list[RawHonor]:
        found: list[RawHonor] = []
        taken = Mask(len(text))
        for m in _QUOTED.finditer(text):
            q = _TAIL.sub("", m.group("q")) if _TAIL.search(m.group("q")) and _TAIL.search(m.group("q")).end() == len(m.group("q")) else m.group("q")
            if not _HONOURISH.search(q) or _SENT_PUNCT.search(q):
                continue
            before, after = text[max(0, m.start() - 6):m.start()], text[m.end():m.end() + 4]
            adjacent = after.startswith(("“", "\"")) or before.endswith(("”", "\""))
            inner = self.core_re.search(q)
            if not (_CONFER_BEFORE.search(before) or _TAIL.match(after) or adjacent or m.group("ord") or _AWARD.search(q)
                    or (inner and inner.end() == len(q)) or q.startswith(("全国", "省级", "市级"))):
                continue
            row = self.alias.get(inner.group()) if inner and inner.end() == len(q) else None
            canonical = row["canonical"] if row else _HONOURISH.search(q).group() or q
            if inner:
                start, level, region = self._prefix(q, len(q) - len(inner.group()))
            elif _CRAFT.search(q) and _CRAFT.search(q).end() == len(q):
                start, level, region = self._prefix(q, _CRAFT.search(q).start())   # “四川工匠”
            else:
                start, level, region = 0, None, None
            name = (m.group("ord") or "") + "“" + q + "”" if m.group("ord") else q
            ms = m.start() if m.group("ord") else m.start("q")
            me = m.end() if m.group("ord") else m.start("q") + len(q)
            if region is None:       # “山东省富民兴鲁劳动奖章”: the issuing region opens the title
                region = self.lex.region_starting_at(q, 0, 8, len(q) - 1)
                if region:
                    level = level or LEVEL_OF_REGION.get(self.lex.regions[region].level)
            if level is None:
                lv = _LEVEL_HEAD.match(q)
                level = self.levels.get(lv.group()) if lv else None
            found.append(RawHonor(name, canonical, level, region, RawMention(text[ms:me], ms + base, me + base),
                                  row["holder"] if row else "either"))
            taken.add(m.start(), m.end())
        for m in self.core_re.finditer(text):
            s, e = m.span()
            if taken.covers(s):
                continue
            row = self.alias[m.group()]
            if NOT_BEFORE.match(text, e):
                continue
            start, level, region = self._prefix(text, s)
            if row.get("needs_level") == "yes" and start == s:
                continue
            if row.get("needs_level") == "context" and start == s and not (
                    _CONFER_BEFORE.search(text, max(0, s - 6), s) or _COUNT_AFTER.match(text, e)
                    or _SELECTED.search(text, max(0, s - 12), s)):
                continue
            found.append(self._make(text, base, start, e, row["canonical"], level, region, row["holder"]))
            taken.add(start, e)
        for m in _VERB_AWARD.finditer(text):
            if taken.covers(m.start()) or taken.covers(m.start("h")):
                continue
            found.append(self._make(text, base, m.start("h"), m.end("h"), m.group("h"), None, None, "either"))
            taken.add(*m.span("h"))
        for m in _STAR.finditer(text):
            if taken.covers(m.start()):
                continue
            found.append(self._make(text, base, m.start(), m.end(), "星级" + m.group()[-2:], None, None, "collective"))
        for m in _CRAFT.finditer(text):
            s = m.start()
            if taken.covers(s) or NOT_BEFORE.match(text, m.end()):
                continue
            if text[max(0, s - 2):s] == "大国":
                found.append(self._make(text, base, s - 2, m.end(), "大国工匠", "national", None, "individual"))
                continue
            start, level, region = self._prefix(text, s)
            if region or (start < s and level in ("provincial", "national")):
                found.append(self._make(text, base, start, m.end(), "工匠", level, region, "individual"))
        found.sort(key=lambda h: h.mention.start)
        return found

    @staticmethod
    def _make(text, base, s, e, canonical, level, region, holder_kind) -> RawHonor:
        name = text[s:e]
        return RawHonor(name, canonical, level, region, RawMention(name, s + base, e + base), holder_kind)
