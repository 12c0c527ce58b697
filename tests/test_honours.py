"""Honours: name as written with level/issuer words, canonical, level, region, holder.

Sentences are from the gold fixtures (fixtures/gold_*.jsonl, sources named there) with the person
names replaced by synthetic ones, or marked synthetic.
"""
import pytest

import union_extract


def honours(text):
    (a,) = union_extract.extract(text).articles
    return {(h.name, h.canonical, h.level, h.region, h.holder.name if h.holder else None) for h in a.honors}


CASES = [
    # seed page: stacked titles before a name
    ("活动现场,全国五一劳动奖章获得者、省劳动模范孙晓明跟职工们分享自己成长的心路和故事。",
     {("全国五一劳动奖章", "五一劳动奖章", "national", None, "孙晓明"),
      ("省劳动模范", "劳动模范", "provincial", None, "孙晓明")}),
    ("邀请浙江省金蓝领、浙江工匠、金华市首席技师、武义县技能带头人周海涛为企业职工授课。",
     {("浙江省金蓝领", "金蓝领", "provincial", "浙江省", "周海涛"),
      ("浙江工匠", "工匠", "provincial", "浙江", "周海涛"),
      ("金华市首席技师", "首席技师", "municipal", "金华市", "周海涛"),
      ("武义县技能带头人", "技能带头人", "county", "武义县", "周海涛")}),
    # g1-001: a list of holders before 被授予, and collectives with 荣获
    ("其中嵊州市人民医院内科主任、主任医师赵建平,绍兴市蕺山中心小学校长、高级教师吴晓丽被授予全国五一劳动奖章。",
     {("全国五一劳动奖章", "五一劳动奖章", "national", None, "赵建平"),
      ("全国五一劳动奖章", "五一劳动奖章", "national", None, "吴晓丽")}),
    ("索密克汽车配件有限公司等3家单位荣获浙江省五一劳动奖状。",
     {("浙江省五一劳动奖状", "五一劳动奖状", "provincial", "浙江省", "索密克汽车配件有限公司")}),
    # g3-001: the organisation the item opens with is the subject of 荣获
    ("▲镇坪县总工会通过举办文化补习班和技术培训班的方法,先后培训职工600多人次,荣获安康地区工会“职工教育先进单位”称号。",
     {("职工教育先进单位", "先进单位", None, None, "镇坪县总工会")}),
    # g1-004: a list of holders before 获评, a quoted honour with its edition
    ("其中,国网德阳供电公司输电运检中心输电带电作业班班长郑国庆、绵竹市年画博物馆馆长沈明亮8人获评第四届“四川工匠”。",
     {("第四届“四川工匠”", "工匠", "provincial", "四川", "郑国庆"), ("第四届“四川工匠”", "工匠", "provincial", "四川", "沈明亮")}),
    # g2-007: a news outlet reporting is no holder
    ("澎湃新闻记者从上海市总工会获悉,今年上海市获评全国五一劳动奖常规表彰的对象共有91个。",
     {("全国五一劳动奖", "五一劳动奖", "national", None, None)}),
    # seed page: no holder named
    ("据悉,本次活动评选出五星班组3家,先进个人6人。",
     {("五星班组", "星级班组", None, None, None), ("先进个人", "先进个人", None, None, None)}),
]

NOTHING = [
    "感受劳模精神、劳动精神、工匠精神,为我们企业培养劳模工匠奠定基础。",   # seed page
    "组织开展“劳模工匠助企行”专项行动,发挥劳模工匠作用。",               # seed page
    "公司依托“劳模创新工作室”培育人才。",                                  # g3-009
    "他是一名高级技师,也是工程师。",                                        # synthetic: grades are no honours
    "涌现出一大批忠诚尽职、甘于奉献的先进集体和先进个人。",                  # g3-009: no conferral
]


@pytest.mark.parametrize("text,expected", CASES)
def test_honour_records(text, expected):
    assert honours(text) == expected


@pytest.mark.parametrize("text", NOTHING)
def test_not_honours(text):
    assert honours(text) == set()


def test_holder_lists_its_honours():
    (a,) = union_extract.extract("全国五一劳动奖章获得者、省劳动模范孙晓明跟职工们分享经验。").articles
    (p,) = [p for p in a.persons if p.name == "孙晓明"]
    assert {h.id for h in a.honors} == set(p.honors)


def test_issuing_region_opens_a_quoted_title():
    # synthetic
    assert honours("获得第一名的选手将按程序申报“山东省富民兴鲁劳动奖章”。") == {
        ("山东省富民兴鲁劳动奖章", "劳动奖章", "provincial", "山东省", None)}
    assert honours("济南二机床集团有限公司高级技师刘洪涛被评为“齐鲁大工匠”。") == {
        ("齐鲁大工匠", "工匠", "provincial", None, "刘洪涛")}


def test_lists_of_holders():
    # the two list shapes named in issue #4 (names from the issue; the company sentence is synthetic)
    assert {h[4] for h in honours("范存辉、范阳阳、李玲叶获全国五一劳动奖章。")} == {"范存辉", "范阳阳", "李玲叶"}
    got = honours("浙江跃岭股份有限公司、杭州传化精细化工有限公司和圣奥科技股份有限公司等3家单位荣获浙江省五一劳动奖状。")
    assert {h[4] for h in got} == {"浙江跃岭股份有限公司", "杭州传化精细化工有限公司", "圣奥科技股份有限公司"}
    assert {h[0] for h in got} == {"浙江省五一劳动奖状"}


def test_honour_before_a_name_is_a_person_cue():
    # synthetic
    assert honours("浙江工匠陈亮正在调试设备。") == {("浙江工匠", "工匠", "provincial", "浙江", "陈亮")}
    assert {(h[0], h[4]) for h in honours("首席技师刘明、技术能手赵阳分享心得。")} == {("首席技师", "刘明"), ("技术能手", "赵阳")}
    # but not a common word that happens to start with a surname character
    assert {h[4] for h in honours("200名全省优秀工匠代表被命名为“四川工匠”。")} == {None}
