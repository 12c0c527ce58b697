"""Typed records: the public output contract (see README, "Output contract")."""
from __future__ import annotations

from typing import Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from .kinds import FigureKind, Level, OrgType


class _Model(BaseModel):
    """The contract says extra fields may be added: records from a newer version (or with fields
    passed through) validate, keep their extra fields, and the JSON Schema says
    ``additionalProperties: true``."""
    model_config = ConfigDict(extra="allow")


class Span(_Model):
    start: int
    end: int


class Mention(_Model):
    """A stretch of the ORIGINAL input: ``input[start:end]`` equals ``text`` once whitespace is removed."""
    text: str
    start: int
    end: int


class Role(_Model):
    title: str
    organization: Optional[str] = None


class Person(_Model):
    id: str
    name: str
    mentions: list[Mention] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    honors: list[str] = Field(default_factory=list, description="ids of honours held")
    # the evidence that made it a person: written by ``convert --debug`` only, not in the contract
    why: SkipJsonSchema[Optional[list[str]]] = Field(default=None, exclude=True)


class Organization(_Model):
    id: str
    name: str
    type: OrgType = "other"
    mentions: list[Mention] = Field(default_factory=list)
    parent: Optional[str] = Field(default=None, description="id of the parent organisation")
    honors: list[str] = Field(default_factory=list, description="ids of honours held")


class HolderRef(_Model):
    type: Literal["person", "organization"]
    id: str
    name: str


class Honor(_Model):
    id: str
    name: str
    canonical: str
    level: Optional[Level] = None
    region: Optional[str] = None
    holder: Optional[HolderRef] = None
    mentions: list[Mention] = Field(default_factory=list)
    # the cue and the grammar rule behind this record; written out only by ``convert --debug``
    why: SkipJsonSchema[Optional[str]] = Field(default=None, exclude=True)


class Figure(_Model):
    text: str
    value: float
    unit: str
    kind: FigureKind = "other"
    approximate: bool = False
    currency: Optional[str] = None
    context: str = ""
    start: int
    end: int


class Date(_Model):
    text: str
    value: Optional[str] = None
    relative: bool = False
    start: int
    end: int


class Byline(_Model):
    source: Optional[str] = None
    reporters: list[str] = Field(default_factory=list)
    correspondents: list[str] = Field(default_factory=list)
    photographers: list[str] = Field(default_factory=list)
    editors: list[str] = Field(default_factory=list)
    authors: list[str] = Field(default_factory=list)
    interns: list[str] = Field(default_factory=list, description="实习生 (extra field beside the contract's lists)")


class Article(_Model):
    source_id: str
    article_index: int
    span: Span
    kicker: Optional[str] = None
    title: Optional[str] = None
    subtitle: Optional[str] = None
    column: Optional[str] = None
    byline: Byline = Field(default_factory=Byline)
    text: str = ""
    persons: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    honors: list[Honor] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    dates: list[Date] = Field(default_factory=list)
    encoding: Optional[str] = Field(default=None, description="the input's encoding as detected (utf-8, gb18030, …)")
    reference_date: Optional[str] = Field(default=None, description="ISO date relative dates were resolved against")
    meta: Optional[dict[str, Any]] = Field(default=None, description="input JSONL fields copied by --keep-fields")


class Document(_Model):
    source_id: str
    encoding: Optional[str] = None
    reference_date: Optional[str] = None
    articles: list[Article] = Field(default_factory=list)


class ErrorRecord(_Model):
    """One document that could not be converted: the batch goes on, the loss is on record."""
    source_id: str
    line: Optional[int] = None
    kind: str
    reason: str


SCHEMA_MODELS = {"Article": Article, "Document": Document, "ErrorRecord": ErrorRecord}
