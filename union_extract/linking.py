"""Link within an article: who holds each honour, and short/long forms of one organisation.

Holders come from the conferral and apposition grammar in :mod:`union_extract.conferral`.
"""
from __future__ import annotations

from .conferral import HolderGrammar
from .entities import RawHonor, RawOrg, RawPerson
from .tokens import Tokens


def link(text: str, base: int, persons: list[RawPerson], orgs: list[RawOrg], honours: list[RawHonor],
         grammar: HolderGrammar, tokens: Tokens | None = None) -> None:
    _merge_short_forms(orgs)
    grammar.link(text, base, persons, orgs, honours, tokens)


def _merge_short_forms(orgs: list[RawOrg]) -> None:
    """萧山区总工会 and 杭州市萧山区总工会 in one article are one entity named by the long form."""
    longest_with_suffix: dict[str, int] = {}
    for j, p in enumerate(orgs):
        for k in range(1, len(p.name) - 3):
            tail = p.name[k:]
            cur = longest_with_suffix.get(tail)
            if cur is None or len(orgs[cur].name) < len(p.name):
                longest_with_suffix[tail] = j
    target: dict[int, int] = {}
    for i, o in enumerate(orgs):
        j = longest_with_suffix.get(o.name)
        if j is not None and j != i and len(o.name) >= 4:
            target[i] = j
    if not target:
        return
    keep = [i for i in range(len(orgs)) if i not in target]
    new_index = {old: n for n, old in enumerate(keep)}
    for i, j in target.items():
        while j in target:
            j = target[j]
        orgs[j].mentions.extend(orgs[i].mentions)
        orgs[j].mentions.sort(key=lambda m: m.start)
        new_index[i] = new_index[j]
    merged = [orgs[i] for i in keep]
    for o in merged:
        if o.parent is not None:
            o.parent = new_index.get(o.parent)
            if o.parent is not None and merged[o.parent] is o:
                o.parent = None
    orgs[:] = merged
