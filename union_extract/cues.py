"""Layout cues shared by wrap repair and page segmentation (compiled once)."""
import regex

HAN = r"\p{Han}"
# Opening of a news paragraph: 本报讯, 中工网讯, 新华社北京4月28日电, 本报记者 ...
DATELINE = regex.compile(
    r"(?:本报讯|本报(?:全媒体|首席|见习|特约)?记者|本报通讯员|"
    r"\p{Han}{1,10}?(?:网|报|社|台|客户端|新闻)?讯(?=[\s(（【]|记者|通讯员|$)|"
    r"新华社\p{Han}{0,8}\d{0,2}月?\d{0,2}日?电|"
    r"(?:\p{Han}{2,8}(?:网|报|日报|新闻|客户端)[-—]?)+(?:全媒体)?记者)"
)
# Lines that begin a new unit and must never be glued to the line above.
UNIT_START = regex.compile(r"[▲■●◆★□△▼◇◎☆]|——|──|--|[(（【\[]|\d+[、.．]|[一二三四五六七八九十]+、|"
                           r"(?:责任编辑|责编|编辑|来源|原标题|作者|图/|文/)")
TERMINAL = set("。！？!?…；;:：)）】」』")
TERMINAL_AFTER_QUOTE = regex.compile(r"[。！？!?…][”\"’']$")
SENTENCE_PUNCT = regex.compile(r"[，,、；;。！？!?：:]")
AUTHOR_LINE = regex.compile(r"^[■□●◆]\s*(?P<name>\S.{0,30})$")
EDITOR_LINE = regex.compile(r"^[(（]?(?P<role>责任编辑|责编|编辑|审核|校对)\s*[:：]?\s*(?P<names>[\p{Han}·\s、,，]{2,20}?)[)）]?$")
META_LINE = regex.compile(r"^(?:来源|原标题|当前刊期|发布时间|时间|作者)\s*[:：]|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
TRAILER = regex.compile(r"^[(（](?P<names>[\p{Han}·\s、/-]{2,24})[)）]$")
