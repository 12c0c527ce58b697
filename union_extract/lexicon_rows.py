"""What a row of each lexicon file must hold, checked when the file is loaded.

A bad header or value is reported as ``file:line: column: what was expected`` before any document
is converted, instead of every document failing later. Columns the code relies on as a closed set
(organisation type, honour level, figure kind, holder kind, …) are checked against that set;
extra columns are allowed (ignored). Plain checks, not pydantic models: every batch loads the
lexicons at start-up, and importing pydantic for them cost ~0.15 s of it (issue 16).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import get_args

from .kinds import FigureKind, Level, OrgType


@dataclass(frozen=True)
class Column:
    """One column of a lexicon file. ``required``: the header must name it and no cell may be
    empty; ``choices``: the closed set its cells come from (empty cells included only if listed);
    ``number``: a non-empty cell must read as a number."""
    name: str
    required: bool = False
    choices: tuple[str, ...] | None = None
    number: bool = False

    def first_bad(self, values: list[str]) -> int | None:
        """Index of the first of ``values`` (one cell per row) with a :meth:`problem`."""
        if self.choices is not None:
            if set(self.choices).issuperset(values):
                return None
        elif not (self.required and "" in values) and not self.number:
            return None
        return next((i for i, v in enumerate(values) if self.problem(v) is not None), None)

    def problem(self, value: str) -> str | None:
        """What is wrong with ``value`` (a stripped cell), as ``expected …``; None when it is fine."""
        if self.choices is not None and value not in self.choices:
            return f"expected {_one_of(self.choices)}"
        if self.required and not value:
            return "must not be empty"
        if self.number and value:
            try:
                float(value)
            except ValueError:
                return "expected a number"
        return None


def _one_of(choices: tuple[str, ...]) -> str:
    quoted = [repr(c) for c in choices]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} or {quoted[-1]}"


def _required(name: str, choices: tuple[str, ...] | None = None) -> Column:
    return Column(name, required=True, choices=choices)


_STOP = (_required("name"),)      # stop_*.tsv: a name never to output as that kind of entity

ROW_COLUMNS: dict[str, tuple[Column, ...]] = {
    "surnames.tsv": (_required("surname"), Column("kind", choices=("single", "compound"))),
    "regions.tsv": (_required("name"), Column("short"), Column("level"), Column("parent")),
    "org_suffixes.tsv": (_required("suffix"), _required("type", get_args(OrgType)), Column("kind")),
    "outlets.tsv": (_required("name"), _required("type", get_args(OrgType)), Column("canonical")),
    "titles.tsv": (_required("title"), Column("kind")),
    "honours.tsv": (_required("canonical"), _required("holder", ("individual", "collective", "either")),
                    _required("aliases"), Column("needs_level", choices=("yes", "no", "context", ""))),
    "honour_levels.tsv": (_required("word"), _required("level", get_args(Level))),
    "measure_words.tsv": (_required("unit"), _required("kind", get_args(FigureKind)),
                          Column("multiplier", number=True), Column("base")),
    "number_idioms.tsv": (_required("phrase"),),
    "columns.tsv": (_required("label"), Column("match", choices=("exact", "suffix", ""))),
    "stop_persons.tsv": _STOP, "stop_organizations.tsv": _STOP, "stop_honours.tsv": _STOP,
}


def required_columns(columns: tuple[Column, ...]) -> list[str]:
    return [c.name for c in columns if c.required]


def first_problem(columns: tuple[Column, ...], rows: list[dict[str, str]]) -> tuple[int, str] | None:
    """(index, problem) of the first row with a problem, checked a column at a time (one set
    test per closed-set column instead of a call per cell); None when every row is fine."""
    first = None
    for col in columns:
        if rows and col.name in rows[0]:
            i = col.first_bad([r[col.name] for r in rows])
            if i is not None and (first is None or i < first):
                first = i
    return None if first is None else (first, row_problem(columns, rows[first]))


def row_problem(columns: tuple[Column, ...], row: dict[str, str]) -> str | None:
    """The first problem of a row (columns in their declared order), as
    ``column 'x': expected …, got '…'``; None when the row is fine. A column the header does not
    name is not checked (its default applies)."""
    for col in columns:
        value = row.get(col.name)
        if value is None:
            continue
        msg = col.problem(value)
        if msg is not None:
            return f"column {col.name!r}: {msg}, got {value!r}"
    return None
