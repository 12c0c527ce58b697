"""spaCy integration: the component and the converter put our entities on a Doc."""
import spacy

import union_extract.spacy_bridge  # noqa: F401  (registers the "union_extract" factory)
from union_extract.spacy_bridge import SPAN_KEY, to_spacy

TEXT = "本报讯 记者王五报道 日前，温岭市总工会举行启动仪式。全国五一劳动奖章获得者、省劳动模范赵六分享经验，3支服务队授旗。"


def test_component_in_a_blank_pipeline():
    nlp = spacy.blank("zh")
    nlp.add_pipe("union_extract")
    doc = nlp(TEXT)
    ents = {(e.text, e.label_) for e in doc.ents}
    assert {("王五", "PERSON"), ("赵六", "PERSON"), ("温岭市总工会", "ORG")} <= ents
    labels = {s.label_ for s in doc.spans[SPAN_KEY]}
    assert {"HONOR", "FIGURE", "DATE"} <= labels
    assert doc._.union_extract_document.articles[0].byline.reporters == ["王五"]


def test_converter_keeps_ids():
    doc = to_spacy(TEXT)
    (zhao,) = [e for e in doc.ents if e.text == "赵六"]
    honours = [s for s in doc.spans[SPAN_KEY] if s.label_ == "HONOR"]
    (person,) = [p for p in doc._.union_extract_document.articles[0].persons if p.name == "赵六"]
    assert zhao.id_ == person.id
    assert {s.text for s in honours} == {"全国五一劳动奖章", "省劳动模范"}
