"""Turn bytes into documents: encodings detected and recorded, JSONL lines parsed, and every
line that cannot be a document an error record (nothing is silently lost).

Finding and opening the inputs (directories, stdin, only regular files) is ``inputs.py``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Union

import regex

from .records import ErrorRecord

_BINARY = regex.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_HTML = regex.compile(r"^\s*(?:<!DOCTYPE html|<html)", regex.I)
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
# a document needs one character that is not whitespace, a control or a format (zero-width) char
_VISIBLE = regex.compile(r"[^\s\p{Cc}\p{Cf}\p{Z}]")
_TAGS = regex.compile(r"<(?:script|style)\b.*?</(?:script|style)>|<[^>]{1,500}>", regex.S | regex.I)


@dataclass
class RawDocument:
    source_id: str
    text: str
    encoding: str | None = None
    line: int | None = None
    meta: dict | None = None     # the JSONL fields asked for with --keep-fields
    nbytes: int = 0              # input bytes this document came from (progress)


Item = Union[RawDocument, ErrorRecord]


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes, returning (text, encoding); raises ValueError when no encoding fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            # a file cut inside its last character: keep all but the broken tail, and say so
            return data[:exc.start].decode("utf-8"), "utf-8 (truncated last character)"
    if _BINARY.search(data[:4096]):
        raise ValueError("binary data (control bytes), not text")
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ValueError(f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start}) and not GB18030") from None
    # GB18030 decodes almost anything; accept it only if the result reads as Chinese text
    han = len(regex.findall(r"\p{Han}", text[:2000]))
    if han < 0.3 * max(1, len(regex.findall(r"\S", text[:2000]))):
        raise ValueError("undecodable bytes: not UTF-8, and GB18030 gives no readable Chinese")
    return text, "gb18030"


def strip_html(text: str) -> str:
    """Pages saved as HTML: drop tags and scripts, keep the text (whitespace-only replacement)."""
    if not _HTML.match(text):
        return text
    # same length, newlines kept: offsets into the saved page stay exact
    return _TAGS.sub(lambda m: "".join("\n" if c == "\n" else " " for c in m.group()), text)


def no_surrogates(s: str) -> str:
    """Lone surrogates (from JSON escapes or a caller's str) become U+FFFD: same length, so offsets
    hold, and every record can be written as UTF-8."""
    return _SURROGATE.sub("\ufffd", s) if _SURROGATE.search(s) else s


def is_blank(text: str) -> bool:
    """Only whitespace, control and zero-width characters: nothing to extract from."""
    return _VISIBLE.search(text) is None


def parse_jsonl_line(raw: bytes, lineno: int, sid_prefix: str, id_field: str, text_field: str,
                     keep_fields: tuple[str, ...] = ()) -> Item | None:
    """One JSONL line as a document or an error record; None for a blank line."""
    fallback = f"{sid_prefix}:{lineno}"
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ErrorRecord(source_id=fallback, line=lineno, kind="undecodable", reason=f"line is not UTF-8 ({exc.reason})")
    if lineno == 1 and line.startswith("\ufeff"):
        line = line[1:]
    if not line.strip():
        return None
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return ErrorRecord(source_id=fallback, line=lineno, kind="invalid_json", reason=f"invalid JSON: {exc.msg}")
    except RecursionError:
        return ErrorRecord(source_id=fallback, line=lineno, kind="invalid_json", reason="JSON nested too deeply")
    if not isinstance(obj, dict):
        return ErrorRecord(source_id=fallback, line=lineno, kind="not_object",
                           reason=f"JSON line is a {type(obj).__name__}, not an object")
    sid = obj.get(id_field)
    sid = no_surrogates(str(sid)) if sid is not None and not isinstance(sid, (dict, list)) else fallback
    text = obj.get(text_field)
    if not isinstance(text, str):
        what = "missing" if text is None else f"a {type(text).__name__}, not a string"
        return ErrorRecord(source_id=sid, line=lineno, kind="bad_text_field", reason=f"field {text_field!r} is {what}")
    text = no_surrogates(text)
    if is_blank(text):
        return ErrorRecord(source_id=sid, line=lineno, kind="empty",
                           reason="text is empty or only whitespace, control or zero-width characters")
    meta = None
    if keep_fields:
        meta = {k: obj.get(k) for k in keep_fields}
        try:
            json.dumps(meta)
        except (RecursionError, ValueError, TypeError):
            return ErrorRecord(source_id=sid, line=lineno, kind="invalid_json",
                               reason="a --keep-fields value is nested too deeply")
    return RawDocument(sid, text, "utf-8", lineno, meta, len(raw))


def text_document(data: bytes, sid: str) -> Item:
    """A whole .txt file (or stdin as text) as one document, or the error record saying why not."""
    try:
        text, enc = decode(data)
    except ValueError as exc:
        return ErrorRecord(source_id=sid, kind="undecodable", reason=str(exc))
    if is_blank(text):
        return ErrorRecord(source_id=sid, kind="empty",
                           reason="empty or only whitespace, control or zero-width characters")
    return RawDocument(sid, text, enc, nbytes=len(data))


def __getattr__(name):
    # iter_inputs moved to inputs.py; kept importable from here
    if name == "iter_inputs":
        from .inputs import iter_inputs
        return iter_inputs
    raise AttributeError(name)
