"""Numbers in every written form: parse a numeral string, or find numbers in text.

Reusable on its own (``from union_extract.numbers import parse_number, find_numbers``):
Arabic with separators/decimals/exponents (1,234.5 / ４，５６５ / 2.7890e-1), Chinese numerals
(三百二十, 两千零五, 一万五千, 三万五, 壹贰叁), mixed (3.2万, 2000多万), fractions (三分之一, 3/5),
negatives (负, -) and percentages (百分之十二点五, 12.5%, 9成).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5, "陆": 6,
          "陸": 6, "柒": 7, "捌": 8, "玖": 9, "幺": 1}
SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
CN_CHARS = "".join(DIGITS) + "".join(SMALL) + "".join(BIG)
_CN = f"[{CN_CHARS}]"
# atomic and anchored at the start of a digit run, so a 100k-digit line is scanned once, not n² times
ARABIC = r"(?<![\d.])(?>\d+(?:,\d{3})*(?:\.\d+)?(?:[eE][-+]?\d+)?)|(?<![\d.])\.\d+"
# one numeral token: Arabic (+ optional Chinese multipliers), or Chinese with optional 点 decimals
NUMERAL = rf"(?:(?:{ARABIC})(?:\s?[十百千万亿萬億]+)?|(?<!{_CN})(?>{_CN}+)(?:[点點][{''.join(DIGITS)}]+)?(?:[十百千万亿萬億]+)?)"
NEG = r"(?:负|負|-|−|－)"
_FRACTION = regex.compile(rf"^(?P<neg>{NEG})?(?P<den>{NUMERAL})\s*分\s*之\s*(?P<nneg>{NEG})?(?P<num>{NUMERAL})$")
_SLASH = regex.compile(rf"^(?:(?P<whole>\d+)\s+)?(?P<num>\d+)\s*/\s*(?P<den>\d+)$")
_PCT = regex.compile(rf"^(?:百\s*分\s*之|千\s*分\s*之)")
_POINT = regex.compile(r"[点點]")
_ARABIC_MULT = regex.compile(rf"^({ARABIC})\s?([十百千万亿萬億多余]*)$")


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s).replace("，", ",").replace("．", ".")


def parse_chinese(s: str) -> float | None:
    """三百二十 -> 320, 两千零五 -> 2005, 一万五千 -> 15000, 三万五 -> 35000, 十几 -> None."""
    if not s:
        return None
    if any(c in "点點" for c in s):
        whole, frac = _POINT.split(s, maxsplit=1)
        w = parse_chinese(whole) if whole else 0
        digits = "".join(str(DIGITS[c]) for c in frac if c in DIGITS)
        if w is None or len(digits) != len(frac):
            return None
        return float(f"{int(w)}.{digits}")
    total = section = 0
    number = None
    last_unit = 1
    for c in s:
        if c in DIGITS:
            if number is not None and last_unit == 1 and section == 0 and total == 0:
                # a run of plain digits (一九九一, 二〇二四): positional reading
                number = number * 10 + DIGITS[c]
            else:
                number = DIGITS[c]
        elif c in SMALL:
            u = SMALL[c]
            section += (1 if number is None else number) * u
            number, last_unit = None, u
        elif c in BIG:
            u = BIG[c]
            section += number or 0
            if section == 0 and total == 0:
                section = 1
            if u == 10**8 or total == 0 or total >= u * 10:
                total = (total + section) * u if u > 10**4 or total < u else total + section * u
            else:
                total += section * u
            section, number, last_unit = 0, None, u
        else:
            return None
    if number is not None:
        # 三万五 -> 35000, 一千二 -> 1200: a trailing digit counts in the unit below the last one
        if last_unit >= 100 and s[-2:-1] and s[-2] in SMALL or (last_unit >= 10**4 and s[-2] in BIG):
            section += number * (last_unit // 10)
        else:
            section += number
    return float(total + section)


def parse_arabic(s: str) -> float | None:
    s = s.replace(",", "").replace(" ", "")
    try:
        return float(s)
    except ValueError:
        return None


def parse_numeral(s: str) -> float | None:
    """One numeral token: Arabic, Chinese, or Arabic with Chinese multipliers (3.2万, 2000多万)."""
    s = _nfkc(s).strip()
    m = _ARABIC_MULT.match(s)
    if m:
        v = parse_arabic(m.group(1))
        if v is None:
            return None
        for c in m.group(2):
            if c in SMALL:
                v *= SMALL[c]
            elif c in BIG:
                v *= BIG[c]
        return v
    return parse_chinese(s)


def parse_number(text: str) -> float | None:
    """Parse a whole numeral string (also negatives, fractions, 百分之 percentages) or None."""
    s = _nfkc(text).strip()
    if not s:
        return None
    sign = 1.0
    pm = _PCT.match(s)
    if pm:
        return parse_number(s[pm.end():])
    m = _FRACTION.match(s)
    if m:
        den, num = parse_numeral(m.group("den")), parse_numeral(m.group("num"))
        if not den or num is None:
            return None
        sign = (-1 if m.group("neg") else 1) * (-1 if m.group("nneg") else 1)
        return sign * num / den
    m = _SLASH.match(s)
    if m:
        den = int(m.group("den"))
        if den == 0:
            return None
        return int(m.group("whole") or 0) + int(m.group("num")) / den
    if s[0] in "负負-−":
        sign, s = -1.0, s[1:].lstrip()
    elif s[0] == "+":
        s = s[1:]
    v = parse_numeral(s)
    return None if v is None else sign * v


@dataclass(frozen=True)
class NumberMatch:
    text: str
    start: int
    end: int
    value: float
    approximate: bool = False


_FIND = regex.compile(
    rf"(?P<neg>{NEG})?(?P<num>{NUMERAL})(?:\s*分\s*之\s*(?P<neg2>{NEG})?(?P<num2>{NUMERAL}))?(?P<approx>多|余|几|来)?"
)


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number in ``text`` with offsets into ``text`` (one compiled pass)."""
    out = []
    for m in _FIND.finditer(text):
        t = m.group(0)
        core = t[:-1] if m.group("approx") else t
        v = parse_number(core)
        if v is None:
            continue
        out.append(NumberMatch(t, m.start(), m.end(), v, bool(m.group("approx"))))
    return out
