"""Word lists compiled as prefix tries: one alternation per branching point instead of a flat
list, so a scan tests a handful of characters per position instead of every word."""
from __future__ import annotations

import re

import regex

# The stdlib ``re`` engine scans literal alternations ~5x faster than ``regex`` (it checks a
# first-character set before trying branches), so hot word-list patterns use ``re`` with this
# explicit Han range instead of \p{Han}. Measured in bench/regex_engines.py.
HAN = "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"


class LazyPattern:
    """A ``regex`` pattern compiled on first use. ``regex`` compiles in Python, and the large
    number patterns the pipeline rarely or never needs (fractions, percentages, ordinals of the
    public number API) cost ~40% of import time (issue 16, start-up)."""
    __slots__ = ("source", "flags", "_compiled")

    def __init__(self, source: str, flags: int = 0):
        self.source, self.flags, self._compiled = source, flags, None

    @property
    def compiled(self) -> "regex.Pattern":
        if self._compiled is None:
            self._compiled = regex.compile(self.source, self.flags)
        return self._compiled

    def __getattr__(self, name):
        return getattr(self.compiled, name)


class Groups:
    """The group numbers of a compiled pattern, by name: ``m[g.num]`` instead of ``m.group("num")``.
    ``regex`` resolves a group name on every call (~2.9 µs against ~0.3 µs by number), so hot
    loops look the numbers up once. Names shared by several groups (``regex`` allows it) share one
    number, as in ``pattern.groupindex``."""

    def __init__(self, pattern):
        self.__dict__.update(pattern.groupindex)


def literal_alternation(words) -> "re.Pattern":
    """A fast ``re`` pattern for any of ``words``, longest first."""
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True) if w) or "(?!)")


def alternation(words) -> str:
    """A ``regex`` source for any of ``words``, longest first (never matches when empty)."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True) if w) or "(?!)"


def trie_pattern(words) -> str:
    """A regex source matching any of ``words``, longest first at each branch (greedy)."""
    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True
    return _render(trie) if trie else "(?!)"


def _render(node: dict) -> str:
    end = "" in node
    branches = [regex.escape(ch) + _render(sub) for ch, sub in sorted(node.items()) if ch != ""]
    if not branches:
        return ""
    chars = [b for b in branches if len(b) == 1 or (len(b) == 2 and b[0] == "\\")]
    multi = [b for b in branches if b not in chars]
    parts = multi + ([chars[0]] if len(chars) == 1 else [f"[{''.join(chars)}]"] if chars else [])
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if end:
        body = f"(?:{body})?" if len(parts) > 1 or len(body) > 1 else body + "?"
    return body


def first_char_alternation(words) -> "re.Pattern":
    """Like :func:`literal_alternation` (the longest word at a position wins), with the words
    grouped by first character: a scan enters one group per position instead of testing every
    word, which keeps a long suffix list (organisations) as fast as a short one."""
    groups: dict[str, list[str]] = {}
    for w in sorted(set(words), key=len, reverse=True):
        if w:
            groups.setdefault(w[0], []).append(w[1:])
    parts = []
    for first, rests in groups.items():
        alts = "|".join(re.escape(r) for r in rests if r)
        body = f"(?:{alts})" if alts else ""
        parts.append(re.escape(first) + (body + "?" if alts and "" in rests else body))
    return re.compile("|".join(parts) or "(?!)")
