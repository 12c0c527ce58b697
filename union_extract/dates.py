"""Dates and clock times, absolute and relative, resolved to ISO with a reference date."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import regex

from .numbers import DIGITS, parse_numeral
from .patterns import Groups

_CN_DIGIT = "〇零一二三四五六七八九"
_Y = rf"(?P<y>\d{{4}}|[{_CN_DIGIT}]{{4}})\s?年"
_M = r"(?P<m>\d{1,2}|[一二三四五六七八九十]{1,3})\s?月"
_D = r"(?P<d>\d{1,2}|[一二三四五六七八九十]{1,3})\s?[日号]"
DATE = regex.compile(
    rf"(?P<iso>(?P<iy>\d{{4}})[-/.](?P<im>\d{{1,2}})[-/.](?P<id>\d{{1,2}})(?:\s+(?P<ih>\d{{1,2}}):(?P<imin>\d{{2}}))?)"
    rf"|(?P<ymd>{_Y}(?:{_M}(?:{_D})?)?)"
    rf"|(?P<md>{_M}{_D}?)"
    r"|(?P<clock>(?P<ampm>上午|下午|晚上|早上|凌晨|中午|傍晚|晚)?(?P<h>\d{1,2}|[一二三四五六七八九十]{1,3})\s?[点时](?:(?P<mi>\d{1,2}|[一二三四五六七八九十]{1,3})分|半)?)"
    r"|(?P<hm>(?<![\d:])(?P<hh>\d{1,2}):(?P<mm>\d{2})(?![\d:]))"
    r"|(?P<rel>今年以来|近年来|近日|日前|近期|目前|当天|当日|今天|昨天|前天|明天|今年|去年|明年|前年|本月|上月|下月|年初|年底|年末|月初|月底|此前|今后|近来|去年同期)"
)
REL_DAYS = {"今天": 0, "当天": 0, "当日": 0, "昨天": -1, "前天": -2, "明天": 1}
REL_YEARS = {"今年": 0, "今年以来": 0, "去年": -1, "明年": 1, "前年": -2, "去年同期": -1}
_PAGE_DATE = regex.compile(r"(?:刊期|日期|出版日期|发布时间|时间)\s*[:：]\s*(\d{4})\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日|^\s*(\d{4})-(\d{1,2})-(\d{1,2})", regex.M)


@dataclass
class RawDate:
    text: str
    start: int
    end: int
    value: str | None
    relative: bool


def _int(s: str) -> int | None:
    """``int(s)``, or None for digits Python cannot read (``regex``'s \\d knows newer scripts' digits)."""
    try:
        return int(s)
    except ValueError:
        return None


def _num(s: str | None) -> int | None:
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(c in _CN_DIGIT for c in s):
        return int("".join(str(DIGITS[c]) for c in s))
    v = parse_numeral(s)
    return int(v) if v is not None else None


def _iso(y, m=None, d=None) -> str | None:
    try:
        if d:
            return dt.date(y, m, d).isoformat()
    except (ValueError, TypeError):
        return None
    if m:
        return f"{y:04d}-{m:02d}" if 1 <= m <= 12 else None
    return f"{y:04d}"


def page_date(text: str) -> dt.date | None:
    """The issue date a page dump states (当前刊期: 2025年1月15日, or a leading 2024-09-11)."""
    m = _PAGE_DATE.search(text[:400])
    if not m:
        return None
    try:
        y, mo, d = [int(x) for x in (m.groups()[:3] if m.group(1) else m.groups()[3:])]
        return dt.date(y, mo, d)
    except ValueError:
        return None


_G = Groups(DATE)


def find_dates(text: str, base: int = 0, ref: dt.date | None = None) -> list[RawDate]:
    g = _G
    out = []
    for m in DATE.finditer(text):
        value, rel = None, False
        if m[g.iso]:
            y, mo, d = _int(m[g.iy]), _int(m[g.im]), _int(m[g.id])
            value = _iso(y, mo, d) if None not in (y, mo, d) else None
            if value and m[g.ih] and _int(m[g.ih]) is not None and _int(m[g.imin]) is not None:
                value += f"T{int(m[g.ih]):02d}:{m[g.imin]}"
        elif m[g.ymd]:
            y = _num(m[g.y])
            if y is None or not 1800 <= y <= 2200:
                continue
            value = _iso(y, _num(m[g.m]), _num(m[g.d]))
        elif m[g.md]:
            mo, d = _num(m[g.m]), _num(m[g.d])
            if not mo or not 1 <= mo <= 12 or (d is not None and not 1 <= d <= 31):
                continue
            if not m[g.d] and not m[g.m][0].isdigit():
                continue  # 一月 alone is too often a word part
            value = _iso(ref.year, mo, d) if ref else (f"--{mo:02d}-{d:02d}" if d else f"--{mo:02d}")
            rel = ref is None
        elif m[g.clock] or m[g.hm]:
            h = _num(m[g.h] or m[g.hh])
            mi = _num(m[g.mi] or m[g.mm]) or (30 if m[g.clock] and m[0].endswith("半") else 0)
            if h is None or h > 24 or (mi or 0) > 59:
                continue
            if m[g.clock] and not m[g.ampm] and not m[g.h].isdigit():
                continue  # 三点要求: a count of points, not a time
            if m[g.ampm] in ("下午", "晚上", "傍晚", "晚") and h < 12:
                h += 12
            value = f"T{h:02d}:{mi:02d}"
        else:
            rel = True
            word = m[g.rel]
            if ref is not None:
                if word in REL_DAYS:
                    value = (ref + dt.timedelta(days=REL_DAYS[word])).isoformat()
                elif word in REL_YEARS:
                    value = f"{ref.year + REL_YEARS[word]:04d}"
        out.append(RawDate(m[0], m.start() + base, m.end() + base, value, rel))
    return out
