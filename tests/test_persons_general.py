"""The person finder on general news: transliterated names, places and teams (synthetic sentences).

Every name here is invented; each class has negatives. Transliteration characters alone say
nothing about person or place: the context decides (X执教 is a person, 来到X and X队 are not).
"""
import importlib.util
from pathlib import Path

import pytest

import union_extract

ROOT = Path(__file__).resolve().parent.parent


def persons(text):
    return {p.name for a in union_extract.extract(text).articles for p in a.persons}


FOUND = [
    # a transliterated name opening a clause, with a verb right after it
    ("，格罗斯曼执教球队以来成绩稳定。", "格罗斯曼"),
    # a name made of transliteration characters that reads as a Chinese name stays one
    ("在马丽的带领下，班组完成任务。", "马丽"),
    ("技术员马丽娜说，工艺改进后效率提高。", "马丽娜"),
    # Latin-letter names on a person cue: a verb of speech, a title after, a role noun before
    ("你好，Holm先生。", "Holm"),
    ("Hanna表示，比赛很精彩。", "Hanna"),
    ("设计师Lorenz介绍了新车型。", "Lorenz"),
    # a roster without punctuation: a name right before is evidence for the next one
    ("主席团成员：赵志刚钱建国孙丽娟", "孙丽娟"),
    # a surname that is also a function word, after a title, stays a name when the rest reads as one
    ("副县长于建斌主持会议。", "于建斌"),
    ("总经理曾建民介绍情况。", "曾建民"),
    # a middle-dot name ends before the words that follow it
    ("对费利佩·奥尔特曼而言，这是第一次。", "费利佩·奥尔特曼"),
    ("影片由诺曼·贝尔曼执导。", "诺曼·贝尔曼"),
    # two-character transliterated names the segmenter tags nrt, on a title or as a subject
    ("球队队长诺蒂在比赛中受伤。", "诺蒂"),
    ("，弗洛应声倒下。", "弗洛"),
    ("外交部副部长诺蒂辛宣读了贺信。", "诺蒂辛"),
    # an adverb the segmenter glues to a two-character name (邱岚|则) is not part of it
    ("而邱岚则去了外地。", "邱岚"),
    # the doer after 由/请/经 with a verb after the name, also where the segmenter glued the
    # preposition to the surname (由林|海涛, 由林志坤, 由何|建平)
    ("会议由韦平主持。", "韦平"),
    ("会议由林海涛主持。", "林海涛"),
    ("会议由林志坤主持。", "林志坤"),
    ("座谈会由何建平主持。", "何建平"),
    ("经王明同意后实施。", "王明"),
    # verbs after a name that the segmenter tags as nouns (带队, 领衔, 主演) end it like a verb
    ("活动由王晓峰带队。", "王晓峰"),
    ("项目由钱志刚领衔。", "钱志刚"),
    # a name-shaped word the segmenter made up but could not tag (x), on a person cue
    ("执法大队罗鲲介绍，今年已检查企业120家。", "罗鲲"),
    ("质监站田鲲表示，抽检合格率达98%。", "田鲲"),
]

NOT_FOUND = [
    # a surname with a title or role noun is a form of address, no name (gold conventions)
    ("陈医生介绍了病情。", "陈医生"),
    ("孙书记强调了安全。", "孙书记"),
    # a preposition glued to a surname character opens no name without a name after it
    ("由林业局牵头组织。", "林业局"),
    ("由于工作需要，他调往外地。", "于工作"),
    ("经王明同意后实施。", "经王明"),
    # places after a verb of motion or a preposition of place
    ("代表团一行来到阿尔巴尼亚首都访问。", "阿尔巴尼亚"),
    ("晚上从莫斯科出发。", "莫斯科"),
    ("来自贝尔格莱德的工人代表发言。", "贝尔格莱德"),
    # teams: transfers, fixtures, team words after the name
    ("他在赛季中期转会特维萨，随后离开。", "特维萨"),
    ("本轮焦点战：罗萨里奥vs卡拉斯。", "罗萨里奥"),
    ("本轮焦点战：罗萨里奥vs卡拉斯。", "卡拉斯"),
    ("特维萨队在主场击败了对手。", "特维萨"),
    ("特维萨球迷在赛后欢呼。", "特维萨"),
    # acronyms and Latin words without a person cue are no names
    ("今年GDP表示增长较快。", "GDP"),
    ("职工在APP上报名。", "APP"),
    # a last character that ends ordinary words far more often than names (率, 厂)
    ("厂里努力提高劳动贡献率。", "贡献率"),
    ("我们创办了利群毛巾厂。", "毛巾厂"),
    # an ordinary word the dictionary tags as a name chains nothing (秋风|冷雨)
    ("秋风冷雨扫过山岗。", "冷雨"),
    # after a title, a function word or verb the segmenter reads there starts no name
    ("公司董事和监事都出席了会议。", "和监事"),
    ("驾驶员能看到后方来车。", "能看"),
    # a surname with an honorific is no name mention (钱博士, 赵小姐)
    ("“很好。”钱博士说。", "钱博士"),
    ("上海的赵小姐告诉记者，她很满意。", "赵小姐"),
    # nor does a dot name take in the words after it
    ("对费利佩·奥尔特曼而言，这是第一次。", "费利佩·奥尔特曼而言"),
    # two transliteration characters: not a doubled character, not the head of a longer name
    ("今年职工参与率达达90%。", "达达"),
    ("外交部副部长诺蒂辛宣读了贺信。", "诺蒂"),
    ("而邱岚则去了外地。", "邱岚则"),
]


@pytest.mark.parametrize("text,name", FOUND)
def test_person_found(text, name):
    assert name in persons(text)


@pytest.mark.parametrize("text,name", NOT_FOUND)
def test_place_or_team_is_no_person(text, name):
    assert name not in persons(text)


def test_a_place_decision_is_explained_in_the_trace():
    ex = union_extract.Extractor(explain=True)
    ex.persons.trace = []
    ex.extract("晚上从莫斯科出发。")
    assert ("莫斯科", None, ["translit_place"]) in ex.persons.trace


def test_word_end_is_weighed_as_evidence():
    ex = union_extract.Extractor(explain=True)
    ex.persons.trace = []
    ex.extract("厂里努力提高劳动贡献率。")
    assert any(w == "贡献率" and "word_end" in why for w, _, why in ex.persons.trace)


def test_a_name_right_before_counts_for_the_next_in_a_roster():
    ex = union_extract.Extractor(explain=True)
    ex.persons.trace = []
    ex.extract("委员：孙丽娟周涛张伟")
    assert any(w == "周涛" and "chained_left" in why for w, _, why in ex.persons.trace)
    ex.persons.trace = []
    ex.extract("秋风冷雨扫过山岗。")      # 秋风 is an ordinary word: no evidence for 冷雨
    assert not any("chained_left" in why for _, _, why in ex.persons.trace)


def _nr_common_tool():
    spec = importlib.util.spec_from_file_location("make_nr_common", ROOT / "lexicons/tools/make_nr_common.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.parametrize("word,odds,compounds,expected", [
    # a surname that leads names, a given-name character, in no ordinary compound: a name
    ("甲乙", {"甲": (None, 4.0), "乙": (1.2, None)}, set(), True),
    # the same pair inside an ordinary compound word: an ordinary word
    ("甲乙", {"甲": (None, 4.0), "乙": (1.2, None)}, {"甲乙"}, False),
    # a surname that often leads ordinary words, or a second character rare in names: no name
    ("甲乙", {"甲": (None, 1.0), "乙": (1.2, None)}, set(), False),
    ("甲乙", {"甲": (None, 4.0), "乙": (-0.5, None)}, set(), False),
])
def test_nr_common_generator_leaves_out_personal_names_by_rule(word, odds, compounds, expected):
    assert _nr_common_tool().looks_like_name(word, odds, compounds) is expected


def test_nr_common_keep_list_is_headed_vocabulary():
    rows = [ln.strip() for ln in (ROOT / "lexicons/tools/nr_common_keep.tsv").read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")]
    assert rows[0] == "word" and len(rows) > 1
    common = {ln.split("\t")[0] for ln in (ROOT / "lexicons/nr_common.tsv").read_text(encoding="utf-8").splitlines()}
    assert set(rows[1:]) <= common          # the kept ordinary words are in the generated list
