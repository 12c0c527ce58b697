"""Figures as a table of input -> (value, unit, kind, approximate), negatives included
(the Recognizers-Text spec style). Inputs are synthetic unless a gold id is named."""
import pytest

from union_extract.figures import FigureFinder
from union_extract.lexicon import load
from union_extract.numbers import parse_number

FF = FigureFinder(load())


def figs(text):
    return [(f.value, f.unit, f.kind, f.approximate) for f in FF.find(text)]


CASES = [
    ("产值平均增长4834.77万元。", [(48347700, "元", "money", False)]),          # seed page
    ("平均工资涨幅高出1994.11元。", [(1994.11, "元", "money", False)]),          # seed page
    ("覆盖职工31.8万人", [(318000, "人", "count", False)]),                        # g2-001
    ("平均增幅接近13%", [(13, "%", "percent", True)]),                            # g2-001
    ("先后培训职工600多人次", [(600, "人次", "count", True)]),                      # g3-001
    ("获得5万元至5000元不等的奖金", [(50000, "元", "money", False), (5000, "元", "money", False)]),  # g2-004
    ("分别奖励两万元", [(20000, "元", "money", False)]),                           # g2-004
    ("我省百万名职工参加", [(1000000, "名", "count", False)]),                     # g2-004
    ("获得开发建设新疆奖章的166 名个人", [(166, "名", "count", False)]),           # g3-009
    ("平均年龄45.9岁", [(45.9, "岁", "age", False)]),                             # g2-007
    ("百分之四十的职工", [(40, "%", "percent", False)]),
    ("为期3至5天的培训", [(3, "天", "duration", False), (5, "天", "duration", False)]),
    ("增长2.4个百分点", [(2.4, "个百分点", "percent", False)]),
    ("零下7摄氏度", [(-7, "摄氏度", "temperature", False)]),
    ("投资5万美元", [(50000, "美元", "money", False)]),
    ("三名学生", [(3, "名", "count", False)]),
    ("职工4,565人", [(4565, "人", "count", False)]),
    ("两米半", [(2.5, "米", "measure", False)]),
    ("为期半个月", [(0.5, "个月", "duration", False)]),
    ("培训了十几天", [(10, "天", "duration", True)]),
    ("共二十余人参加", [(20, "人", "count", True)]),
    ("近百名职工参加，上千名群众受益，数十家企业到场", [(100, "名", "count", True), (1000, "名", "count", True),
                                                   (10, "家", "count", True)]),                  # synthetic
    ("加上5个班组", [(5, "个", "count", False)]),
    ("十美元", [(10, "美元", "money", False)]),
    ("重12千米", [(12, "千米", "measure", False)]),             # 千 of the unit, not a multiplier
    ("宝宝十个月大", [(10, "个月", "age", False)]),
    ("设置恒温器为85度", [(85, "度", "temperature", False)]),   # full-width forms are unified upstream (test_offsets)
]

NOT_FIGURES = [
    "2022年,德清全域实行", "上午8点,会场", "第17次会议", "建党100周年", "深化“五个中心”建设",
    "加快落实“三大任务”", "一位家长感激地说", "十分重要", "四套班子领导", "五一劳动奖章", "三八红旗手",
    "拨打12351热线", "星期三上午",
]


@pytest.mark.parametrize("text,expected", CASES)
def test_figures(text, expected):
    assert figs(text) == expected


@pytest.mark.parametrize("text", NOT_FIGURES)
def test_not_figures(text):
    assert figs(text) == []


@pytest.mark.parametrize("text,value", [
    ("三百二十", 320), ("两千零五", 2005), ("一万五千", 15000), ("三万五", 35000), ("壹贰叁", 123),
    ("3.2万", 32000), ("1.2亿", 1.2e8), ("百分之十二点五", 12.5), ("三分之一", 1 / 3), ("负5", -5),
    ("1,234.5", 1234.5), ("４，５６５", 4565), ("一亿五千万", 1.5e8), ("百万", 1e6), ("二〇二四", 2024),
])
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "一切", "abc", "万", "万万"])
def test_parse_number_rejects(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text,value", [
    ("5万4千6百", 54600), ("3万4000", 34000), ("2千零30万", 20300000), ("一万零十二", 10012), ("四万万", 4e8),
    ("五兆六十二亿四万五千二", 5006200045200), ("十多万", 100000), ("一百 五 十 二", 152), ("40k", 40000),
    ("一百分之二", 0.02), ("1又3分之1", 4 / 3), ("-3/2", -1.5),
])
def test_parse_number_more_forms(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_find_numbers_and_percents():
    from union_extract.numbers import find_numbers, find_percents
    assert [(m.text, m.value) for m in find_numbers("两百点两")] == [("两百", 200), ("两", 2)]
    assert find_numbers("我家在四川，一切都好") == []
    assert [(m.start, m.value) for m in find_numbers("百分之五十五点五七九")] == [(3, pytest.approx(55.579))]
    pct = {m.text: m.value for m in find_percents("增长12.5%，七成六，八五折，对折，万分之三，2.4个百分点")}
    assert pct == {"12.5%": 12.5, "七成六": 76, "八五折": 85, "对折": 50, "万分之三": pytest.approx(0.03),
                   "2.4个百分点": 2.4}


def test_session_ordinals_are_not_counts():
    # synthetic: 十四届五次 names a session
    assert figs("江苏省总工会召开十四届五次全委会议，共120名委员出席。") == [(120, "名", "count", False)]
