"""Numbers in every written form: parse a numeral string, or find numbers in text.

Reusable on its own::

    from union_extract.numbers import parse_number, find_numbers, find_percents, find_ordinals

Arabic with separators, decimals and exponents (1,234.5 / ４，５６５ / 2.7890e-1 / 40k), Chinese
numerals in simplified, traditional and financial forms (三百二十, 两千零五, 一万五千, 三万五,
壹佰貳拾, 四万万), mixed forms (3.2万, 5万4千6百, 2千零30万), fuzzy amounts (十多万 -> 100000,
二十几万), spaced forms (一百 五 十 二), fractions (三分之一, 3/5, 1又3分之1), negatives (负, -),
and percentages (百分之十二点五, 12.5%, 2.4个百分点, 9成, 八五折). Checked against the Microsoft
Recognizers-Text Chinese specs by bench/recognizers_bench.py.
"""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .patterns import Groups, LazyPattern
from .spans import Mask

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "兩": 2, "俩": 2, "倆": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4,
          "伍": 5, "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9, "幺": 1}
SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "兆": 10**12}
APPROX = "多余几幾来"
SUFFIX = {"k": 1000, "K": 1000, "M": 10**6}
FINANCIAL = set("壹贰貳叁參肆伍陆陸柒捌玖拾佰仟")
_D = "".join(DIGITS)
_DEC = "".join(c for c in DIGITS if c not in "两兩俩倆")     # 两 is no decimal digit: 两百点两 is 200 and 2
_CN = f"[{_D}{''.join(SMALL)}{''.join(BIG)}]"

# Full-width forms to ASCII, one character for one, so offsets stay those of the input.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update({0x3000: 0x20, 0x2212: 0x2D})

ARABIC = r"(?<![\d.])(?>\d+(?:,\d{3})*(?:\.\d+)?(?:[eE][-+]?\d+)?)|(?<![\d.])\.\d+"
# The numeral token used inside larger patterns (figures, ranges): Arabic or Chinese, with multipliers.
NUMERAL = rf"(?:(?:{ARABIC})(?:\s?[十百千万亿萬億]+)?|(?<!{_CN})(?>{_CN}+)(?:[点點][{_D}]+)?(?:[十百千万亿萬億]+)?)"
NEG = r"(?:负|負|-|−|－)"

# One atom of a numeral run. 百/千 before 分 open a fraction or percentage, not a number.
_ATOM = (rf"(?:{ARABIC})[kKM]?(?![A-Za-z])|[{_D}]|[十拾]|[百佰千仟](?!\s*分)|[万萬亿億兆]"
         rf"|[点點](?=\s?[\d{_DEC}])|[{APPROX}](?=\s?[十拾百佰千仟万萬亿億兆])|半(?=[百千万亿])")
_RUN_SOURCE = rf"(?:{_ATOM})(?:[ \t]{{0,3}}(?:{_ATOM}))*"
# Patterns the pipeline's figures seldom need (percentages spelled 百分之, fractions, the public
# find_* functions) compile on first use: they were ~15% of the import time of this module.
_RUN = LazyPattern(_RUN_SOURCE)
_TOKEN = regex.compile(
    rf"(?P<arabic>{ARABIC})(?P<suffix>[kKM])?|(?P<digit>[{_D}])|(?P<small>[十拾百佰千仟])|(?P<big>[万萬亿億兆])"
    rf"|(?P<point>[点點])|(?P<approx>[{APPROX}])|(?P<half>半)|(?P<space>\s+)")
_FRACTION = LazyPattern(
    rf"(?P<neg>{NEG})?\s*(?:(?P<whole>{_RUN_SOURCE})\s*又\s*)?(?P<den>(?:{_RUN_SOURCE})?[百佰千仟]|{_RUN_SOURCE})\s*分\s*之\s*"
    rf"(?P<nneg>{NEG})?\s*(?P<num>{_RUN_SOURCE})")
_SLASH = LazyPattern(r"(?P<neg>(?<!\d)-)?(?:(?P<whole>\d+)\s+)?(?<![\d/])(?P<num>\d+)\s*/\s*(?P<den>\d+)(?![\d/])")
_NEG_BEFORE = LazyPattern(rf"(?:^|(?<=[^\d\w]))(?:{NEG})\s?$")
_URL = LazyPattern(r"(?:https?://|www\.)\S+")
_ROUGH_PAIR = LazyPattern(r"[一二三四五六七八九][二三四五六七八九][十百千万亿]")   # 二三十: "twenty or thirty"
# single numeral characters that, glued to the next character, are words, not numbers
_WORDS = ("一切", "一看", "一些", "一直", "一样", "一定", "一般", "一致", "一旦", "一同", "一向", "一再",
          "一律", "一味", "一美", "两美", "四川", "十足", "万一", "两两")


def _scale(v: float, factor: float) -> float:
    """``v * factor`` as the decimal numbers they are written as: 4834.77万 is 48347700.0, where
    binary floats give 48347700.00000001. Whole numbers multiply exactly and skip Decimal."""
    if float(v).is_integer():
        return v * factor
    from decimal import Decimal     # imported when first needed: most runs never multiply a fraction
    return float(Decimal(repr(float(v))) * Decimal(factor))


@dataclass(frozen=True)
class NumberMatch:
    text: str
    start: int
    end: int
    value: float
    approximate: bool = False


_T = Groups(_TOKEN)


def _tokens(s: str) -> list[tuple[str, float | str]]:
    out: list[tuple[str, float | str]] = []
    for m in _TOKEN.finditer(s):
        kind = m.lastgroup if m.lastgroup != "suffix" else "arabic"
        arabic = m[_T.arabic]
        if arabic is not None:
            v = float(arabic.replace(",", ""))
            if m[_T.suffix]:
                v = _scale(v, SUFFIX[m[_T.suffix]])
            out.append(("arabic", v))
        elif kind == "digit":
            out.append(("digit", DIGITS[m[0]]))
        elif kind == "small":
            out.append(("small", SMALL[m[0]]))
        elif kind == "big":
            out.append(("big", BIG[m[0]]))
        elif kind in ("point", "approx", "half"):
            out.append((kind, m[0]))
    return out


def _small_section(toks) -> float | None:
    """A value below 万: 三百二十, 一千零十二, 1千零20, 一九九一 (positional), 五百余."""
    if not toks:
        return 0.0
    if all(k in ("digit",) for k, _ in toks) and len(toks) > 1:
        return float("".join(str(int(v)) for _, v in toks))          # 一九九一, 二〇二四
    total, num, last_unit, prev, direct = 0.0, None, None, None, False
    for k, v in toks:
        if k in ("digit", "arabic"):
            if v == 0 and k == "digit":
                num, prev = None, "zero"
                continue
            if num is not None and prev in ("digit", "arabic"):
                return None                                           # 3 5: two numbers, not one
            direct = prev == "small"
            num, prev = float(v), k
        elif k == "small":
            total += 1.0 * v if num is None else _scale(num, v)
            num, last_unit, prev = None, v, "small"
        elif k == "half":
            num, prev = 0.5, "half"
        elif k == "approx":
            prev = "approx"
        else:
            return None
    if num is not None:
        # 三百五 -> 350, 一千二 -> 1200: a bare digit right after 百/千 counts in the unit below
        if last_unit and last_unit >= 100 and direct and prev == "digit" and num < 10:
            total += num * last_unit / 10
        else:
            total += num
    return total


def _integer(toks) -> float | None:
    """Split at the largest 万/亿/兆 (adjacent ones multiply: 万万 = 亿) and recurse."""
    merged = []
    for k, v in toks:
        if k == "big" and merged and merged[-1][0] == "big":
            merged[-1] = ("big", merged[-1][1] * v)
        else:
            merged.append((k, v))
    bigs = [(v, i) for i, (k, v) in enumerate(merged) if k == "big"]
    if not bigs:
        return _small_section(merged)
    unit = max(v for v, _ in bigs)
    i = next(i for v, i in bigs if v == unit)
    left, right = merged[:i], merged[i + 1:]
    lv = _integer(left) if left else 1.0
    if lv is None:
        return None
    if len(right) == 1 and right[0][0] == "digit" and right[0][1] != 0:
        rv = right[0][1] * unit / 10                                   # 三万五 -> 35000
    else:
        rv = _integer(right) if right else 0.0
    if rv is None:
        return None
    return _scale(lv, unit) + rv


_PLAIN = regex.compile(r"\d+(?:\.\d+)?")


def value_of(s: str) -> tuple[float | None, bool]:
    """(value, approximate) of one numeral run such as 十多万 or 8千3百 or 四百点五. A run Python
    cannot read is no number: ``regex``'s \\d knows digits of newer Unicode versions (Garay 𐵃)
    that ``float`` does not, and one of them must not fail the whole document."""
    try:
        return _value_of(s)
    except ValueError:
        return None, False


def _value_of(s: str) -> tuple[float | None, bool]:
    if (s.isascii() and s.isdigit()) or _PLAIN.fullmatch(s):
        return float(s), False                                         # the common case, fast
    if s == "半":
        return 0.5, False
    toks = _tokens(s.translate(_WIDTH))
    approx = any(k == "approx" for k, _ in toks)
    if not toks or all(k == "big" for k, _ in toks):
        return None, approx                                            # 万, 万万 alone
    if any(k == "point" for k, _ in toks):
        i = next(i for i, (k, _) in enumerate(toks) if k == "point")
        whole, frac = toks[:i], toks[i + 1:]
        # decimals, then an optional multiplier: 十二点五, 2.2亿, 八千三百八十五万二千三百二十六点三三
        trail = []
        while frac and frac[-1][0] == "big":
            trail.insert(0, frac.pop())
        if not frac or any(k not in ("digit", "arabic") for k, _ in frac):
            return None, approx
        digits = "".join(str(int(v)) if k == "digit" else str(v).split(".")[0] for k, v in frac)
        w = _integer(whole) if whole else 0.0
        if w is None:
            return None, approx
        v = float(f"{int(w)}.{digits}") + (w - int(w))
        for _, b in trail:
            v = _scale(v, b)
        return v, approx
    return _integer(toks), approx


def parse_numeral(s: str) -> float | None:
    """One numeral: Arabic, Chinese, or mixed (3.2万, 2000多万, 5万4千6百)."""
    return value_of(s)[0]


def parse_number(text: str) -> float | None:
    """A whole numeral string, also negatives, fractions and 百分之 percentages, else None."""
    s = text.translate(_WIDTH).strip()
    if not s:
        return None
    m = _PCT_PREFIX.match(s)
    if m:
        return parse_number(s[m.end():])
    for rx in (_SLASH, _FRACTION):
        f = rx.fullmatch(s)
        if f:
            return _fraction_value(f)
    sign = 1.0
    if s[0] in "负負-−":
        sign, s = -1.0, s[1:].lstrip()
    elif s[0] == "+":
        s = s[1:]
    if not _RUN.fullmatch(s):
        return None
    v = parse_numeral(s)
    return None if v is None else sign * v


_PCT_PREFIX = LazyPattern(r"^(?:百|佰)\s*分\s*之")


def _fraction_value(f) -> float | None:
    den, num = parse_numeral(f.group("den")), parse_numeral(f.group("num"))
    if not den or num is None:
        return None
    v = num / den
    if f.group("whole"):
        w = parse_numeral(f.group("whole"))
        if w is None:
            return None
        v += w
    if f.group("neg"):
        v = -v
    if "nneg" in f.groupdict() and f.group("nneg"):
        v = -v
    return v


def _is_word(text: str, s: str, start: int) -> bool:
    if len(s) == 1 and (s in FINANCIAL or s in "陆陸"):
        return True                                                    # 伍, 拾, 陆地: words, not numbers
    return any(text.startswith(w, start) for w in _WORDS)


def find_numbers(text: str) -> list[NumberMatch]:
    """Every number in ``text`` with offsets into ``text``.

    A percentage's number is reported without 百分之 (百分之四十 -> 四十 = 40); fractions come whole."""
    norm = text.translate(_WIDTH)
    out: list[NumberMatch] = []
    taken = Mask(len(norm), (m.span() for m in _URL.finditer(norm)))
    for rx in (_SLASH, _FRACTION):
        for f in rx.finditer(norm):
            if taken.touches(f.start(), f.end()):
                continue
            den = f.group("den").strip()
            if rx is _FRACTION and den in ("百", "佰") and not f.group("whole"):
                s, e = f.span("num")                                   # 百分之五十五点五七九: the number is 55.579
                v = parse_numeral(f.group("num"))
                if v is not None:
                    out.append(NumberMatch(text[s:e], s, e, v))
                taken.add(f.start(), f.end())
                continue
            v = _fraction_value(f)
            if v is not None:
                s = f.start() if not f.group("neg") else f.start("neg")
                out.append(NumberMatch(text[s:f.end()], s, f.end(), v))
                taken.add(s, f.end())
    for m in _RUN.finditer(norm):
        s, e = m.span()
        if taken.touches(s, e):
            continue
        for ps, pe in _pieces(norm, s, e):
            piece = norm[ps:pe]
            if _is_word(norm, piece, ps) or _ROUGH_PAIR.match(piece):
                continue
            v, approx = value_of(piece)
            if v is None:
                continue
            if _NEG_BEFORE.search(norm, max(0, ps - 2), ps):
                neg = _NEG_BEFORE.search(norm, max(0, ps - 2), ps)
                ps, v = neg.start(), -v
            out.append(NumberMatch(text[ps:pe], ps, pe, v, approx))
    out.sort(key=lambda x: x.start)
    return out


def _pieces(norm: str, s: int, e: int):
    """Split a run where spaces separate two Arabic numbers (1991 2000) or it ends in 多/余."""
    parts = []
    start = s
    for m in regex.finditer(r"(?<=\d)\s+(?=\d)", norm, pos=s, endpos=e):
        parts.append((start, m.start()))
        start = m.end()
    parts.append((start, e))
    return parts


# A numeral run never starts where the run before it could have continued: the scan would
# restart inside every long run (一一一…, 1 1 1 …) and cost n² (issue 17). The earlier start
# reaches the same ends, so guarding the start changes no match; right after the previous match
# (\G) the characters before were consumed, so there a run may start. The run is taken whole (atomic):
# what follows it (%, 成, 折) is never a numeral character, so a shorter run cannot match either,
# and backtracking through a long repetition is itself superlinear in ``regex``.
_RUN_START = (rf"(?:(?<=\G[ \t]{{0,3}})|(?<!(?:[{_D}十拾百佰千仟万萬亿億兆]|(?<!\.\.)\d|(?<=\d)[kKM])[ \t]{{0,3}})"
              rf"(?!(?<=[{APPROX}])[十拾百佰千仟万萬亿億兆])(?!(?<=[点點]\s?)[\d{_DEC}])(?!(?<=半)[百千万亿]))")
_DEN = "[一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億\\d]"
_PERCENT = LazyPattern(
    rf"(?P<frac>(?P<den>(?:\G|(?<!{_DEN})){_DEN}*[百千万萬亿億佰仟])\s*分\s*之\s*(?P<fnum>{NEG}?\s*{_RUN_SOURCE}))"
    rf"|(?P<num>(?:(?<!\d){NEG}\s*)?{_RUN_START}(?>{_RUN_SOURCE}))\s*(?P<unit>%|个\s*百\s*分\s*点|個\s*百\s*分\s*點)"
    rf"|(?P<cheng>{_RUN_START}(?>{_RUN_SOURCE})|半)\s*成(?P<chtail>[{_D}]|半)?(?![\p{{Han}}]{{0,1}}[员本绩功立为就])"
    rf"|(?P<zhe>{_RUN_START}(?>{_RUN_SOURCE})|[对對半])\s*折(?![扣叠合磨腾射])"
)


def find_percents(text: str) -> list[NumberMatch]:
    """百分之四十 -> 40, 12.5% -> 12.5, 2.4个百分点 -> 2.4, 9成 -> 90, 七成六 -> 76, 八五折 -> 85,
    对折 -> 50, 千分之五 -> 0.5, 万分之三 -> 0.03 (the percent number)."""
    norm = text.translate(_WIDTH)
    urls = Mask(len(norm), (m.span() for m in _URL.finditer(norm)))
    out = []
    for m in _PERCENT.finditer(norm):
        if urls.touches(m.start(), m.end()):
            continue
        v = None
        if m.group("frac"):
            d = m.group("den")
            den = parse_numeral(d if d[0] in DIGITS or d[0].isdigit() else "一" + d)   # 万分之三: 1/10000
            num = parse_number(m.group("fnum"))
            if den and num is not None and _power_of_ten(den) and not _ROUGH_PAIR.search(m.group("fnum")):
                v = _scale(num, 100) / den
        elif m.group("num") is not None:
            if not _ROUGH_PAIR.search(m.group("num")):
                v = parse_number(m.group("num").strip())
        elif m.group("cheng"):
            base = 0.5 if m.group("cheng") == "半" else parse_numeral(m.group("cheng"))
            if base is not None and base <= 10:
                v = base * 10
                tail = m.group("chtail")
                if tail:
                    v += 5 if tail == "半" else DIGITS[tail]
        else:
            z = m.group("zhe").replace(" ", "")
            if z in ("对", "對", "半"):
                v = 50.0
            else:
                base = parse_numeral(z)
                if base is not None:
                    whole_digits = len(z) == 2 and all(c in DIGITS or c.isdigit() for c in z)
                    v = base if (whole_digits or base >= 10) else base * 10
        if v is not None:
            s = m.start() if not m.group("num") else m.start("num") + (len(m.group("num")) - len(m.group("num").lstrip()))
            out.append(NumberMatch(text[s:m.end()], s, m.end(), v))
    return out


def _power_of_ten(v: float) -> bool:
    while v >= 10 and v % 10 == 0:
        v /= 10
    return v == 1


_ORDINAL = LazyPattern(rf"第\s*(?P<num>{_RUN_SOURCE})")


def find_ordinals(text: str) -> list[NumberMatch]:
    """第十四 -> 14, 第２５０ -> 250 (ordinals are not quantities, but users ask for them)."""
    norm = text.translate(_WIDTH)
    out = []
    for m in _ORDINAL.finditer(norm):
        v = parse_numeral(m.group("num"))
        if v is not None:
            out.append(NumberMatch(text[m.start():m.end()], m.start(), m.end(), v))
    return out
