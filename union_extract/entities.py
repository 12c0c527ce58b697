"""Raw entity records shared by the extractors and the linker (normalised-text offsets)."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawMention:
    text: str
    start: int
    end: int


@dataclass
class RawPerson:
    name: str
    mentions: list[RawMention] = field(default_factory=list)
    roles: list[tuple[str, str | None]] = field(default_factory=list)
    honors: list[int] = field(default_factory=list)
    why: list[str] = field(default_factory=list)       # the evidence that made it a person


@dataclass
class RawOrg:
    name: str
    type: str
    mentions: list[RawMention] = field(default_factory=list)
    parent: int | None = None
    honors: list[int] = field(default_factory=list)


@dataclass
class RawHonor:
    name: str
    canonical: str
    level: str | None
    region: str | None
    mention: RawMention
    holder_kind: str = "either"
    holder: tuple[str, int] | None = None     # ("person"|"organization", index)
    more_holders: list[tuple[str, int]] = field(default_factory=list)
    why: str = ""              # the cue that made it an honour (shown by --debug)
    holder_why: str = ""       # the grammar rule that named its holder, or why none
