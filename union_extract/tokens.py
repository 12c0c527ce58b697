"""Token offsets over segmenter output, so extractors can walk words around a cue."""
from __future__ import annotations

import bisect
from dataclasses import dataclass


@dataclass
class Tokens:
    words: list[str]
    tags: list[str]
    starts: list[int]

    @classmethod
    def from_tagged(cls, tagged: list[tuple[str, str]]) -> "Tokens":
        words, tags, starts = [], [], []
        pos = 0
        for w, t in tagged:
            words.append(w)
            tags.append(t)
            starts.append(pos)
            pos += len(w)
        return cls(words, tags, starts)

    def index_at(self, pos: int) -> int:
        """Index of the token containing char ``pos``."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def end(self, i: int) -> int:
        return self.starts[i] + len(self.words[i])
