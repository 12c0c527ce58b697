"""What a row of each lexicon file must hold, checked when the file is loaded.

A bad header or value is reported as ``file:line: column: what was expected`` before any document
is converted, instead of every document failing later. Columns the code relies on as a closed set
(organisation type, honour level, figure kind, holder kind, …) are checked against that set;
extra columns are allowed (ignored).
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .models import FigureKind, Level, OrgType


class _Row(BaseModel):
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)


def _required(*names: str):
    def check(cls, v: str) -> str:
        if not v:
            raise ValueError("must not be empty")
        return v
    return field_validator(*names)(check)


class SurnameRow(_Row):
    surname: str
    kind: Literal["single", "compound"] = "single"
    _nonempty = _required("surname")


class RegionRow(_Row):
    name: str
    short: str = ""
    level: str = ""
    parent: str = ""
    _nonempty = _required("name")


class OrgSuffixRow(_Row):
    suffix: str
    type: OrgType
    kind: str = ""
    _nonempty = _required("suffix")


class OutletRow(_Row):
    name: str
    type: OrgType
    canonical: str = ""
    _nonempty = _required("name")


class TitleRow(_Row):
    title: str
    kind: str = ""
    _nonempty = _required("title")


class HonourRow(_Row):
    canonical: str
    holder: Literal["individual", "collective", "either"]
    aliases: str
    needs_level: Literal["yes", "no", "context", ""] = "no"
    _nonempty = _required("canonical", "aliases")


class HonourLevelRow(_Row):
    word: str
    level: Level
    _nonempty = _required("word")


class MeasureWordRow(_Row):
    unit: str
    kind: FigureKind
    multiplier: str = ""
    base: str = ""
    _nonempty = _required("unit")

    @field_validator("multiplier")
    @classmethod
    def _number(cls, v: str) -> str:
        if v:
            float(v)   # ValueError: reported as "expected a number"
        return v


class PhraseRow(_Row):
    phrase: str
    _nonempty = _required("phrase")


class ColumnRow(_Row):
    label: str
    match: Literal["exact", "suffix", ""] = "exact"
    _nonempty = _required("label")


class StopRow(_Row):
    """stop_*.tsv: a name never to output as that kind of entity (a user's false positive)."""
    name: str
    _nonempty = _required("name")


ROW_MODELS: dict[str, type[_Row]] = {
    "surnames.tsv": SurnameRow, "regions.tsv": RegionRow, "org_suffixes.tsv": OrgSuffixRow,
    "outlets.tsv": OutletRow, "titles.tsv": TitleRow, "honours.tsv": HonourRow,
    "honour_levels.tsv": HonourLevelRow, "measure_words.tsv": MeasureWordRow, "number_idioms.tsv": PhraseRow,
    "columns.tsv": ColumnRow, "stop_persons.tsv": StopRow, "stop_organizations.tsv": StopRow,
    "stop_honours.tsv": StopRow,
}


def required_columns(model: type[_Row]) -> list[str]:
    return [n for n, f in model.model_fields.items() if f.is_required()]


def explain(exc: ValidationError) -> str:
    """The first problem of a row, as ``column: expected …, got …``."""
    err = exc.errors()[0]
    col = ".".join(str(x) for x in err["loc"]) or "row"
    exp = err.get("ctx", {}).get("expected")
    got = err.get("input")
    if exp:
        return f"column {col!r}: expected {exp}, got {got!r}"
    msg = err["msg"].removeprefix("Value error, ")
    if "could not convert" in msg:
        msg = "expected a number"
    return f"column {col!r}: {msg}, got {got!r}"

