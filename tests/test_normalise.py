from union_extract.normalise import normalise, should_join


def test_hard_wrap_across_blank_lines_is_rejoined(seed_text):
    n = normalise(seed_text)
    assert "全国五一劳动奖章获得者" in n.text
    assert "电力安全技术检修服务队的志愿者们" in n.text
    # real paragraph and headline breaks stay
    assert "劳模工匠助企行\n\n精准匹配需求" in n.text
    assert "杭州市萧山区总工会\n开展五型班组" in n.text


def test_offsets_map_back_to_original(seed_text):
    n = normalise(seed_text)
    i = n.text.index("全国五一劳动奖章")
    s, e = n.span(i, i + len("全国五一劳动奖章"))
    assert "".join(seed_text[s:e].split()) == "全国五一劳动奖章"


def test_full_width_unified_one_to_one():
    src = "增长４，５６５元，ＡＢＣ　达到１２％"
    n = normalise(src)
    assert n.text == "增长4,565元，ABC 达到12%"  # a thousands separator, but the Chinese comma stays
    assert len(n.text) == len(src)


def test_control_characters_dropped_with_offsets():
    src = "\ufeff温岭\r\n市\x00总工会"
    n = normalise(src)
    assert "\x00" not in n.text and "\ufeff" not in n.text and "\r" not in n.text
    i = n.text.index("总工会")
    s, e = n.span(i, i + 3)
    assert src[s:e] == "总工会"


def test_headline_lines_not_joined():
    assert not should_join("温岭市总工会“劳模工匠助企行”专项行动启动", "本报讯 记者王建华报道")
    assert not should_join("2024年全国五一劳动奖揭晓,上海有96个获奖对象", "4月28日,2024年全国五一劳动奖揭晓。")
    assert should_join("活动现场,温岭市总工会为3支“劳模工匠助企行”志愿服务队授旗。全国五一劳", "动奖章获得者")
