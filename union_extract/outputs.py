"""Where a run's records go, written so that nothing but our own output is ever touched.

A target is classified before anything is written:

* ``-`` (or no path): standard output, written straight through.
* a character device, FIFO or socket (``/dev/null``, ``/dev/stdout``, a named pipe): written
  straight through; never replaced, so no ``--resume``.
* a regular file or a new path: written to ``PATH.partial`` under an exclusive ``flock`` (a second
  run on the same output is refused) and renamed over ``PATH`` only when the run ends.
* an existing directory (or a path whose parent is missing or unwritable): refused up front.

:class:`JsonlRun` is the interface a run writes through (``open`` / ``write_article`` /
``write_error`` / ``end_document`` / ``commit`` / ``abort``); another output format plugs in by
providing the same methods. The errors file is always JSONL, created only when a first error
comes (no empty ``*.errors.jsonl``).

Resume is keyed on input position, never on an id a user controls: after each document a line
``position out_bytes err_bytes converted articles errors id_crc`` is appended to
``PATH.partial.progress``. Resuming takes the last line whose byte offsets the files really reach,
cuts the files back to it and skips that many input items (checking, by the crc of its id, that the
last one skipped is the same item as before: inputs that changed meanwhile are refused).
"""
from __future__ import annotations

import errno
import json
import os
import stat
import sys
import time
import zlib
from dataclasses import dataclass

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no locking
    fcntl = None

PROGRESS_VERSION = 1
FLUSH_EVERY = 2.0    # seconds


class OutputError(Exception):
    """A target that cannot be used (exit 2), raised before any document is converted."""


class WriteFailed(Exception):
    """Writing failed mid-run (disk full, I/O error, closed pipe); ``broken_pipe`` tells which."""

    def __init__(self, what: str, exc: OSError):
        super().__init__(f"cannot write {what}: {exc.strerror or exc}")
        self.broken_pipe = isinstance(exc, BrokenPipeError) or exc.errno == errno.EPIPE


def kind_of(path: str | None) -> str:
    """``stdout``, ``stream`` (device/FIFO/socket), ``dir``, or ``file`` (regular or new)."""
    if path in (None, "-"):
        return "stdout"
    if _via_device(path):
        # /dev/stdout, /dev/fd/N, /proc/self/fd/N: an fd the caller opened (maybe in append mode
        # on a log file); renaming over what they resolve to would replace the caller's file.
        # Nothing is ever created there either.
        if os.path.isdir(path):
            return "dir"
        if not os.path.exists(path):
            raise OutputError(f"{path}: no such device; nothing is created under /dev or /proc")
        return "stream"
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "file"
    except OSError as exc:
        raise OutputError(f"{path}: {exc.strerror}") from None
    if stat.S_ISDIR(st.st_mode):
        return "dir"
    if stat.S_ISREG(st.st_mode):
        return "file"
    return "stream"


def _via_device(path: str) -> bool:
    """The path, or a symlink on the way, is under /dev or /proc (not what realpath ends at)."""
    for _ in range(40):
        path = os.path.abspath(path)
        if path.startswith(("/dev/", "/proc/")):
            return True
        if not os.path.islink(path):
            return False
        path = os.path.join(os.path.dirname(path), os.readlink(path))
    return False


def errors_path_for(out_path: str) -> str:
    return (out_path[:-6] if out_path.endswith(".jsonl") else out_path) + ".errors.jsonl"


class _Target:
    """One output file: straight through (stdout, device, FIFO) or ``.partial`` + lock + rename."""

    def __init__(self, path: str | None, what: str):
        self.what = what
        self.kind = kind_of(path)
        if self.kind == "dir":
            raise OutputError(f"{path} is a directory; give a file name for the {what}")
        # a symlink to a regular file: write (and rename) at its target, never replace the link
        self.path = os.path.realpath(path) if self.kind == "file" else path
        self.tmp = self.path + ".partial" if self.kind == "file" else None
        self.fh = None
        self.written = 0   # bytes in the file: kept by us, since tell() would flush every time

    @property
    def atomic(self) -> bool:
        return self.tmp is not None

    def open(self) -> None:
        """Open for writing; a ``.partial`` is locked first and kept as it is (see :meth:`cut`)."""
        if self.kind == "stdout":
            sys.stdout.flush()
            self.fh = sys.stdout.buffer
            return
        try:
            if not self.atomic:
                self.fh = open(self.path, "ab")   # never truncate what a device path leads to (a log via /dev/stdout)
                return
            fd = os.open(self.tmp, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            raise OutputError(f"cannot write {self.what} {self.tmp or self.path}: {exc.strerror}") from None
        _lock(fd, self.tmp)
        self.fh = open(fd, "wb", closefd=True)

    def cut(self, keep: int) -> None:
        """Keep the first ``keep`` bytes of the ``.partial`` (0 for a fresh run) and append after them."""
        if self.atomic:
            self.fh.flush()
            os.ftruncate(self.fh.fileno(), keep)
            self.fh.seek(keep)
            self.written = keep

    def size(self) -> int:
        return os.fstat(self.fh.fileno()).st_size if self.fh is not None and self.atomic else 0

    def write(self, s: str) -> None:
        data = s.encode("utf-8", "replace")   # a lone surrogate must not end the run
        try:
            self.fh.write(data)
        except OSError as exc:
            raise WriteFailed(self.what, exc) from None
        self.written += len(data)

    def flush(self) -> None:
        if self.fh is not None:
            try:
                self.fh.flush()
            except OSError as exc:
                raise WriteFailed(self.what, exc) from None

    def close(self) -> None:
        if self.fh is not None and self.kind != "stdout":
            fh, self.fh = self.fh, None
            try:
                fh.close()
            except OSError as exc:
                raise WriteFailed(self.what, exc) from None

    def commit(self) -> None:
        """Flush, sync and rename while still holding the lock (so no other run can take the
        ``.partial`` between our close and our rename), then close."""
        if self.fh is not None and self.atomic:
            self.flush()
            try:
                os.fsync(self.fh.fileno())
            except OSError as exc:
                raise WriteFailed(self.what, exc) from None
            if kind_of(self.path) == "dir":
                raise WriteFailed(self.what, IsADirectoryError(errno.EISDIR, "became a directory during the run"))
            os.replace(self.tmp, self.path)
        self.close()

    def discard(self) -> None:
        """Remove an unused ``.partial`` (an errors file with no error in it)."""
        if self.atomic and self.fh is not None:
            os.unlink(self.tmp)
        self.close()


def id_crc(source_id: str) -> int:
    return zlib.crc32(source_id.encode("utf-8", "replace"))


def _lock(fd: int, path: str) -> None:
    if fcntl is None:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        raise OutputError(f"{path} is being written by another run (locked); wait for it or choose another -o") \
            from None


@dataclass
class Resumed:
    """What an interrupted run had finished: the first ``position`` input items, with their counts."""
    position: int = 0
    converted: int = 0
    articles: int = 0
    errors: int = 0
    last_id_crc: int = 0


class JsonlRun:
    """The articles as JSON lines plus an errors JSONL file, with resume progress when to a file."""

    def __init__(self, out_path: str | None, errors_path: str | None, fingerprint: dict):
        self.out = _Target(out_path, "output")
        if errors_path is None and self.out.atomic:
            errors_path = errors_path_for(self.out.path)
        self.err = _Target(errors_path, "errors file") if errors_path else None
        if self.err is not None and self.err.kind == "stdout":
            raise OutputError("--errors cannot be standard output")
        if self.err is not None and self.err.atomic and self.out.atomic and self.err.path == self.out.path:
            raise OutputError("--errors must differ from -o")
        self.progress_path = self.out.tmp + ".progress" if self.out.atomic else None
        self.fingerprint = fingerprint
        self.progress = None
        self.pos = 0
        self.flushed = time.monotonic()

    def open(self, resume: bool) -> Resumed:
        """Open (and lock) every target; with ``resume``, cut the ``.partial`` files back to the last
        document recorded whole and return what was done (raises OutputError when it cannot)."""
        if resume and not self.progress_path:
            raise OutputError("--resume needs -o pointing at a regular file")
        self.out.open()
        if self.err is not None and self.err.atomic and os.path.exists(self.err.tmp):
            self.err.open()
        state, keep_out, keep_err = self._read_progress() if resume else (Resumed(), 0, 0)
        self.out.cut(keep_out)
        if self.err is not None and self.err.fh is not None:
            self.err.cut(keep_err)
        if self.progress_path:
            self.progress = open(self.progress_path, "a" if resume else "w", encoding="utf-8")
            if self.progress.tell() == 0:
                self.progress.write(json.dumps({"version": PROGRESS_VERSION, **self.fingerprint}) + "\n")
                self.progress.flush()
        self.pos = state.position
        return state

    def _read_progress(self) -> tuple[Resumed, int, int]:
        out_size = self.out.size()
        if out_size == 0 and not os.path.exists(self.progress_path):
            return Resumed(), 0, 0   # nothing to resume: a fresh start
        try:
            with open(self.progress_path, "rb") as fh:
                lines = fh.read().split(b"\n")
        except OSError:
            raise OutputError(f"{self.out.tmp} has no progress record ({self.progress_path}); "
                              "remove it to start afresh") from None
        if len(lines) < 2:   # killed before the header reached the disk: nothing was recorded
            open(self.progress_path, "wb").close()
            return Resumed(), 0, 0
        try:
            head = json.loads(lines[0])
        except ValueError:
            raise OutputError(f"{self.progress_path}: unreadable progress header; remove the .partial files") from None
        if {k: head.get(k) for k in self.fingerprint} != self.fingerprint:
            raise OutputError(f"{self.out.tmp} was written from other inputs or options; "
                              "rerun with the same ones, or remove it to start afresh")
        err_size = self.err.size() if self.err is not None else 0
        best, good_bytes = (Resumed(), 0, 0), len(lines[0]) + 1
        offset = good_bytes
        for raw in lines[1:-1]:     # the last piece has no newline: an unfinished line
            offset += len(raw) + 1
            try:
                pos, ob, eb, conv, arts, errs, crc = map(int, raw.split())
            except ValueError:
                break
            if ob > out_size or eb > err_size:
                break   # the line was written, the bytes it counts were not
            best, good_bytes = (Resumed(pos, conv, arts, errs, crc), ob, eb), offset
        with open(self.progress_path, "r+b") as fh:
            fh.truncate(good_bytes)
        return best

    def write_article(self, line: str) -> None:
        """One article as a JSON line (ending with a newline)."""
        self.out.write(line)

    def write_error(self, record: dict) -> None:
        if self.err is None:
            return
        if self.err.fh is None:
            self.err.open()
            self.err.cut(0)
        self.err.write(json.dumps(record, ensure_ascii=False) + "\n")

    def end_document(self, source_id: str, converted: int, articles: int, errors: int) -> None:
        """One more input item is fully written: record the position resume may restart from."""
        self.pos += 1
        if self.progress is not None:
            err_bytes = self.err.written if self.err is not None and self.err.atomic else 0   # /dev/null: nothing to cut
            self.progress.write(f"{self.pos} {self.out.written} {err_bytes} "
                                f"{converted} {articles} {errors} {id_crc(source_id)}\n")
            now = time.monotonic()
            if now - self.flushed > FLUSH_EVERY:   # so a kill -9 loses at most a few seconds of work
                self.flushed = now
                self.flush()

    def flush(self) -> None:
        for t in (self.out, self.err):
            if t is not None:
                t.flush()
        if self.progress is not None:
            self.progress.flush()

    def commit(self) -> None:
        """Make the output final: rename the ``.partial`` files; no errors file when there were none."""
        self.out.commit()
        if self.err is not None:
            if self.err.written:
                self.err.commit()
            else:
                self.err.discard()
                if self.err.atomic and os.path.isfile(self.err.path):
                    os.unlink(self.err.path)   # an errors file of an earlier run would describe this one wrongly
        self._drop_progress()

    def abort(self) -> None:
        """Stop writing, keep the ``.partial`` files for ``--resume``."""
        for t in (self.out, self.err):
            if t is not None:
                try:
                    t.close()
                except WriteFailed:
                    pass
        if self.progress is not None:
            try:
                self.progress.close()
            except OSError:
                pass
            self.progress = None

    def _drop_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress = None
            os.unlink(self.progress_path)
