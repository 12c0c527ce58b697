"""Load the plain-text lexicons shipped in ``lexicons/`` (and a user's own directory).

Every file is a headed TSV: ``#`` lines describe it, the first other line names the columns.
A user directory holds files of the same names; its rows are added after the built-in ones.
Rows are validated when loaded (``lexicon_rows.py``); a bad header, a bad value or a file name
that is not a lexicon (a typo) in the user directory raises :class:`LexiconError`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .lexicon_rows import ROW_COLUMNS, first_problem, required_columns

_PKG = Path(__file__).resolve().parent


def builtin_dir() -> Path:
    """The lexicon directory: inside the installed package, else beside it in a checkout."""
    for cand in (_PKG / "lexicons", _PKG.parent / "lexicons"):
        if (cand / "surnames.tsv").is_file():
            return cand
    raise FileNotFoundError("union_extract lexicons not found; reinstall the package")


class LexiconError(ValueError):
    """A lexicon file that cannot be used: ``file:line: what is wrong``."""


def read_tsv(path: Path) -> list[dict[str, str]]:
    """The rows of a headed TSV file (none when it does not exist), checked against its columns.
    Every process reads ~12 k rows at start-up: the rows are built in one lean loop and checked a
    column at a time (issue 16); the first problem in file order is reported."""
    if not path.is_file():
        return []
    columns = ROW_COLUMNS.get(path.name)
    try:
        fh = open(path, encoding="utf-8")      # universal newlines: \r\n and \r end lines too
    except OSError as exc:
        raise LexiconError(f"{path}: cannot read: {exc.strerror}") from None
    with fh:
        try:
            lines = fh.read().split("\n")
        except UnicodeDecodeError:
            raise LexiconError(f"{path}: not UTF-8") from None
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    linenos: list[int] = []
    too_wide = None
    for lineno, line in enumerate(lines, 1):
        if line[:1] == "\ufeff":
            line = line.lstrip("\ufeff")
        if line[:1] == "#" or not line.strip():
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            width = len(header)
            missing = [c for c in required_columns(columns) if c not in header] if columns else []
            if missing:
                raise LexiconError(f"{path}:{lineno}: header must name the columns "
                                   f"{', '.join(required_columns(columns))} (tab-separated); "
                                   f"missing {', '.join(missing)}, got {', '.join(header)}")
            continue
        if len(cells) != width:
            if len(cells) > width:
                too_wide = f"{path}:{lineno}: {len(cells)} cells but the header names {width} columns"
                break
            cells += [""] * (width - len(cells))
        rows.append(dict(zip(header, map(str.strip, cells))))
        linenos.append(lineno)
    if columns is not None and (bad := first_problem(columns, rows)) is not None:
        raise LexiconError(f"{path}:{linenos[bad[0]]}: {bad[1]}")
    if too_wide:
        raise LexiconError(too_wide)
    return rows


def check_user_dir(user_dir: Path) -> None:
    """A file in the user's lexicon directory that no lexicon is named like is a typo: say so."""
    known = set(ROW_COLUMNS) | {"user_dict.txt"} | {p.name for p in builtin_dir().iterdir()}
    for p in sorted(user_dir.iterdir()):
        if p.suffix in (".tsv", ".txt") and p.name not in known:
            raise LexiconError(f"{p}: not a lexicon file name; expected one of {', '.join(sorted(known - {'README.md'}))}")


def read_user_dict(path: Path) -> list[tuple[str, int, str]]:
    out = []
    if not path.is_file():
        return out
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split()
            if parts[0].startswith("\ufeff"):
                parts[0] = parts[0][1:]
            word = parts[0]
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 10000
            tag = parts[2] if len(parts) > 2 else "n"
            out.append((word, freq, tag))
    return out


@dataclass(frozen=True)
class Region:
    name: str
    short: str
    level: str
    parent: str


@dataclass
class Lexicons:
    """All lexicon tables, as the extractors want them."""

    surnames: frozenset[str]
    compound_surnames: frozenset[str]
    regions: dict[str, Region]          # full and short names -> region
    org_suffixes: dict[str, tuple[str, str]]   # suffix -> (type, kind)
    known_orgs: dict[str, tuple[str, str]]     # name -> (type, canonical)
    titles: dict[str, str]              # title -> kind
    honours: list[dict[str, str]]
    honour_levels: dict[str, str]
    units: dict[str, tuple[str, str]]   # unit -> (kind, base)
    number_idioms: frozenset[str]
    columns_exact: frozenset[str]
    columns_suffix: tuple[str, ...]
    stop_persons: frozenset[str] = frozenset()
    stop_organizations: frozenset[str] = frozenset()
    stop_honours: frozenset[str] = frozenset()
    user_words: list[tuple[str, int, str]] = field(default_factory=list)
    conferral_verbs: dict[str, str] = field(default_factory=dict)     # verb -> subject|object
    honour_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)   # kind -> cue words
    person_cues: dict[str, frozenset[str]] = field(default_factory=dict)   # kind -> words
    org_words: dict[str, frozenset[str]] = field(default_factory=dict)     # kind -> words
    translit_chars: frozenset[str] = frozenset()
    given_name_chars: dict[str, float] = field(default_factory=dict)      # char -> log-odds
    surname_lead: dict[str, float] = field(default_factory=dict)          # surname -> log-odds
    nr_stopwords: frozenset[str] = frozenset()
    nr_common: frozenset[str] = frozenset()
    role_nouns: frozenset[str] = frozenset()
    trad_simp: dict[int, int] = field(default_factory=dict)               # str.translate table

    def cue(self, kind: str) -> frozenset[str]:
        """Words of one kind from person_cues.tsv."""
        return self.person_cues.get(kind, frozenset())

    def region_ending_at(self, text: str, end: int, longest: int) -> str | None:
        """The longest region name (full or short form) of at most ``longest`` chars ending at ``end``."""
        for n in range(min(longest, end), 1, -1):
            if text[end - n:end] in self.regions:
                return text[end - n:end]
        return None

    def region_starting_at(self, text: str, start: int, longest: int, stop: int | None = None) -> str | None:
        """The longest region name of at most ``longest`` chars starting at ``start``, ending by ``stop``."""
        stop = len(text) if stop is None else stop
        for n in range(min(longest, stop - start), 1, -1):
            if text[start:start + n] in self.regions:
                return text[start:start + n]
        return None


def _by_kind(rows: list[dict[str, str]], key: str) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for r in rows:
        out.setdefault(r.get("kind", ""), set()).add(r[key])
    return {k: frozenset(v) for k, v in out.items()}


def _float(x: str) -> float | None:
    try:
        return float(x)
    except ValueError:
        return None


def _rows(name: str, dirs: tuple[Path, ...]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for d in dirs:
        out += read_tsv(d / name)
    return out


@lru_cache(maxsize=8)
def load(user_dir: str | None = None) -> Lexicons:
    dirs = (builtin_dir(),) + ((Path(user_dir),) if user_dir else ())
    if user_dir and not Path(user_dir).is_dir():
        raise LexiconError(f"lexicon directory not found: {user_dir}")
    if user_dir:
        check_user_dir(Path(user_dir))
    surn = _rows("surnames.tsv", dirs)
    regions: dict[str, Region] = {}
    for r in _rows("regions.tsv", dirs):
        reg = Region(r["name"], r.get("short") or r["name"], r.get("level", ""), r.get("parent", ""))
        regions.setdefault(reg.name, reg)
        if len(reg.short) >= 2:
            regions.setdefault(reg.short, reg)
    cols = _rows("columns.tsv", dirs)
    cues: dict[str, list[str]] = {}
    for r in _rows("honour_cues.tsv", dirs):
        cues.setdefault(r["kind"], []).append(r["cue"])
    user_words: list[tuple[str, int, str]] = []
    for d in dirs:
        user_words += read_user_dict(d / "user_dict.txt")
    chars = _rows("given_name_chars.tsv", dirs)
    return Lexicons(
        person_cues=_by_kind(_rows("person_cues.tsv", dirs), "word"),
        org_words=_by_kind(_rows("org_words.tsv", dirs), "word"),
        translit_chars=frozenset(r["char"] for r in _rows("translit_chars.tsv", dirs)),
        given_name_chars={r["char"]: v for r in chars if (v := _float(r.get("score", ""))) is not None},
        surname_lead={r["char"]: v for r in chars if (v := _float(r.get("lead_score", ""))) is not None},
        nr_stopwords=frozenset(r["word"] for r in _rows("nr_stopwords.tsv", dirs)),
        nr_common=frozenset(r["word"] for r in _rows("nr_common.tsv", dirs)),
        role_nouns=frozenset(r["role"] for r in _rows("role_nouns.tsv", dirs)),
        trad_simp={ord(r["traditional"]): ord(r["simplified"]) for r in _rows("trad_simp.tsv", dirs)
                   if len(r["traditional"]) == 1 and len(r["simplified"]) == 1},
        surnames=frozenset(r["surname"] for r in surn),
        compound_surnames=frozenset(r["surname"] for r in surn if r.get("kind") == "compound"),
        regions=regions,
        org_suffixes={r["suffix"]: (r["type"], r.get("kind") or "org") for r in _rows("org_suffixes.tsv", dirs)},
        known_orgs={r["name"]: (r["type"], r.get("canonical", "")) for r in _rows("outlets.tsv", dirs)},
        titles={r["title"]: r.get("kind", "") for r in _rows("titles.tsv", dirs)},
        honours=_rows("honours.tsv", dirs),
        honour_levels={r["word"]: r["level"] for r in _rows("honour_levels.tsv", dirs)},
        units={r["unit"]: (r["kind"], r.get("base", "")) for r in _rows("measure_words.tsv", dirs)},
        number_idioms=frozenset(r["phrase"] for r in _rows("number_idioms.tsv", dirs)),
        columns_exact=frozenset(c["label"] for c in cols if c.get("match") != "suffix"),
        columns_suffix=tuple(c["label"] for c in cols if c.get("match") == "suffix"),
        stop_persons=frozenset(r["name"] for r in _rows("stop_persons.tsv", dirs)),
        stop_organizations=frozenset(r["name"] for r in _rows("stop_organizations.tsv", dirs)),
        stop_honours=frozenset(r["name"] for r in _rows("stop_honours.tsv", dirs)),
        user_words=user_words,
        conferral_verbs={r["verb"]: r["direction"] for r in _rows("conferral_verbs.tsv", dirs)},
        honour_cues={k: tuple(v) for k, v in cues.items()},
    )
