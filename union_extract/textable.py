"""Query results as a plain aligned text table (CJK characters count two columns)."""
from __future__ import annotations

import json
import unicodedata

MAX_CELL = 40


def width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def cell(v, limit: int = MAX_CELL) -> str:
    """A value as one line of at most ``limit`` columns (lists and structs as JSON, NULL empty)."""
    if v is None:
        s = ""
    elif isinstance(v, (list, dict, tuple)):
        s = json.dumps(v, ensure_ascii=False, default=str)
    elif isinstance(v, float):
        s = f"{v:g}"
    else:
        s = str(v)
    s = " ".join(s.split())
    if width(s) <= limit:
        return s
    out, w = [], 0
    for c in s:
        w += width(c)
        if w > limit - 1:
            break
        out.append(c)
    return "".join(out) + "…"


def render(header: list[str], rows) -> str:
    table = [list(header)] + [[cell(v) for v in r] for r in rows]
    widths = [max(width(r[i]) for r in table) for i in range(len(header))]

    def line(r):
        return "  ".join(c + " " * (widths[i] - width(c)) for i, c in enumerate(r)).rstrip() + "\n"

    return line(table[0]) + line(["-" * w for w in widths]) + "".join(line(r) for r in table[1:])
