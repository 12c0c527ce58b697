"""The seed page must come out as exactly its 7 articles, in page order (issue #2)."""


def test_seed_page_has_seven_articles_in_order(seed_doc):
    arts = seed_doc.articles
    assert len(arts) == 7
    a = arts[0]
    assert "温岭市总工会“劳模工匠助企行”专项行动启动" in a.title
    assert "精准匹配需求" in (a.kicker or "") + (a.subtitle or "")
    assert a.byline.reporters == ["潘仙德"]
    b = arts[1]
    assert b.title == "武义县总工会发挥劳模工匠特长助企纾困"
    assert b.kicker == "汇聚共富能量"
    assert b.byline.reporters == ["羊荣江"]
    assert b.byline.correspondents == ["陶梦曦", "金诚"]
    c = arts[2]
    assert "开展五型班组创建成果交流展示活动" in c.title
    assert c.kicker == "小班组 迸发大能量"
    assert c.byline.correspondents == ["漏鑫瑞"]
    d = arts[3]
    assert "《德清县能级工资集体协商评价细则》发布" in d.title
    assert d.kicker == "程序更规范 内容更完整"
    assert d.byline.reporters == ["曹慧桢"]
    e = arts[4]
    assert e.title == "进社区 送演出"
    assert e.byline.correspondents == ["毛朝阳", "刘亨", "彭家龙"]
    assert e.byline.photographers == ["毛朝阳", "刘亨", "彭家龙"]
    f = arts[5]
    assert f.title == "新时代“枫桥经验”的工会数智化创新实践"
    assert f.column == "理论天地"
    assert f.byline.authors == ["中共诸暨市总工会党组"]
    g = arts[6]
    assert "把这份走心奖品做成明信片" in g.title
    assert g.column == "工会“小灵通”"
    assert g.byline.reporters == ["李凡"]
    assert g.byline.correspondents == ["曾昊昊"]


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
    a = union_extract.extract("标题在这里\n中工网讯 (记者 张 宝)11月21日，记者从驻马店市总工会获悉。\n编辑:郭丽娟").articles[0]
    assert a.byline.reporters == ["张宝"]
    assert a.byline.editors == ["郭丽娟"]
    assert a.byline.source == "中工网讯"
    b = union_extract.extract("本报讯(记者 尚慧辉 实习生 乐欣荣)1月23日，我省表彰优秀选手。").articles[0]
    assert b.byline.reporters == ["尚慧辉"] and b.byline.interns == ["乐欣荣"]
    # a role word that opens an ordinary sentence is no byline
    c = union_extract.extract("记者看到，百名货车司机早早收拾好行囊。").articles[0]
    assert c.byline.reporters == []


def test_synthetic_page_with_subtitle_dateline_and_bracketed_editor():
    # synthetic page in union-paper layout
    import union_extract
    page = ("要闻\n\n全国五一劳动奖和全国工人先锋号表彰大会在京举行\n——习近平致信祝贺\n\n"
            "新华社北京4月28日电 表彰大会28日在北京举行。大会表彰了一批先进集体和个人。\n\n"
            "职工之家\n\n温暖驿站暖人心\n\n本报记者 陈晓燕\n\n"
            "“有了这个驿站，我们户外劳动者终于有了歇脚的地方。”截至目前，全市已建成工会驿站326个。\n\n（责任编辑：刘洋）")
    a, b = union_extract.extract(page).articles
    assert (a.column, a.title, a.subtitle) == ("要闻", "全国五一劳动奖和全国工人先锋号表彰大会在京举行", "习近平致信祝贺")
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
