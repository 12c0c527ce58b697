"""Layout cues shared by wrap repair and page segmentation (compiled once).

Cue words (trailer and meta labels, caption words, lead openers, continuation characters) are
data in ``lexicons/layout_cues.tsv``; this module only turns them into patterns.

Every pattern here is linear in the text: repetitions are bounded ({1,3} outlets) and runs that
may start anywhere carry a lookbehind, so a scan never restarts inside a run (tests/test_linearity.py)."""
import regex

from .lexicon import builtin_dir, read_tsv

HAN = r"\p{Han}"


_ROWS = read_tsv(builtin_dir() / "layout_cues.tsv")
CUE_WORDS: dict[str, list[str]] = {}
for _r in _ROWS:
    if _r.get("word"):
        CUE_WORDS.setdefault(_r["cue"], []).append(_r["word"])
# label -> byline list its names go to (editors, authors) or "source" (the outlet)
LABEL_FIELD = {r["word"]: r["field"] for r in _ROWS if r.get("field")}


def _alt(kind: str) -> str:
    words = sorted(set(CUE_WORDS.get(kind, [])), key=len, reverse=True)
    return "|".join(regex.escape(w) for w in words) or "(?!)"


# Opening of a news paragraph: 本报讯, 中工网讯, 新华社北京4月28日电, 本报记者 ...
DATELINE = regex.compile(
    r"(?:本报讯|本报(?:全媒体|首席|见习|特约)?记者|本报通讯员|"
    r"\p{Han}{1,10}?(?:网|报|社|台|客户端|新闻)?讯(?=[\s(（【]|记者|通讯员|$)|"
    r"新华社\p{Han}{0,8}\d{0,2}月?\d{0,2}日?电|"
    r"\p{Han}{1,10}?(?:网|报|社|台|新闻|客户端)\p{Han}{0,6}?\d{1,2}月\d{1,2}日(?:电|讯)|"
    r"(?=[\p{Han}\-—]{3,40}?记者)(?:\p{Han}{2,8}(?:网|报|日报|新闻|客户端)[-—]?){1,3}(?:全媒体)?记者)"
)
# Lines that begin a new unit and must never be glued to the line above.
UNIT_START = regex.compile(r"[▲■●◆★□△▼◇◎☆]|——|──|--|[(（【\[]|(?<!\d)\d+[、.．]|(?<![一二三四五六七八九十])[一二三四五六七八九十]+、|"
                           rf"(?:{_alt('trailer')})(?:\s*[:：|｜]|\s)|(?:{_alt('meta')})\s*[:：|｜]|图/|文/")
TERMINAL = set("。！？!?…；;:：)）】」』")
TERMINAL_AFTER_QUOTE = regex.compile(r"[。！？!?…][”\"’']$")
SENTENCE_PUNCT = regex.compile(r"[，,、；;。！？!?：:]")
AUTHOR_LINE = regex.compile(r"^[■□●◆]\s*(?P<name>\S.{0,30})$")
_EDITORS = "|".join(regex.escape(w) for w in sorted(
    (w for w in CUE_WORDS.get("trailer", []) if LABEL_FIELD.get(w) == "editors"), key=len, reverse=True))
EDITOR_LINE = regex.compile(rf"^[(（]?(?P<role>{_EDITORS})\s*[:：]?\s*(?P<names>[\p{{Han}}·\s、,，]{{2,20}}?)[)）]?$")
META_LINE = regex.compile(rf"^(?:{_alt('meta')})\s*[:：|｜]|^\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?$")
TRAILER = regex.compile(r"^[(（](?P<names>[\p{Han}·\s、/-]{2,24})[)）]$")
# A closing line: 编辑:张三, 初审:李四, 来源:某报 责编:王五, (完)
TRAILER_LABEL = regex.compile(rf"^[(（【]?(?:{_alt('trailer')})\s*[:：|｜]|^(?:{_alt('end')})$")
# A web-page information line: a URL, or a short line carrying a full date (柳州日报 2019-04-25 10:18)
WEB_META = regex.compile(r"^(?:https?:)?//\S|^(?=.{0,50}$)[^，。,；;！？]*\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}(?![\d])")
# Photo captions and credits: 图为…, …致辞/讲话/合影, …摄, 申工社 图, (资料图)
CAPTION = regex.compile(rf"^(?:{_alt('caption_start')})|(?:{_alt('caption')})[。.]?$")
_PHOTO = f"{_alt('photo')}|{_alt('photo_glued')}"
PHOTO_CREDIT = regex.compile(rf"[\s/](?:{_PHOTO})[)）]?$|^[(（](?:{_PHOTO})[)）]$|(?<!拍)(?:{_alt('photo_glued')})$")
PHOTO_WORDS = tuple(CUE_WORDS.get("photo", []) + CUE_WORDS.get("photo_glued", []))
# The photographer's name at a paragraph's end: …留念。张三摄 / 人民网 张三摄 / 张三/摄 / 张三 图
PHOTO_END = regex.compile(rf"(?:^|(?<=[。！？!?”\s)）]))(?P<names>\p{{Han}}{{2,4}}(?:[、\s]\p{{Han}}{{2,4}})?)"
                          rf"(?:\s*/?\s*(?:{_alt('photo_glued')})|\s*[\s/]\s*(?:{_alt('photo')}))[)）]?$")
# The opening of a news lead: a date, a time word, or a bracketed credit (张三)
LEAD = regex.compile(rf"^(?:\d{{1,4}}(?:年|月|日)|[一二三四五六七八九十〇]{{1,3}}月|(?:{_alt('lead')})|[(（][\p{{Han}}\s]{{2,14}}[)）])")
# A line starting with one of these continues the line above (的志愿者们…)
CONTINUES = regex.compile(rf"^(?:[，,、。；;：:！？!?)）」』”》%]|{_alt('continue')})")
NUMBERED = regex.compile(r"^(?:[(（]?[一二三四五六七八九十]{1,3}[)）、.．]|\d{1,2}[、.．)）](?!\d)|第[一二三四五六七八九十]{1,3}[,，、])")

_HEAD_STOP = regex.compile(r"[。；;]")
_HEAD_COMMA = regex.compile(r"[，,、]")
_SENTENCE_END = set("。！？!?…；;:：")


_DATE_LEAD = regex.compile(r"^\d{1,2}月\d{1,2}日[^，,]{0,4}[，,]")


def headline_shaped(text: str) -> bool:
    """Short, at most one comma, no full stop inside, no sentence-final mark at the end, not a
    lead that opens with its date (5月13日,…)."""
    t = text.strip()
    if _DATE_LEAD.match(t):
        return False
    visible = len(t) - t.count(" ") - t.count("\t")
    return (0 < visible <= 40 and not _HEAD_STOP.search(t) and len(_HEAD_COMMA.findall(t)) <= 1
            and t[-1] not in _SENTENCE_END and t[-1] not in "，,、" and not TERMINAL_AFTER_QUOTE.search(t))

# A credit label anywhere in a line, with its separator: 编辑:, 来源 |, 羊城派责编 |
LABEL = regex.compile(rf"(?P<label>{'|'.join(regex.escape(w) for w in sorted(LABEL_FIELD, key=len, reverse=True))})"
                      r"\s*[:：|｜]\s*")
