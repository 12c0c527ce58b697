"""Who is who across an archive: person mentions of many articles -> one row per real person.

Same name is necessary, never sufficient. Rows of one name are joined by evidence, strongest
first, and a join that would put one person in two provinces (or, for region evidence, in two
different cities) is refused:

=========================================  ==========
evidence                                   confidence
=========================================  ==========
the same organisation in a role            0.9
the same city / county (org name, honour)  0.75
the same province, no conflicting city     0.6
name only, one person of the name on file  0.5
=========================================  ==========

A person's confidence is the weakest join that made it (1.0 for one mention). Rows without any
evidence join the only placed person of their name; when there are several, they stay apart
(confidence 0.3, ``ambiguous``). Region evidence comes from ``lexicons/regions.tsv``: an
organisation name opening with a region (浙江省…, 温岭市总工会, 浙江跃岭…), an honour's region.
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from .lexicon import Lexicons, Region

ORG, PLACE, PROVINCE, NAME_ONLY, AMBIGUOUS = 0.9, 0.75, 0.6, 0.5, 0.3


@dataclass(frozen=True)
class Evidence:
    """One person of one article, with what identifies them."""
    source_id: str
    article_index: int
    person_id: str
    name: str
    orgs: tuple[str, ...]
    places: frozenset[tuple[str, str]]      # (place, province)
    titles: tuple[str, ...]
    year: int | None = None


def _province(reg: Region | None, lex: Lexicons) -> str | None:
    for _ in range(4):
        if reg is None:
            return None
        if reg.level == "province":
            return reg.name
        reg = lex.regions.get(reg.parent) if reg.parent else None
    return None


def place_of_region(name: str | None, lex: Lexicons) -> tuple[str | None, str | None]:
    """A region name (full or short) -> (its full name, its province)."""
    reg = lex.regions.get(name) if name else None
    return (reg.name, _province(reg, lex)) if reg else (None, None)


def org_places(name: str, lex: Lexicons) -> tuple[str | None, str | None]:
    """The regions an organisation name opens with -> (the most specific, its province).
    Short forms count only for a province or city opening the name (浙江跃岭…, 中山…), so a
    county's short form inside an enterprise name is not taken for a place."""
    chain: list[Region] = []
    pos = 0
    while True:
        hit = lex.region_starting_at(name, pos, 12)
        if not hit:
            break
        reg = lex.regions[hit]
        if hit != reg.name and (pos > 0 or reg.level == "county"):
            break
        chain.append(reg)
        pos += len(hit)
    if not chain:
        return None, None
    return chain[-1].name, _province(chain[0], lex) or _province(chain[-1], lex)


def date_of_article(reference_date: str | None, meta_date: str | None, values) -> tuple[str | None, int | None, str | None]:
    """When an article was reported: the page's reference date, else a ``date`` metadata field,
    else the latest of its resolved dates (full dates before months before years, times dropped)."""
    for value, how in ((reference_date, "reference_date"), (_iso(meta_date), "meta_date")):
        if value and value[:4].isdigit():
            return value, int(value[:4]), how
    days = (v.split("T", 1)[0] for v in values if v and v[:4].isdigit())     # 2009-05-27T11:23 -> the day
    best = max(days, key=lambda v: (len(v), v), default=None)
    return (best, int(best[:4]), "article_dates") if best else (None, None, None)


def _iso(text: str | None) -> str | None:
    """2019-04-28, 2019/4/28, 2019年4月28日, 20190428 -> ISO (as far as given)."""
    if not text:
        return None
    digits = [p for p in "".join(c if c.isdigit() else " " for c in text).split()]
    if len(digits) == 1 and len(digits[0]) == 8:
        d = digits[0]
        digits = [d[:4], d[4:6], d[6:]]
    if not digits or len(digits[0]) != 4:
        return None
    return "-".join([digits[0]] + [p.zfill(2) for p in digits[1:3]])


class _Clusters:
    """Union-find over one name's rows, with what each cluster knows."""

    def __init__(self, rows: list[Evidence]):
        self.parent = list(range(len(rows)))
        self.provs = [{p for _, p in r.places} for r in rows]
        self.places = [{pl for pl, p in r.places if pl != p} for r in rows]
        self.conf = [1.0] * len(rows)
        self.why: list[set[str]] = [set() for _ in rows]
        self.link = ["self"] * len(rows)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, i: int, j: int, strength: float, reason: str, check_places: bool) -> None:
        a, b = self.find(i), self.find(j)
        if a == b:
            if strength >= self.conf[a]:
                self.why[a].add(reason)
            return
        if self.provs[a] and self.provs[b] and not self.provs[a] & self.provs[b]:
            return
        if check_places and self.places[a] and self.places[b] and not self.places[a] & self.places[b]:
            return
        a, b = min(a, b), max(a, b)
        self.parent[b] = a
        self.provs[a] |= self.provs[b]
        self.places[a] |= self.places[b]
        self.conf[a] = min(self.conf[a], self.conf[b], strength)
        self.why[a] |= self.why[b] | {reason}
        if self.link[j] == "self":
            self.link[j] = reason


def _by(rows: list[Evidence], keys) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        for k in keys(r):
            out[k].append(i)
    return out


def _cluster_name(rows: list[Evidence]) -> _Clusters:
    cl = _Clusters(rows)
    steps = (
        (lambda r: r.orgs, ORG, "org", False),
        (lambda r: {pl for pl, p in r.places if pl != p}, PLACE, "region", True),
        (lambda r: {p for _, p in r.places}, PROVINCE, "province", True),
    )
    for keys, strength, label, check in steps:
        for key, members in sorted(_by(rows, keys).items()):
            for j in members[1:]:
                cl.join(members[0], j, strength, f"{label}:{key}", check)
    placed = sorted({cl.find(i) for i, r in enumerate(rows) if r.orgs or r.places})
    unplaced = [i for i, r in enumerate(rows) if not (r.orgs or r.places)]
    if len(placed) <= 1 and unplaced:
        anchor = placed[0] if placed else unplaced[0]
        for i in unplaced:
            if i != anchor:
                cl.join(anchor, i, NAME_ONLY, "name only", False)
    elif unplaced:
        for i in unplaced:
            cl.conf[i] = AMBIGUOUS
            cl.why[i].add(f"ambiguous: {len(placed)} placed people of this name")
    return cl


def person_key(first: Evidence) -> str:
    """Stable while the person's first mention (in source order) stays the same."""
    raw = f"{first.source_id}\x00{first.article_index}\x00{first.person_id}".encode()
    return "person:" + hashlib.sha1(raw).hexdigest()[:12]


def cluster_people(evidence: list[Evidence]) -> tuple[list[tuple], list[tuple]]:
    """-> (people rows, person_articles rows) in the column order of the registry tables."""
    by_name: dict[str, list[Evidence]] = defaultdict(list)
    for e in sorted(evidence, key=lambda e: (e.source_id, e.article_index, e.person_id)):
        by_name[e.name].append(e)
    people, links = [], []
    for name in sorted(by_name):
        rows = by_name[name]
        cl = _cluster_name(rows)
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(len(rows)):
            groups[cl.find(i)].append(i)
        for root, members in sorted(groups.items()):
            ms = [rows[i] for i in members]
            key = person_key(ms[0])
            seen = [pp for m in ms for pp in sorted(m.places)]    # sorted: ties break the same in every run
            provs = Counter(p for _, p in seen)
            places = Counter(pl for pl, p in seen if pl != p) or provs
            years = [m.year for m in ms if m.year is not None]
            people.append((key, name, places.most_common(1)[0][0] if places else None,
                           provs.most_common(1)[0][0] if provs else None,
                           sorted({o for m in ms for o in m.orgs}), sorted({t for m in ms for t in m.titles}),
                           sorted({pl for m in ms for pl, _ in m.places}),
                           len({(m.source_id, m.article_index) for m in ms}),
                           min(years, default=None), max(years, default=None),
                           sorted(cl.why[root]) or ["one mention"], cl.conf[root]))
            links += [(key, rows[i].source_id, rows[i].article_index, rows[i].person_id, cl.link[i]) for i in members]
    return people, links
