"""People: byline credits, then cue-driven names in the text.

The segmenter's ``nr`` tag is weak evidence: it fires on ordinary words (耿直, 安静). A name is
taken when a cue backs it: a title or honour right before it (工会主席江冬夫, 省劳动模范舒幼民), a
verb of speech after it (X说), a count after it (何祖国等6名), a list with a known name (A、B、C),
or a 3-character surname-led name the segmenter recognised and that ends on a word boundary.
Names inside organisations, venues, quotes and work titles (林则徐纪念馆, 《人民工匠许振超》) are
not mentions there.
"""
from __future__ import annotations

import bisect
import re

import regex

from .entities import RawMention, RawOrg, RawPerson
from .lexicon import Lexicons
from .patterns import HAN
from .spans import Mask
from .tokens import Tokens

PERSON_TAGS = {"nr", "nrfg", "nrt"}
SPEECH = ("说", "表示", "介绍", "告诉", "认为", "指出", "坦言", "感慨", "强调", "笑着说", "回忆", "透露", "提到",
          "解释", "建议", "称", "谈到", "补充", "要求", "希望", "呼吁", "直言", "感叹", "总结", "获悉")
# where a name stops (lookahead after a cue-driven name)
BOUNDARY = (r"(?=[、，,。；;：:“”\"\s(（)）!！?？·\d]|等|说|表示|介绍|告诉|认为|指出|和|与|及|在|为|是|的|也|带领|"
            r"获|荣获|被|担任|作|同志|一行|跟|同|于|先生|女士|师傅|老师|同学|现场|分享|讲解|率|率领|出席|主持|代表|参加|"
            r"宣读|高兴|还|就|对|向|从|将|曾|已|又|都|所|来|去|到|以|用|把|让|给|会见|接见|看望|慰问|视察|考察|访问|"
            r"会晤|致电|致信|讲话|首先|同志|正在|正|已经|一直|多次|先后|连续|始终|主动|积极|坚持|$)")
NOT_AFTER = regex.compile(r"纪念馆|故居|路|街|大道|广场|公园|小组|班组|号|杯|奖|式|精神|工作室|模式|大桥|中学|小学|"
                          r"大学|学校|医院|公司|集团|村|镇|乡|县|市|区|省|团队|品牌|同志们|们")
# 王师傅, 林先生, 张某某: a surname with an honorific or placeholder is no full name
HONORIFIC_END = ("夫人", "先生", "女士", "师傅", "老师", "同志", "阿姨", "大姐", "大哥", "大爷", "老板", "某")
VENUE_END = set("楼亭馆堂阁殿园厅桥塔寺庙宫会总")
TRANSLIT = set("顿尔斯基夫科阿埃艾安奥巴拜班邦保鲍贝本比彼毕波伯博布查达戴丹道德迪蒂丁东杜多厄恩尔法范菲费芬丰弗福夫盖甘冈高戈哥格根古瓜哈海汉豪赫亨胡华惠霍基吉加贾杰金卡凯坎康考柯科克肯库拉莱赖兰朗劳勒雷里利莉丽连列林琳隆卢鲁路伦罗洛吕马玛迈麦曼梅门蒙米明莫姆穆纳奈南内尼宁纽努诺欧帕潘佩彭皮普齐奇乔切琼萨塞瑟森沙莎尚舍什施史舒斯丝索塔泰坦汤唐特提图托瓦威韦维温沃乌西希夏谢辛休雅亚扬伊因尤约泽扎詹朱兹佐茨茜娜娃妮薇")
# a name is usually followed by a verb, adverb, preposition, conjunction, particle or punctuation
FOLLOW_TAGS = set("vdpcuxrf")
GLUE_OK = set("、和与及给向对被由让请经据从为记者员")
_HAN = regex.compile(r"\p{Han}")
_ALL_HAN = regex.compile(r"\p{Han}+")
_TITLED = regex.compile(r"《[^《》\n]{1,60}》|“[^“”\n]{1,30}”")
_LIST = regex.compile(r"\p{Han}{2,3}(?:、\p{Han}{2,3})+")
_NAME_CHARS = regex.compile(r"[\p{Han}·]+")
_ORG_LIKE = regex.compile(r"(?:会|组|委|局|厅|司|部|社|报|网|党)$")
_COUNT = regex.compile(r"(?:等)?(?<![\d一二三四五六七八九十])[\d一二三四五六七八九十]++(?:名|人|位)")
_DOT_NAME = regex.compile(r"\p{Han}{2,5}·\p{Han}{2,6}?(?:·\p{Han}{2,6}?)?(?=[^\p{Han}·]|说|表示|等|在|的|和|与|是|也|$)")
_LEAD_FUNCTION = set("的在和与是了把被对向将从由为给跟同及")


class _OrgIndex:
    """Organisation mentions by end and by start, for the organisation of a role."""

    def __init__(self, orgs: list[RawOrg], base: int):
        items = sorted((m.start - base, m.end - base, o.name) for o in orgs for m in o.mentions)
        self.starts = [x[0] for x in items]
        self.items = items
        self.by_end = {x[1]: x[2] for x in items}

    def end_covering(self, pos: int, limit: int) -> int | None:
        """The end of an organisation mention that covers ``pos`` and ends before ``limit``."""
        i = bisect.bisect_right(self.starts, pos) - 1
        while i >= 0 and i > bisect.bisect_right(self.starts, pos) - 4:
            s, e, _ = self.items[i]
            if s <= pos < e < limit:
                return e
            i -= 1
        return None

    def last_before(self, lo: int, hi: int) -> str | None:
        """The organisation mentioned last within [lo, hi)."""
        i = bisect.bisect_left(self.starts, hi) - 1
        while i >= 0 and self.items[i][0] >= lo:
            if self.items[i][1] <= hi:
                return self.items[i][2]
            i -= 1
        return None


class PersonFinder:
    def __init__(self, lex: Lexicons):
        self.surnames = lex.surnames
        self.compound = lex.compound_surnames
        titles = sorted((t for t, kind in lex.titles.items() if kind != "generic"), key=len, reverse=True)
        title_alt = "|".join(regex.escape(t) for t in titles)
        single = "".join(sorted(s for s in lex.surnames if len(s) == 1))
        comp = "|".join(sorted(lex.compound_surnames, key=len, reverse=True))
        surname = rf"(?:{comp}|[{single}])"
        # honours before a name are as good a cue as titles (浙江工匠陈亮, 技术能手赵阳)
        honour_alt = "|".join(re.escape(a) for row in lex.honours for a in row["aliases"].split("|") if a)
        self.title_re = re.compile(rf"(?:{title_alt}|获得者|称号获得者)(?P<name>{surname}{HAN}{{1,2}}?){BOUNDARY}")
        self.honour_re = re.compile(rf"(?:{honour_alt}|工匠)(?P<name>{surname}{HAN}{{1,2}}?){BOUNDARY}")
        self.title_end = regex.compile(rf"(?:{title_alt})$")
        self.name_before_count = regex.compile(rf"(?:^|(?<=[^\p{{Han}}]|、))(?P<name>{surname}\p{{Han}}{{1,2}}?)$"
                                               rf"|(?<=[，,])(?P<name>{surname}\p{{Han}}{{1,2}}?)(?=等$)")
        self.speech_re = regex.compile("|".join(SPEECH))
        # a title right after a name (江泽民主席, 威尔逊州长, 林先生) is as strong a cue as one before
        after = sorted(set(lex.titles) - {"代表", "领导", "职工", "员工", "工人", "专家", "委员", "选手", "冠军", "司机"},
                       key=len, reverse=True)
        self.title_after = re.compile("|".join(re.escape(t) for t in after))
        self.glued_tail = re.compile(r"(?P<name>.{2,3}?)(?:理论|思想|同志|主席|总理|先生|女士|教授|书记|总统)$")
        self.boundary = regex.compile(BOUNDARY)

    def is_name_shape(self, w: str) -> bool:
        if "·" in w:
            return True
        if not 2 <= len(w) <= 4 or not _ALL_HAN.fullmatch(w):
            return False
        if w[:2] in self.compound:
            return len(w) >= 3
        return w[0] in self.surnames and len(w) <= 3

    def _titled(self, text: str, pos: int) -> bool:
        return self.title_end.search(text, max(0, pos - 8), pos) is not None

    def find(self, text: str, base: int, toks: Tokens, art=None, orgs: list[RawOrg] = ()) -> list[RawPerson]:
        org_spans = [(m.start - base, m.end - base) for o in orgs for m in o.mentions]
        blocked = Mask(len(text), org_spans)
        for m in _TITLED.finditer(text):
            blocked.add(*m.span())
        credits = [c for c in (art.credits if art is not None else ()) if art.start <= c.start < art.end]
        for c in credits:
            blocked.add(c.start - base, c.end - base)
        people: dict[str, RawPerson] = {}

        def accept(name: str, role=None) -> None:
            p = people.setdefault(name, RawPerson(name))
            if role and role not in p.roles:
                p.roles.append(role)

        # 1. byline credits
        outlet = None
        if art is not None and art.source and art.source not in ("本报讯", "本报"):
            outlet = art.source.removesuffix("讯").split("-")[-1]
        for c in credits:
            if len(c.name) > 4 or _ORG_LIKE.search(c.name) or not _NAME_CHARS.fullmatch(c.name):
                continue   # ■中共诸暨市总工会党组: an organisation as author
            accept(c.name, (c.role, outlet if c.field in ("reporters", "photographers", "interns") else None))
        # 2. cues: a title or honour before the name, a count after it (何祖国等6名, 万方前8人)
        for m in self.title_re.finditer(text):
            s, e = m.span("name")
            if not blocked.touches(s, e) and not NOT_AFTER.match(text, e):
                accept(m.group("name"))
        for m in self.honour_re.finditer(text):      # weaker (工匠代表, 奖揭晓): the segmenter must agree
            s, e = m.span("name")
            if not blocked.touches(s, e) and not NOT_AFTER.match(text, e) \
                    and self._segmenter_agrees(toks, s, m.group("name")):
                accept(m.group("name"))
        for c in _COUNT.finditer(text):
            lo = max(0, c.start() - 5)
            m = self.name_before_count.search(text, lo, c.start())
            if m:
                s, e = m.span("name")
                if not blocked.touches(s, e) and toks.starts_at(s):
                    accept(m.group("name"))
        # 3. names with a middle dot (minority and foreign names); cut after a title on the left
        for m in _DOT_NAME.finditer(text):
            s, dot = m.start(), text.index("·", m.start())
            for cut in range(dot - 2, s - 1, -1):
                if cut == s or self._titled(text, cut) or text[cut - 1] in _LEAD_FUNCTION:
                    s = cut
                    break
            if not blocked.touches(s, m.end()):
                accept(text[s:m.end()])
        # 4. segmenter candidates, decided by context
        words, tags, starts = toks.words, toks.tags, toks.starts
        n = len(words)
        for i in [k for k, t in enumerate(tags) if t in PERSON_TAGS]:
            w = words[i]
            s, e = starts[i], starts[i] + len(w)
            if len(w) <= 2 and i and len(words[i - 1]) == 1 and words[i - 1] in self.surnames \
                    and (i < 2 or not _HAN.match(words[i - 2][-1:]) or len(words[i - 2]) > 1):
                w, s = words[i - 1] + w, starts[i - 1]     # 高|卫东: a surname the segmenter cut off
            glued = False
            if len(w) >= 4 and "·" not in w:
                g = self.glued_tail.match(w)      # 邓小平理论, 江泽民主席 read as one word
                if g and self.is_name_shape(g.group("name")):
                    w, e, glued = g.group("name"), s + len(g.group("name")), True
            if w in people or blocked.touches(s, e) or NOT_AFTER.match(text, e) or w.endswith(HONORIFIC_END):
                continue
            nxt_tag = tags[i + 1] if i + 1 < n else "x"
            ends_word = self.boundary.match(text, e) or nxt_tag[:1] in FOLLOW_TAGS
            if not self.is_name_shape(w):
                # transliterated names need a person cue, or jieba's own person-transliteration tag
                # (nrt): bare nr ones are as often places (温哥华)
                if self._foreign(w, tags[i]) and (self.title_after.match(text, e) or self._titled(text, s)
                                                  or self.speech_re.match(text, e) or (tags[i] == "nrt" and ends_word)):
                    accept(w)
                continue
            chained = ((i + 1 < n and tags[i + 1] in PERSON_TAGS and self.is_name_shape(words[i + 1]))
                       or (i > 0 and tags[i - 1] in PERSON_TAGS and self.is_name_shape(words[i - 1])))
            strong = (glued or chained or self.speech_re.match(text, e) is not None or self.title_after.match(text, e) is not None
                      or (i > 1 and words[i - 1] == "、" and words[i - 2] in people)
                      or (i + 2 < n and words[i + 1] == "、" and words[i + 2] in people)
                      or self._titled(text, s))
            # nrfg: a name from jieba's dictionary (金庸, 李咏), stronger than an HMM guess
            if strong or ((len(w) >= 3 or tags[i] == "nrfg" or text[e:e + 1] in "：:") and ends_word
                          and w[-1] not in VENUE_END):
                accept(w)
        # 5. lists: A、B、C with one known name make the others names too
        for m in _LIST.finditer(text):
            parts = m.group().split("、")
            if any(p in people for p in parts):
                pos = m.start()
                for p in parts:
                    if p not in people and self.is_name_shape(p) and not blocked.touches(pos, pos + len(p)) \
                            and self._segmenter_agrees(toks, pos, p):
                        accept(p)
                    pos += len(p) + 1
        return self._mentions(text, base, toks, people, blocked, org_spans, orgs, credits)

    def _mentions(self, text, base, toks, people, blocked, org_spans, orgs, credits) -> list[RawPerson]:
        """Every occurrence of every accepted name; one inside a longer name (黄忠 in 黄忠政) is not."""
        if not people:
            return []
        org_index = _OrgIndex(orgs, base)
        names = sorted(people, key=len, reverse=True)
        alt = regex.compile("|".join(regex.escape(nm) for nm in names))
        org_ends = {e for _, e in org_spans}
        credit_at = {(c.start - base, c.name) for c in credits}
        for m in alt.finditer(text):      # leftmost-longest: a longer name wins over its prefix
            name, (s, e) = m.group(), m.span()
            if (s, name) in credit_at:
                pass
            elif blocked.touches(s, e) or (NOT_AFTER.match(text, e) and not self.speech_re.match(text, e)):
                continue
            elif s and _HAN.match(text[s - 1]) and text[s - 1] not in GLUE_OK and not self._titled(text, s) \
                    and s not in org_ends and not toks.starts_at(s):
                continue   # glued to a preceding word that is no title, and the segmenter disagrees
            p = people[name]
            p.mentions.append(RawMention(name, s + base, e + base))
            for role in self._roles(text, s, org_index):
                if role not in p.roles:
                    p.roles.append(role)
        for c in credits:   # a byline name written with a space inside (张 宝) is still its mention
            p = people.get(c.name)
            if p is not None and not any(mm.start == c.start for mm in p.mentions):
                p.mentions.append(RawMention(c.name, c.start, c.end))
                p.mentions.sort(key=lambda mm: mm.start)
        return [p for p in people.values() if p.mentions]

    @staticmethod
    def _foreign(w: str, tag: str) -> bool:
        """A transliterated foreign name (叶利钦, 克雷蒂安): every character a transliteration one."""
        return 3 <= len(w) <= 6 and tag in PERSON_TAGS and all(ch in TRANSLIT for ch in w)

    @staticmethod
    def _segmenter_agrees(toks: Tokens, pos: int, word: str) -> bool:
        """``word`` at ``pos`` is one nr token, or a run of single characters (an unknown name)."""
        if not toks.starts_at(pos):
            return False
        i = toks.index_at(pos)
        if toks.words[i] == word:
            return toks.tags[i] in PERSON_TAGS
        end = pos + len(word)
        # 范|阳阳: a surname (tagged as a name) split from its given name; 和|集体 is no name
        surname_first = len(toks.words[i]) == 1 and toks.tags[i] in PERSON_TAGS
        first = i
        while i < len(toks.words) and toks.starts[i] < end:
            if len(toks.words[i]) > 1 and toks.tags[i] not in PERSON_TAGS and not (surname_first and i == first + 1):
                return False
            i += 1
        return i == len(toks.words) or toks.starts[i] == end

    def _roles(self, text: str, s: int, org_index: "_OrgIndex") -> list[tuple[str, str | None]]:
        """Titles chained right before a name (党组成员、副主席林宇超), with the organisation
        written right before them, else the last one named earlier in the paragraph."""
        roles, p = [], s
        while (m := self.title_end.search(text, max(0, p - 10), p)):
            org_end = org_index.end_covering(m.start(), p)
            if org_end is not None:                    # 鄞州区总工会|副主席, not 工会副主席
                roles.append(text[org_end:p])
                p = org_end
                break
            roles.append(m.group())
            p = m.start()
            if p and text[p - 1] in "、和":
                p -= 1
                continue
            break
        if not roles:
            return []
        org = org_index.by_end.get(p)
        if org is None:
            para_start = max(text.rfind("\n", max(0, s - 300), s) + 1, s - 300)
            org = org_index.last_before(para_start, s)
        return [(t, org) for t in reversed(roles)]
