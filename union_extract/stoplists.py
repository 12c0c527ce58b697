"""A user's block list: entities whose name is in ``stop_persons.tsv``, ``stop_organizations.tsv``
or ``stop_honours.tsv`` are dropped right after extraction, before linking (so no honour is
linked to a dropped holder and no id points at a dropped entity)."""
from __future__ import annotations

from .lexicon import Lexicons


def apply(lex: Lexicons, persons: list, orgs: list, honours: list) -> tuple[list, list, list]:
    if lex.stop_persons:
        persons = [p for p in persons if p.name not in lex.stop_persons]
    if lex.stop_honours:
        honours = [h for h in honours if h.name not in lex.stop_honours and h.canonical not in lex.stop_honours]
    if lex.stop_organizations and any(o.name in lex.stop_organizations for o in orgs):
        keep = [i for i, o in enumerate(orgs) if o.name not in lex.stop_organizations]
        new_index = {old: new for new, old in enumerate(keep)}
        orgs = [orgs[i] for i in keep]
        for o in orgs:   # a sub-unit of a dropped organisation has no parent on record
            if o.parent is not None:
                o.parent = new_index.get(o.parent)
    return persons, orgs, honours
