"""Figures: numbers with units, money in yuan, percentages, approximations and ranges.

One compiled pattern pass over the article finds candidates; per-candidate Python work only
decides what is not a figure (ordinals, labels in quotes, idioms, years, clock times).
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import regex

from .lexicon import Lexicons
from .spans import Mask
from .numbers import NUMERAL, parse_number, parse_numeral
from .patterns import Groups, LazyPattern, literal_alternation

CURRENCIES = {"元": "CNY", "块钱": "CNY", "块": "CNY", "人民币": "CNY", "美元": "USD", "美金": "USD", "欧元": "EUR",
              "英镑": "GBP", "日元": "JPY", "港元": "HKD", "港币": "HKD", "澳元": "AUD", "韩元": "KRW", "卢布": "RUB",
              "台币": "TWD", "新台币": "TWD", "瑞士法郎": "CHF", "法郎": "CHF", "加元": "CAD", "新加坡元": "SGD",
              "澳门币": "MOP", "泰铢": "THB", "卢比": "INR", "奈拉": "NGN", "比索": "MXN", "林吉特": "MYR"}
MULT = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8, "萬": 10**4, "億": 10**8}
# Cue words right before a figure are plain suffix checks on the few characters before it
# (str.endswith with a tuple: one C call per candidate instead of a regex search each).
_APPROX_WORDS = ("约", "数", "几", "超过", "超", "逾", "将近", "接近", "大约", "多达", "不到", "不足")
_APPROX_AFTER = ("左右", "以上", "上下", "许", "余")
_ONE_OK_WORDS = ("为期", "共", "仅", "只", "总共", "合计", "达", "近", "约")
_WEEKDAY_WORDS = ("星期", "礼拜", "周")
_CLOCK_BEFORE = regex.compile(r"\d\s?[点时:]\s?$|[点时]$")
_RANGE_HEAD = LazyPattern(rf"(?P<num>{NUMERAL})\s?(?:至|到|-|~|～|—|－)\s?$")
# _RANGE_HEAD ends in one of these, then at most a space and a final newline: without one in the
# last three characters before a figure the search cannot match and is skipped
_RANGE_MARKS = frozenset("至到-~～—－")
# literal characters and classes only: stdlib ``re`` scans these 2-3x faster than ``regex``
_LABEL_QUOTE = re.compile(r"“[^“”\n]{1,24}”|《[^《》\n]{1,40}》|\"[^\"\n]{1,24}\"")
_SPEECH = re.compile(r"[，,。！？!?；;]")
_CLAUSE = re.compile(r"[。！？!?；;\n]")
BIG_ALONE = {"千", "万", "亿"}
_ROUGH_WORDS = ("上", "近", "数", "几", "逾", "超")
_SESSION_AFTER = regex.compile(r"(?:全体|全委|全会|会议|代表大会|常委会|会员代表|委员会|执委)")
_WEEKDAY_NUM = regex.compile(r"[一二三四五六七日天]")
_DIGIT_RUN = regex.compile(r"[〇零一二三四五六七八九]{2,}")
_ENDS_MULT = regex.compile(r"[十百千万亿]$")
_LEAD = regex.compile(r"\d+(?:,\d{3})*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+")


def _ordinal_before(before: str) -> bool:
    """第 right before (第3, 第 3): an ordinal, not a quantity."""
    return before.endswith("第") or (before[-1:].isspace() and before[:-1].endswith("第"))


def _approx_before(before: str) -> bool:
    return before.endswith(_APPROX_WORDS) or (before.endswith("近") and not before.endswith("最近"))


@dataclass
class RawFigure:
    text: str
    start: int
    end: int
    value: float
    unit: str
    kind: str
    approximate: bool
    currency: str | None
    context: str


class FigureFinder:
    def __init__(self, lex: Lexicons):
        self.units = dict(lex.units)
        for cur in CURRENCIES:
            self.units.setdefault(cur, ("money", ""))
        self.units.pop("日", None)
        alt = "|".join(regex.escape(u) for u in sorted(self.units, key=len, reverse=True))
        self.pattern = regex.compile(
            rf"(?P<pct>百\s?分\s?之\s?(?P<pnum>{NUMERAL}))"
            rf"|(?P<num>(?:负|(?<![\d.])-)?(?:{NUMERAL}|半(?=个?(?:月|年|天|小时|钟头|学期))))(?P<approx>多|余|几|来)?(?P<mult>[十百千万亿]*?)\s?(?P<unit>{alt})(?![A-Za-z])"
            r"(?P<half>半)?"
        )
        self.g = Groups(self.pattern)
        self.idioms = literal_alternation(lex.number_idioms) if lex.number_idioms else None

    def find(self, text: str, base: int = 0, blocked: list[tuple[int, int]] | None = None) -> list[RawFigure]:
        blocked = list(blocked or [])
        for m in _LABEL_QUOTE.finditer(text):
            inner = m.group()[1:-1]
            if m.group().startswith("《") or not _SPEECH.search(inner):
                blocked.append(m.span())
        if self.idioms:
            blocked += [m.span() for m in self.idioms.finditer(text)]
        blocked = Mask(len(text), blocked)
        out: list[RawFigure] = []
        for m in self.pattern.finditer(text):
            f = self._figure(text, m, blocked)
            if f:
                out.append(f)
        self._ranges(text, out, blocked)
        self._contexts(text, out)
        for f in out:
            f.start += base
            f.end += base
        return out

    def _figure(self, text: str, m, blocked) -> RawFigure | None:
        start, end = m.span()
        if blocked.covers(start):
            return None
        before = text[max(0, start - 4):start]
        if _ordinal_before(before) or (start and text[start - 1].isascii() and text[start - 1].isalnum()):
            return None
        g = self.g
        if m[g.pct]:
            v = parse_number(m[g.pnum])
            if v is None:
                return None
            return self._make(text, start, end, v, "%", "percent", False, None, before)
        numtxt, unit, unit_end = m[g.num], m[g.unit], m.end(g.unit)
        if not self._unit_ok(text, m, unit, numtxt, before, text[unit_end:unit_end + 2]):
            return None
        v = parse_numeral(numtxt.lstrip("负-")) if numtxt.lstrip("负-") else None
        if v is None:
            return None
        if numtxt[0] in "负-" or before.endswith("零下"):
            v = -v
        for c in m[g.mult]:
            v *= MULT[c]
        if numtxt.endswith("千") and "千" + unit in self.units:
            v, unit = v / 1000, "千" + unit        # 12千米: the 千 belongs to the unit as written
        kind, base_unit = self.units[unit]
        if m[g.half] and kind in ("measure", "duration", "money"):
            v += 0.5 if kind != "money" else 0
            end = m.end()
        else:
            end = unit_end
        if kind == "duration" and text[end:end + 1] == "大":
            kind, end = "age", end + 1          # 十个月大, 三周大: an age
        currency = None
        if kind == "money":
            currency = CURRENCIES.get(unit, None)
            if base_unit == "元" or unit == "人民币":
                unit = "元"
        after = text[end:end + 2]
        approx = (bool(m[g.approx]) or _approx_before(before) or after.startswith(_APPROX_AFTER)
                  or (numtxt[0] in "十百千万亿" and before.endswith(_ROUGH_WORDS)))      # 上千名
        return self._make(text, start, end, v, unit, kind, approx, currency, before)

    def _unit_ok(self, text, m, unit, numtxt, before, after) -> bool:
        plain = numtxt.lstrip("负-")
        if plain == "一" and self.units[unit][0] == "count" and not before.endswith(_ONE_OK_WORDS):
            return False   # 一位家长, 一批: an article, not a count
        if plain in BIG_ALONE and not m[self.g.mult] and not before.endswith(_ROUGH_WORDS):
            return False   # 千家万户 is no count; 上千名, 近万人 are
        if before.endswith(_WEEKDAY_WORDS) and _WEEKDAY_NUM.fullmatch(plain):
            return False
        if unit == "年":
            v = parse_numeral(plain)
            if v is None or v >= 1000 or after[:1] in ("度", "级", "代", "月") or _DIGIT_RUN.fullmatch(plain):
                return False
        if unit == "周" and after[:1] == "年":
            return False
        if unit == "分" and (after[:1] in ("之", "钟", "别") or _CLOCK_BEFORE.search(before)):
            return False
        if unit in ("时", "点") or (unit == "度" and before.endswith("年")):
            return False
        if unit == "次" and _SESSION_AFTER.match(text, m.end(self.g.unit)):
            return False   # 十四届五次全委会议: a session's ordinal, not a count
        return True

    def _make(self, text, start, end, value, unit, kind, approx, currency, before) -> RawFigure:
        return RawFigure(text[start:end], start, end, round(value, 6), unit, kind, approx, currency, "")

    @staticmethod
    def _contexts(text: str, figs: list[RawFigure]) -> None:
        """The clause each figure stands in (at most 60 characters either side), one scan for all."""
        if not figs:
            return
        stops = [m.start() for m in _CLAUSE.finditer(text)]
        for f in figs:
            i = bisect.bisect_left(stops, f.start)
            a = max(stops[i - 1] + 1 if i else 0, f.start - 60)
            j = bisect.bisect_left(stops, f.end)
            b = min(stops[j] if j < len(stops) else len(text), f.end + 60)
            f.context = text[a:b].strip()

    def _ranges(self, text: str, figs: list[RawFigure], blocked) -> None:
        """3至5天 / 3-5万元: the first number borrows the unit (and multiplier) of the second."""
        starts = {f.start for f in figs}
        for f in list(figs):
            window = text[max(0, f.start - 24):f.start]
            if _RANGE_MARKS.isdisjoint(window[-3:]):
                continue
            head = _RANGE_HEAD.search(window)
            if not head:
                continue
            s = f.start - len(window) + head.start()
            if s in starts or blocked.covers(s) or _ordinal_before(text[max(0, s - 2):s]):
                continue
            v = parse_numeral(head.group("num"))
            lead = _LEAD.match(f.text)
            lead_v = parse_numeral(lead.group()) if lead else None
            if v is None or not lead_v:
                continue
            if not _ENDS_MULT.search(head.group("num")):
                v *= abs(f.value / lead_v)
            e = s + len(head.group("num"))
            figs.append(RawFigure(text[s:e], s, e, round(v, 6), f.unit, f.kind, f.approximate, f.currency, f.context))
        figs.sort(key=lambda x: x.start)
