"""Traditional-character text read through a simplified shadow (劉 陳 張, 總工會 as 刘 陈 张, 总工会).

The lexicons, the segmenter's dictionary and every cue are simplified. A text that holds
traditional characters is mapped character by character (lexicons/trad_simp.tsv, one-to-one, so
the shadow has the same length and every offset holds); the extractors read the shadow, and the
names they find are given back their written form from the text itself.
"""
from __future__ import annotations

import re

from .entities import RawHonor, RawOrg, RawPerson


class Simplifier:
    def __init__(self, table: dict[int, int]):
        self.table = table
        chars = "".join(sorted(chr(c) for c in table))
        # one charset test decides whether a text needs the shadow at all (most texts do not)
        self.any_traditional = re.compile(f"[{re.escape(chars)}]") if chars else None

    def shadow(self, text: str) -> str:
        """``text`` with traditional characters simplified, or ``text`` itself if it has none."""
        if self.any_traditional is None or not self.any_traditional.search(text):
            return text
        return text.translate(self.table)

    @staticmethod
    def restore(text: str, look: str, base: int, persons: list[RawPerson], orgs: list[RawOrg],
                honours: list[RawHonor], figures=()) -> None:
        """Give every name and mention read from the shadow its form as written in ``text``."""
        if look is text:
            return

        def written(s: int, e: int, read: str) -> str:
            return text[s - base:e - base] if look[s - base:e - base] == read else read

        surface: dict[str, str] = {}
        for ent in (*persons, *orgs):
            for m in ent.mentions:
                m.text = written(m.start, m.end, m.text)
            if ent.mentions:
                m0 = ent.mentions[0]
                surface[ent.name] = written(m0.start, m0.end, ent.name)
                ent.name = surface[ent.name]
        for p in persons:
            p.roles = [(t, surface.get(o, o) if o else o) for t, o in p.roles]
        for h in honours:
            h.name = written(h.mention.start, h.mention.end, h.name)
            h.mention.text = written(h.mention.start, h.mention.end, h.mention.text)
        for f in figures:
            f.text = written(f.start, f.end, f.text)
