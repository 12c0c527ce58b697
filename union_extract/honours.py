"""Honours: titles conferred on people and collectives, with level, region and issuer words.

Cores come from ``lexicons/honours.tsv`` (劳动模范, 五一劳动奖章, 工人先锋号 ...), also with the
holiday part quoted (省“五一”劳动奖章). Open classes are read by shape: <region/level>工匠 and
any 工匠 title right after a conferring verb, star-rated teams (五星班组), contest prizes
(…技能大赛一等奖, 银奖), and quoted titles whose head or lead word reads as an honour
(“…女标兵”, “优秀…”, “…之家”). Level, region, grade and edition words written before a core
are attached to its name (全国五一劳动奖章, 哈尔滨市特等劳动模范, 第三届贵州省“最美劳动者”).
Dropped: an honour word inside a meeting name (…表彰大会) or after a generic plural (各级劳动模范).
Cue words live in ``lexicons/honour_cues.tsv`` and ``lexicons/conferral_verbs.tsv``; each
honour keeps a ``why`` naming the cue that made it one.
"""
from __future__ import annotations

import regex

from .entities import RawHonor, RawMention
from .lexicon import Lexicons
from .patterns import alternation as _alt, literal_alternation
from .spans import Mask

LEVEL_OF_REGION = {"province": "provincial", "city": "municipal", "county": "county"}
_QUOTED = regex.compile(r"[“\"](?P<q>[^“”\"\n]{2,18})[”\"]")
_AWARD = regex.compile(r"(?:奖状|奖章)$")
_COUNT_AFTER = regex.compile(r"\s?(?<![\d一二三四五六七八九十百])[\d一二三四五六七八九十百]+\s?(?:人|名|个|家|位)")
_EDITION = regex.compile(r"第[一二三四五六七八九十\d]+届$")
_ISSUER = regex.compile(r"(?P<lvl>全国|省级|市级|县级|区级|国家级)(?P<iss>\p{Han}{2,8}?(?:竞赛|大赛|比赛|系统|行业))$")
_STAR = regex.compile(r"[一二三四五六七八九十\d]星级?(?:班组|企业|职工之家|工会)")
_CRAFT = regex.compile(r"大?工匠")
_SENT_PUNCT = regex.compile(r"[，,。！？!?；;]")
_LEVEL_HEAD = regex.compile(r"全国|省级|市级|县级|国家级|自治区|省|市")
_SELECTED = regex.compile(r"评选出|评出|表彰")
_QUOTES = "“”\""
_JOINERS = ("和", "与", "及", "、", "以及")


class HonourFinder:
    def __init__(self, lex: Lexicons):
        self.lex = lex
        cues = lex.honour_cues
        self.alias: dict[str, dict[str, str]] = {}
        for row in lex.honours:
            for a in row["aliases"].split("|"):
                if a:
                    self.alias[a] = row
                    if len(a) > 3:    # 省“五一”劳动奖章: the holiday part of a core is often quoted
                        for o, c in ("“”", '""'):
                            self.alias.setdefault(f"{o}{a[:2]}{c}{a[2:]}", row)
        self.core_re = literal_alternation(self.alias)
        self.levels = lex.honour_levels
        # last characters of region and level words: most places no region or level word ends at,
        # and one set look-up says so without trying every length
        self.region_last = frozenset(r[-1] for r in lex.regions if r)
        self.level_last = frozenset(w[-1] for w in self.levels if w)
        self.grades = frozenset(cues.get("grade", ()))
        self.not_after = regex.compile(_alt(cues.get("not_after", ())))
        self.tail = regex.compile(rf"(?:{_alt(cues.get('tail', ()))})$")
        self.tail_after = regex.compile(_alt(cues.get("tail", ())))
        lead_levels = _alt(w for w in self.levels if len(w) > 1)
        self.honourish = regex.compile(rf"(?:{_alt(cues.get('head', ()))})$|"
                                       rf"^(?:{lead_levels})?(?:{_alt(cues.get('lead', ()))})")
        verbs = [v for v, d in lex.conferral_verbs.items() if d != "copula"]
        self.confer_before = regex.compile(rf"(?:{_alt(verbs)})\s*$")
        # 评为浙江工匠: the words between a conferring verb and 工匠 name the title
        self.verb_before_craft = regex.compile(
            rf"(?:{_alt(verbs)})为?(?P<h>(?:第[一二三四五六七八九十\d]+届)?[^\P{{Han}}的为是在和与及等了]{{2,6}}?)$")
        self.rated_re = literal_alternation(cues.get("rated", ()))
        self.verb_before_rated = regex.compile(
            rf"(?:{_alt(verbs)})为?(?P<h>(?P<lvl>{_alt(self.levels)})[^\P{{Han}}的为是在和与及等了]{{0,12}}?)$")
        # 、鞍钢工匠张三: an enterprise's 工匠 title opening a chain item, a name right after
        self.craft_in_chain = regex.compile(r"(?:^|(?<=[、，,：:\s]))(?P<x>\p{Han}{2,4})$")
        self.title_suffix = regex.compile(_alt(cues.get("title_suffix", ())))
        self.event_after = regex.compile(rf"[^，,。；;！？!?：:\n“”\"]{{0,14}}?(?:{_alt(cues.get('event', ()))})")
        self.generic_before = regex.compile(rf"(?:{_alt(cues.get('generic', ()))})$")
        self.prize_re = literal_alternation(cues.get("prize", ()))
        self.confer_in_clause = regex.compile(rf"(?:{_alt(verbs)})[^，,。；;！？!?：:\n“”\"]*$")
        self.confer_near = regex.compile(rf"(?:{_alt(verbs)})[^，,。；;！？!?：:、\n]{{0,6}}$")
        self.prize_not_before = frozenset(cues.get("prize_not_before", ()))
        self.contest_end = regex.compile(rf"(?:{_alt(cues.get('contest', ()))})(?:\p{{Han}}{{0,2}}组)?$")
        self.contest_start = regex.compile(rf"(?:[，,。；;！？!?：:\n“”\"《》、]|在|的|中|{_alt(verbs)})")

    def _prefix(self, text: str, s: int) -> tuple[int, str | None, str | None]:
        """Extend left over grade, region, level and edition words: returns (start, level, region)."""
        level = region = None
        start = s
        for _ in range(4):
            moved = start
            if start >= 2 and text[start - 2:start] in self.grades:      # 特等劳动模范
                start -= 2
            cand = self.lex.region_ending_at(text, start, 10) \
                if region is None and text[start - 1:start] in self.region_last else None
            if cand:
                region, start = cand, start - len(cand)
                level = level or LEVEL_OF_REGION.get(self.lex.regions[cand].level)
            if text[start - 1:start] in self.level_last:
                for n in range(min(4, start), 0, -1):
                    w = text[start - n:start]
                    if w in self.levels:
                        level = level or self.levels[w]
                        start -= n
                        break
            if text[start - 1:start] == "届":
                ed = _EDITION.search(text, max(0, start - 6), start)
                if ed:
                    start = ed.start()
            if start == moved:
                break
        if start == s:
            m = _ISSUER.search(text, max(0, s - 12), s)
            if m:
                start, level = m.start(), self.levels.get(m.group("lvl"))
        return start, level, region

    def _passing(self, text: str, start: int, e: int) -> str | None:
        """Why an honour word here names no conferred honour (meeting name, generic plural), if so."""
        if self.event_after.match(text, e + (text[e:e + 1] in _QUOTES)):
            return "inside a meeting name"
        if self.generic_before.search(text, max(0, start - 3), start):
            return "generic plural"
        return None

    def find(self, text: str, base: int, tokens=None) -> list[RawHonor]:
        found: list[RawHonor] = []
        taken = Mask(len(text))
        for m in _QUOTED.finditer(text):
            q = m.group("q")
            t = self.tail.search(q)
            if t and t.start() > 0:
                q = q[:t.start()]
            if not self.honourish.search(q) or _SENT_PUNCT.search(q):
                continue
            if q.endswith(self.lex.honour_cues.get("rated", ())) and not _LEVEL_HEAD.match(q):
                continue             # “张三劳模创新工作室” is a studio's name; “全国示范性…工作室” a rating
            pstart, plevel, pregion = self._prefix(text, m.start())     # 第三届贵州省“最美劳动者”
            before = text[max(0, pstart - 6):pstart]
            after = text[m.end():m.end() + 4]
            adjacent = after.startswith(("“", "\"")) or text[max(0, m.start() - 1):m.start()] in ("”", "\"")
            inner = self.core_re.search(q)
            core_end = inner is not None and inner.end() == len(q)
            why = ("conferring verb before" if self.confer_before.search(before) else
                   "conferring verb earlier in the clause" if self.confer_in_clause.search(
                       text, max(0, pstart - 24), pstart) else
                   "title tail after" if self.tail_after.match(after) else
                   "next to another quoted title" if adjacent else
                   "edition before" if _EDITION.search(text, max(0, m.start() - 6), m.start()) else
                   "award noun" if _AWARD.search(q) else
                   "ends with a lexicon honour" if core_end else
                   "level word opens it" if q.startswith(("全国", "省级", "市级")) else None)
            if why is None:
                continue
            me = m.start("q") + len(q)
            suffix = self.title_suffix.match(text, m.end()) if len(q) == len(m.group("q")) else None
            if self.event_after.match(text, m.end()) and "verb" not in why:
                taken.add(m.start(), m.end())
                continue        # “最美劳动者”发布仪式: a meeting's name
            row = self.alias.get(inner.group()) if core_end else None
            canonical = row["canonical"] if row else self.honourish.search(q).group() or q
            if inner:
                _, level, region = self._prefix(q, len(q) - len(inner.group()))
            elif _CRAFT.search(q) and _CRAFT.search(q).end() == len(q):
                _, level, region = self._prefix(q, _CRAFT.search(q).start())   # “四川工匠”
            else:
                level, region = None, None
            if region is None:       # “山东省富民兴鲁劳动奖章”: the issuing region opens the title
                region = self.lex.region_starting_at(q, 0, 8, len(q) - 1)
                if region:
                    level = level or LEVEL_OF_REGION.get(self.lex.regions[region].level)
            region, level = region or pregion, level or plevel
            if level is None:
                lv = _LEVEL_HEAD.match(q)
                level = self.levels.get(lv.group()) if lv else None
            name = text[pstart:m.start()] + "“" + q + "”" if pstart < m.start() or suffix else q
            ms = pstart if pstart < m.start() or suffix else m.start("q")
            end = me + 1 if pstart < m.start() or suffix else me
            if suffix:        # 第二届“晋城工匠”提名人物: a nominee is a title of its own
                name, end = name + suffix.group(), suffix.end()
            found.append(RawHonor(name, canonical, level, region, RawMention(text[ms:end], ms + base, end + base),
                                  row["holder"] if row else "either", why="quoted title: " + why))
            taken.add(m.start(), m.end())
        generic_end = -1
        for m in self.core_re.finditer(text):
            s, e = m.span()
            if taken.covers(s):
                continue
            row = self.alias[m.group()]
            if self.not_after.match(text, e):
                continue
            nxt = self.core_re.match(text, e + 1) if text[e:e + 1] in _JOINERS else None
            if nxt and self.not_after.match(text, nxt.end()):
                continue             # 享受劳动模范和先进工作者待遇: the compound spans the coordination
            start, level, region = self._prefix(text, s)
            if row.get("needs_level") == "yes" and start == s:
                continue
            if row.get("needs_level") == "context" and start == s and not (
                    self.confer_before.search(text, max(0, s - 6), s) or _COUNT_AFTER.match(text, e)
                    or _SELECTED.search(text, max(0, s - 12), s)):
                continue
            if (start == s or region is None) and (self._passing(text, start, e) or (
                    generic_end >= 0 and text[generic_end:start] in _JOINERS)):
                generic_end = e      # 一批先进集体和先进个人: the plural reaches over the coordination
                continue
            found.append(self._make(text, base, start, e, row["canonical"], level, region, row["holder"],
                                    "lexicon core" + (" with level/region words" if start < s else "")))
            taken.add(start, e)
        for m in self.rated_re.finditer(text):      # 被命名为市级劳模创新工作室: a rated status
            e = m.end()
            v = self.verb_before_rated.search(text, max(0, e - 24), m.start())
            if v is None or taken.touches(v.start("h"), e):
                continue
            _, level, _ = self._prefix(text, v.end("lvl"))
            found.append(self._make(text, base, v.start("h"), e, m.group(), self.levels.get(v.group("lvl")), None,
                                    "either", "rated status after a conferring verb"))
            taken.add(v.start("h"), e)
        for m in self.prize_re.finditer(text):
            s = m.start()
            if taken.touches(s, m.end()) or text[m.end():m.end() + 1] in self.prize_not_before:
                continue             # 一等奖学金, 资金奖励
            contest = self.contest_end.search(text, max(0, s - 8), s)
            if not (contest or self.confer_near.search(text, max(0, s - 8), s) or self.tail_after.match(text, m.end())):
                continue             # 每期设一等奖1名: a prize nobody is said to win here
            if contest:              # the contest's name runs back to a verb, 在, 的 or punctuation
                lo = max(0, contest.start() - 12)
                cut = None
                for cut in self.contest_start.finditer(text, lo, contest.start()):
                    pass
                s = cut.end() if cut else lo
            found.append(self._make(text, base, s, m.end(), m.group(), None, None, "either",
                                    "contest prize" if contest else "prize after a conferring verb"))
            taken.add(s, m.end())
        for m in _STAR.finditer(text):
            if taken.covers(m.start()):
                continue
            start, level, region = self._prefix(text, m.start())
            found.append(self._make(text, base, start, m.end(), "星级" + m.group()[-2:], level, region,
                                    "collective", "star rating"))
            taken.add(start, m.end())
        for m in _CRAFT.finditer(text):
            s = m.start()
            if taken.covers(s) or self.not_after.match(text, m.end()):
                continue
            if text[max(0, s - 2):s] == "大国":
                found.append(self._make(text, base, s - 2, m.end(), "大国工匠", "national", None, "individual",
                                        "大国工匠"))
                continue
            v = self.verb_before_craft.search(text, max(0, s - 14), s)
            if v:                    # 评为浙江工匠, 获评第三届鞍钢大工匠: any 工匠 title a verb names
                h = v.group("h") + m.group()
                _, level, region = self._prefix(h, len(h) - len(m.group()))
                found.append(self._make(text, base, v.start("h"), m.end(), "工匠", level, region, "individual",
                                        "工匠 title after a conferring verb"))
                taken.add(v.start("h"), m.end())
                continue
            start, level, region = self._prefix(text, s)
            if start < s and (region or level) and not self._passing(text, start, m.end()):
                found.append(self._make(text, base, start, m.end(), "工匠", level, region, "individual",
                                        "<region/level>工匠"))
                continue
            named = self.craft_in_chain.search(text, max(0, s - 5), s)
            if named and text[m.end():m.end() + 1] in self.lex.surnames and not self.core_re.search(named.group("x")):
                found.append(self._make(text, base, named.start("x"), m.end(), "工匠", "enterprise", None,
                                        "individual", "<enterprise>工匠 before a name"))
        found.sort(key=lambda h: h.mention.start)
        return found

    @staticmethod
    def _make(text, base, s, e, canonical, level, region, holder_kind, why) -> RawHonor:
        name = text[s:e]
        return RawHonor(name, canonical, level, region, RawMention(name, s + base, e + base), holder_kind, why=why)
