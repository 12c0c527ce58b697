"""Digits that ``regex``'s \\d matches but Python's ``int``/``float`` cannot read (Garay, Unicode 16,
newer than Python 3.11's tables) are no numbers: before, one of them failed the whole document
with ValueError. The same texts with ASCII digits still give their figures and dates."""
import pytest

from union_extract.numbers import parse_numeral
from union_extract.pipeline import Extractor

GARAY_3 = "\U00010d43"
TEXTS = [   # (template with D for a digit, figures and dates expected with D = "3")
    ("温岭市总工会投入D万元，共DD人参加。", ["3万元", "33人"], []),
    ("20DD年D月D日，召开大会。", [], ["2033-03-03"]),
    ("DDDD-D-D 会议", [], ["3333-03-03"]),
    ("上午D点D分开会", [], ["T03:03"]),
    ("D:DD开会", [], ["T03:33"]),
    ("刊期：DDDD年D月D日\n本报讯 会议召开。", [], []),
    ("百分之D的职工", ["百分之3"], []),
    ("D至D万元", ["3", "3万元"], []),
    ("D%的职工", ["3%"], []),
    ("张三D岁", ["3岁"], []),
    ("2024-01-01 1D:DD 开会", [], ["2024-01-01T13:33"]),
]


@pytest.fixture(scope="module")
def ex():
    return Extractor()


@pytest.mark.parametrize("template,figures,dates", TEXTS)
def test_unreadable_digits_fail_nothing(ex, template, figures, dates):
    (a,) = ex.extract_records(template.replace("D", GARAY_3))["articles"]
    assert all(GARAY_3 not in f["text"] for f in a["figures"])
    (b,) = ex.extract_records(template.replace("D", "3"))["articles"]
    assert [f["text"] for f in b["figures"]] == figures
    assert [d["value"] for d in b["dates"]] == dates


def test_parse_numeral_of_unreadable_digits_is_none():
    assert parse_numeral(GARAY_3 * 2) is None and parse_numeral(GARAY_3 + "万") is None
    assert parse_numeral("33") == 33.0 and parse_numeral("3万") == 30000.0
