"""People: byline credits, then cue-driven names in the text.

The segmenter's ``nr`` tag is weak evidence: it fires on ordinary words (耿直, 安静). A name is
taken when a cue backs it: a title or honour right before it (工会主席江冬夫, 省劳动模范舒幼民), a
verb of speech after it (X说), a list with a known name (A、B、C), or a full 3-character
surname-led name that the segmenter itself recognised. Names inside organisations, venues and
work titles (林则徐纪念馆, 《人民工匠许振超》) are not mentions there.
"""
from __future__ import annotations

import regex

from .entities import RawMention, RawOrg, RawPerson
from .lexicon import Lexicons
from .tokens import Tokens

PERSON_TAGS = {"nr", "nrfg", "nrt"}
SPEECH = ("说", "表示", "介绍", "告诉", "认为", "指出", "坦言", "感慨", "强调", "笑着说", "回忆", "透露", "提到",
          "解释", "建议", "称", "谈到", "补充", "要求", "希望", "呼吁", "直言", "感叹", "总结", "获悉")
# after a person: the name stops here (boundary lookahead for cue-driven names)
BOUNDARY = (r"(?=[、，,。；;：:“”\"\s(（)）!！?？·\d]|等|说|表示|介绍|告诉|认为|指出|和|与|及|在|为|是|的|也|带领|"
            r"获|荣获|被|担任|作|同志|一行|跟|同|于|先生|女士|师傅|老师|同学|现场|分享|讲解|率|率领|出席|主持|代表|参加|"
            r"宣读|高兴|还|就|对|向|从|将|曾|已|又|都|所|来|去|到|以|用|把|让|给|$)")
NOT_AFTER = regex.compile(r"纪念馆|故居|路|街|大道|广场|公园|小组|班组|号|杯|奖|式|精神|工作室|模式|大桥|中学|小学|"
                          r"大学|学校|医院|公司|集团|村|镇|乡|县|市|区|省|团队|品牌|同志们|们")
VENUE_END = set("楼亭馆堂阁殿园厅桥塔寺庙")
TRANSLIT = set("阿巴布达德尔夫弗格哈赫基吉杰卡克拉莱兰劳里利林罗洛马麦曼米莫穆纳内尼诺帕佩皮普齐乔萨塞桑森斯索塔泰坦特图托瓦威维沃西希谢辛休雅亚扬伊尤泽扎詹朱佐丝娜娃莎琳妮蒂茨奥埃艾安奇科贝鲍博戈廷")


class PersonFinder:
    def __init__(self, lex: Lexicons):
        self.lex = lex
        self.surnames = lex.surnames
        self.compound = lex.compound_surnames
        titles = sorted((t for t, kind in lex.titles.items() if kind != "generic"), key=len, reverse=True)
        title_alt = "|".join(regex.escape(t) for t in titles)
        honour_tail = r"(?:获得者|称号获得者)"
        single = "".join(sorted(s for s in lex.surnames if len(s) == 1))
        comp = "|".join(sorted(lex.compound_surnames, key=len, reverse=True))
        surname = rf"(?:{comp}|[{single}])"
        self.title_re = regex.compile(rf"(?:{title_alt}|{honour_tail})(?P<name>{surname}\p{{Han}}{{1,2}}?){BOUNDARY}")
        self.title_end = regex.compile(rf"(?:{title_alt})$")
        self.count_re = regex.compile(rf"(?<![\p{{Han}}])(?P<name>{surname}\p{{Han}}{{1,2}}?)(?:等)?[\d一二三四五六七八九十]+(?:名|人|位)"
                                      rf"|(?<=[、，,])(?P<name>{surname}\p{{Han}}{{1,2}}?)等[\d一二三四五六七八九十]+(?:名|人|位)"
                                      rf"|(?<=、)(?P<name>{surname}\p{{Han}}{{1,2}}?)[\d一二三四五六七八九十]+(?:名|人|位)")
        self.title_alt = title_alt
        self.dot_name = regex.compile(r"(?<![\p{Han}·])\p{Han}{2,5}·\p{Han}{2,6}(?:·\p{Han}{2,6})?(?=[^\p{Han}·]|说|表示|$)")
        self.boundary = regex.compile(BOUNDARY)
        self.dot_name_any = regex.compile(r"\p{Han}{2,5}·\p{Han}{2,6}?(?:·\p{Han}{2,6}?)?(?=[^\p{Han}·]|说|表示|$)")
        self.speech_re = regex.compile("|".join(SPEECH))

    def _is_name_shape(self, w: str) -> bool:
        if "·" in w:
            return True
        if not 2 <= len(w) <= 4 or not regex.fullmatch(r"\p{Han}+", w):
            return False
        if w[:2] in self.compound:
            return len(w) >= 3
        return w[0] in self.surnames and len(w) <= 3

    def find(self, text: str, base: int, tagged, art=None, orgs: list[RawOrg] = ()) -> list[RawPerson]:
        toks = tagged if isinstance(tagged, Tokens) else Tokens.from_tagged(tagged)
        blocked = [(m.start - base, m.end - base) for o in orgs for m in o.mentions]
        blocked += [m.span() for m in regex.finditer(r"《[^《》\n]{1,60}》|“[^“”\n]{1,30}”", text)]
        if art is not None:
            blocked += [(c.start - base, c.end - base) for c in art.credits]
        people: dict[str, RawPerson] = {}
        order: list[str] = []

        def accept(name: str, role: tuple[str, str | None] | None = None) -> None:
            if name not in people:
                people[name] = RawPerson(name)
                order.append(name)
            if role and role not in people[name].roles:
                people[name].roles.append(role)

        # 1. byline credits (absolute offsets already)
        if art is not None:
            outlet = None
            if art.source and art.source not in ("本报讯", "本报"):
                outlet = regex.sub(r"讯$", "", art.source).split("-")[-1]
            for c in art.credits:
                if len(c.name) > 4 or regex.search(r"(?:会|组|委|局|厅|司|部|社|报|网|党)$", c.name):
                    continue   # ■中共诸暨市总工会党组: an organisation as author
                accept(c.name, (c.role, outlet if c.field in ("reporters", "photographers", "interns") else None))
        # 2. cue-driven names: titles/honours before the name
        for m in self.title_re.finditer(text):
            s, e = m.span("name")
            if self._blocked(s, e, blocked) or NOT_AFTER.match(text, e):
                continue
            accept(m.group("name"))
        for m in self.count_re.finditer(text):
            s, e = m.span("name")
            if not self._blocked(s, e, blocked) and toks.starts[toks.index_at(s)] == s:
                accept(m.group("name"))
        # 3. names with a middle dot (minority and foreign names)
        for m in self.dot_name_any.finditer(text):
            s = m.start()
            first = text[s:text.index("·", s)]
            for k in range(len(first) - 2, -1, -1) if len(first) > 2 else [0]:
                cut = s + k
                if k == 0 or self.title_end.search(text, max(0, cut - 8), cut):
                    s = cut
                    break
            if not self._blocked(s, m.end(), blocked):
                accept(text[s:m.end()])
        # 4. segmenter candidates, decided by context
        n = len(toks.words)
        for i in range(n):
            if toks.tags[i] not in PERSON_TAGS:
                continue
            w = toks.words[i]
            s, e = toks.starts[i], toks.starts[i] + len(w)
            if w in people or not self._is_name_shape(w) or self._blocked(s, e, blocked):
                continue
            if NOT_AFTER.match(text, e) or (s and text[s - 1] in "“\"") :
                continue
            nxt = toks.words[i + 1] if i + 1 < n else ""
            prev = toks.words[i - 1] if i else ""
            strong = (self.speech_re.match(text, e) is not None or prev in ("、",) and i > 1 and toks.words[i - 2] in people
                      or nxt == "、" and i + 2 < n and toks.words[i + 2] in people
                      or self.title_end.search(text, max(0, s - 8), s) is not None)
            if strong or (len(w) >= 3 and self.boundary.match(text, e) and w[-1] not in VENUE_END):
                accept(w)
        # 5. lists: A、B、C with one known name make the others names too
        for m in regex.finditer(r"\p{Han}{2,3}(?:、\p{Han}{2,3})+", text):
            parts = m.group().split("、")
            if any(p in people for p in parts):
                pos = m.start()
                for p in parts:
                    if p not in people and self._is_name_shape(p) and not self._blocked(pos, pos + len(p), blocked) \
                            and self._token_name(toks, pos, p):
                        accept(p)
                    pos += len(p) + 1
        # mentions of every accepted name, and roles from titles right before each; an occurrence
        # inside a longer accepted name (黄忠 in 黄忠政) is that longer name's
        longer_spans = [m.span() for nm in order for m in regex.finditer(regex.escape(nm), text)]
        out = []
        for name in order:
            p = people[name]
            for m in regex.finditer(regex.escape(name), text):
                s, e = m.span()
                if self._blocked(s, e, blocked) or NOT_AFTER.match(text, e) and not self.speech_re.match(text, e):
                    continue
                if any(a <= s and e <= b and b - a > e - s for a, b in longer_spans):
                    continue
                if s and regex.match(r"\p{Han}", text[s - 1]) and not self.title_end.search(text, max(0, s - 8), s) \
                        and text[s - 1] not in "、和与及给向对被由让请经据从为记者员" and not self._after_cue(text, s, orgs, base):
                    # glued to a preceding word that is no title: only keep if tokens agree
                    ti = toks.index_at(s)
                    if toks.starts[ti] != s:
                        continue
                p.mentions.append(RawMention(name, s + base, e + base))
                for role in self._roles(text, s, orgs, base):
                    if role not in p.roles:
                        p.roles.append(role)
            if art is not None:
                for c in art.credits:
                    if c.name == name and not any(mm.start == c.start for mm in p.mentions):
                        if art.start <= c.start < art.end:
                            p.mentions.append(RawMention(text[c.start - base:c.end - base], c.start, c.end))
            p.mentions.sort(key=lambda mm: mm.start)
            if p.mentions:
                out.append(p)
        return out

    @staticmethod
    def _token_name(toks: Tokens, pos: int, word: str) -> bool:
        """The segmenter agrees ``word`` at ``pos`` is a name: one nr token, or single characters."""
        i = toks.index_at(pos)
        if toks.starts[i] != pos:
            return False
        if toks.words[i] == word:
            return toks.tags[i] in PERSON_TAGS
        j, end = i, pos + len(word)
        while j < len(toks.words) and toks.starts[j] < end:
            if len(toks.words[j]) > 1 and toks.tags[j] not in PERSON_TAGS:
                return False
            j += 1
        return j < len(toks.words) and toks.starts[j] == end or j == len(toks.words)

    @staticmethod
    def _blocked(s: int, e: int, blocked) -> bool:
        return any(a < e and s < b for a, b in blocked)

    def _after_cue(self, text: str, s: int, orgs, base) -> bool:
        return any(m.end - base == s for o in orgs for m in o.mentions)

    def _roles(self, text: str, s: int, orgs: list[RawOrg], base: int) -> list[tuple[str, str | None]]:
        roles, p = [], s
        while True:
            m = self.title_end.search(text, max(0, p - 10), p)
            if not m:
                break
            roles.append(m.group())
            p = m.start()
            if p and text[p - 1] in "、和":
                p -= 1
                continue
            break
        if not roles:
            return []
        org = None
        for o in orgs:
            for mm in o.mentions:
                if mm.end - base == p:
                    org = o.name
        if org is None:
            para_start = text.rfind("\n", 0, s) + 1
            best = None
            for o in orgs:
                for mm in o.mentions:
                    if para_start <= mm.start - base and mm.end - base <= s and (best is None or mm.start > best[0]):
                        best = (mm.start, o.name)
            org = best[1] if best else None
        return [(t, org) for t in reversed(roles)]
