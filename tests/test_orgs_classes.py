"""Organisation classes from the gold conventions, on synthetic sentences (negatives included)."""
import pytest

import union_extract


def orgs(text):
    return {o.name for a in union_extract.extract(text).articles for o in a.organizations}


FOUND = [
    # party and government short forms read from titles and lists
    ("市委书记张明远出席会议并讲话。", {"市委"}),
    ("区人大主任李晓燕参加活动。", {"区人大"}),
    ("王建华代表县委、县人大、县政府向劳动者致以问候。", {"县委", "县人大", "县政府"}),
    ("红星县人大常委会主任赵志刚宣读决定。", {"红星县人大常委会"}),
    # outlets in source credits and reporter datelines
    ("来源:工人新闻网\n本报讯 日前,市总工会举行活动。", {"工人新闻网"}),
    ("本报讯 (滨海日报记者 孙丽娟)日前,市总工会举行活动。", {"滨海日报"}),
    # innovation studios are organisations
    ("市总工会为周海涛劳模创新工作室授牌。", {"周海涛劳模创新工作室"}),
    # traditional characters: found as in simplified, written form kept
    ("溫嶺市總工會舉行表彰大會。", {"溫嶺市總工會"}),
]

NOT_FOUND = [
    ("王建华代表省委向全省劳动者致以问候。", {"王建华代表省委"}),
    ("表彰大会在市政府东楼会议厅举行。", {"市政府东楼会议厅", "东楼会议厅"}),
    ("他在工作室里忙碌,全市新建职工创新工作室12家。", {"工作室", "新建职工创新工作室", "职工创新工作室"}),
    ("城市委员会的成员参加讨论。", {"市委"}),
    ("温岭市总工会举行“劳模工匠助企行”专项行动启动仪式。", {"“劳模工匠助企行”专项行动"}),
]


@pytest.mark.parametrize("text,names", FOUND)
def test_organisation_found(text, names):
    assert names <= orgs(text)


@pytest.mark.parametrize("text,names", NOT_FOUND)
def test_not_an_organisation(text, names):
    assert not (orgs(text) & names)


def test_studio_owner_is_no_person_mention():
    (a,) = union_extract.extract("市总工会为周海涛劳模创新工作室授牌。").articles
    assert "周海涛" not in {p.name for p in a.persons}


def test_studio_with_person_behind_title():
    (a,) = union_extract.extract("日前,工会主席林雪梅说,全市新建职工书屋20家。").articles
    assert "林雪梅" in {p.name for p in a.persons}
    assert not any(o.name.endswith("书屋") for o in a.organizations)


def test_traditional_org_offsets_point_at_the_written_name():
    text = "本報訊 溫嶺市總工會舉行表彰大會。"
    (a,) = union_extract.extract(text).articles
    (o,) = [o for o in a.organizations if o.name == "溫嶺市總工會"]
    assert [text[m.start:m.end] for m in o.mentions] == ["溫嶺市總工會"]


@pytest.mark.parametrize("text, expected", [
    ("温州市政府授予瑞安市红星机械厂“先进单位”称号。", {"温州市政府", "瑞安市红星机械厂"}),         # a conferring verb ends the walk
    ("全县广大干部职工积极参与。", set()),                                      # 干部 inside a longer word
    ("全国31个省(区、市)总工会参加了会议。", set()),                             # a counted plural
    ("全市18家企业工会参加了培训。", set()),
    ("活动在杭州会展中心举行，杭州市总工会主办。", {"杭州市总工会"}),                  # a venue, not a body
])
def test_walk_boundaries_plurals_and_venues(text, expected):
    (a,) = union_extract.extract(text).articles
    assert {o.name for o in a.organizations} == expected
