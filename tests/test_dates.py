"""Dates and clock times, absolute and relative; resolution with a reference date (synthetic inputs)."""
import datetime as dt

import pytest

import union_extract
from union_extract.dates import find_dates, page_date

REF = dt.date(2024, 5, 1)


@pytest.mark.parametrize("text,value,relative", [
    ("2022年", "2022", False),
    ("2024年4月28日", "2024-04-28", False),
    ("1987-06-06", "1987-06-06", False),
    ("2024-09-11 09:39", "2024-09-11T09:39", False),
    ("2023年7月", "2023-07", False),
    ("上午8点", "T08:00", False),
    ("下午3点半", "T15:30", False),
    ("二〇二四年", "2024", False),
    ("4月28日", "2024-04-28", False),      # year from the reference date
    ("昨天", "2024-04-30", True),
    ("今年以来", "2024", True),
    ("日前", None, True),
])
def test_dates_with_reference(text, value, relative):
    (d,) = find_dates(text, 0, REF)
    assert (d.text, d.value, d.relative) == (text, value, relative)


def test_year_less_date_without_reference_is_relative():
    (d,) = find_dates("4月28日", 0, None)
    assert d.value == "--04-28" and d.relative


@pytest.mark.parametrize("text", ["三点要求", "一月", "13月45日"])
def test_not_dates(text):
    assert find_dates(text, 0, REF) == []


def test_page_date_resolves_relative_dates():
    text = "当前刊期: 2025年1月15日 星期三\n\n本报讯 记者张三报道 昨天，温岭市总工会举行活动。1月14日春运首日开始。"
    assert page_date(text) == dt.date(2025, 1, 15)
    doc = union_extract.extract(text)
    assert doc.reference_date == "2025-01-15"
    values = {d.text: d.value for a in doc.articles for d in a.dates}
    assert values["昨天"] == "2025-01-14" and values["1月14日"] == "2025-01-14"


def test_dates_are_not_figures():
    (a,) = union_extract.extract("2022年，德清全域实行协商的企业平均工资高出1994.11元。").articles
    assert [(f.value, f.unit) for f in a.figures] == [(1994.11, "元")]
    assert [d.value for d in a.dates] == ["2022"]
