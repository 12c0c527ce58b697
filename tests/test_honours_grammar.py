"""The conferral and apposition grammar of honours and holders (issue #10), Recognizers style:
sentence -> expected {(honour as written, holder name or None)}. Every sentence is synthetic
(composed for this file; the names are invented)."""
import json

import pytest

import union_extract
from union_extract.convert import convert_one
from union_extract.pipeline import Extractor
from union_extract.reading import RawDocument


def pairs(text):
    (a,) = union_extract.extract(text).articles
    return {(h.name, h.holder.name if h.holder else None) for h in a.honors}


APPOSITION = [
    # honour, then employer + job title, then the name ending the chain
    ("全国劳动模范、华东机械有限公司高级工程师陈立新介绍了经验。", {("全国劳动模范", "陈立新")}),
    ("省五一劳动奖章获得者、市劳动模范、新城供电公司运检班班长赵文博作典型发言。",
     {("省五一劳动奖章", "赵文博"), ("市劳动模范", "赵文博")}),
    ("全国五一劳动奖章获得者代表、东海精密仪器有限公司模具设计师蒋立平发言。", {("全国五一劳动奖章", "蒋立平")}),
    ("市劳模代表吴海燕作表态发言。", {("市劳模", "吴海燕")}),
    ("会议由副主席蓝天佑主持，全国劳动模范罗振华、许国平发言。", {("全国劳动模范", "罗振华")}),
    # a conjunction after an honour starts no name
    ("授予全县劳动模范和先进工作者荣誉称号的决定印发。", {("全县劳动模范", None), ("先进工作者", None)}),
    ("全国劳模、“大国工匠”高凤鸣来到现场。", {("全国劳模", "高凤鸣"), ("大国工匠", "高凤鸣")}),
    ("省五一劳动奖章获得者吕志刚为职工授课。", {("省五一劳动奖章", "吕志刚")}),
    # 获奖集体代表: the unit of the named person holds a collective honour
    ("全国五一劳动奖状获奖集体代表、江南纺织股份有限公司董事长孙丽华出席会议。",
     {("全国五一劳动奖状", "江南纺织股份有限公司")}),
    # the reverse order: name, honour
    ("华丰纺织厂挡车工周建国，全国劳动模范，多年扎根一线。", {("全国劳动模范", "周建国")}),
    ("东方电机厂高级技师苏明远，2018年全国先进工作者，如今仍在车间。", {("全国先进工作者", "苏明远")}),
]

CONFERRAL = [
    # object lists after 授予, with counts, quoted titles and ； clauses
    ("授予郑晓明、钱志强等5名同志“全省技术能手”荣誉称号。", {("全省技术能手", "郑晓明"), ("全省技术能手", "钱志强")}),
    ("大会授予何建平等同志县劳动模范和许文杰等同志县先进工作者荣誉称号。",
     {("县劳动模范", "何建平"), ("县先进工作者", "许文杰")}),
    ("授予邓建华、梁振宇等10人为长沙市特等劳动模范荣誉称号。",
     {("长沙市特等劳动模范", "邓建华"), ("长沙市特等劳动模范", "梁振宇")}),
    # subject lists before the verb
    ("冯雪梅、蒋春生被评为市级劳动模范。", {("市级劳动模范", "冯雪梅"), ("市级劳动模范", "蒋春生")}),
    ("沈国华获评“浙江工匠”。", {("浙江工匠", "沈国华")}),
    ("韩志远荣获全国五一劳动奖章。", {("全国五一劳动奖章", "韩志远")}),
    ("经过层层推荐，魏红、潘玉田、董小川成功推选为第二届江州市“最美职工”。",
     {("第二届江州市“最美职工”", "魏红"), ("第二届江州市“最美职工”", "潘玉田"),
      ("第二届江州市“最美职工”", "董小川")}),
    # a count without 等, one verb shared by two honours, the name after 的, a copula
    ("夏立新、谭海东、邱志伟3人获评市级劳动模范。",
     {("市级劳动模范", "夏立新"), ("市级劳动模范", "谭海东"), ("市级劳动模范", "邱志伟")}),
    ("韦明达荣获全国劳动模范和全国五一劳动奖章。", {("全国劳动模范", "韦明达"), ("全国五一劳动奖章", "韦明达")}),
    ("荣获全国五一劳动奖章的龚志远说，荣誉属于大家。", {("全国五一劳动奖章", "龚志远")}),
    ("记者见到了车间主任严立军，他是全国劳动模范。", {("全国劳动模范", "严立军")}),
    # a pronoun subject stands for the person named last; a passive with its agent (被市总工会授予)
    ("2016年，聂志刚被评为省劳动模范；2020年，他又荣获全国五一劳动奖章。",
     {("省劳动模范", "聂志刚"), ("全国五一劳动奖章", "聂志刚")}),
    ("万立新被市总工会授予“优秀工会工作者”称号。", {("优秀工会工作者", "万立新")}),
    # the name a biography sentence opens with; a name the segmenter tags after 其中
    ("邹建军，中铁十一局高级技师，曾获全国五一劳动奖章。", {("全国五一劳动奖章", "邹建军")}),
    ("比赛中我市选手成绩优异，其中宋建华获得焊工组金奖。", {("金奖", "宋建华")}),
    # a biography sentence of short descriptions; 为/向 + list + honour + 颁发
    ("邱晓燕，女，1980年生，现任车间主任，全国三八红旗手。", {("全国三八红旗手", "邱晓燕")}),
    ("岳阳市总工会为郝春生等10名“岳阳工匠”颁发证书。", {("岳阳工匠", "郝春生")}),
    # 作为 + honour, the name opening the next clause
    ("作为全国劳动模范，钱卫东始终坚守在生产一线。", {("全国劳动模范", "钱卫东")}),
    # items of the form unit + 的 + name: the person holds it, not the unit
    ("城东医院的杨晓燕、第二中学的朱立明和汇丰机械厂的秦海波获市三八红旗手称号。",
     {("市三八红旗手", "杨晓燕"), ("市三八红旗手", "朱立明"), ("市三八红旗手", "秦海波")}),
    # two verbs in one sentence: each honour takes the subject after the previous one
    ("机电学院教授罗海涛获省五一劳动奖章、化工学院孔繁星获市五一劳动奖章。",
     {("省五一劳动奖章", "罗海涛"), ("市五一劳动奖章", "孔繁星")}),
    # a roster after the conferral: every name of the list
    ("省总工会命名了首批100名“江东工匠”，我市3人入选。入选的3人分别为：江东机械有限公司副经理包立成，"
     "江东港务集团技术部长、总工程师柯明辉，市供电公司电网检修专家苗建华。",
     {("江东工匠", "包立成"), ("江东工匠", "柯明辉"), ("江东工匠", "苗建华")}),
    # 分别: holders and honours pair up in order; a speaker before 介绍， is no subject
    ("该公司职工殷小平、滕国庆分别获得省级技术能手和市级技术能手称号。",
     {("省级技术能手", "殷小平"), ("市级技术能手", "滕国庆")}),
    ("公司总经理赵明远介绍，公司员工钱立秋今年获得省五一劳动奖章。", {("省五一劳动奖章", "钱立秋")}),
    # only the list ending at the verb; a name before 的师傅 holds nothing
    ("车间主任严立新的师傅是全国劳动模范。", {("全国劳动模范", None)}),
    ("厂长严立新、副厂长骆宏远荣获全国五一劳动奖章。", {("全国五一劳动奖章", "严立新"), ("全国五一劳动奖章", "骆宏远")}),
    # a nominee title is its own honour, conferred on its own list
    ("决定命名章立新、岳明等2名同志为第三届“江城工匠”人物，范晓东、卢永强等2名同志为第三届“江城工匠”提名人物。",
     {("第三届“江城工匠”人物", "章立新"), ("第三届“江城工匠”人物", "岳明"),
      ("第三届“江城工匠”提名人物", "范晓东"), ("第三届“江城工匠”提名人物", "卢永强")}),
]

LISTED_AFTER = [
    # holders listed after the honour: 的 + holder noun + copula, 其中 + lists, 获此殊荣
    ("全市3个荣获省五一劳动奖状的单位是江北机械有限公司和东湖纺织有限公司，以及南山建材集团有限公司。",
     {("省五一劳动奖状", "江北机械有限公司"), ("省五一劳动奖状", "东湖纺织有限公司"),
      ("省五一劳动奖状", "南山建材集团有限公司")}),
    ("15人荣获市五一劳动奖章，其中市公交集团驾驶员韦立新等8人来自基层一线，市自来水公司技师鲍志刚等7人为技术骨干。",
     {("市五一劳动奖章", "韦立新"), ("市五一劳动奖章", "鲍志刚")}),
    ("江北机械有限公司获评全国工人先锋号，东湖纺织有限公司等3个集体也获此殊荣。",
     {("全国工人先锋号", "江北机械有限公司"), ("全国工人先锋号", "东湖纺织有限公司")}),
    ("去年，江北机械有限公司质检站站长韦立新荣获省劳动模范称号。今年，同厂技师鲍志刚也获此殊荣。",
     {("省劳动模范", "韦立新"), ("省劳动模范", "鲍志刚")}),
    # a team the organisation finder left out does not break the list of holders
    ("江北机械有限公司分厂装药班、东湖纺织有限公司二车间甲班荣获全国工人先锋号称号。",
     {("全国工人先锋号", "江北机械有限公司分厂"), ("全国工人先锋号", "东湖纺织有限公司")}),
    # ... and negatives: a copula or 其中 with no name after it, 获此殊荣 with no honour before
    ("荣获市五一劳动奖章的职工是企业的骨干。", {("市五一劳动奖章", None)}),
    ("28人荣获市劳动模范称号，其中女性占三成。", {("市劳动模范", None)}),
    ("韦立新荣获省劳动模范称号。他说，获此殊荣是大家共同努力的结果。", {("省劳动模范", "韦立新")}),
]

OPEN_CLASSES = [
    ("区级劳模马晓东带领班组攻关。", {("区级劳模", "马晓东")}),
    ("自治区劳模柏志强讲述了创业经历。", {("自治区劳模", "柏志强")}),
    ("县级劳模、村党支部书记黎红英带领村民致富。", {("县级劳模", "黎红英")}),
    ("全国五一劳动奖章获得者、鞍钢工匠庞德明走上讲台。", {("全国五一劳动奖章", "庞德明"), ("鞍钢工匠", "庞德明")}),
    ("一等奖获得者邵晓军来自市公交集团。", {("一等奖", "邵晓军")}),
    ("去年，该工作室被命名为市级劳模创新工作室。", {("市级劳模创新工作室", None)}),
    ("公司被命名为“全国示范性劳模和工匠人才创新工作室”。", {("全国示范性劳模和工匠人才创新工作室", None)}),
    ("全省共有省部级劳模900余名。", {("省部级劳模", None)}),
    ("他被评为“三八女标兵”。", {("三八女标兵", None)}),
    ("唐宏伟荣获“优秀共产党员”称号。", {("优秀共产党员", "唐宏伟")}),
    ("王芳获评“金牌工人”。", {("金牌工人", "王芳")}),
    ("龙川镇卫生院被授予“巾帼文明示范岗”称号。", {("巾帼文明示范岗", "龙川镇卫生院")}),
    ("今年有12家单位获评“模范职工之家”。", {("模范职工之家", None)}),
    ("本届评出五星级职工之家8家。", {("五星级职工之家", None)}),
    ("在昨天的决赛中，黎志华获得全省职工技能大赛一等奖。", {("全省职工技能大赛一等奖", "黎志华")}),
    ("决赛中，青年焊工伍立群摘得银奖。", {("银奖", "伍立群")}),
    ("孟庆丰被评为齐鲁工匠。", {("齐鲁工匠", "孟庆丰")}),
]

NEGATIVES = [
    "召开全市劳动模范和先进工作者表彰大会。",            # inside a meeting's name
    "第五届“江城工匠”发布仪式在市文化中心举行。",          # a meeting named after the honour
    "公司依托劳模创新工作室培育技术人才。",                 # a studio's name
    "向各级劳动模范致以崇高的敬意。",                       # a generic plural
    "大会表彰了一批先进集体和先进个人。",                   # ... reaching over a coordination
    "退休后享受省部级劳动模范和先进工作者待遇。",            # a compound reaching over one too
    "五星级酒店的服务员正在培训。",                          # a star rating of no honour
    "这次行动的目的是组织劳模工匠与企业对接。",              # a copula makes no 工匠 title
    "每期设一等奖1名、二等奖2名，奖品价值500元。",           # prizes nobody is said to win
    "发放资金奖励50万元，设立一等奖学金。",                   # prize words inside other words
    "全市现有市级以上劳模创新工作室86家。",                  # rated studios counted, none conferred
    "市总工会命名“柯立新劳模创新工作室”为示范点。",          # a studio's own name
]


def test_relative_clause_names_no_subject():
    # the speaker congratulates the recipients; he holds nothing
    text = "会上，市委书记魏建平向荣获市五一劳动奖章的集体和个人表示祝贺。"
    assert pairs(text) == {("市五一劳动奖章", None)}


@pytest.mark.parametrize("text,expected", APPOSITION + CONFERRAL + LISTED_AFTER + OPEN_CLASSES)
def test_grammar(text, expected):
    assert pairs(text) == expected


@pytest.mark.parametrize("text", NEGATIVES)
def test_not_conferred(text):
    assert pairs(text) == set()


def test_byline_reporter_is_no_holder():
    text = "本报讯（记者 林海涛）日前，徐国强荣获全国五一劳动奖章。"
    assert pairs(text) == {("全国五一劳动奖章", "徐国强")}


def test_restated_honour_adds_no_null_record():
    text = "大会授予龚建军全国劳动模范称号。会上，受表彰的劳动模范和全国劳动模范代表合影。"
    assert pairs(text) == {("全国劳动模范", "龚建军")}


def test_document_title_confers_only_with_holders():
    text = "会议宣读了《关于表彰市级劳动模范和先进工作者的决定》，授予蔡志强等10名同志市级劳动模范荣誉称号。"
    assert pairs(text) == {("市级劳动模范", "蔡志强")}
    text = "宣读了《关于授予魏立强等同志县劳动模范荣誉称号的决定》。"
    assert pairs(text) == {("县劳动模范", "魏立强")}


def test_null_holder_when_nobody_is_named():
    assert pairs("今年全市共评选出市级劳动模范50名。") == {("市级劳动模范", None)}


def test_a_user_conferral_verb_extends_the_grammar(tmp_path):
    (tmp_path / "conferral_verbs.tsv").write_text("verb\tdirection\n捧得\tsubject\n", encoding="utf-8")
    text = "韦国梁捧得全国五一劳动奖章。"
    (a,) = union_extract.Extractor(lexicon_dir=str(tmp_path)).extract(text).articles
    assert {(h.name, h.holder.name if h.holder else None) for h in a.honors} == {("全国五一劳动奖章", "韦国梁")}
    assert pairs(text) == {("全国五一劳动奖章", None)}


def test_every_decision_keeps_a_reason():
    (a,) = union_extract.extract("冯雪梅、蒋春生被评为市级劳动模范。").articles
    assert all("lexicon core" in h.why and "subject before 被评为" in h.why for h in a.honors)
    assert "why" not in a.model_dump_json()                    # not in the public contract
    assert "why" not in json.dumps(union_extract.Article.model_json_schema())


def test_debug_output_shows_the_reasons():
    doc = RawDocument(source_id="d", text="韩志远荣获全国五一劳动奖章。")
    _, lines, _, _ = convert_one(doc, Extractor(), debug=True)
    (line,) = lines
    (h,) = json.loads(line)["honors"]
    assert h["why"].endswith("holder: subject before 荣获")
