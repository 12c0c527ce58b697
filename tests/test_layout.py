"""The seed page must come out as exactly its 7 articles, in page order (issue #2)."""
import json

from conftest import FIXTURES

SEED_KEYS = {"title", "title_contains", "kicker", "kicker_or_subtitle_contains", "column", "byline"}


def test_seed_page_has_seven_articles_in_order(seed_doc):
    # the expected values (titles, kickers, columns, byline names) are data: fixtures/seed_expected.json
    expected = json.loads((FIXTURES / "seed_expected.json").read_text(encoding="utf-8"))["articles"]
    arts = seed_doc.articles
    assert len(expected) == 7
    assert len(arts) == 7
    for a, want in zip(arts, expected):
        assert set(want) <= SEED_KEYS, set(want) - SEED_KEYS      # a misspelt key would check nothing
        where = a.article_index
        if "title" in want:
            assert a.title == want["title"], where
        if "title_contains" in want:
            assert want["title_contains"] in a.title, where
        if "kicker" in want:
            assert a.kicker == want["kicker"], where
        if "kicker_or_subtitle_contains" in want:
            assert want["kicker_or_subtitle_contains"] in (a.kicker or "") + (a.subtitle or ""), where
        if "column" in want:
            assert a.column == want["column"], where
        assert want["byline"], where
        for role, names in want["byline"].items():
            assert getattr(a.byline, role) == names, (where, role)


def test_headlines_do_not_leak_into_body(seed_doc):
    for art in seed_doc.articles:
        for head in (art.title, art.kicker, art.subtitle, art.column):
            if head:
                for part in head.split():
                    assert not art.text.startswith(part), (art.article_index, part)
    assert "理论天地" not in seed_doc.articles[5].text
    assert "老师创意手绘" not in seed_doc.articles[6].text


def test_article_spans_are_in_page_order(seed_doc, seed_text):
    spans = [(a.span.start, a.span.end) for a in seed_doc.articles]
    assert spans == sorted(spans)
    assert all(s < e <= len(seed_text) for s, e in spans)
    assert "劳模工匠助企行" in seed_text[spans[0][0]:spans[0][1]]


def test_single_article_in_gives_one_article_out(gold_docs):
    import union_extract
    for g in gold_docs:
        if g["kind"] == "article":
            assert len(union_extract.extract(g["text"], g["id"]).articles) == 1, g["id"]


def test_byline_forms():
    import union_extract
    a = union_extract.extract("标题在这里\n中工网讯 (记者 王 五)11月21日，记者从驻马店市总工会获悉。\n编辑:吴晓丽").articles[0]
    assert a.byline.reporters == ["王五"]
    assert a.byline.editors == ["吴晓丽"]
    assert a.byline.source == "中工网讯"
    b = union_extract.extract("本报讯(记者 孙晓明 实习生 周小红)1月23日，我省表彰优秀选手。").articles[0]
    assert b.byline.reporters == ["孙晓明"] and b.byline.interns == ["周小红"]
    # a role word that opens an ordinary sentence is no byline
    c = union_extract.extract("记者看到，百名货车司机早早收拾好行囊。").articles[0]
    assert c.byline.reporters == []


def test_synthetic_page_with_subtitle_dateline_and_bracketed_editor():
    # synthetic page in union-paper layout
    import union_extract
    page = ("要闻\n\n全国五一劳动奖和全国工人先锋号表彰大会在京举行\n——王建国致信祝贺\n\n"
            "新华社北京4月28日电 表彰大会28日在北京举行。大会表彰了一批先进集体和个人。\n\n"
            "职工之家\n\n温暖驿站暖人心\n\n本报记者 陈晓燕\n\n"
            "“有了这个驿站，我们户外劳动者终于有了歇脚的地方。”截至目前，全市已建成工会驿站326个。\n\n（责任编辑：刘洋）")
    a, b = union_extract.extract(page).articles
    assert (a.column, a.title, a.subtitle) == ("要闻", "全国五一劳动奖和全国工人先锋号表彰大会在京举行", "王建国致信祝贺")
    assert a.byline.source == "新华社北京4月28日电"
    assert (b.kicker, b.title, b.byline.reporters, b.byline.editors) == ("职工之家", "温暖驿站暖人心", ["陈晓燕"], ["刘洋"])
    assert "新华社" in {o.name for o in a.organizations}


def test_bylines_in_brackets_at_the_end_and_text_image_credits():
    # synthetic
    import union_extract
    a = union_extract.extract("工会举办活动，职工踊跃参加。（记者 张三 通讯员 李四）").articles[0]
    assert (a.byline.reporters, a.byline.correspondents, a.byline.authors) == (["张三"], ["李四"], [])
    b = union_extract.extract("工会举办活动，职工踊跃参加。（工人日报记者 孙八）").articles[0]
    assert b.byline.reporters == ["孙八"] and b.byline.source == "工人日报"
    assert [(r.title, r.organization) for r in b.persons[0].roles] == [("记者", "工人日报")]
    c = union_extract.extract("文/图 王五\n工会举办活动，职工踊跃参加。").articles[0]
    assert c.byline.authors == ["王五"] and c.byline.photographers == ["王五"]


def test_a_column_label_padded_with_quotes_and_spaces_is_still_one():
    """is_column skips paragraphs by the head of the line; padding must not hide a label."""
    from union_extract.layout import is_column
    from union_extract.lexicon import load
    lex = load(None)
    label = min(lex.columns_exact, key=len)
    assert is_column(label, lex)
    assert is_column("“" * 40 + label + " " * 10 + "”", lex)
    assert is_column(" ".join(label) + "　" * 30, lex)
    assert not is_column(label + "，" + "各级工会组织积极开展活动" * 5, lex)
    assert not is_column("“" * 40 + label + "工会开展职工技能竞赛活动", lex)
