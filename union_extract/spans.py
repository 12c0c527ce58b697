"""A character mask over an article: O(1)-ish "does this span touch a blocked region" checks."""
from __future__ import annotations


class Mask:
    __slots__ = ("bits",)

    def __init__(self, length: int, spans=()):
        self.bits = bytearray(length)
        for a, b in spans:
            self.add(a, b)

    def add(self, a: int, b: int) -> None:
        a, b = max(0, a), min(len(self.bits), b)
        if b > a:
            self.bits[a:b] = b"\x01" * (b - a)

    def touches(self, a: int, b: int) -> bool:
        return self.bits.find(1, a, b) != -1

    def covers(self, pos: int) -> bool:
        return 0 <= pos < len(self.bits) and self.bits[pos] == 1
