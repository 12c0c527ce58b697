"""Read inputs into (source_id, text) documents, or error records: nothing is silently lost.

Accepted: .txt files (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GB18030/GBK: detected and
recorded), .jsonl files of objects with an id and a text, directories (recursive), and ``-``.
"""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Union

import regex

from .models import ErrorRecord

_BINARY = regex.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_HTML = regex.compile(r"^\s*(?:<!DOCTYPE html|<html)", regex.I)
_TAGS = regex.compile(r"<(?:script|style)\b.*?</(?:script|style)>|<[^>]{1,500}>", regex.S | regex.I)


@dataclass
class RawDocument:
    source_id: str
    text: str
    encoding: str | None = None
    line: int | None = None


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


def _read_text_file(path: Path, sid: str) -> Item:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ErrorRecord(source_id=sid, kind="unreadable", reason=f"cannot read file: {exc.strerror or exc}")
    try:
        text, enc = decode(data)
    except ValueError as exc:
        return ErrorRecord(source_id=sid, kind="undecodable", reason=str(exc))
    if not text.strip():
        return ErrorRecord(source_id=sid, kind="empty", reason="file is empty or whitespace only")
    return RawDocument(sid, text, enc)


def _read_jsonl(stream, sid_prefix: str, id_field: str, text_field: str) -> Iterator[Item]:
    seen: set[str] = set()
    for lineno, raw in enumerate(stream, 1):
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield ErrorRecord(source_id=f"{sid_prefix}:{lineno}", line=lineno, kind="undecodable",
                                  reason=f"line is not UTF-8 ({exc.reason})")
                continue
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield ErrorRecord(source_id=f"{sid_prefix}:{lineno}", line=lineno, kind="invalid_json", reason=f"invalid JSON: {exc.msg}")
            continue
        if not isinstance(obj, dict):
            yield ErrorRecord(source_id=f"{sid_prefix}:{lineno}", line=lineno, kind="not_object",
                              reason=f"JSON line is a {type(obj).__name__}, not an object")
            continue
        sid = obj.get(id_field)
        sid = str(sid) if sid is not None and not isinstance(sid, (dict, list)) else f"{sid_prefix}:{lineno}"
        text = obj.get(text_field)
        if not isinstance(text, str):
            what = "missing" if text is None else f"a {type(text).__name__}, not a string"
            yield ErrorRecord(source_id=sid, line=lineno, kind="bad_text_field", reason=f"field {text_field!r} is {what}")
            continue
        if sid in seen:
            yield ErrorRecord(source_id=sid, line=lineno, kind="duplicate_id", reason=f"id {sid!r} already seen in this file")
            continue
        seen.add(sid)
        if regex.search(r"[\ud800-\udfff]", text):
            text = regex.sub(r"[\ud800-\udfff]", "\ufffd", text)
        if not text.strip():
            yield ErrorRecord(source_id=sid, line=lineno, kind="empty", reason="text is empty or whitespace only")
            continue
        yield RawDocument(sid, text, "utf-8", lineno)


def iter_inputs(inputs: list[str], id_field: str = "id", text_field: str = "text",
                max_chars: int = 50_000_000) -> Iterator[Item]:
    """Every document of ``inputs`` in order, each a RawDocument or an ErrorRecord."""
    for item in _iter_inputs(inputs, id_field, text_field):
        if isinstance(item, RawDocument) and len(item.text) > max_chars:
            yield ErrorRecord(source_id=item.source_id, line=item.line, kind="too_large",
                              reason=f"document has {len(item.text):,} characters, over the limit of {max_chars:,} "
                                     "(--max-chars)")
        else:
            yield item


def _iter_inputs(inputs: list[str], id_field: str, text_field: str) -> Iterator[Item]:
    for inp in inputs:
        if inp == "-":
            data = sys.stdin.buffer.read()
            stripped = data.lstrip()
            if stripped.startswith(b"{"):
                yield from _read_jsonl(data.splitlines(), "stdin", id_field, text_field)
            else:
                try:
                    text, enc = decode(data)
                    yield RawDocument("stdin", text, enc) if text.strip() else ErrorRecord(
                        source_id="stdin", kind="empty", reason="standard input is empty")
                except ValueError as exc:
                    yield ErrorRecord(source_id="stdin", kind="undecodable", reason=str(exc))
            continue
        root = Path(inp)
        if root.is_dir():
            files = sorted(p for p in root.rglob("*") if p.suffix.lower() in (".txt", ".jsonl"))
            for p in files:
                yield from _read_path(p, p.relative_to(root).as_posix(), id_field, text_field)
        elif root.exists():
            yield from _read_path(root, root.name, id_field, text_field)
        else:
            yield ErrorRecord(source_id=inp, kind="missing", reason="no such file or directory")


def _read_path(p: Path, sid: str, id_field: str, text_field: str) -> Iterator[Item]:
    if p.suffix.lower() == ".jsonl":
        try:
            fh = open(p, "rb")
        except OSError as exc:
            yield ErrorRecord(source_id=sid, kind="unreadable", reason=f"cannot read file: {exc.strerror or exc}")
            return
        with fh:
            try:
                yield from _read_jsonl(fh, sid, id_field, text_field)
            except OSError as exc:
                yield ErrorRecord(source_id=sid, kind="unreadable", reason=f"read failed mid-file: {exc}")
    else:
        yield _read_text_file(p, sid)
