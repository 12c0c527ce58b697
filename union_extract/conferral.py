"""Who holds each honour: a small grammar of conferral and apposition over the whole sentence.

Rules, tried in this order for each honour (the first that names someone wins; ``holder_why``
records which one, for ``--debug``):

1. apposition chain: honour[、honour] [获得者|代表…] [employer + job title] NAME — the honour
   belongs to the name ending the chain (全国劳动模范、某公司工程师张三); with 获奖集体 the unit
   in the chain holds it instead of the person.
2. subject + conferring verb: A、B、C被评为…, X等3家单位荣获…, A公司的张三和B局的李四获…,
   被市总工会授予…; a pronoun or an empty subject stands for the person named last or the name
   opening the sentence; 分别 pairs holders and honours in order; 荣获…的张三 names the holder
   after 的; a relative clause (向荣获…的集体和个人) and a speaker (张三介绍，…) name no subject.
3. conferring verb + object: 授予张三等5人“…”称号, 授予A等N个单位…；授予B…; a later honour in
   the same clause takes the names after the previous one (授予X等同志H1和Y等同志H2).
4. reverse apposition: NAME，[year] honour (某公司工程师张三，2020年全国先进工作者), also at the
   end of a sentence of short descriptions (张三，女，1980年生，…，全国三八红旗手).
5. 作为 + honour，NAME…;  6. 为/向 + list + honour + 颁发;  7. a roster after the conferral
   (…分别为：A公司经理张三，B厂技师李四).

Otherwise the holder is null, and a holder-less restatement of an honour someone holds is dropped.
Byline reporters and level or region words are never holders. Names the person finder missed are
added where the grammar puts a holder list (a surname + 1-2 characters between list separators,
after 的, a job title or a unit). Cue words come from ``lexicons/conferral_verbs.tsv`` and
``lexicons/honour_cues.tsv``.
"""
from __future__ import annotations

import bisect
from functools import cached_property

import regex

from .entities import RawHonor, RawMention, RawOrg, RawPerson
from .lexicon import Lexicons
from .patterns import alternation as _alt
from .tokens import Tokens

_SENT_END = regex.compile(r"[。！？!?\n]")
_CLAUSE_END = regex.compile(r"[。！？!?；;\n]")
_ANY_PUNCT = regex.compile(r"[，,。；;！？!?]")
_GAP_STOP = regex.compile(r"[，,。；;：:！？!?、\n“”\"《》]|的")
_COMMA_COLON = regex.compile(r"[，,：:]")
_LEAD = regex.compile(r"[\s▲■●◆★]*")
_ITEM_SPLIT = regex.compile(r"[、，,；;：:\s]|以及|和|及|与")
_ITEM_NOISE = regex.compile(r"[(（][男女][)）]|同志$")
_COUNT_TAIL = regex.compile(r"(?:等|(?<![\d一二三四五六七八九十两])[\d一二三四五六七八九十两]+(?:名|人|位|个|家)).*$")
_AS = "作为"
_ITEM_END = frozenset("等、，,和及与。；;")      # what may follow a holder in a list after 其中
_LIST_GAP = regex.compile(r"[、，,；;]|和|及|与|以及")
_RESPECTIVELY = "分别"
_FUNCTION_TAGS = set("cpudrv")
_LIST_JOINERS = "和与及或等的"
_EDITION_HEAD = regex.compile(r"^第[\d一二三四五六七八九十]+届")
_PRONOUN = regex.compile(r"(?:他|她)(?:们)?(?:本人)?")
_FIRST_CLAUSE = regex.compile(r"(\p{Han}{2,4})[，,]")
_NAME_END = regex.compile(r"[，,。；;、！？!?：:（(\s]|同志|说|表示|介绍|在|是|和|与|等|也|已|正|$")
_YEAR = regex.compile(r"(?:\d{4}年度?|第[一二三四五六七八九十\d]+届)$")
_BYLINE_BEFORE = regex.compile(r"(?:记者|通讯员|摄影|编辑|责编|作者|文/|图/)\s*$")
_HAN_ONLY = regex.compile(r"\p{Han}+")
_QUOTE_CHARS = " “”\"'"
PERSON_TAGS = {"nr", "nrfg", "nrt"}
# a subject is looked for at most this far back: keeps linking linear on text without full stops
MAX_SENTENCE = 400


class _Index:
    """Entity mentions sorted by start, for range look-ups in O(log n); grows as names are added."""

    def __init__(self, mentions):
        self.items = sorted(mentions)
        self.starts = [m[0] for m in self.items]
        self.by_start = {m[0]: m[2] for m in self.items}

    def add(self, s: int, e: int, i: int) -> None:
        k = bisect.bisect_left(self.items, (s, e, i))
        self.items.insert(k, (s, e, i))
        self.starts.insert(k, s)
        self.by_start[s] = i

    def within(self, lo: int, hi: int):
        i = bisect.bisect_left(self.starts, lo)
        j = bisect.bisect_left(self.starts, hi)
        return [m for m in self.items[i:j] if m[1] <= hi]

    def first_from(self, lo: int, hi: int):
        i = bisect.bisect_left(self.starts, lo)
        return self.items[i] if i < len(self.items) and self.items[i][0] < hi else None


class _Stops:
    """Ends of one kind of punctuation in an article, found in one scan: the last one inside a
    range is a bisection, not a re-scan per honour."""

    def __init__(self, rx, text: str):
        self.ends = [m.end() for m in rx.finditer(text)]

    def last_end(self, lo: int, hi: int, default: int) -> int:
        i = bisect.bisect_right(self.ends, hi) - 1
        return self.ends[i] if i >= 0 and self.ends[i] - 1 >= lo else default

    def next_stop(self, pos: int, default: int) -> int:
        """Where the first mark ending after ``pos`` stands (the end of the sentence ``pos`` is in)."""
        i = bisect.bisect_right(self.ends, pos)
        return self.ends[i] - 1 if i < len(self.ends) else default


class HolderGrammar:
    """Compiled once per lexicon set; :meth:`link` fills ``holder`` on each honour of an article."""

    def __init__(self, lex: Lexicons):
        cues = lex.honour_cues
        self.lex = lex
        self.subject_verb = regex.compile(_alt(v for v, d in lex.conferral_verbs.items() if d in ("subject", "copula")))
        self.relative = frozenset(cues.get("relative", ()))
        self.roster = regex.compile(rf"(?:{_alt(cues.get('roster', ()))})\s*[：:]")
        self.speech = regex.compile(rf"(?:{_alt(cues.get('speech', ()))})[，,：:]")
        self.relation = regex.compile(rf"的(?:{_alt(cues.get('relation', ()))})")
        self.after_verb = regex.compile(_alt(v for v, d in lex.conferral_verbs.items() if d == "after"))
        self.object_verb = regex.compile(_alt(v for v, d in lex.conferral_verbs.items() if d == "object"))
        self.tail = regex.compile(rf"(?:{_alt(cues.get('tail', ()))})?")
        self.glue = regex.compile(rf"(?:{_alt(cues.get('glue', ()))})*、?")
        self.collective = regex.compile(_alt(cues.get("collective", ())))
        self.chain_break = regex.compile(_alt(cues.get("chain_break", ())))
        self.listed_after = regex.compile(
            rf"(?:{_alt(cues.get('tail', ()))})?(?:的(?:{_alt(cues.get('holder_noun', ()))})(?:是|为|有|包括)[：:]?"
            rf"|[，,](?:{_alt(cues.get('among', ()))})[，,]?)")
        self.anaphor = regex.compile(_alt(cues.get("anaphor", ())))
        # between two holder organisations of a list: a separator, after a team the finder left
        # out of the first name (A公司分厂装药班、B公司车间甲班荣获…); linear: bounded repeats
        self.chain_gap = regex.compile(rf"(?:\p{{Han}}{{0,5}}(?:{_alt(cues.get('team_end', ()))}))?\s{{0,2}}[、和及与，,]")
        self.adverbs = frozenset(cues.get("adverb", ()))
        self.adverb_lens = sorted({len(a) for a in self.adverbs if a}, reverse=True)   # longest first
        self.titles = {t for t, k in lex.titles.items() if k not in ("byline", "generic")}
        self.max_title = max(map(len, self.titles), default=0)
        self.title_last = frozenset(t[-1] for t in self.titles if t)     # no title ends here: no loop
        self.title_end = frozenset(cues.get("title_end", ()))
        self.unit_suffixes = frozenset(w for w in lex.org_suffixes if len(w) >= 2)
        self.max_suffix = max(map(len, self.unit_suffixes), default=0)
        self.suffix_last = frozenset(w[-1] for w in self.unit_suffixes)

    # --- candidate names -------------------------------------------------------------------
    def _name_shape(self, w: str) -> bool:
        if not _HAN_ONLY.fullmatch(w or "") or w in self.lex.stop_persons:   # a user's block list
            return False
        if w[:2] in self.lex.compound_surnames:
            return 3 <= len(w) <= 4
        return 2 <= len(w) <= 3 and w[0] in self.lex.surnames

    def _place_word(self, w: str) -> bool:
        """全县, 全市, 浙江: a level or region word is never a holder's name."""
        return w in self.lex.honour_levels or w in self.lex.regions

    def _title_before(self, text: str, pos: int, lo: int, loose: bool = False) -> int | None:
        """Start of the longest job title ending at ``pos`` (not before ``lo``); ``loose`` also
        takes a title ending (…设计师) when the lexicon lacks the title."""
        if pos > len(text) or text[pos - 1:pos] in self.title_last:
            for n in range(min(self.max_title, pos - lo), 1, -1):
                if text[pos - n:pos] in self.titles:
                    return pos - n
        if loose:
            for n in (2, 1):
                if pos - n - 1 >= lo and text[pos - n:pos] in self.title_end and _HAN_ONLY.match(text, pos - n - 1):
                    return pos - n
        return None

    def _item_name(self, text: str, s: int, e: int) -> tuple[int, int] | None:
        """The person's name an item of a holder list ends with: the whole item, the part after
        的 (A公司的张三), or the part after a job title (院长张三, 张三教授 with the title dropped)."""
        t = self._title_before(text, e, s)
        if t is not None and t - s >= 2:
            got = self._item_name(text, s, t)                        # 院长张三教授
            if got:
                return got
        if self._name_shape(text[s:e]):
            return s, e
        de = text.rfind("的", s, e)
        if de >= 0 and self._name_shape(text[de + 1:e]):
            return de + 1, e
        for n in (3, 2, 4):
            if e - n > s and self._name_shape(text[e - n:e]) and (
                    self._title_before(text, e - n, s, loose=True) is not None or self._unit_before(text, e - n, s)):
                return e - n, e
        return None

    def _employer(self, text, base, lo, name_start, ctx):
        """The unit in an apposition chain (…获奖集体代表、A股份有限公司董事长张三) when the
        organisation finder gave none: the text before the job title, ending with a unit suffix."""
        t = self._title_before(text, name_start, lo, loose=True)
        if t is None or t - lo < 4 or not _HAN_ONLY.fullmatch(text, lo, t):
            return None
        suffix = next((text[t - n:t] for n in range(min(self.max_suffix, t - lo - 1), 1, -1)
                       if text[t - n:t] in self.unit_suffixes), None)
        if suffix is None:
            return None
        return ctx.add_org(text, base, lo, t, self.lex.org_suffixes[suffix][0])

    def _unit_before(self, text: str, pos: int, lo: int) -> bool:
        """An organisation suffix ends right before ``pos`` (化工学院孔繁星, 机修车间李明)."""
        return (pos > len(text) or text[pos - 1:pos] in self.suffix_last) and any(
            text[pos - n:pos] in self.unit_suffixes for n in range(min(self.max_suffix, pos - lo - 1), 0, -1))

    def _add_candidates(self, text, base, lo, hi, ctx) -> None:
        """Names in the holder list text[lo:hi] that no finder gave, added as persons. In a list
        of two or more names the segmenter's reading of one item as a common word is overruled."""
        shaped, named = [], 0
        pos = lo
        for sep in [*_ITEM_SPLIT.finditer(text, lo, hi), None]:
            s, e = pos, (sep.start() if sep else hi)
            pos = sep.end() if sep else hi
            item = text[s:e]
            noise = _ITEM_NOISE.search(item)
            if noise:
                e = s + noise.start()
            cnt = _COUNT_TAIL.search(text, s, e)
            if cnt:
                e = cnt.start()
            if e - s < 2:
                continue
            if ctx.pmentions.within(s, e):
                named += 1
                continue
            got = self._item_name(text, s, e) or self._tagged_name_at_end(ctx.tokens, text, s, e)
            if got and not ctx.overlaps_entity(*got):
                word_ok = self._not_a_word(ctx.tokens, *got)
                named += word_ok
                shaped.append((got, word_ok))
        for got, word_ok in shaped:
            if (word_ok or named >= 2) and text[got[0]:got[1]] not in self.lex.stop_persons:
                ctx.add_person(text, base, *got)

    def _tagged_name_at_end(self, tokens: Tokens | None, text: str, s: int, e: int):
        """其中宋建华获…: a name the segmenter tags as one, ending the item right before the verb."""
        if tokens is None or not tokens.words or e <= s:
            return None
        i = tokens.index_at(e - 1)
        if tokens.end(i) != e:
            return None
        for k in range(i, max(-1, i - 2), -1):            # 宋建华 or 宋 + 建华
            st = tokens.starts[k]
            if st < s or e - st > 3:
                break
            if tokens.tags[k] in PERSON_TAGS and self._name_shape(text[st:e]):
                return st, e
        return None

    @staticmethod
    def _not_a_word(tokens: Tokens | None, s: int, e: int) -> bool:
        """A name-shaped string the segmenter reads as one common word (单位, 全县) is no name."""
        if tokens is None or not tokens.words:
            return True
        i = tokens.index_at(s)
        return not (tokens.starts[i] == s and tokens.end(i) == e and tokens.tags[i] not in PERSON_TAGS)

    # --- linking ---------------------------------------------------------------------------
    def link(self, text: str, base: int, persons: list[RawPerson], orgs: list[RawOrg],
             honours: list[RawHonor], tokens: Tokens | None = None) -> None:
        if not honours:
            return
        ctx = _Context(text, base, persons, orgs, honours, tokens)
        hs = sorted(range(len(honours)), key=lambda k: honours[k].mention.start)
        self._chains(text, base, ctx, hs)
        prev_end_in_sentence: dict[int, int] = {}
        prev_in_clause: dict[int, int] = {}
        by_verb: dict[int, tuple] = {}
        for k in hs:
            h = honours[k]
            if h.holder is not None:
                continue
            s, e = ctx.local(h)
            floor = max(0, s - MAX_SENTENCE)
            sent_start = ctx.sentences.last_end(floor, s, floor)
            window = text[max(sent_start, s - 16):s]
            vm = None
            for vm in self.subject_verb.finditer(window):
                pass
            if vm is not None and not _ANY_PUNCT.search(window, vm.end()):
                vpos = s - len(window) + vm.start()
                if self._verb_then_de_name(text, base, e, h, ctx, vm.group()):
                    continue
                if text[vpos - 1:vpos] in self.relative:     # 向荣获…的集体和个人: no subject
                    h.holder_why = f"relative clause after {text[vpos - 1]}{vm.group()}: holders not named"
                    continue
                shared = by_verb.get(vpos)
                if shared is not None and shared[3]:     # A、B分别获得H1和H2: in order
                    h.holder, h.holder_why = shared[3].pop(0), shared[2] + " (分别: in order)"
                    continue
                if shared is not None:              # 张三荣获H1和H2: one verb, one subject
                    h.holder, h.more_holders, h.holder_why = shared[0], list(shared[1]), shared[2] + " (shared verb)"
                    continue
                lo = max(sent_start, prev_end_in_sentence.get(sent_start, sent_start))
                prev_end_in_sentence[sent_start] = s
                if self._subject(h, text, base, lo, vpos, sent_start, ctx, f"subject before {vm.group()}"):
                    by_verb[vpos] = (h.holder, h.more_holders, h.holder_why,
                                     self._respectively(text, vpos, s, h, ctx))
                    continue
            give = None
            for give in self.object_verb.finditer(text, sent_start, s):
                pass
            if give is not None:
                passive = self._passive_before(text, give.start(), sent_start)
                if passive is not None:           # A公司被省总工会授予“…”: A is the subject
                    lo = max(sent_start, prev_end_in_sentence.get(sent_start, sent_start))
                    if self._subject(h, text, base, lo, passive, sent_start, ctx, f"subject before 被…{give.group()}"):
                        continue
                clause_start = ctx.clauses.last_end(give.end(), s, give.end())
                prev = prev_in_clause.get(clause_start)
                prev_in_clause[clause_start] = e
                if prev is not None and prev < s:     # 授予X等同志H1和Y等同志H2: H2 takes Y
                    self._add_candidates(text, base, prev, s, ctx)
                    if self._assign(h, text, prev, s, ctx, f"object of {give.group()} after the previous honour"):
                        continue
                self._add_candidates(text, base, clause_start, s, ctx)
                if self._assign(h, text, clause_start, s, ctx, f"object of {give.group()}"):
                    continue
            if self._reverse_apposition(text, s, e, h, ctx) or self._as_honour(text, base, s, e, h, ctx) \
                    or self._presented(text, base, s, e, h, sent_start, ctx):
                continue
            if self._listed_after(text, s, e, h, ctx):
                continue
            h.holder_why = h.holder_why or "no holder named"
        self._rosters(text, base, ctx, hs)
        self._anaphora(text, base, ctx, hs)
        self._drop_restated(honours)
        # 《关于表彰…先进工作者的决定》: a document's name confers nothing unless it names holders
        honours[:] = [h for h in honours if h.holder or not ctx.in_title(ctx.local(h)[0])]
        for h in list(honours):
            for kind, i in h.more_holders:
                honours.append(RawHonor(h.name, h.canonical, h.level, h.region, h.mention, h.holder_kind, (kind, i),
                                        why=h.why, holder_why=h.holder_why))
        for k, h in enumerate(honours):
            if h.holder:
                kind, i = h.holder
                (persons if kind == "person" else orgs)[i].honors.append(k)

    def _chains(self, text, base, ctx, hs) -> None:
        """Rule 1: honour[、honour]* glue [employer + title] NAME."""
        chain: list[int] = []
        for n, k in enumerate(hs):
            h = ctx.honours[k]
            s, e = ctx.local(h)
            if chain:
                gap = text[ctx.local(ctx.honours[chain[-1]])[1]:s].strip(_QUOTE_CHARS)
                if not (gap in ("", "、") or self.glue.fullmatch(gap)):
                    chain = []
            chain.append(k)
            nxt = ctx.local(ctx.honours[hs[n + 1]])[0] if n + 1 < len(hs) else len(text)
            e += text[e:e + 1] in _QUOTE_CHARS                # “大国工匠”张三
            g = self.glue.match(text, e)
            j = g.end()
            if j >= nxt or text[e:nxt].strip(_QUOTE_CHARS) in ("", "、") or self.glue.fullmatch(text[e:nxt].strip(_QUOTE_CHARS)):
                continue                      # the chain goes on with the next honour
            stop = _GAP_STOP.search(text, j, min(len(text), j + 30))
            hi = stop.start() if stop else min(len(text), j + 30)
            p = ctx.first_person(j, hi)
            if p is not None and p[0] > j and (self._title_before(text, p[0], j, loose=True) is None
                                               or self.chain_break.search(text, j, p[0])):
                p = None                      # something other than employer + title between
            if p is None:
                p = self._name_after_title(text, base, j, hi, ctx) or self._name_at(text, base, j, ctx)
            if p is None:
                chain = []
                continue
            collective = self.collective.search(text, e, j)
            org = ctx.omentions.first_from(j, p[0])
            if org is None and (collective or any(ctx.honours[c].holder_kind == "collective" for c in chain)):
                org = self._employer(text, base, j, p[0], ctx)
            why = "apposition chain" + (" (employer + title)" if p[0] > j else "")
            for c in chain:
                hc = ctx.honours[c]
                if hc.holder is not None:
                    continue
                if collective or hc.holder_kind == "collective":
                    if org is not None:
                        hc.holder, hc.holder_why = ("organization", org[2]), why + ": unit of the named person"
                else:
                    hc.holder, hc.holder_why = ("person", p[2]), why
            chain = []

    def _name_at(self, text, base, j, ctx):
        """A three-character name right after an honour chain (鞍钢工匠庞德明走上…) that the
        segmenter ends on a word boundary; shorter names are left to the person finder."""
        if ctx.tokens is None or not self._name_shape(text[j:j + 3]) or ctx.overlaps_entity(j, j + 3):
            return None
        if not (_NAME_END.match(text, j + 3) or ctx.tokens.starts_at(j + 3)):
            return None
        i = ctx.tokens.index_at(j)
        if ctx.tokens.starts[i] != j or ctx.tokens.tags[i][:1] in _FUNCTION_TAGS or text[j] in _LIST_JOINERS:
            return None                       # 和先进工作者: a conjunction, not a surname
        return ctx.add_person(text, base, j, j + 3)

    def _name_after_title(self, text, base, lo, hi, ctx):
        """A name right after a job title at the end of a chain, when no finder gave it."""
        for n in (3, 2):
            s = hi - n
            if s > lo and self._name_shape(text[s:hi]) and self._title_before(text, s, lo, loose=True) is not None \
                    and not ctx.overlaps_entity(s, hi) and self._not_a_word(ctx.tokens, s, hi):
                return ctx.add_person(text, base, s, hi)
        return None

    @staticmethod
    def _respectively(text, vpos, s, h, ctx) -> list:
        """A、B分别获得H1和H2: as many holders as honours in the clause pair up in order; the
        first honour keeps the first holder and the rest wait for theirs."""
        if not text.endswith(_RESPECTIVELY, 0, vpos):
            return []
        holders = [h.holder, *h.more_holders]
        end = ctx.commas.ends[bisect.bisect_left(ctx.commas.ends, s + 1)] if ctx.commas.ends and \
            ctx.commas.ends[-1] > s else len(text)
        n = bisect.bisect_left(ctx.hspans, (end, -1)) - bisect.bisect_left(ctx.hspans, (s, -1))
        if n != len(holders) or n < 2:
            return []
        h.more_holders = []
        h.holder_why += " (分别: in order)"
        return holders[1:]

    def _rosters(self, text, base, ctx, hs) -> None:
        """Rule 7: a roster after the honour (…入选“安徽工匠”。入选的7人分别为：A公司经理张三，
        B厂技师李四。) — every name of the list holds the last holder-less honour before it."""
        ends = [ctx.local(ctx.honours[k])[1] for k in hs]      # sorted with the starts
        for r in self.roster.finditer(text):
            n = bisect.bisect_right(ends, r.start())
            if not n:
                continue
            h = ctx.honours[hs[n - 1]]
            if h.holder is not None or r.start() - ctx.local(h)[1] > 200 or h.holder_kind == "collective":
                continue
            end = ctx.sentences.next_stop(r.end(), len(text))
            self._add_candidates(text, base, r.end(), end, ctx)
            self._assign(h, text, r.end(), end, ctx, f"roster after {r.group()}")

    def _listed_after(self, text, s, e, h, ctx) -> bool:
        """Rule 8: holders listed after the honour in its sentence — 荣获H的单位是A和B，以及C
        (的 + holder noun + copula), or 荣获H，其中A公司工长张三等11人…，B厂司机李四等17人… (其中:
        every name that ends a list item or a count)."""
        m = self.listed_after.match(text, e)
        if not m:
            return False
        end = ctx.sentences.next_stop(m.end(), len(text))
        why = f"listed after the honour ({m.group().strip('，,')})"
        holders: list[tuple[str, int]] = []
        if h.holder_kind in ("individual", "either"):
            holders = [("person", p) for a, b, p in ctx.pmentions.within(m.end(), end)
                       if p not in ctx.byline and text[b:b + 1] in _ITEM_END]
        if not holders and h.holder_kind in ("collective", "either"):
            outer: list[tuple[int, int, int]] = []
            for a, b, o in ctx.omentions.within(m.end(), end):      # the widest of nested names
                if outer and a < outer[-1][1]:
                    if b - a > outer[-1][1] - outer[-1][0]:
                        outer[-1] = (a, b, o)
                    continue
                outer.append((a, b, o))
            holders = [("organization", o) for a, b, o in outer if text[b:b + 1] in _ITEM_END]
        holders = list(dict.fromkeys(holders))
        if not holders:
            return False
        h.holder, h.more_holders, h.holder_why = holders[0], holders[1:], why
        return True

    def _anaphora(self, text, base, ctx, hs) -> None:
        """Rule 9: …等22个集体经地方推荐获此殊荣 — the subject before 获此殊荣 holds the honour
        named last before it (as a further holder when it already has one)."""
        starts = [ctx.local(ctx.honours[k])[0] for k in hs]
        for m in self.anaphor.finditer(text):
            n = bisect.bisect_right(starts, m.start())
            if not n:
                continue
            h = ctx.honours[hs[n - 1]]
            if m.start() - ctx.local(h)[1] > 300:
                continue
            sent_start = ctx.sentences.last_end(max(0, m.start() - MAX_SENTENCE), m.start(), 0)
            lo = ctx.commas.last_end(sent_start, m.start(), sent_start)
            probe = RawHonor(h.name, h.canonical, h.level, h.region, h.mention, h.holder_kind)
            if not self._subject(probe, text, base, lo, m.start(), sent_start, ctx, f"subject before {m.group()}"):
                continue
            got = [probe.holder, *probe.more_holders]
            if h.holder is None:
                h.holder, h.holder_why = got[0], probe.holder_why
                got = got[1:]
            h.more_holders.extend(x for x in got if x != h.holder and x not in h.more_holders)

    def _subject(self, h, text, base, lo, hi, sent_start, ctx, why) -> bool:
        """Holders before a conferring verb: the list in the last clause, the name the sentence
        opens with (张三，某局高级技师，曾获…), or the person a pronoun subject stands for."""
        stripped = True
        while stripped:          # 张三今年成功获得: adverbs and time words before the verb
            stripped = False
            for n in self.adverb_lens:     # a set look-up per length, not a scan of the word list
                if hi - n >= lo and text[hi - n:hi] in self.adverbs:
                    hi -= n
                    stripped = True
                    break
        said = None
        for said in self.speech.finditer(text, lo, hi):
            pass
        if said:                 # 经理张三介绍，李四获得…: the speaker is no subject
            lo = said.end()
        clause = ctx.commas.last_end(lo, hi, lo)
        if clause == hi and clause > lo:        # ，曾获得…: the subject opens the sentence
            opener = _PRONOUN.match(text, _LEAD.match(text, sent_start).end())
            p = ctx.pmentions.first_from(_LEAD.match(text, sent_start).end(), hi)
            if opener:
                prev = ctx.last_person_before(sent_start, max(0, sent_start - MAX_SENTENCE))
                if prev is not None:
                    h.holder, h.holder_why = ("person", prev), why + ": zero subject, pronoun opening the sentence"
                    return True
            elif p is not None and p[0] == _LEAD.match(text, sent_start).end() and p[2] not in ctx.byline:
                h.holder, h.holder_why = ("person", p[2]), why + ": zero subject, name opening the sentence"
                return True
        if _PRONOUN.fullmatch(text, clause, hi):
            prev = ctx.last_person_before(clause, max(0, clause - MAX_SENTENCE))
            if prev is not None:
                h.holder, h.holder_why = ("person", prev), why + ": pronoun, the person named last"
                return True
            return False
        self._add_candidates(text, base, clause, hi, ctx)
        first = _FIRST_CLAUSE.match(text, _LEAD.match(text, sent_start).end(), hi)
        if first and first.end() < clause and self._name_shape(first.group(1)) \
                and not ctx.pmentions.within(first.start(1), first.end(1)):
            self._add_candidates(text, base, first.start(1), first.end(1), ctx)
        return self._assign(h, text, lo, hi, ctx, why)

    def _passive_before(self, text: str, pos: int, sent_start: int) -> int | None:
        """The position of 被 when an agent stands between it and the verb (被省总工会授予)."""
        k = text.rfind("被", max(sent_start, pos - 14), pos)
        if k < 0 or _ANY_PUNCT.search(text, k, pos):
            return None
        return k

    def _verb_then_de_name(self, text, base, e, h, ctx, verb) -> bool:
        """Rule 2b: 荣获全国劳模称号的张三 — the name after 的 holds what the verb conferred."""
        j = self.tail.match(text, e).end()
        if not text.startswith("的", j) or h.holder_kind == "collective":
            return False
        p = ctx.pmentions.by_start.get(j + 1)
        if p is None:
            for n in (3, 2):
                if self._name_shape(text[j + 1:j + 1 + n]) and not ctx.overlaps_entity(j + 1, j + 1 + n) \
                        and _NAME_END.match(text, j + 1 + n):
                    p = ctx.add_person(text, base, j + 1, j + 1 + n)[2]
                    break
        if p is None or p in ctx.byline:
            return False
        h.holder, h.holder_why = ("person", p), f"{verb} + honour + 的 + name"
        return True

    def _presented(self, text, base, s, e, h, sent_start, ctx) -> bool:
        """Rule 6: 为/向 X等N名“honour”颁发证书 — the list between the preposition and the honour."""
        j = self.tail.match(text, e + (text[e:e + 1] in _QUOTE_CHARS)).end()
        v = self.after_verb.match(text, j)
        if v is None:
            return False
        k = max(text.rfind("为", sent_start, s), text.rfind("向", sent_start, s))
        if k < 0 or _ANY_PUNCT.search(text, k, s):
            return False
        self._add_candidates(text, base, k + 1, s, ctx)
        return self._assign(h, text, k + 1, s, ctx, f"为/向 + list + honour + {v.group()}")

    def _as_honour(self, text, base, s, e, h, ctx) -> bool:
        """Rule 5: 作为全国劳动模范，张三… — the name opening the next clause."""
        if not text.startswith(_AS, max(0, s - len(_AS))):
            return False
        j = self.tail.match(text, e).end()
        if text[j:j + 1] not in ("，", ","):
            return False
        p = ctx.pmentions.by_start.get(j + 1)
        if p is None:
            t = self._title_before(text, j + 1 + 8, j + 1)
            for n in (3, 2):
                if self._name_shape(text[j + 1:j + 1 + n]) and _NAME_END.match(text, j + 1 + n) \
                        and not ctx.overlaps_entity(j + 1, j + 1 + n) and t is None:
                    p = ctx.add_person(text, base, j + 1, j + 1 + n)[2]
                    break
        if p is None or p in ctx.byline:
            return False
        h.holder, h.holder_why = ("person", p), "作为 + honour, name opening the next clause"
        return True

    def _reverse_apposition(self, text, s, e, h, ctx) -> bool:
        """Rule 4: NAME，[year] honour，"""
        if h.holder_kind == "collective" or not (e >= len(text) or text[e] in "，,。；;)）"):
            return False
        b = s
        y = _YEAR.search(text, max(0, s - 8), b)
        if y:
            b = y.start()
        if b < 1 or text[b - 1] not in "，,(（":
            return False
        hit = ctx.person_ending_at(b - 1)
        if hit is None:
            got = self._name_after_title(text, ctx.base, max(0, b - 16), b - 1, ctx)
            hit = got[2] if got else None
        why = "reverse apposition (name, honour)"
        if hit is None:          # 张三，女，1980年生，现任车间主任，全国三八红旗手。
            hit, why = self._biography_subject(text, b - 1, ctx), "biography: the name the sentence opens with"
        if hit is None:
            return False
        h.holder, h.holder_why = ("person", hit), why
        return True

    def _biography_subject(self, text: str, pos: int, ctx):
        """The person a sentence of short comma-separated descriptions opens with."""
        sent = ctx.sentences.last_end(max(0, pos - 120), pos, max(0, pos - 120))
        lead = _LEAD.match(text, sent).end()
        p = ctx.pmentions.first_from(lead, lead + 1)
        if p is None or p[2] in ctx.byline or text[p[1]:p[1] + 1] not in ("，", ","):
            return None
        k = p[1]
        while k < pos:
            nxt = text.find("，", k + 1, pos + 1)
            nxt = pos if nxt < 0 else nxt
            if nxt - k > 13 or self.subject_verb.search(text, k, nxt):
                return None
            k = nxt
        return p[2]

    def _assign(self, h: RawHonor, text: str, lo: int, hi: int, ctx, why: str) -> bool:
        ps = self._person_list(text, [m for m in ctx.pmentions.within(lo, hi)
                                      if m[2] not in ctx.byline and not self._place_word(ctx.persons[m[2]].name)])
        if ps and self.relation.match(text, max(m[1] for m in ctx.pmentions.within(lo, hi) if m[2] == ps[-1])):
            ps = []                    # 张三的师傅获…: the named person only qualifies the subject
        os_ = ctx.omentions.within(lo, hi)
        if h.holder_kind in ("individual", "either") and ps:
            h.holder, h.holder_why = ("person", ps[0]), why
            h.more_holders = [("person", i) for i in ps[1:]]
            return True
        if h.holder_kind in ("collective", "either") and os_:
            # the organisation closest to the verb/honour is the subject (X等3家单位荣获), if nothing
            # but a count stands between (记者从上海市总工会获悉,今年上海市获评… names no holder)
            s, e, i = max(os_)
            if not _COMMA_COLON.search(text, e, hi) and hi - e <= 14:
                h.holder, h.holder_why = ("organization", i), why + ": organisation list"
                chain, prev_start = [], s
                for ps_, pe, pi in sorted(os_, reverse=True)[1:]:
                    if pe <= prev_start and self.chain_gap.fullmatch(text[pe:prev_start].strip()):
                        chain.append(("organization", pi))
                        prev_start = ps_
                    elif pe <= prev_start:
                        break
                h.more_holders = list(dict.fromkeys(c for c in reversed(chain) if c[1] != i))
                return True
            # or the organisation the sentence opens with is its subject (▲某县总工会…, 荣获…),
            # unless it is a news outlet reporting (澎湃新闻记者从…获悉)
            first = os_[0]
            if first[0] == _LEAD.match(text, lo).end() and ctx.orgs[first[2]].type != "media":
                h.holder, h.holder_why = ("organization", first[2]), why + ": organisation opening the sentence"
                return True
        return False

    @staticmethod
    def _person_list(text: str, mentions: list) -> list[int]:
        """The persons of the list that ends the range: going back from the last name, a name
        joins only across a list separator (A、B; A公司的张三，B局的李四), not across 的师傅/带领."""
        if not mentions:
            return []
        keep = [mentions[-1]]
        for m in reversed(mentions[:-1]):
            if m[1] <= keep[-1][0] and not _LIST_GAP.search(text, m[1], keep[-1][0]):
                break
            keep.append(m)             # across a separator, or overlapping (张三 / 张三等)
        return list(dict.fromkeys(i for _, _, i in reversed(keep)))

    @staticmethod
    def _drop_restated(honours: list[RawHonor]) -> None:
        """A holder-less mention of an honour someone in the article holds (at its level, or with no
        level of its own) adds no record: the text names a holder for it."""
        held_names = {_core_name(h.name) for h in honours if h.holder}
        held = {(h.canonical, h.level, h.region) for h in honours if h.holder}
        held_level = {(c, lv) for c, lv, _ in held}
        held_canon = {c for c, _, _ in held}
        keep = []
        for h in honours:
            if h.holder is None and (_core_name(h.name) in held_names or (h.canonical, h.level, h.region) in held
                                     or (h.region is None and (h.canonical, h.level) in held_level)
                                     or (h.level is None and h.canonical in held_canon)):
                continue
            keep.append(h)
        honours[:] = keep


def _core_name(name: str) -> str:
    """第四届“四川工匠” and 四川工匠 name the same honour."""
    return _EDITION_HEAD.sub("", name).replace("“", "").replace("”", "").replace('"', "")


class _Context:
    """One article's entities as the grammar sees them (local offsets)."""

    def __init__(self, text, base, persons, orgs, honours, tokens):
        self.text, self.base, self.persons, self.orgs, self.honours, self.tokens = text, base, persons, orgs, honours, tokens
        self.pmentions = _Index((m.start - base, m.end - base, i) for i, p in enumerate(persons) for m in p.mentions)
        self.omentions = _Index((m.start - base, m.end - base, i) for i, o in enumerate(orgs) for m in o.mentions)
        self.hspans = sorted((h.mention.start - base, h.mention.end - base) for h in honours)
        self.by_end = {m[1]: m[2] for m in self.pmentions.items}
        self.by_name = {p.name: i for i, p in reversed(list(enumerate(persons)))}

    @cached_property
    def org_by_name(self) -> dict[str, int]:
        return {o.name: i for i, o in reversed(list(enumerate(self.orgs)))}

    @cached_property
    def byline(self) -> set[int]:
        """Persons named only as reporters, photographers or editors: never holders."""
        text, base = self.text, self.base
        return {i for i, p in enumerate(self.persons)
                if p.mentions and all(_BYLINE_BEFORE.search(text, max(0, m.start - base - 5), m.start - base)
                                      or text.startswith("摄", m.end - base) for m in p.mentions)}

    @cached_property
    def sentences(self) -> _Stops:
        return _Stops(_SENT_END, self.text)

    @cached_property
    def clauses(self) -> _Stops:
        return _Stops(_CLAUSE_END, self.text)

    @cached_property
    def commas(self) -> _Stops:
        return _Stops(_ANY_PUNCT, self.text)

    def in_title(self, pos: int) -> bool:
        """Inside a 《…》 work or document title."""
        k = self.text.rfind("《", max(0, pos - 80), pos)
        return k >= 0 and self.text.find("》", k, pos) < 0

    def local(self, h: RawHonor) -> tuple[int, int]:
        return h.mention.start - self.base, h.mention.end - self.base

    def taken(self, s: int, e: int) -> bool:
        i = bisect.bisect_right(self.hspans, (e, e)) - 1
        return i >= 0 and self.hspans[i][1] > s

    def overlaps_entity(self, s: int, e: int) -> bool:
        """Part of an organisation or honour mention (a name inside 林则徐纪念馆 is no holder)."""
        if self.taken(s, e):
            return True
        i = bisect.bisect_left(self.omentions.starts, e) - 1
        while i >= 0 and self.omentions.starts[i] > s - 40:
            if self.omentions.items[i][1] > s:
                return True
            i -= 1
        return False

    def last_person_before(self, pos: int, lo: int):
        i = bisect.bisect_left(self.pmentions.starts, pos) - 1
        while i >= 0 and self.pmentions.items[i][0] >= lo:
            s, e, p = self.pmentions.items[i]
            if e <= pos and p not in self.byline:
                return p
            i -= 1
        return None

    def first_person(self, lo: int, hi: int):
        for m in self.pmentions.within(lo, hi):
            if m[2] not in self.byline:
                return m
        return None

    def person_ending_at(self, pos: int):
        i = self.by_end.get(pos)
        return i if i is not None and i not in self.byline else None

    def add_org(self, text: str, base: int, s: int, e: int, kind: str):
        name = text[s:e]
        i = self.org_by_name.get(name)
        if i is None:
            i = self.org_by_name[name] = len(self.orgs)
            self.orgs.append(RawOrg(name, kind))
        self.orgs[i].mentions.append(RawMention(name, s + base, e + base))
        self.orgs[i].mentions.sort(key=lambda m: m.start)
        self.omentions.add(s, e, i)
        return (s, e, i)

    def add_person(self, text: str, base: int, s: int, e: int):
        name = text[s:e]
        i = self.by_name.get(name)
        if i is None:
            i = self.by_name[name] = len(self.persons)
            self.persons.append(RawPerson(name))
        self.persons[i].mentions.append(RawMention(name, s + base, e + base))
        self.persons[i].mentions.sort(key=lambda m: m.start)
        self.pmentions.add(s, e, i)
        self.by_end[e] = i
        return (s, e, i)
