"""The spaCy plugin as spaCy users use it: multiprocess nlp.pipe, to_bytes/DocBin with user data,
spacy.load() of a saved pipeline through the entry point, displacy, and a core without spaCy."""
import json
import pickle
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points

import pytest
import spacy
from spacy import displacy
from spacy.tokens import Doc, DocBin

import union_extract
from union_extract.spacy_bridge import SPAN_KEY, make_component

from conftest import FIXTURES, ROOT

TEXTS = [
    "本报讯 记者王五报道 日前，温岭市总工会举行启动仪式。全国五一劳动奖章获得者、省劳动模范赵六分享经验，3支服务队授旗。",
    "本报讯 5月1日，宁波市总工会召开会议，投入资金4834.77万元。",
    "   ",
    "本报讯 记者钱七报道 杭州市总工会为孙八颁发证书。",
]


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("union_extract", config={"reference_date": "2024-05-01"})
    return nlp


def _summary(doc):
    return ([(e.start_char, e.end_char, e.label_, e.id_) for e in doc.ents],
            [(s.start_char, s.end_char, s.label_, s.id_) for s in doc.spans[SPAN_KEY]],
            doc._.union_extract)


def test_user_data_is_plain_json_data(nlp):
    doc = nlp(TEXTS[0])
    data = doc._.union_extract
    assert json.loads(json.dumps(data)) == data          # dicts, lists, str, numbers only
    assert data["articles"][0]["byline"]["reporters"] == ["王五"]
    assert doc._.union_extract_document == union_extract.Document.model_validate(data)
    assert data == union_extract.extract(TEXTS[0], reference_date="2024-05-01").model_dump(mode="json")


def test_nlp_pipe_with_two_processes_matches_one(nlp):
    one = [_summary(d) for d in nlp.pipe(TEXTS, n_process=1)]
    two = [_summary(d) for d in nlp.pipe(TEXTS, n_process=2, batch_size=1)]
    assert two == one
    assert [len(d[0]) for d in two] == [3, 1, 0, 2]
    assert two[2][2]["articles"] == []                    # an empty text: no error, nothing found


def test_doc_to_bytes_keeps_entities_spans_and_result(nlp):
    doc = nlp(TEXTS[0])
    back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert _summary(back) == _summary(doc)
    assert back._.union_extract_document.articles[0].persons[0].name == "王五"


def test_docbin_with_user_data(nlp):
    docs = list(nlp.pipe(TEXTS))
    db = DocBin(store_user_data=True)
    for d in docs:
        db.add(d)
    back = list(DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab))
    assert [_summary(d)[0] for d in back] == [_summary(d)[0] for d in docs]
    # msgpack gives the lists back as tuples; the Document reads either
    assert [d._.union_extract_document for d in back] == [d._.union_extract_document for d in docs]
    assert back[0]._.union_extract_document.articles[0].byline.reporters == ["王五"]


def test_component_pickles_as_its_options(nlp):
    """What a spawn/forkserver start method does to the pipes of nlp.pipe(n_process=...)."""
    comp = nlp.get_pipe("union_extract")
    comp(nlp.make_doc(TEXTS[1]))                           # loads lexicons: they must not travel
    data = pickle.dumps(comp)
    assert len(data) < 2000
    clone = pickle.loads(data)
    assert clone.extractor.reference_date.isoformat() == "2024-05-01"
    assert _summary(clone(nlp.make_doc(TEXTS[0]))) == _summary(nlp(TEXTS[0]))


def test_factory_is_declared_as_a_spacy_entry_point():
    (ep,) = [e for e in entry_points(group="spacy_factories") if e.name == "union_extract"]
    assert ep.load() is make_component


SAVED = textwrap.dedent("""
    import sys, json, spacy
    assert "union_extract" not in sys.modules
    nlp = spacy.load(sys.argv[1])
    doc = nlp(sys.argv[2])
    print(json.dumps([nlp.pipe_names, [(e.text, e.label_) for e in doc.ents], doc._.union_extract["reference_date"]]))
""")


def test_saved_pipeline_loads_without_importing_the_bridge(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    r = subprocess.run([sys.executable, "-c", SAVED, str(tmp_path / "pipeline"), TEXTS[3]],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    names, ents, ref = json.loads(r.stdout)
    assert names == ["union_extract"]
    assert ["钱七", "PERSON"] in ents and ["杭州市总工会", "ORG"] in ents
    assert ref == "2024-05-01"                             # the component's config was saved


def test_displacy_renders_the_span_group(nlp):
    doc = nlp(TEXTS[0])
    html = displacy.render(doc, style="span", options={"spans_key": SPAN_KEY})
    labels = ("PERSON", "ORG", "HONOR", "FIGURE", "DATE")
    expected = {label: sum(s.label_ == label for s in doc.spans[SPAN_KEY]) for label in labels}
    assert {label: html.count(label) for label in labels} == expected
    assert min(expected.values()) >= 1


NO_SPACY = textwrap.dedent("""
    import importlib, pkgutil, sys

    class NoSpacy:
        def find_spec(self, name, path=None, target=None):
            if name == "spacy" or name.startswith("spacy."):
                raise ModuleNotFoundError("No module named 'spacy'", name="spacy")

    sys.meta_path.insert(0, NoSpacy())
    import union_extract
    from union_extract.cli import main
    for m in pkgutil.iter_modules(union_extract.__path__):
        if m.name not in ("spacy_bridge", "__main__"):
            importlib.import_module("union_extract." + m.name)
    doc = union_extract.extract(open(sys.argv[1], encoding="utf-8").read())
    assert len(doc.articles) == 7, len(doc.articles)
    code = main(["convert", sys.argv[1], "-o", sys.argv[2], "--quiet"])
    assert code == 0, code
    assert not [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]
    try:
        import union_extract.spacy_bridge
    except ImportError as exc:
        print(exc)
    else:
        raise SystemExit("the bridge imported without spaCy")
""")


def test_core_works_without_spacy_and_the_bridge_says_how_to_install(tmp_path):
    r = subprocess.run([sys.executable, "-c", NO_SPACY, str(FIXTURES / "seed_page.txt"), str(tmp_path / "out.jsonl")],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert 'pip install "union-extract[spacy]"' in r.stdout
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 7


def test_the_entry_point_keeps_every_spacy_pipeline_cheap():
    """spaCy imports the bridge whenever it builds any pipeline: that must not load the extractor."""
    code = ("import sys, spacy; spacy.blank('en'); "
            "print('union_extract.spacy_bridge' in sys.modules, 'union_extract.pipeline' in sys.modules)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT.parent)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["True", "False"]
