"""People, organisations, types, roles and links on sentences shaped like the seed page / gold dev ones
(see fixtures), with every person name replaced by a synthetic one."""
import union_extract


def art(text):
    (a,) = union_extract.extract(text).articles
    return a


def test_roles_with_organisation():
    a = art("温岭市总工会党组成员、副主席王建华告诉记者,这次专项行动主要目的是组织劳模工匠。")
    (p,) = [p for p in a.persons if p.name == "王建华"]
    assert {(r.title, r.organization) for r in p.roles} == {("党组成员", "温岭市总工会"), ("副主席", "温岭市总工会")}


def test_org_spans_and_types():
    a = art("日前,衢州市总工会“秋之韵”艺术团联合衢州市斗潭社区、衢州市民欣物业服务有限公司等举办文艺演出。")
    orgs = {o.name: o for o in a.organizations}
    assert orgs["衢州市总工会“秋之韵”艺术团"].type == "team"
    assert orgs["衢州市斗潭社区"].type == "community"
    assert orgs["衢州市民欣物业服务有限公司"].type == "enterprise"
    assert orgs["衢州市总工会“秋之韵”艺术团"].parent == orgs["衢州市总工会"].id


def test_short_and_long_forms_linked():
    a = art("日前,杭州市萧山区总工会举行活动。接下来,萧山区总工会将进一步加强班组建设。")
    (o,) = [o for o in a.organizations if o.name == "杭州市萧山区总工会"]
    assert {m.text for m in o.mentions} == {"杭州市萧山区总工会", "萧山区总工会"}


def test_not_organisations_or_people():
    a = art("温岭市总工会举行“劳模工匠助企行”专项行动启动仪式,企业工会和学校积极参与,林则徐纪念馆也在其中。他为人耿直,安静地坐着。")
    assert {o.name for o in a.organizations} == {"温岭市总工会"}
    assert a.persons == []


def test_names_in_lists_and_middle_dot():
    a = art("新疆医科大学附属肿瘤医院妇科肿瘤诊治中心主任阿依古丽·买买提说,将继续扎根基层。")
    assert "阿依古丽·买买提" in {p.name for p in a.persons}
    b = art("▲陕西煤建公司最近举办了一次女工技术比武。(孙晓燕周九)")
    assert {"孙晓燕", "周九"} <= {p.name for p in b.persons}


def test_user_lexicon_wins(tmp_path):
    (tmp_path / "outlets.tsv").write_text("name\ttype\tcanonical\n秋之韵艺术团\tteam\t\n", encoding="utf-8")
    ex = union_extract.Extractor(lexicon_dir=str(tmp_path))
    (a,) = ex.extract("演出由秋之韵艺术团主办。").articles
    assert "秋之韵艺术团" in {o.name for o in a.organizations}


def test_names_split_oddly_by_the_segmenter():
    # gold dev g1-001 / g1-004 / g3-001 / g2-001 sentences (names synthetic): rare characters and 该市 short forms
    a = art("浙江绍兴嵊新高速公路有限公司嵊州南收费站班组等7个班组荣获浙江省工人先锋号称号。")
    (o,) = [o for o in a.organizations if o.name.endswith("班组")]
    assert o.name == "浙江绍兴嵊新高速公路有限公司嵊州南收费站班组" and o.type == "team"
    (h,) = a.honors
    assert h.holder is not None and h.holder.id == o.id
    assert {x.name for x in art("四川德阳源丰潮扇有限责任公司董事长杨建勇表示").organizations} == {"四川德阳源丰潮扇有限责任公司"}
    assert "西北地勘局工会" in {x.name for x in art("西北地勘局工会5月27日召开汇报会。").organizations}
    assert {x.name for x in art("据该市总工会相关负责人介绍,职工收入增长。").organizations} == {"市总工会"}
    assert art("焊工、钳工、数控加工中心操作工参加比赛。").organizations == []


def test_user_dictionary_word_wins_over_segmentation(tmp_path):
    text = "参加劳模工匠助企行活动"
    assert "劳模工匠助企行" not in [w for w, _ in union_extract.Extractor().segmenter.tag(text)]
    (tmp_path / "user_dict.txt").write_text("# a user's word\n劳模工匠助企行 3 nz\n", encoding="utf-8")
    ex = union_extract.Extractor(lexicon_dir=str(tmp_path))
    assert "劳模工匠助企行" in [w for w, _ in ex.segmenter.tag(text)]


def test_byline_role_carries_the_outlet():
    a = art("标题在这里\n中工网讯 (记者 王 五)11月21日，记者从驻马店市总工会获悉。")
    (p,) = [p for p in a.persons if p.name == "王五"]
    assert [(r.title, r.organization) for r in p.roles] == [("记者", "中工网")]
    assert {"中工网", "驻马店市总工会"} <= {o.name for o in a.organizations}
    (m,) = p.mentions
    assert m.text == "王五"


def test_organisation_shapes_named_in_the_issue():
    # synthetic sentences around the organisation names listed in issue #3
    names = lambda t: {(o.name, o.type) for o in art(t).organizations}   # noqa: E731
    assert ("中国船舶重工集团公司第七二五研究所(洛阳船舶材料研究所)", "other") in names(
        "会议由中国船舶重工集团公司第七二五研究所(洛阳船舶材料研究所)承办。")
    assert ("郑州市管城回族区紫荆山南路街道办事处西堡社区", "community") in names(
        "郑州市管城回族区紫荆山南路街道办事处西堡社区组织活动。")
    assert ("汕头市总", "union") in names("汕头市总召开会议。")
    assert {("全总", "union"), ("省总工会", "union")} <= names("全总和省总工会领导出席。")
    a = art("华为技术有限公司采购运输部荣获先进集体称号。")
    orgs = {o.name: o for o in a.organizations}
    unit = orgs["华为技术有限公司采购运输部"]
    assert unit.parent == orgs["华为技术有限公司"].id
    assert [h.holder.id for h in a.honors] == [unit.id]
    # a job title after the unit: the company is the employer, no sub-unit record
    assert "东方汽轮机有限公司金工车间" not in {o.name for o in art("东方汽轮机有限公司金工车间数控铣工王建军获奖。").organizations}
    assert names("公司全部职工和公司干部参加。") == set()


def test_synthetic_union_sentences():
    # synthetic sentences written for this test in the style of union news
    a = art("中华全国总工会党组书记、副主席、书记处第一书记王东明在会上指出，要弘扬劳模精神。"
            "宁波市鄞州区总工会副主席李明华介绍，该区已建成职工之家56个。"
            "来自中铁十四局集团第二工程有限公司的全国劳动模范张建国说。")
    roles = {p.name: [(r.title, r.organization) for r in p.roles] for p in a.persons}
    assert roles["王东明"] == [("党组书记", "中华全国总工会"), ("副主席", "中华全国总工会"), ("书记处第一书记", "中华全国总工会")]
    assert roles["李明华"] == [("副主席", "宁波市鄞州区总工会")]
    assert "中铁十四局集团第二工程有限公司" in {o.name for o in a.organizations}
    assert [(h.name, h.holder.name) for h in a.honors] == [("全国劳动模范", "张建国")]


def test_honorifics_quotes_and_places_are_not_entities():
    # synthetic
    a = art("王师傅笑着说，这是大家的功劳。他说：“我们会继续努力。”温州市鹿城区五马街道五马社区居委会也派出3人。"
            "余杭区良渚街道总工会开展义诊。")
    assert a.persons == []
    assert {o.name for o in a.organizations} == {"温州市鹿城区五马街道五马社区居委会", "余杭区良渚街道总工会"}
