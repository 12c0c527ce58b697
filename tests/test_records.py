"""One record shape: the fast path (plain dicts written with orjson) gives byte-identical lines to
the public pydantic models' ``model_dump_json()``, on the public gold texts and hostile input."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

import union_extract
from union_extract import models as M
from union_extract.records import as_written, dumps

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _gold_texts():
    out = []
    for name in ("gold_seed.jsonl", "gold_dev.jsonl"):
        for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                out.append((g["id"], g["text"]))
    out.append(("seed_page.txt", (FIXTURES / "seed_page.txt").read_text(encoding="utf-8")))
    return out


# Synthetic hostile text (composed here): zero-width, soft hyphen, word joiner and control
# characters inside numbers, dates and names; lone surrogates (replaced with U+FFFD at input);
# a full-width figure; traditional characters (read through the simplified shadow).
HOSTILE = [
    "本报讯 记者王\ud800小明报道 日前，温岭市总工会为3\u200b支志愿服务队授旗，投入5\u00ad0万元。",
    "本报讯 记者李\x07大海报道 4\u2060月28日，某市总工会召开大会，增长1\u200d2%，共有３\u200b０名职工参加。",
    "\ud800\udfff\ud83d 5\x00个 \x1b[31m红色\x1b[0m 2024年\u200b5月1日 工人日报记者\u200b张\u00ad三",
    "编辑：\u200b赵\x07四\n\n本报讯（记者 钱\u2060五）十\u200b二万元",
    "本報訊 記者王小明報導 溫嶺市總工會表彰3\u200b名勞動模範，獎勵5萬元，2024年5月1日。",
]


@pytest.fixture(scope="module")
def extractor():
    return union_extract.Extractor()


@pytest.mark.parametrize("sid,text", _gold_texts(), ids=lambda v: v if len(v) < 40 else None)
def test_fast_path_is_byte_identical_to_the_models_on_gold(extractor, sid, text):
    doc = extractor.extract_records(text, source_id=sid)
    assert doc["articles"], "every gold text has articles"
    for art in doc["articles"]:
        model = M.Article.model_validate(art)           # the contract accepts the dict as is
        assert dumps(art) == model.model_dump_json().encode("utf-8")


@pytest.mark.parametrize("text", HOSTILE)
def test_fast_path_is_byte_identical_on_hostile_text(extractor, text):
    doc = extractor.extract_records(text, source_id="hostile")
    assert doc["articles"]
    for art in doc["articles"]:
        line = dumps(art)
        assert line == M.Article.model_validate(art).model_dump_json().encode("utf-8")
        line.decode("utf-8")                            # valid UTF-8: no surrogate reached the output
        assert "\ud800" not in line.decode("utf-8")


def test_document_from_extract_equals_the_records(extractor):
    text = HOSTILE[1]
    recs = extractor.extract_records(text, source_id="x")
    doc = extractor.extract(text, source_id="x")
    assert isinstance(doc, M.Document)
    assert doc.model_dump() == recs                      # why is excluded, and extract_records leaves it out
    assert json.loads(doc.model_dump_json()) == json.loads(dumps(recs))


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", "".join(s.split()))


@pytest.mark.parametrize("text", HOSTILE + [t for _, t in _gold_texts()[:3]])
def test_every_offset_meets_the_documented_rule(extractor, text):
    """input[start:end] equals the text once whitespace is removed (figures and dates under NFKC),
    also with a zero-width or control character inside a number (issue 17 item 11)."""
    for art in extractor.extract_records(text)["articles"]:
        spans = [(f["text"], f["start"], f["end"]) for f in art["figures"] + art["dates"]]
        for ent in art["persons"] + art["organizations"] + art["honors"]:
            spans += [(m["text"], m["start"], m["end"]) for m in ent["mentions"]]
        for t, a, b in spans:
            assert _nfkc(t) == _nfkc(as_written(text, a, b)), (t, text[a:b])


def test_a_zero_width_character_inside_a_figure_is_kept_in_its_text(extractor):
    text = "温岭市总工会为3\u200b支服务队授旗，共有１\u00ad２名职工。"
    figs = extractor.extract_records(text)["articles"][0]["figures"]
    got = {(f["text"], text[f["start"]:f["end"]], f["value"]) for f in figs}
    assert ("3\u200b支", "3\u200b支", 3.0) in got
    assert ("1\u00ad2名", "１\u00ad２名", 12.0) in got


@pytest.mark.parametrize("raw,expected", [
    ("张 三", "张三"), ("张\n三", "张三"), ("A\u200bB", "A\u200bB"), ("", ""),
])
def test_as_written_drops_whitespace_only(raw, expected):
    assert as_written(raw, 0, len(raw)) == expected


def _honour_text():
    return "本报讯 某市总工会召开大会。王小明被评为全国劳动模范，温岭市总工会荣获全国五一劳动奖状。"


@pytest.mark.parametrize("explain", [False, True])
def test_why_is_written_only_when_asked_and_as_the_models_keep_it(explain):
    ex = union_extract.Extractor(explain=explain)
    plain = ex.extract_records(_honour_text(), source_id="w")["articles"][0]
    assert plain["honors"], "the sentence has honours"
    assert all("why" not in r for r in plain["honors"] + plain["persons"])
    debug = ex.extract_records(_honour_text(), source_id="w", why=True)["articles"][0]
    model = ex.extract(_honour_text(), source_id="w").articles[0]
    assert [r["why"] for r in debug["honors"]] == [h.why for h in model.honors]
    assert all(isinstance(r["why"], str) and "holder: " in r["why"] for r in debug["honors"])
    assert [r.get("why") for r in debug["persons"]] == [p.why for p in model.persons]
    assert any("why" in r for r in debug["persons"]) is (explain and bool(model.persons))
    # the contract's JSON never carries why, whichever path wrote it
    assert dumps(plain) == model.model_dump_json().encode()


def test_convert_debug_lines_equal_the_model_route():
    """convert --debug writes the dict with orjson; the model route (kept as the fallback for what
    orjson cannot write) gives the same bytes."""
    from union_extract.convert import _article_json, _model_json
    ex = union_extract.Extractor(explain=True)
    for text in [_honour_text(), *HOSTILE]:
        for rec in ex.extract_records(text, source_id="d", why=True)["articles"]:
            rec["meta"] = {"page": 3, "tags": ["a", "б"], "score": 0.5}
            assert _article_json(rec) == _model_json(rec)
            assert '"why":' in _article_json(rec) or not (rec["honors"] or rec["persons"])


def test_meta_orjson_cannot_write_goes_through_the_models():
    from union_extract.convert import _article_json
    rec = union_extract.Extractor().extract_records("温岭市总工会投入5万元。", source_id="m")["articles"][0]
    rec["meta"] = {"big": 2 ** 70}
    line = _article_json(rec)
    assert json.loads(line)["meta"] == {"big": 2 ** 70}
    assert line == M.Article.model_validate(rec).model_dump_json()


def test_the_batch_path_builds_no_model(monkeypatch):
    """convert_one writes the dicts: no Article or Document is built (and a convert process does
    not even import pydantic: tests/test_startup.py)."""
    from union_extract.convert import convert_one
    from union_extract.reading import RawDocument

    def refuse(*a, **k):
        raise AssertionError("a model was built on the batch path")
    for cls in (M.Article, M.Document, M.Person, M.Honor):
        monkeypatch.setattr(cls, "__init__", refuse)
        monkeypatch.setattr(cls, "model_validate", refuse)
    doc = RawDocument(source_id="b", text=_honour_text(), line=None, encoding="utf-8", nbytes=9)
    sid, lines, err, nbytes = convert_one(doc, union_extract.Extractor(), debug=True)
    assert err is None and lines and all(line.endswith("\n") for line in lines)
    assert json.loads(lines[0])["honors"][0]["why"]


def test_the_batch_error_record_has_the_contract_shape():
    from union_extract.records import ErrorRecord
    e = ErrorRecord(source_id="a.jsonl:3", line=3, kind="invalid_json", reason="invalid JSON: x")
    assert list(e.model_dump()) == list(M.ErrorRecord.model_fields)
    assert dumps(e.model_dump()) == M.ErrorRecord(**e.model_dump()).model_dump_json().encode()
    assert ErrorRecord(source_id="b", kind="missing", reason="r").model_dump()["line"] is None


def test_the_first_rjieba_segmenter_reuses_the_imported_dictionary():
    """Start-up: rjieba loads a dictionary at import; the first segmenter takes it, later ones
    load their own, and both segment alike."""
    import subprocess
    import sys
    code = ("import rjieba; from union_extract.segmenter import RJieba; a = RJieba(); b = RJieba(); "
            "t = '温岭市总工会为志愿服务队授旗。'; "
            "print(a._j is rjieba._DEFAULT_JIEBA, b._j is rjieba._DEFAULT_JIEBA, a.tag(t) == b.tag(t))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.split() == ["True", "False", "True"]
