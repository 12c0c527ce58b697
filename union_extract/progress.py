"""Progress on stderr, never on stdout: a tqdm bar (rate, ETA from the input size) when tqdm is
installed (``pip install "union-extract[progress]"``), else one self-rewriting status line."""
from __future__ import annotations

import os
import stat
import sys
import time


def input_bytes(inputs: list[str]) -> int | None:
    """Total size of the input files (the bar's 100%); None when a stream's size is unknown."""
    total = 0
    for inp in inputs:
        if inp == "-":
            try:
                st = os.fstat(sys.stdin.fileno())
            except (OSError, ValueError):
                return None
            if not stat.S_ISREG(st.st_mode):
                return None
            total += st.st_size
            continue
        if os.path.isdir(inp):
            for d, _, files in os.walk(inp):
                for f in files:
                    if f.lower().endswith((".txt", ".jsonl")):
                        try:
                            st = os.stat(os.path.join(d, f))
                        except OSError:
                            continue
                        if stat.S_ISREG(st.st_mode):
                            total += st.st_size
        elif os.path.isfile(inp):
            total += os.path.getsize(inp)
    return total


class Progress:
    """``mode``: ``on``, ``off`` or ``auto`` (on when stderr is a terminal)."""

    def __init__(self, mode: str, inputs: list[str]):
        self.on = mode == "on" or (mode == "auto" and sys.stderr.isatty())
        self.bar = None
        self.last = 0.0
        self.counts = ""
        if not self.on:
            return
        total = input_bytes(inputs)
        try:
            from tqdm import tqdm
        except ImportError:
            return
        self.bar = tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr,
                        dynamic_ncols=True, mininterval=0.3, desc="converting")

    def tick(self, nbytes: int, documents: int, articles: int, errors: int) -> None:
        """One more document finished (``nbytes`` of input)."""
        if not self.on:
            return
        now = time.monotonic()
        self.counts = f"{documents} docs, {articles} articles, {errors} errors"
        if self.bar is not None:
            self.bar.update(nbytes)
            if now - self.last > 0.3:
                self.last = now
                self.bar.set_postfix_str(self.counts, refresh=False)
        elif now - self.last > 0.3:
            self.last = now
            sys.stderr.write(f"\r{documents} documents, {articles} articles, {errors} errors")
            sys.stderr.flush()

    def done(self) -> None:
        if self.bar is not None:
            if self.counts:
                self.bar.set_postfix_str(self.counts, refresh=False)
            self.bar.close()
        elif self.on:
            sys.stderr.write("\r" + " " * 60 + "\r")
            sys.stderr.flush()
