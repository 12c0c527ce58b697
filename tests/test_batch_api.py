"""The library's batch habits: Extractor.pipe (in order, over processes, errors in place),
extract() taking an ISO reference date and bytes decoded as the CLI decodes files."""
import datetime as dt
import itertools
import pickle

import pytest

import union_extract
from union_extract import Document, ErrorRecord, Extractor, UnusableInputError
from union_extract.convert import FAULT_ENV

A = "本报讯 记者王五报道 5月1日，温岭市总工会举行启动仪式，3支服务队授旗。"
B = "本报讯 宁波市总工会召开会议，投入资金4834.77万元。"
C = "本报讯 记者钱七报道 日前，杭州市总工会为一线职工送去清凉。"


@pytest.fixture(scope="module")
def ex():
    return Extractor(reference_date="2024-05-01")


def dumps(results):
    return [r.model_dump() for r in results]


def test_pipe_yields_documents_in_input_order_with_ids(ex):
    texts = [A, (B, "page-b"), C.encode("gb18030"), (A.encode("utf-16"), "page-a16"), bytearray(B.encode())]
    docs = list(ex.pipe(texts))
    assert all(isinstance(d, Document) for d in docs)
    assert [d.source_id for d in docs] == ["text:0", "page-b", "text:2", "page-a16", "text:4"]
    assert [d.encoding for d in docs] == [None, None, "gb18030", "utf-16", "utf-8"]
    assert docs[1].model_dump() == ex.extract(B, source_id="page-b").model_dump()
    assert docs[3].articles == ex.extract(A.encode("utf-16"), source_id="page-a16").articles  # articles record their encoding
    assert docs[0].articles[0].persons[0].id == "text:0#0/p0"


def test_two_processes_give_what_one_gives(ex):
    texts = [A, B, C] * 7 + [(B, "last")]
    assert dumps(ex.pipe(texts, n_process=2, batch_size=2)) == dumps(ex.pipe(texts))


def test_bad_texts_raise_in_place_after_the_good_ones(ex):
    out = []
    with pytest.raises(UnusableInputError) as info:
        for d in ex.pipe([A, B, "  \n", C]):
            out.append(d.source_id)
    assert out == ["text:0", "text:1"]
    assert info.value.kind == "empty" and "text:2" in info.value.reason


@pytest.mark.parametrize("n_process", [1, 2])
def test_bad_texts_become_error_records_in_place(ex, n_process):
    texts = [A, "", b"\x00\x01\x02\xff\xfe\x00binary", None, (C, "c"), ("x", 5), B]
    out = list(ex.pipe(texts, n_process=n_process, batch_size=2, on_error="record"))
    assert [(type(r).__name__, r.source_id) for r in out] == [
        ("Document", "text:0"), ("ErrorRecord", "text:1"), ("ErrorRecord", "text:2"), ("ErrorRecord", "text:3"),
        ("Document", "c"), ("ErrorRecord", "text:5"), ("Document", "text:6")]
    assert [r.kind for r in out if isinstance(r, ErrorRecord)] == ["empty", "undecodable", "not_text", "not_text"]


def test_a_worker_that_dies_costs_only_its_text(ex, monkeypatch):
    monkeypatch.setenv(FAULT_ENV, "kill:text:4")
    out = list(ex.pipe([A, B, C] * 3, n_process=2, batch_size=2, on_error="record"))
    assert [r.source_id for r in out] == [f"text:{i}" for i in range(9)]
    assert [(i, r.kind) for i, r in enumerate(out) if isinstance(r, ErrorRecord)] == [(4, "worker_died")]
    assert dumps(out[5:]) == dumps(ex.pipe([(t, f"text:{i + 5}") for i, t in enumerate([C, A, B, C])]))


@pytest.mark.parametrize("n_process", [1, 2])
def test_pipe_streams_an_endless_input(ex, n_process):
    endless = (B for _ in itertools.count())
    first = list(itertools.islice(ex.pipe(endless, n_process=n_process, batch_size=3), 5))
    assert [d.source_id for d in first] == [f"text:{i}" for i in range(5)]


@pytest.mark.parametrize("kw", [{"n_process": 0}, {"n_process": -2}, {"batch_size": 0}, {"on_error": "skip"}])
def test_bad_arguments_are_refused_before_reading(ex, kw):
    def never():
        raise AssertionError("read")
        yield A
    with pytest.raises(ValueError):
        ex.pipe(never(), **kw)


@pytest.mark.parametrize("ref", ["2024-05-01", dt.date(2024, 5, 1), dt.datetime(2024, 5, 1, 9, 30)])
def test_extract_takes_a_reference_date_as_iso_string_or_date(ref):
    doc = union_extract.extract(A, reference_date=ref)
    assert doc.reference_date == "2024-05-01"
    assert [d.value for d in doc.articles[0].dates] == ["2024-05-01"]


@pytest.mark.parametrize("ref", ["2024-13-01", "May 1st", 20240501])
def test_a_bad_reference_date_is_the_one_exception_type(ref):
    with pytest.raises(UnusableInputError) as info:
        union_extract.extract(A, reference_date=ref)
    assert info.value.kind == "bad_reference_date"


@pytest.mark.parametrize("encoding, data", [
    ("utf-8", A.encode("utf-8")),
    ("utf-8-sig", b"\xef\xbb\xbf" + A.encode("utf-8")),
    ("utf-16", A.encode("utf-16")),
    ("gb18030", A.encode("gb18030")),
], ids=["utf-8", "utf-8-sig", "utf-16", "gb18030"])
def test_extract_decodes_bytes_like_the_cli_and_records_the_encoding(encoding, data):
    doc = union_extract.extract(data)
    assert doc.encoding == encoding
    assert [a.encoding for a in doc.articles] == [encoding]           # each article records it too
    assert [a.model_copy(update={"encoding": None}) for a in doc.articles] == union_extract.extract(A).articles
    assert union_extract.extract(A).encoding is None


def test_undecodable_bytes():
    with pytest.raises(UnusableInputError) as info:
        union_extract.extract(b"\x00\x01\x02\x03\xff\xfe\x00")
    assert info.value.kind == "undecodable"


def test_extractor_and_its_error_pickle_small():
    ex = Extractor(reference_date="2024-05-01")
    ex.extract(B)                                       # lexicons and segmenter loaded
    clone = pickle.loads(pickle.dumps(ex))
    assert len(pickle.dumps(ex)) < 1000
    assert clone.extract(B).model_dump() == ex.extract(B).model_dump()
    err = pickle.loads(pickle.dumps(UnusableInputError("empty", "nothing here")))
    assert (type(err), err.kind, err.reason) == (UnusableInputError, "empty", "nothing here")
