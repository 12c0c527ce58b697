"""Score a candidate article boundary: does a run of headline-like lines open a new article?

A page dump gives no markup, only layout. Each piece of evidence adds or takes a weight, and a
run whose sum reaches ``THRESHOLD`` starts an article. The evidence and its sum are kept in a
:class:`Decision` so ``--debug`` can show why a line did or did not become a headline.
Weights were set on the public composed pages and the seed page, then checked on the single
articles (which must never split).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from .cues import LEAD, NUMBERED, TERMINAL, TERMINAL_AFTER_QUOTE

THRESHOLD = 5
W = {
    "dateline or byline follows": 4,     # 本报讯 / 新华社…电 / 记者张三 right below the run
    "column or author line": 3,          # 理论天地, ■作者, 张三 李四
    "web information line": 2,           # 来源:…, 发布时间:…, a URL, 柳州日报 2019-04-25
    "previous article closed": 3,        # 编辑:…, 初审:…, (完), a date line
    "previous paragraph complete": 1,    # the line above ends with 。！？” …
    "previous line unfinished": -4,      # the short line only finishes a wrapped sentence
    "headline of 8+ characters": 1,
    "headline of 16+ characters": 1,
    "body paragraph follows": 1,
    "no body paragraph follows": -3,     # a signature, a date, a list item: no article starts here
    "news lead follows (date)": 2,       # 4月28日, … / 2024年…
    "news lead follows": 1,              # 日前, 近日 … / (张三)…
    "address line follows": 1,           # 各县、区工会: (a notice or decision opens with its addressees)
    "lead restates the headline": 1,     # a third of the headline's character pairs recur in the lead
    "numbered sub-head": -4,             # 一、… / (二) … / 1. …
    "headline ends with ! or ?": -1,     # 如何…？ may head an article, or be a question in the body
}


@dataclass
class Decision:
    score: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, reason: str) -> None:
        self.score += W[reason]
        self.reasons.append(f"{W[reason]:+d} {reason}")

    @property
    def new_article(self) -> bool:
        return self.score >= THRESHOLD


_NOT_WORD = regex.compile(r"[^\p{Han}\w]+")


def bigrams(s: str) -> set[str]:
    s = _NOT_WORD.sub("", s)
    return {s[i:i + 2] for i in range(len(s) - 1)}


def restated(element: str, lead_pairs: set[str]) -> bool:
    """Does a lead paragraph (its character pairs) restate ``element`` (a third of its pairs)?"""
    b = bigrams(element)
    return bool(b) and len(b & lead_pairs) * 3 >= len(b)


def _visible(s: str) -> int:
    return len(s) - s.count(" ")


def ends_sentence(s: str) -> bool:
    s = s.rstrip()
    return bool(s) and (s[-1] in TERMINAL or bool(TERMINAL_AFTER_QUOTE.search(s)))


def score(prev, run, nxt) -> Decision:
    """``prev``: the last line of the current article (or None); ``run``: the headline-like lines
    (objects with ``text`` and ``kind``); ``nxt``: the first body-like line after them."""
    d = Decision()
    kinds = {ln.kind for ln in run}
    heads = [ln for ln in run if ln.kind == "head"]
    if nxt.kind in ("dateline", "byline"):
        d.add("dateline or byline follows")
    if kinds & {"column", "author"}:
        d.add("column or author line")
    if "meta" in kinds:
        d.add("web information line")
    if prev is not None:
        if prev.kind in ("trailer", "editor", "date"):
            d.add("previous article closed")
        elif ends_sentence(prev.text) or prev.kind in ("caption", "credit"):   # a caption is a whole unit
            d.add("previous paragraph complete")
        elif prev.kind in ("body", "dateline", "byline"):   # a sub-head flushed into the body is neither
            d.add("previous line unfinished")
    longest = max((_visible(ln.text) for ln in heads), default=0)
    if longest >= 8:
        d.add("headline of 8+ characters")
    if longest >= 16:
        d.add("headline of 16+ characters")
    if heads and heads[-1].text.rstrip()[-1] in "!?！？":
        d.add("headline ends with ! or ?")
    if heads and all(NUMBERED.match(ln.text) for ln in heads):
        d.add("numbered sub-head")
    n = _visible(nxt.text)
    if nxt.kind == "body" and (n >= 40 or n >= 16 and (ends_sentence(nxt.text) or nxt.text.rstrip()[-1] in ":：")):
        d.add("body paragraph follows")
    elif nxt.kind not in ("dateline", "byline"):      # a dateline counts above
        d.add("no body paragraph follows")
    if nxt.kind == "body" and heads:
        lead_pairs = bigrams(nxt.text[:200])
        if any(restated(ln.text, lead_pairs) for ln in heads[-8:]):
            d.add("lead restates the headline")
    lead = LEAD.match(nxt.text)
    if lead:
        d.add("news lead follows (date)" if lead.group()[-1] in "年月日" else "news lead follows")
    elif nxt.text.rstrip()[-1] in ":：" and _visible(nxt.text) <= 40:
        d.add("address line follows")
    return d
