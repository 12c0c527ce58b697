"""Find and open the inputs of a run, so that no input can hang, exhaust or silently vanish.

* Only regular files are read: a FIFO, device or socket (also behind a symlink, e.g. to
  ``/dev/zero``) is an ``unreadable`` record, decided by ``stat`` before opening and checked
  again on the opened descriptor (opened non-blocking, so a FIFO swapped in cannot hang us).
* Sizes are checked before reading: a ``.txt`` larger than the limit is ``too_large`` unread,
  and a JSONL line is read with a bound, so one endless line is a record, not a MemoryError.
* Directories are walked in sorted order; a subdirectory or root that cannot be listed is an
  ``unreadable`` record; symlinked directories are not followed (no loops).
* Standard input is streamed line by line when it is JSONL (memory stays flat); its format is
  decided from its first lines as a whole (or ``stdin_format``), a leading BOM is dropped.
* Ids are unique across a run: with more than one input a path id includes its root as given,
  and an id seen before anywhere in the run is a ``duplicate_id`` record.
"""
from __future__ import annotations

import errno
import itertools
import os
import stat
import sys
from typing import BinaryIO, Iterator

from .records import ErrorRecord
from .reading import Item, RawDocument, parse_jsonl_line, text_document

SUFFIXES = (".txt", ".jsonl")
BYTES_PER_CHAR = 4          # UTF-8 and GB18030 need at most 4 bytes a character
JSON_BYTES_PER_CHAR = 6     # \uXXXX escapes in ASCII-only JSON
JSON_LINE_SLACK = 1 << 20   # the other fields of a JSONL line
SNIFF_LINES = 8
# what about 2 GB of memory holds per process (measured: README, "Speed and memory")
DEFAULT_MAX_CHARS = 5_000_000


def iter_inputs(inputs: list[str], id_field: str = "id", text_field: str = "text",
                max_chars: int = DEFAULT_MAX_CHARS, stdin_format: str = "auto",
                keep_fields: tuple[str, ...] = ()) -> Iterator[Item]:
    """Every document of ``inputs`` in order, each a RawDocument or an ErrorRecord."""
    seen: dict[str, str] = {}
    reader = _Reader(id_field, text_field, max_chars, stdin_format, tuple(keep_fields), multi=len(inputs) > 1)
    for item in reader.all(inputs):
        if isinstance(item, RawDocument):
            if len(item.text) > max_chars:
                item = ErrorRecord(source_id=item.source_id, line=item.line, kind="too_large",
                                   reason=f"document has {len(item.text):,} characters, over the limit of "
                                          f"{max_chars:,} (--max-chars)")
            elif item.source_id in seen:
                item = ErrorRecord(source_id=item.source_id, line=item.line, kind="duplicate_id",
                                   reason=f"id {item.source_id!r} already seen in this run ({seen[item.source_id]})")
            else:
                seen[item.source_id] = reader.where(item)
        yield item


class _Reader:
    def __init__(self, id_field, text_field, max_chars, stdin_format, keep_fields, multi):
        self.id_field, self.text_field, self.keep = id_field, text_field, keep_fields
        self.max_bytes = max_chars * BYTES_PER_CHAR + 4
        self.max_line = max_chars * JSON_BYTES_PER_CHAR + JSON_LINE_SLACK
        self.stdin_format = stdin_format
        self.multi = multi
        self.current = ""

    def where(self, doc: RawDocument) -> str:
        return f"{self.current}:{doc.line}" if doc.line else self.current

    def all(self, inputs: list[str]) -> Iterator[Item]:
        for inp in inputs:
            self.current = inp
            if inp == "-":
                yield from self.stdin()
                continue
            try:
                st = os.stat(inp)
            except FileNotFoundError:
                yield ErrorRecord(source_id=inp, kind="missing", reason="no such file or directory")
                continue
            except OSError as exc:
                yield _unreadable(inp, exc)
                continue
            prefix = inp.rstrip("/") or "/"
            if stat.S_ISDIR(st.st_mode):
                yield from self.walk(inp, prefix + "/" if self.multi else "")
            else:
                yield from self.path(inp, inp if self.multi else os.path.basename(prefix))

    def walk(self, root: str, id_prefix: str, rel: str = "") -> Iterator[Item]:
        """Files ending .txt/.jsonl under ``root``, sorted as paths; unlistable directories on record."""
        here = os.path.join(root, rel) if rel else root
        try:
            if os.environ.get("UNION_EXTRACT_FAULT") == f"unlistable:{rel or '.'}":   # tests: root cannot chmod away
                raise PermissionError(errno.EACCES, "Permission denied (injected fault)")
            with os.scandir(here) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield _unreadable(id_prefix + (rel + "/" if rel else (root if not id_prefix else "")), exc,
                              "cannot list directory")
            return
        for e in entries:
            sub = f"{rel}/{e.name}" if rel else e.name
            try:
                is_dir = e.is_dir(follow_symlinks=False)
            except OSError:
                is_dir = False
            if is_dir:
                yield from self.walk(root, id_prefix, sub)
            elif os.path.splitext(e.name)[1].lower() in SUFFIXES:
                self.current = os.path.join(root, sub)
                yield from self.path(os.path.join(root, sub), id_prefix + sub)

    def path(self, path: str, sid: str) -> Iterator[Item]:
        try:
            fh = _open_regular(path)
        except _NotRegular as exc:
            yield ErrorRecord(source_id=sid, kind="unreadable", reason=str(exc))
            return
        except OSError as exc:
            yield _unreadable(sid, exc)
            return
        with fh:
            try:
                if path.lower().endswith(".jsonl"):
                    yield from self.jsonl(fh, sid)
                else:
                    yield self.text(fh, sid, os.fstat(fh.fileno()).st_size)
            except OSError as exc:
                yield _unreadable(sid, exc, "read failed")

    def text(self, fh: BinaryIO, sid: str, size: int | None) -> Item:
        limit = self.max_bytes
        if size is not None and size > limit:
            return _too_large(sid, f"{size:,} bytes")
        data = fh.read(limit + 1)
        if len(data) > limit:
            return _too_large(sid, f"over {limit:,} bytes")
        return text_document(data, sid)

    def jsonl(self, fh: BinaryIO, sid: str, lines: Iterator[bytes] | None = None) -> Iterator[Item]:
        for lineno, raw in enumerate(lines if lines is not None else self.lines(fh), 1):
            if raw is None:
                yield ErrorRecord(source_id=f"{sid}:{lineno}", line=lineno, kind="too_large",
                                  reason=f"JSONL line longer than {self.max_line:,} bytes (--max-chars)")
                continue
            item = parse_jsonl_line(raw, lineno, sid, self.id_field, self.text_field, self.keep)
            if item is not None:
                yield item

    def lines(self, fh: BinaryIO) -> Iterator[bytes | None]:
        """Lines of at most ``max_line`` bytes; a longer one is skipped unread and given as None."""
        while True:
            raw = fh.readline(self.max_line + 1)
            if not raw:
                return
            if len(raw) > self.max_line and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):
                    raw = fh.readline(1 << 20)
                yield None
            else:
                yield raw

    def stdin(self) -> Iterator[Item]:
        if sys.stdin is None:
            yield ErrorRecord(source_id="stdin", kind="unreadable", reason="standard input is closed")
            return
        fh = sys.stdin.buffer
        fmt = self.stdin_format
        head: list = []
        if fmt == "auto":
            lines = self.lines(fh)
            for raw in lines:
                head.append(raw)
                if sum(1 for r in head if r is None or r.strip()) >= SNIFF_LINES:
                    break
            fmt = "jsonl" if _looks_like_jsonl(head) else "text"
            if fmt == "jsonl":
                yield from self.jsonl(fh, "stdin", itertools.chain(head, lines))
                return
            if None in head:
                yield _too_large("stdin", "a line over the limit")
                return
            rest = fh.read(self.max_bytes + 1 - sum(map(len, head)))
            yield self.text_from(b"".join(head) + rest)
            return
        if fmt == "jsonl":
            yield from self.jsonl(fh, "stdin")
        else:
            yield self.text(fh, "stdin", None)

    def text_from(self, data: bytes) -> Item:
        if len(data) > self.max_bytes:
            return _too_large("stdin", f"over {self.max_bytes:,} bytes")
        return text_document(data, "stdin")


def _looks_like_jsonl(head: list) -> bool:
    """JSONL when at least half of the first non-blank lines open an object: one bad first line
    (or a BOM) does not turn a JSONL stream into one text document."""
    lines = [r.lstrip(b"\xef\xbb\xbf \t\r") for r in head if r is None or r.strip()]
    objs = sum(1 for r in lines if r is None or r.startswith(b"{"))
    return bool(lines) and objs * 2 >= len(lines)


class _NotRegular(Exception):
    pass


def _open_regular(path: str) -> BinaryIO:
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise _NotRegular(f"not a regular file ({_what(st.st_mode)}); only regular files are read")
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | getattr(os, "O_NONBLOCK", 0))
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):   # swapped between stat and open
        os.close(fd)
        raise _NotRegular(f"not a regular file ({_what(st.st_mode)}); only regular files are read")
    return open(fd, "rb")


def _what(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "not a file"


def _unreadable(sid: str, exc: OSError, what: str = "cannot read") -> ErrorRecord:
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ELOOP:
        reason = "symlink loop"
    return ErrorRecord(source_id=sid, kind="unreadable", reason=f"{what}: {reason}")


def _too_large(sid: str, size: str) -> ErrorRecord:
    return ErrorRecord(source_id=sid, kind="too_large", reason=f"input is {size}, over the --max-chars limit")
