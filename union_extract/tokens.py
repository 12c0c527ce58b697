"""Token offsets over segmenter output, so extractors can walk words around a cue."""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import accumulate


@dataclass
class Tokens:
    words: list[str]
    tags: list[str]
    starts: list[int]

    @classmethod
    def from_tagged(cls, tagged: list[tuple[str, str]]) -> "Tokens":
        if not tagged:
            return cls([], [], [])
        words, tags = map(list, zip(*tagged))
        starts = [0, *accumulate(map(len, words))]
        starts.pop()
        return cls(words, tags, starts)

    def index_at(self, pos: int) -> int:
        """Index of the token containing char ``pos``."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def end(self, i: int) -> int:
        return self.starts[i] + len(self.words[i])

    def starts_at(self, pos: int) -> bool:
        i = bisect.bisect_left(self.starts, pos)
        return i < len(self.starts) and self.starts[i] == pos
