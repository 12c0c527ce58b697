"""The pool's chunking by count and size, and workers reusing the Extractor built before the fork."""
from __future__ import annotations

import pytest

from union_extract import convert, pool
from union_extract.workers import chunked


class Err:
    pass


@pytest.mark.parametrize("sizes, n, max_size, expected", [
    ([1, 1, 1, 1, 1], 2, 0, [[0, 1], [2, 3], [4]]),                 # by count only
    ([10, 10, 10, 10], 32, 20, [[0, 1], [2, 3]]),                    # closed once the size is reached
    ([50, 1, 1, 1], 32, 20, [[0], [1, 2, 3]]),                       # one big item goes alone
    ([1, 1, 1], 32, 100, [[0, 1, 2]]),                               # the rest at the end
    ([], 4, 10, []),
])
def test_chunks_close_on_count_or_size(sizes, n, max_size, expected):
    items = list(range(len(sizes)))
    got = list(chunked(items, n, Err, max_size=max_size, size=lambda i: sizes[i]))
    assert got == expected


def test_an_error_item_stands_alone_in_its_place_and_resets_the_size():
    e = Err()
    got = list(chunked([0, 1, e, 2, 3], 32, Err, max_size=25, size=lambda i: 10))
    assert got[0] == [0, 1] and got[1] is e and got[2] == [2, 3]


def test_a_forked_worker_takes_the_extractor_built_before_the_fork(monkeypatch):
    built = object()
    monkeypatch.setattr(pool, "_prebuilt", ({"segmenter": "rjieba"}, built))
    monkeypatch.setattr(convert, "_worker", None)
    pool._init({"segmenter": "rjieba"})
    assert convert._worker is built


def test_other_options_build_their_own(monkeypatch):
    calls = []
    monkeypatch.setattr(pool, "_prebuilt", ({"segmenter": "rjieba"}, object()))
    monkeypatch.setattr(convert, "init_worker", calls.append)
    pool._init({"segmenter": "jieba"})
    assert calls == [{"segmenter": "jieba"}]


def test_no_prebuilt_extractor_where_workers_are_not_forked(monkeypatch):
    monkeypatch.setattr(pool.multiprocessing, "get_start_method", lambda allow_none=False: "spawn")
    pool._prebuild({})
    assert pool._prebuilt is None


def test_a_failing_build_is_left_to_the_workers(monkeypatch):
    monkeypatch.setattr(pool.multiprocessing, "get_start_method", lambda allow_none=False: "fork")
    pool._prebuild({"segmenter": "no-such-segmenter"})
    assert pool._prebuilt is None
