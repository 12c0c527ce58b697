"""The word segmenter, chosen on measurement (see README, "Why rjieba").

rjieba (jieba-rs binding, MIT) gives jieba's dictionary, tags and HMM at ~3 M chars/s tagging,
against ~0.07 M for ``jieba.posseg``. Segmenters are registered by name so users can swap them;
``jieba`` (pure Python) is the fallback with identical tags.
"""
from __future__ import annotations

import importlib.util
import threading
from typing import Callable, Protocol


class Segmenter(Protocol):
    def tag(self, text: str) -> list[tuple[str, str]]: ...
    def add_word(self, word: str, freq: int, tag: str) -> None: ...


SEGMENTERS: dict[str, Callable[[], Segmenter]] = {}


def register(name: str):
    def deco(factory):
        SEGMENTERS[name] = factory
        return factory
    return deco


_claimed = threading.Lock()


@register("rjieba")
class RJieba:
    requires = "rjieba"

    def __init__(self):
        import rjieba
        # Importing rjieba already loads a dictionary (rjieba._DEFAULT_JIEBA, ~0.2 s); the first
        # segmenter of the process takes that one instead of loading a second. Later ones (other
        # lexicons) get their own. Words we add are then visible to rjieba.cut in this process.
        default = getattr(rjieba, "_DEFAULT_JIEBA", None)
        if default is not None and _claimed.acquire(blocking=False):
            self._j = default
        else:
            self._j = rjieba.Jieba()

    def tag(self, text: str) -> list[tuple[str, str]]:
        return self._j.tag(text, True)

    def add_word(self, word: str, freq: int, tag: str) -> None:
        # a user entry must win over built-in segmentation: force its frequency high enough
        self._j.add_word(word, max(freq, self._j.suggest_freq(word)), tag)


@register("jieba")
class PyJieba:
    requires = "jieba"

    def __init__(self):
        import logging

        import jieba
        import jieba.posseg
        jieba.setLogLevel(logging.WARNING)   # no "Building prefix dict…" lines on the user's stderr
        self._t = jieba.posseg.POSTokenizer(jieba.Tokenizer())

    def tag(self, text: str) -> list[tuple[str, str]]:
        return [(p.word, p.flag) for p in self._t.cut(text)]

    def add_word(self, word: str, freq: int, tag: str) -> None:
        self._t.tokenizer.add_word(word, max(freq, self._t.tokenizer.suggest_freq(word, tune=False)), tag)


def check_installed(name: str) -> None:
    """Raise ImportError when segmenter ``name`` cannot start, without building one: a CLI check
    before workers start must not load a dictionary (nor claim rjieba's preloaded one)."""
    factory = SEGMENTERS.get(name)
    if factory is None:
        raise ValueError(f"unknown segmenter {name!r}; choose from {sorted(SEGMENTERS)}")
    module = getattr(factory, "requires", None)
    if module is None:
        factory()                     # a user's segmenter that names no module: build it once
    elif importlib.util.find_spec(module) is None:
        raise ImportError(f"No module named {module!r}")


def make(name: str = "rjieba", words: list[tuple[str, int, str]] = ()) -> Segmenter:
    try:
        seg = SEGMENTERS[name]()
    except KeyError:
        raise ValueError(f"unknown segmenter {name!r}; choose from {sorted(SEGMENTERS)}") from None
    for w, f, t in words:
        seg.add_word(w, f, t)
    return seg
