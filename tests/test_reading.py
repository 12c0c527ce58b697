"""Inputs: encodings detected and recorded; bad lines become error records, nothing lost."""
import json

from union_extract.reading import RawDocument, decode, iter_inputs
from union_extract.records import ErrorRecord

TEXT = "本报讯 记者王建华报道 温岭市总工会举行启动仪式。"


def test_decode_encodings():
    assert decode(TEXT.encode("utf-8")) == (TEXT, "utf-8")
    assert decode(b"\xef\xbb\xbf" + TEXT.encode("utf-8")) == (TEXT, "utf-8-sig")
    assert decode(TEXT.encode("gbk")) == (TEXT, "gb18030")
    assert decode(TEXT.encode("utf-16")) == (TEXT, "utf-16")


def test_directory_of_mixed_encodings(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_bytes(TEXT.encode("utf-8"))
    (tmp_path / "sub" / "b.txt").write_bytes(TEXT.encode("gbk"))
    (tmp_path / "c.txt").write_bytes(TEXT.encode("utf-16"))
    (tmp_path / "empty.txt").write_bytes(b"  \n ")
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    items = list(iter_inputs([str(tmp_path)]))
    docs = {i.source_id: i for i in items if isinstance(i, RawDocument)}
    errs = {i.source_id: i for i in items if isinstance(i, ErrorRecord)}
    assert docs["a.txt"].encoding == "utf-8"
    assert docs["sub/b.txt"].encoding == "gb18030" and docs["sub/b.txt"].text == TEXT
    assert docs["c.txt"].encoding == "utf-16"
    assert errs["empty.txt"].kind == "empty"
    assert errs["bin.txt"].kind == "undecodable"
    assert len(items) == 5


def test_jsonl_bad_lines_become_errors():
    from conftest import FIXTURES
    items = list(iter_inputs([str(FIXTURES / "bad" / "mixed.jsonl")]))
    kinds = [(i.source_id, i.kind) if isinstance(i, ErrorRecord) else (i.source_id, "ok") for i in items]
    assert kinds == [("ok-1", "ok"), ("mixed.jsonl:2", "invalid_json"), ("mixed.jsonl:3", "not_object"),
                     ("no-text", "bad_text_field"), ("num-text", "bad_text_field"), ("ok-1", "duplicate_id"),
                     ("ok-2", "ok")]
    assert all(i.line for i in items if isinstance(i, ErrorRecord))


def test_lone_surrogate_from_json_escape(tmp_path):
    p = tmp_path / "s.jsonl"
    p.write_text(json.dumps({"id": "s", "text": "温岭市总工会\ud800举行"}) + "\n", encoding="utf-8")
    (doc,) = list(iter_inputs([str(p)]))
    assert isinstance(doc, RawDocument) and "\ud800" not in doc.text


def test_missing_path_is_an_error():
    (e,) = list(iter_inputs(["/nonexistent/nowhere.txt"]))
    assert isinstance(e, ErrorRecord) and e.kind == "missing"
