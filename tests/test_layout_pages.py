"""Page layout table (issue #12): synthetic page snippets in the print layout (a blank line after
every line) with the titles they must split into. All texts are composed for these tests."""
import pytest

import union_extract
from union_extract.normalise import normalise

BODY_A = "为推动职工技能提升，某市总工会联合人社部门举办技能培训班，共有三百余名一线职工参加培训。"
BODY_B = "活动期间，工会干部走进车间班组，与职工面对面交流，收集意见建议二十余条，并逐条研究落实。"
BODY_C = "据介绍，下一步将继续扩大培训覆盖面，让更多职工在家门口提升技能、增加收入。"


def page(*lines):
    return "\n\n".join(lines)


CASES = [
    # headline + date lead, no byline at all
    ("plain headlines, date leads",
     page("某市总工会举办职工技能培训班", "5月1日，" + BODY_A, BODY_B,
          "某区工会开展送清凉活动慰问一线职工", "7月10日，" + BODY_B, BODY_C),
     ["某市总工会举办职工技能培训班", "某区工会开展送清凉活动慰问一线职工"]),
    # kicker / title / subtitle run above a dateline of another outlet
    ("kicker title subtitle, outlet dateline",
     page("某市总工会举办职工技能培训班", BODY_A + BODY_C,
          "技能提升 助力发展", "某省总工会表彰一批优秀技术能手", "——三十名职工获得表彰",
          "新华社某地5月1日电(张三)" + BODY_B),
     ["某市总工会举办职工技能培训班", "某省总工会表彰一批优秀技术能手"]),
    # a dated web dateline and a web information line under the headline
    ("web dateline and information line",
     page("某市总工会举办职工技能培训班", "日前，" + BODY_A,
          "某区工会开展送清凉活动", "发表时间:2024-07-10 10:15:33", "某某网7月10日讯 " + BODY_B),
     ["某市总工会举办职工技能培训班", "某区工会开展送清凉活动"]),
    # trailers close an article; the next headline needs no byline
    ("trailers then a plain headline",
     page("某市总工会举办职工技能培训班", "5月1日，" + BODY_A, "编辑:王五", "审核:赵六",
          "某区工会开展送清凉活动慰问职工", BODY_B + BODY_C),
     ["某市总工会举办职工技能培训班", "某区工会开展送清凉活动慰问职工"]),
    # photo captions and 图为 lines are not headlines
    ("captions stay in the body",
     page("某市总工会举办职工技能培训班", "5月1日，" + BODY_A, "市总工会主席在开班仪式上致辞",
          BODY_B, "图为培训现场", BODY_C, "职工们在结业仪式上合影", "5月3日，" + BODY_C),
     ["某市总工会举办职工技能培训班"]),
    # a short line that only finishes a wrapped sentence is no headline
    ("a wrapped sentence tail",
     page("某市总工会举办职工技能培训班", "5月1日，某市总工会联合人社部门举办技能培训班，共有三百余名来自全市各行业的一线",
          "职工代表参加培训", "5月2日，" + BODY_B),
     ["某市总工会举办职工技能培训班"]),
    # a photo credit line under the headline is not part of the title
    ("photo credit under the headline",
     page("某市总工会举办职工技能培训班", "某某公众号 图", "5月1日，" + BODY_A,
          "某区工会开展送清凉活动慰问职工", "张三 李四", "7月10日，" + BODY_B),
     ["某市总工会举办职工技能培训班", "某区工会开展送清凉活动慰问职工"]),
    # a notice ends with its signature and date; the next headline opens a new article
    ("signature and date close a notice",
     page("关于表彰某市先进职工之家的决定", "各区县工会，市直各单位工会：", BODY_A + BODY_C,
          "某市总工会", "二〇二四年一月十七日", "某区工会开展送清凉活动慰问职工", "7月10日，" + BODY_B),
     ["关于表彰某市先进职工之家的决定", "某区工会开展送清凉活动慰问职工"]),
    # traditional characters
    ("traditional characters",
     page("某市總工會舉辦職工技能培訓班", "5月1日，某市總工會聯合人社部門舉辦技能培訓班，共有三百餘名一線職工參加培訓。",
          "編輯:王五", "某區工會開展送清涼活動慰問職工", "7月10日，工會幹部走進車間班組，與職工面對面交流，收集意見建議二十餘條。"),
     ["某市總工會舉辦職工技能培訓班", "某區工會開展送清涼活動慰問職工"]),
    # a question as headline, above a dateline; a caption closing the previous article
    ("question headline after a caption",
     page("某市总工会举办职工技能培训班", "5月1日，" + BODY_A, "市总工会主席在结业仪式上讲话",
          "职工技能培训如何更接地气？", "本报讯(记者 王五)" + BODY_B),
     ["某市总工会举办职工技能培训班", "职工技能培训如何更接地气？"]),
    # a headline printed twice counts once; a spaced kicker line is not the title
    ("repeated headline and spaced subtitle",
     page("某市总工会举办职工技能培训班", "5月1日，" + BODY_A, "(完)",
          "某省职工技能大赛落幕", "某省职工技能大赛落幕", "五百名选手同台竞技 三十人获奖", "本报讯(记者 王五)" + BODY_B),
     ["某市总工会举办职工技能培训班", "某省职工技能大赛落幕"]),
]


@pytest.mark.parametrize("name,text,titles", CASES, ids=[c[0] for c in CASES])
def test_page_splits_into_its_articles(name, text, titles):
    arts = union_extract.extract(text).articles
    assert [a.title for a in arts] == titles


# single articles: short body lines, sub-heads and mid-text bylines never split them
SINGLES = [
    page("某市总工会举办职工技能培训班", "5月1日，" + BODY_A, "技能提升 激发活力", BODY_B, "服务职工 温暖人心", BODY_C),
    page("某市总工会举办职工技能培训班", "5月1日，" + BODY_A, "一、强化组织保障", "5月2日，" + BODY_B,
         "二、创新培训方式", "今年以来，" + BODY_C),
    "5月1日，" + BODY_A + "\n" + BODY_B + "\n征求意见。\n" + BODY_C,
    page("某市总工会举办职工技能培训班", BODY_A, "本报记者张三实习生李四某地报道", BODY_B, BODY_C),
    page(BODY_A, "市总工会主席在开班仪式上讲话", BODY_B, "某某网 王五摄", BODY_C),
    page("某市总工会举办职工技能培训班", "5月1日，" + BODY_A, "培训效果怎么样？", "5月3日，" + BODY_B),
]


@pytest.mark.parametrize("text", SINGLES)
def test_single_articles_stay_single(text):
    assert len(union_extract.extract(text).articles) == 1


@pytest.mark.parametrize("brk", ["\r", "\r\n", "\u2028", "\u2029", "\x85"])
def test_other_line_breaks_split_like_newlines(brk):
    text = CASES[0][1]
    other = text.replace("\n", brk)
    want = [(a.title, a.text) for a in union_extract.extract(text).articles]
    got = union_extract.extract(other).articles
    assert [(a.title, a.text) for a in got] == want
    for a in got:                         # offsets still point into the original text
        for p in a.persons + a.organizations:
            for m in p.mentions:
                assert "".join(other[m.start:m.end].split()) == m.text


def test_seed_page_with_carriage_returns_keeps_seven_articles(seed_text):
    assert len(union_extract.extract(seed_text.replace("\n", "\r")).articles) == 7


@pytest.mark.parametrize("brk", ["\r", "\u2028", "\u2029", "\x85"])
def test_line_breaks_become_newlines_one_to_one(brk):
    src = f"第一行{brk}{brk}第二行\r\n第三行"
    n = normalise(src)
    assert n.text == "第一行\n\n第二行\n第三行"
    i = n.text.index("第二行")
    assert src[n.span(i, i + 3)[0]:n.span(i, i + 3)[1]] == "第二行"


def test_kicker_title_subtitle_of_a_run():
    text = CASES[1][1]
    b = union_extract.extract(text).articles[1]
    assert (b.kicker, b.title, b.subtitle) == ("技能提升 助力发展", "某省总工会表彰一批优秀技术能手", "三十名职工获得表彰")
    assert b.byline.source == "新华社某地5月1日电" and b.byline.reporters == ["张三"]
    assert b.text.startswith("新华社")


def test_debug_shows_the_decisions(tmp_path):
    from conftest import run_cli
    src = tmp_path / "page.txt"
    src.write_text(CASES[0][1], encoding="utf-8")
    plain = run_cli("convert", str(src), "--quiet")
    dbg = run_cli("convert", str(src), "--quiet", "--debug")
    assert dbg.stdout == plain.stdout                     # the JSON is the same
    assert "HEADLINE" in dbg.stderr and "某区工会开展送清凉活动慰问一线职工" in dbg.stderr
    assert "news lead follows (date)" in dbg.stderr
    assert "HEADLINE" not in plain.stderr
