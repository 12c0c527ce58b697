"""Normalise text without losing traceability.

Only two kinds of edit are made: one-to-one character substitutions (full-width ASCII and spaces
to half-width) and deletions (carriage returns, BOM, zero-width and control characters, and the
whitespace of PDF hard wraps). So an :class:`OffsetMap` of kept runs maps every normalised
offset back to the original input exactly.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import regex

from .cues import (CONTINUES, DATELINE, META_LINE, PHOTO_CREDIT, SENTENCE_PUNCT, TERMINAL, TERMINAL_AFTER_QUOTE, TRAILER_LABEL,
                   UNIT_START, WEB_META, headline_shaped)

# Full-width ASCII (！..～) -> ASCII, ideographic/no-break spaces -> space. Punctuation that
# Chinese text uses in full width on purpose (，。：；“”) keeps its form except ASCII-range forms.
# Line breaks other than \n (U+2028, U+2029, NEL, a lone \r) become \n one to one; the \r of \r\n is dropped.
_BREAKS = {0x2028: 0x0A, 0x2029: 0x0A, 0x0085: 0x0A}
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH.update(_BREAKS)
_WIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20, 0x202F: 0x20})
# Keep full-width CJK-style punctuation that carries meaning in Chinese layout.
for _c in "，：；（）！？":
    _WIDTH.pop(ord(_c), None)
# Most texts hold none of _WIDTH's characters: one charset scan (stdlib ``re``: ~7x faster than
# ``str.translate``, which looks every character up in the table) finds the runs to translate.
_WIDE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_WIDTH)) + "]+")
_LONE_CR = regex.compile(r"\r(?!\n)")
# plain code-point ranges: ``re`` scans them about twice as fast as ``regex``, with the same matches
_DROP = re.compile(r"[\r\ufeff\u200b-\u200d\u2060\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]+")
_HAN = regex.compile(r"\p{Han}")


@dataclass
class OffsetMap:
    """Maps offsets in normalised text to the original: kept runs start at norm[i] <- orig[i]."""
    norm_starts: list[int]
    orig_starts: list[int]

    def start(self, i: int) -> int:
        k = bisect.bisect_right(self.norm_starts, i) - 1
        return self.orig_starts[k] + (i - self.norm_starts[k]) if k >= 0 else i

    def end(self, j: int) -> int:
        """An exclusive end: the original position just after normalised char ``j - 1``."""
        return self.start(j - 1) + 1 if j > 0 else 0

    def span(self, i: int, j: int) -> tuple[int, int]:
        """``(start(i), end(j))`` in one call: every mention of every record is mapped, and most
        texts lose nothing in normalising (one run, offsets unchanged)."""
        ns = self.norm_starts
        if len(ns) == 1:
            return i, (j if j > 0 else 0)
        os_ = self.orig_starts
        k = bisect.bisect_right(ns, i) - 1
        a = os_[k] + (i - ns[k]) if k >= 0 else i
        if j <= 0:
            return a, 0
        k = bisect.bisect_right(ns, j - 1) - 1
        return a, (os_[k] + (j - 1 - ns[k]) if k >= 0 else j - 1) + 1


def _apply_deletions(text: str, ranges: list[tuple[int, int]]) -> tuple[str, OffsetMap]:
    parts, norm_starts, orig_starts = [], [0], [0]
    pos = n = 0
    for a, b in ranges:
        if a > pos:
            parts.append(text[pos:a])
            n += a - pos
        pos = max(pos, b)
        norm_starts.append(n)
        orig_starts.append(pos)
    parts.append(text[pos:])
    return "".join(parts), OffsetMap(norm_starts, orig_starts)


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _visible_len(line: str) -> int:
    return len(line) - line.count(" ") - line.count("\t")


_OPEN_CLOSE = (("“", "”"), ("(", ")"), ("（", "）"), ("《", "》"), ("「", "」"))


def _word_across(p: str, q: str, segmenter) -> bool:
    """Does the segmenter read a word across the break (视频开|场 -> 开场)? Pages are wrapped mid-word."""
    if segmenter is None or not (_HAN.match(p[-1]) and _HAN.match(q[0])):
        return False
    left = p[-3:]
    pos = 0
    for word, _tag in segmenter.tag(left + q[:3]):
        if pos < len(left) < pos + len(word):
            return True
        pos += len(word)
    return False


def _continues(p: str, q: str, segmenter=None) -> bool:
    """Does ``q`` plainly go on with the sentence of ``p`` (的志愿者们…, a split number, an open
    bracket, a word cut in two)?"""
    if CONTINUES.match(q) or (p[-1].isdigit() or p[-1] == ".") and q[0].isdigit():
        return True
    return any(p.count(a) > p.count(b) for a, b in _OPEN_CLOSE) or _word_across(p, q, segmenter)


def should_join(prev: str, nxt: str, para_start: bool = False, segmenter=None) -> bool:
    """Is the break between two non-empty lines a PDF hard wrap inside a sentence?

    ``para_start``: ``prev`` opens a paragraph. Such a line that is shaped like a headline (short,
    no full stop) stands alone unless ``nxt`` plainly continues its sentence (``segmenter``, when
    given, tells whether a word runs across the break)."""
    p, q = prev.rstrip(), nxt.lstrip()
    if not p or not q:
        return False
    if p[-1] in TERMINAL or TERMINAL_AFTER_QUOTE.search(p):
        return False
    pl = p.lstrip()
    if UNIT_START.match(q) or DATELINE.match(q) or META_LINE.match(q):
        return False
    if META_LINE.match(pl) and _visible_len(pl) < 40:      # a long 摘要:… line may wrap
        return False
    if TRAILER_LABEL.match(pl) or WEB_META.match(pl) or WEB_META.match(q) or PHOTO_CREDIT.search(p):
        return False
    if para_start and headline_shaped(pl) and not _continues(p, q, segmenter):
        return False
    n = _visible_len(p)
    if n >= 28:
        return True
    if n >= 12 and SENTENCE_PUNCT.search(p) and _HAN.match(q):
        return True
    return False


def _lines(text: str) -> list[tuple[int, str]]:
    """(start, line with its newline) for every non-empty line: ``str.split``, not a regex scan."""
    out: list[tuple[int, str]] = []
    parts = text.split("\n")
    last, pos = len(parts) - 1, 0
    for i, part in enumerate(parts):
        line = part + "\n" if i < last else part
        if line:
            out.append((pos, line))
        pos += len(line)
    return out


def repair_wraps(text: str, segmenter=None) -> list[tuple[int, int]]:
    """Deletion ranges that re-join lines broken mid-sentence (also across blank lines)."""
    lines = _lines(text)
    deletions: list[tuple[int, int]] = []
    prev_i = None
    prev_starts = True          # the previous line opens a paragraph (was not joined to the one above)
    for i, (start, line) in enumerate(lines):
        if not line.strip():
            continue
        joined = False
        if prev_i is not None:
            pstart, pline = lines[prev_i]
            if should_join(pline, line, prev_starts, segmenter):
                pbody = pline.rstrip()
                gap_start = pstart + len(pbody)
                gap_end = start + (len(line) - len(line.lstrip()))
                deletions.append((gap_start, gap_end))
                joined = True
        prev_i = i
        prev_starts = not joined
    return deletions


@dataclass
class Normalised:
    original: str
    text: str
    offsets: OffsetMap

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.span(start, end)


_DIGIT_COMMA = regex.compile(r"(?<=\d)，(?=\d{3}(?!\d))")


def _widths(m: re.Match) -> str:
    return m[0].translate(_WIDTH)


def unify_width(s: str) -> str:
    """The one-for-one substitutions of :func:`normalise` (full-width forms, digit commas)."""
    if _WIDE.search(s):
        s = _WIDE.sub(_widths, s)
    return _DIGIT_COMMA.sub(",", s)


def normalise(original: str, segmenter=None) -> Normalised:
    """``segmenter`` (optional, with ``tag``) lets wrap repair see words cut by a line break."""
    widened = _LONE_CR.sub("\n", unify_width(original))
    drops = [m.span() for m in _DROP.finditer(widened)]
    stage1, map1 = _apply_deletions(widened, drops)
    wraps = repair_wraps(stage1, segmenter)
    if wraps:
        orig_wraps = [(map1.start(a), map1.end(b)) for a, b in wraps if b > a]
        text, full_map = _apply_deletions(widened, _merge(drops + orig_wraps))
        return Normalised(original, text, full_map)
    return Normalised(original, stage1, map1)
