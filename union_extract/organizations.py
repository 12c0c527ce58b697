"""Organisations: maximal spans built leftwards from a type suffix over name-like words.

One compiled pass finds suffixes (总工会, 股份有限公司, 车间 ...) and known names (中工网, 全总);
only there do we walk the segmenter's tokens to the left, stopping at verbs, prepositions,
punctuation and determiners. Sub-units keep their full span and point to their parent.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .entities import RawHonor, RawMention, RawOrg
from .lexicon import Lexicons
from .patterns import literal_alternation
from .spans import Mask
from .tokens import Tokens

NAME_TAGS = {"ns", "nz", "nt", "nr", "nrt", "nrfg", "n", "j", "eng", "vn", "an", "b", "l", "ng", "nw", "s", "nl", "i", "g"}
SPECIFIC_TAGS = {"ns", "nz", "nt", "nr", "nrt", "nrfg", "j", "eng", "nw"}
INDUSTRY_WORDS = {"制造", "服务", "发展", "建设", "开发", "管理", "运输", "投资", "贸易", "咨询", "设计", "工程",
                  "经营", "生产", "加工", "销售", "物流", "供电", "供水", "燃气", "建工", "建筑", "装备", "检测",
                  "运检", "作业", "带电", "输电", "配电", "维修", "养护", "收费", "出版", "教育", "培训", "医药",
                  "交易", "勘察", "勘探", "印刷", "传媒", "航空", "制药", "智能", "联合", "合作"}
STOP_WORDS = {"在", "由", "与", "和", "及", "向", "为", "是", "对", "从", "来自", "联合", "举办", "等", "的", "了",
              "其中", "所属", "隶属", "包括", "以及", "或", "同", "将", "被", "获", "荣获", "给", "让", "把", "经",
              "到", "赴", "走进", "组织", "通过", "据", "记者", "通讯员", "其", "该", "各", "本", "我", "这", "那",
              "每", "全体", "广大", "有关", "相关", "今年", "去年", "日前", "近日", "目前", "如今", "携手", "大会",
              "会议", "会上", "期间", "仪式", "涉及", "区局"}
GENERIC = {"企业", "基层", "单位", "区县", "各级", "上级", "地方", "职工", "公司", "学校", "行业", "产业", "系统",
           "乡镇", "街道", "全市", "全省", "全区", "全县", "全国", "非公", "民营", "国有", "中小", "小微", "会员",
           "班组", "车间", "部门", "机关", "一线", "技术", "创新", "优秀", "先进", "示范", "模范", "工会", "党员",
           "财贸", "新", "大型", "重点", "龙头", "试点", "骨干", "一批", "产改", "这家", "多家", "当地", "本地",
           "市直", "县直", "省直", "机关事业", "事业", "市属", "国企", "央企", "外资", "合资", "私营", "个体",
           "女职工", "工作", "劳模", "工匠", "志愿", "社会", "群众", "农民", "青年", "妇女", "学生", "老年",
           "科技", "文化", "体育", "卫生", "医疗", "教育", "金融", "商业", "工业", "农业", "服务", "区局", "产业工会"}
DIRECTIONS = ("东北", "西北", "华北", "华东", "华南", "西南", "华中", "东南")
REGIONISH = ("省", "市", "县", "区", "国家", "中国", "中华", "中央", "全国", "中共", "地区", "自治区", "国务院") + DIRECTIONS
LEAD_STOP = "由在与和及向为对从被把给将于经"
NOT_AFTER_SUFFIX = regex.compile(r"系统|干部|工作|组织|会员|经费|活动|力量|网络|代表大会")
_BOOK_TITLE = regex.compile(r"《[^《》\n]{1,60}》")
_QUOTE = regex.compile(r"[“\"]")
_ORDINAL = regex.compile(r"第[一二三四五六七八九十\d]+")
_SUBUNIT_AFTER = regex.compile(r"(?P<name>(?:(?![的和与及等在为是了对向从把被将])[\p{Han}A-Za-z0-9]){1,8}?)(?P<unit>项目部|分公司|分厂|车间|班组|团队|工区|中心|部|科|室)"
                               r"(?![门长员属分])")
_CLAUSE_PUNCT = regex.compile(r"[，,。！？!?；;：:、]")
_CN_NUMERAL = regex.compile(r"[〇零一二三四五六七八九十]+")
_HAN = regex.compile(r"\p{Han}")
_ALNUM = regex.compile(r"[A-Za-z0-9]+")
_QUOTE_LATIN = regex.compile(r"[“”\"A-Za-z]")
SUBUNIT_PARENT_TYPES = {"union", "party", "team"}
_QUOTE_OPEN = "“\"'‘「"


@dataclass
class _Cand:
    start: int
    end: int
    type: str
    kind: str
    suffix_start: int


class OrgFinder:
    def __init__(self, lex: Lexicons):
        self.lex = lex
        self.suffix_re = literal_alternation(lex.org_suffixes)
        self.known_re = literal_alternation(lex.known_orgs) if lex.known_orgs else None
        titles = sorted((t for t in lex.titles if len(t) >= 3), key=len, reverse=True)
        self.title_re = literal_alternation(titles)
        self.any_title = literal_alternation(t for t, kind in lex.titles.items() if kind != "generic")

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
        cands += self._subunits(text, cands)
        mask = Mask(len(text), blocked)
        cands = [c for c in cands if not mask.touches(c.start, c.end) or (c.kind == "org" and text[c.start - 1:c.start] == "《")]
        return self._resolve(text, base, cands)

    def _walk(self, text: str, toks: Tokens, m) -> _Cand | None:
        suffix = m.group()
        typ, kind = self.lex.org_suffixes[suffix]
        s, e = m.span()
        if self.title_re.match(text, s) or (typ == "union" and NOT_AFTER_SUFFIX.match(text, e)) or text[e:e + 1] == "长":
            return None   # 党组成员, 工会主席, 工会系统, 副部长: the suffix opens another word
        i = toks.index_at(s)
        start, j = s, i - 1
        if toks.starts[i] < s:   # the suffix starts inside a word (市总工会, 全局): the word's head is name
            if not self._name_token(toks.words[i], toks.tags[i]):
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
                if k > 0 and toks.words[k] in "(（" and self._name_token(toks.words[k - 1], toks.tags[k - 1]):
                    start = toks.starts[k]
                    j = k - 1
                    continue
                break
            if t == "m" and j > 0 and _CN_NUMERAL.fullmatch(w) and _ORDINAL.fullmatch(toks.words[j - 1]):
                start, j = toks.starts[j - 1], j - 2     # 第七|二五|研究所
                continue
            if t == "m" and j > 0 and _CN_NUMERAL.fullmatch(w) and (
                    toks.tags[j - 1] in SPECIFIC_TAGS or toks.words[j - 1] in self.lex.known_orgs):
                start, j = toks.starts[j - 1], j - 2     # 中铁|十四|局
                continue
            if not self._name_token(w, t):
                k = self._sandwiched(toks, j)
                if k is not None:          # 绍兴|嵊新|高速公路, 德阳|源|丰潮|扇|有限责任公司
                    start, j = toks.starts[k], k - 1
                    continue
                if t == "r" and len(w) == 2 and w[1] in "省市县区" and w[0] in "该本全":
                    start = toks.starts[j] + 1     # 该市总工会 -> 市总工会
                break
            start = toks.starts[j]
            j -= 1
        # drop generic leading words (企业工会 -> nothing; 全区18家优秀企业班组 -> nothing)
        if text.startswith("中共", start) and typ != "party":
            start += 2    # 中共诸暨市总工会党组: the party prefix belongs to the party body only
        while start < s and text[start] in LEAD_STOP and s - start > 1:
            start += 1    # 由省总工会: a preposition glued to a one-character region word
        name = text[start:s]
        if len(name) < 2 and not (name in ("省", "市", "县", "区") and kind == "org"):
            return None
        if kind != "org" and (text[start] in _QUOTE_OPEN or _QUOTE.search(name)) and not self._region_prefix(name):
            return None
        if not self._specific(text, toks, start, s):
            return None
        if kind != "org" and not (name.startswith(REGIONISH) or self._region_prefix(name) or
                                  any(toks.tags[k] in ("nt", "ns") for k in range(toks.index_at(start), toks.index_at(s - 1) + 1))):
            return None
        if kind == "subunit" and self.any_title.search(text, e, min(len(text), e + 8)):
            return None   # …公司金工车间数控铣工X: the organisation is the employer, the unit is no entity
        return _Cand(start, e, typ, kind, s)

    def _subunits(self, text: str, cands: list[_Cand]) -> list[_Cand]:
        """华为技术有限公司采购运输部: a named unit written right after its organisation. Not when a
        job title follows (…公司金工分厂数控铣工X): there the organisation is the person's employer."""
        out = []
        for c in cands:
            if c.kind not in ("org", "known") or c.type in ("union", "party", "team", "media"):
                continue
            m = _SUBUNIT_AFTER.match(text, c.end)
            if m and len(m.group("name")) >= 2 and m.group("name") not in GENERIC \
                    and not self.any_title.search(text, m.end(), min(len(text), m.end() + 8)):
                typ = "enterprise" if m.group("unit") in ("分公司", "分厂") else "team"
                out.append(_Cand(c.start, m.end(), typ, "subunit", m.start("unit")))
        return out

    def _sandwiched(self, toks: Tokens, j: int) -> int | None:
        """Index of a place word within three tokens left of token ``j`` when everything between
        is short, non-function words: rare-character names split oddly by the segmenter."""
        for k in range(j, max(-1, j - 4), -1):
            w, t = toks.words[k], toks.tags[k]
            if k < j and t == "ns" and len(w) >= 2:
                return k
            if w in STOP_WORDS or len(w) > 2 or t[:1] in ("p", "c", "u", "r", "x", "d"):
                return None
        return None

    @staticmethod
    def _name_token(w: str, t: str) -> bool:
        if w in STOP_WORDS:
            return False
        if t in NAME_TAGS or w in INDUSTRY_WORDS:
            return True
        if t == "m" and _ORDINAL.fullmatch(w):
            return True    # 中建新疆建工集团第四建筑工程有限公司
        if t in ("x", "zg", "a", "f") and len(w) == 1 and _HAN.match(w):
            return True    # rare single characters (嵊, 蕺) and 新/大 inside names
        if w in DIRECTIONS:
            return True
        if t == "x" and _ALNUM.fullmatch(w):
            return True
        return False

    def _region_prefix(self, name: str) -> str | None:
        return self.lex.region_starting_at(name, 0, 12)

    def _specific(self, text: str, toks: Tokens, start: int, s: int) -> bool:
        name = text[start:s]
        if name in GENERIC or all(ch in "“”\"" for ch in name):
            return False
        if name in ("省", "市", "县", "区"):
            return True    # 省总工会, 市总工会: short forms used as names
        if self._region_prefix(name) or name.startswith(REGIONISH):
            return True
        i, k = toks.index_at(start), toks.index_at(max(start, s - 1))
        words = [(toks.words[x], toks.tags[x]) for x in range(i, k + 1)]
        if any(t in SPECIFIC_TAGS or w in self.lex.known_orgs for w, t in words) or _QUOTE_LATIN.search(name):
            return True
        return len(name) >= 4 and not any(w in GENERIC for w, _ in words)

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
                    and text[c.end:c.end + 1] in (")", "）"):
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
