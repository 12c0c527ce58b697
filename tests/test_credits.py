"""Credits outside the 本报讯 byline (issue #11): bracketed names after a dateline, labelled
trailer and header lines, photographers at a paragraph's end. Synthetic sentences."""
import pytest

import union_extract

BODY = "全市工会日前召开会议，部署今年的重点工作。"


def byline(text):
    a = union_extract.extract(text).articles[-1]
    b = a.byline
    return a, (b.source, b.reporters, b.correspondents, b.editors, b.photographers, b.authors)


CASES = [
    ("标题在这里\n\n新华社某地5月1日电(张三)" + BODY, ("新华社某地5月1日电", ["张三"], [], [], [], [])),
    ("标题在这里\n\n新华社某地5月1日电(记者张三)" + BODY, ("新华社某地5月1日电", ["张三"], [], [], [], [])),
    ("标题在这里\n\n新华社某地5月1日电(记者 张三 通讯员 李四)" + BODY,
     ("新华社某地5月1日电", ["张三"], ["李四"], [], [], [])),
    ("标题在这里\n\n某某网3月8日讯(记者王五)" + BODY, ("某某网3月8日讯", ["王五"], [], [], [], [])),
    ("标题在这里\n\n" + BODY + "\n\n来源:某某日报 责编:赵六", ("某某日报", [], [], ["赵六"], [], [])),
    ("标题在这里\n\n本报讯 " + BODY + "\n\n编辑：钱七", ("本报讯", [], [], ["钱七"], [], [])),
    ("标题在这里\n\n" + BODY + "\n\n初审:张三\n\n终审:李四", (None, [], [], ["张三", "李四"], [], [])),
    ("标题在这里\n\n2024-05-01 作者:王 五 来源:某某晚报\n\n" + BODY, ("某某晚报", [], [], [], [], ["王五"])),
    ("标题在这里\n\n" + BODY + "\n\n作者:张三 李四", (None, [], [], [], [], ["张三", "李四"])),
    ("标题在这里\n\n" + BODY + "\n\n摄影:王五", (None, [], [], [], ["王五"], [])),
    ("职工们在活动现场合影留念。孙八摄\n\n" + BODY, (None, [], [], [], ["孙八"], [])),
    (BODY + "周九/摄", (None, [], [], [], ["周九"], [])),
    (BODY + "某某网 吴十 图", (None, [], [], [], ["吴十"], [])),
    ("标题在这里\n\n(赵六)在五一国际劳动节到来之际，" + BODY, (None, ["赵六"], [], [], [], [])),
    # names run together inside a byline are split on surnames; a bullet may open the byline
    (BODY + "（记者钱七孙八）", (None, ["钱七", "孙八"], [], [], [], [])),
    ("某报讯（记者赵六通讯员周九吴十）" + BODY, ("某报讯", ["赵六"], ["周九", "吴十"], [], [], [])),
    ("标题在这里\n\n□本报记者张三\n\n" + BODY, ("本报", ["张三"], [], [], [], [])),
    ("标题在这里\n\n■本报记者 李四 通讯员 王五\n\n" + BODY, ("本报", ["李四"], ["王五"], [], [], [])),
    # ... but not a name before a dateline's place (记者X长沙报道), a spaced name, a欧阳-type surname
    ("标题在这里\n\n本报记者钱七实习生孙八长沙报道\n\n" + BODY, ("本报", ["钱七"], [], [], [], [])),
    ("标题在这里\n\n本报记者钱七孙八报道\n\n" + BODY, ("本报", ["钱七", "孙八"], [], [], [], [])),
    ("标题在这里\n\n本报记者欧阳明杭州报道\n\n" + BODY, ("本报", ["欧阳明"], [], [], [], [])),
    ("标题在这里\n\n本报讯(记者 孟 洁)" + BODY, ("本报讯", ["孟洁"], [], [], [], [])),
    ("标题在这里\n\n本报讯(记者欧阳明)" + BODY, ("本报讯", ["欧阳明"], [], [], [], [])),
    ("标题在这里\n\n■李四\n\n" + BODY, (None, [], [], [], [], ["李四"])),
    # negatives: a bracketed time word, a role word opening a sentence, a headline ending in 图
    ("标题在这里\n\n(日前)在五一国际劳动节到来之际，" + BODY, (None, [], [], [], [], [])),
    ("记者看到，" + BODY, (None, [], [], [], [], [])),
    ("绘就发展新蓝图\n\n5月1日，" + BODY, (None, [], [], [], [], [])),
]


@pytest.mark.parametrize("text,want", CASES)
def test_credits(text, want):
    _, got = byline(text)
    assert got == want


def test_credits_are_persons_with_offsets():
    text = "标题在这里\n\n新华社某地5月1日电(记者 张三 通讯员 李四)" + BODY + "\n\n编辑：钱七"
    a, _ = byline(text)
    names = {p.name for p in a.persons}
    assert {"张三", "李四", "钱七"} <= names
    for p in a.persons:
        for m in p.mentions:
            assert text[m.start:m.end] == m.text


def test_outlet_of_a_dateline_is_an_organisation():
    a, _ = byline("标题在这里\n\n新华社某地5月1日电(记者张三)" + BODY)
    assert "新华社" in {o.name for o in a.organizations}


@pytest.mark.parametrize("text,outlet", [
    ("标题在这里\n\n来源:某某晚报\n\n" + BODY, "某某晚报"),
    ("标题在这里\n\n" + BODY + "\n\n来源 | 某某日报•某某派责编 | 赵六", "某某派"),
    ("标题在这里\n\n某某公众号 图\n\n5月1日，" + BODY, "某某公众号"),
    ("标题在这里\n\n某某网3月8日讯(记者王五)" + BODY, "某某网"),
    ("标题在这里\n\n某某日报讯 (记者王五)" + BODY, "某某日报"),
])
def test_outlets_in_credit_lines_are_media_organisations(text, outlet):
    a = union_extract.extract(text).articles[-1]
    orgs = {o.name: o for o in a.organizations}
    assert outlet in orgs and orgs[outlet].type == "media"
    m = orgs[outlet].mentions[0]
    assert text[m.start:m.end] == outlet


def test_local_paper_byline_is_no_outlet():
    a = union_extract.extract("标题在这里\n\n本报讯 " + BODY).articles[0]
    assert not [o for o in a.organizations if o.name.startswith("本报")]


@pytest.mark.parametrize("text, outlet, org", [
    ("新华社北京5月1日电(张三)全国总工会日前发布通知，要求各地工会做好工作。", "新华社", "全国总工会"),
    ("人民网贵阳12月28日讯(记者王五)贵州省总工会28日召开会议。", "人民网", "贵州省总工会"),
    ("中工网3月8日讯 记者李四报道 浙江省总工会近日表彰了一批先进集体。", "中工网", "浙江省总工会"),
])
def test_a_dateline_credit_is_no_part_of_an_organisation_and_the_role_names_the_outlet(text, outlet, org):
    (a,) = union_extract.extract(text).articles
    assert {o.name for o in a.organizations} == {outlet, org}
    (p,) = a.persons
    assert [(r.title, r.organization) for r in p.roles] == [("记者", outlet)]


def test_a_dateline_place_before_baodao_is_no_part_of_a_name():
    a, _ = byline("标题在这里\n\n本报记者钱七实习生孙八长沙报道\n\n" + BODY)
    assert (a.byline.reporters, a.byline.interns) == (["钱七"], ["孙八"])
    assert "孙八长沙" not in {p.name for p in a.persons}
