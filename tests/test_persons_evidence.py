"""The person finder decides on evidence: name shape plus context on both sides (synthetic sentences).

Names here are invented; every class has negatives (荣获/获得/荣膺 are never names).
"""
import pytest

import union_extract
from union_extract.pipeline import Extractor


def persons(text):
    return {p.name for a in union_extract.extract(text).articles for p in a.persons}


FOUND = [
    # names after a description with 的
    ("来自杭州的张明远获得一等奖。", "张明远"),
    ("今年35岁的李晓燕在车间工作了十年。", "李晓燕"),
    ("宏达机械公司的王建华介绍了经验。", "王建华"),
    # names after a role noun that is no title
    ("困难职工赵志刚领到了慰问金。", "赵志刚"),
    ("选手周海涛以第一名的成绩晋级。", "周海涛"),
    ("司机吴国庆说,这条线路他跑了八年。", "吴国庆"),
    ("村干部冯立军带头清理河道。", "冯立军"),
    # after a chain of titles, and with a year right after the name
    ("党支部书记、总经理、高级工程师郑文斌2019年获评先进。", "郑文斌"),
    # a verb of speech, a count, a list
    ("钱志勇表示,要把技术传给年轻人。", "钱志勇"),
    ("孙丽娟等5名职工受到表彰。", "孙丽娟"),
    ("大会授予贺子健、林雪梅、邱振东、马骏飞、蒋文华劳动模范称号。", "邱振东"),
    ("大会授予贺子健、林雪梅、邱振东、马骏飞、蒋文华劳动模范称号。", "蒋文华"),
    # a surname the segmenter cut from its given name, a foreign name with a middle dot
    ("工会主席高振东说,活动将持续一个月。", "高振东"),
    ("技术员阿卜杜拉·买买提介绍了新工艺。", "阿卜杜拉·买买提"),
    # traditional characters: found as in simplified, written form kept
    ("劉志強說,工會將繼續幫扶困難職工。", "劉志強"),
    ("困難職工陳建國領到了慰問金。", "陳建國"),
]

NOT_FOUND = [
    ("今年他荣获全国五一劳动奖章。", {"荣获"}),
    ("公司获得了省级荣誉称号。", {"获得"}),
    ("该团队荣膺全国工人先锋号。", {"荣膺"}),
    ("推动高质量发展,何时开工还未确定。", {"高质量", "何时"}),
    ("送温暖活动常态化开展。", {"常态化"}),
    ("向职工送上节日的祝福,大家珍惜荣誉。", {"祝福", "荣誉"}),
    ("困难职工家庭得到帮扶,职工权益得到保障。", {"家庭", "权益", "职工家庭"}),
    ("为确保评选公开、公平、公正,工会严格审查。", {"公开", "公平", "公正"}),
    ("林则徐纪念馆和朱枫楼都在校园里。", {"林则徐", "朱枫楼"}),
    ("王师傅和张某某都来了。", {"王师傅", "张某某"}),
    ("全市各级工会坚持以张明远理论为指导。", {"张明远理论"}),
]


@pytest.mark.parametrize("text,name", FOUND)
def test_person_found(text, name):
    assert name in persons(text)


@pytest.mark.parametrize("text,names", NOT_FOUND)
def test_not_a_person(text, names):
    assert not (persons(text) & names)


def test_trailing_count_word_is_not_part_of_the_name():
    found = persons("大会命名贺子健、林雪梅等16人为岗位能手。")
    assert {"贺子健", "林雪梅"} <= found and "林雪梅等" not in found


def test_traditional_mention_offsets_point_at_the_written_name():
    text = "本報訊 工會主席劉志強說,活動將持續一個月。"
    (a,) = union_extract.extract(text).articles
    (p,) = [p for p in a.persons if p.name == "劉志強"]
    assert [text[m.start:m.end] for m in p.mentions] == ["劉志強"]


def test_evidence_is_inspectable():
    ex = Extractor()
    ex.persons.trace = []
    ex.extract("司机吴国庆说,这条线路他跑了八年。推动高质量发展。")
    scored = {w: (score, why) for w, score, why in ex.persons.trace}
    score, why = scored["吴国庆"]
    assert "speech" in why and score >= 2.5
    assert "高质量" not in scored      # a stop word is never scored


def test_weak_shape_needs_a_strong_cue():
    # 公正 is a frequent word the dictionary tags as a name: the shape alone does not carry it
    assert "公正" not in persons("办事公正,群众满意。")
    # the same two characters after a title are a name
    assert "公正" in persons("工会主席公正说,这项工作很重要。")


def test_name_occurrences_are_leftmost_longest_and_do_not_overlap():
    finder = Extractor().persons
    text = "陆文涛、陆文和陆文涛"
    assert finder._occurrences(text, {"陆文", "陆文涛"}) == [(0, "陆文涛"), (4, "陆文"), (7, "陆文涛")]
    assert finder._occurrences("", {"陆文"}) == []


def test_why_is_written_only_when_asked_for():
    text = "司机吴国庆说,这条线路他跑了八年。"
    (a,) = Extractor(explain=True).extract(text).articles
    (p,) = [p for p in a.persons if p.name == "吴国庆"]
    assert "speech" in p.why and "role" in p.why
    (b,) = Extractor().extract(text).articles
    assert all("why" not in q.model_dump() for q in b.persons)
