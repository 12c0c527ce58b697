"""People: byline credits, cue-driven names, then segmenter candidates decided on evidence.

The segmenter's ``nr`` tag is weak evidence: it fires on ordinary words (耿直, 荣获, 高质量). A
candidate is scored from its name shape (a surname, then given-name characters whose odds come
from jieba's own name entries, lexicons/given_name_chars.tsv) and its context on both sides
(titles, role nouns, 的-descriptions, lists, counts, verbs of speech, word boundaries); it is a
person when the sum reaches ``THRESHOLD``, so a strong shape needs only a weak cue and a weak shape
a strong one. Every accepted person keeps its reasons in ``why``. Names inside organisations,
venues, quotes and work titles (林则徐纪念馆, 《人民工匠许振超》) are not mentions there.
"""
from __future__ import annotations

import bisect
import re

import regex

from .entities import RawMention, RawOrg, RawPerson
from .layout import outlet_name
from .lexicon import Lexicons
from .patterns import HAN, literal_alternation
from .spans import Mask
from .tokens import Tokens

PERSON_TAGS = {"nr", "nrfg", "nrt"}
THRESHOLD = 2.5
# evidence weights: one place to read and tune the decision
W = {"nrfg": 2.0, "nr": 1.0, "nrt": 0.5, "three": 0.5, "title": 3.0, "role": 2.5, "de": 1.0, "list": 1.0,
     "list_known": 2.0, "clause": 0.5, "glued": -2.0, "speech": 2.5, "title_after": 2.5, "count": 2.5,
     "deng": 1.0, "boundary": 0.5, "chained": 1.5, "no_boundary": -1.0, "glued_title": 2.0,
     "common_word": -1.5, "lone_surname": 1.0, "chained_left": 1.0,
     "word_end": -1.0, "agent": 1.0}
# a name is usually followed by a verb, adverb, preposition, conjunction, particle or punctuation
FOLLOW_TAGS = set("vdpcuxrf")
_HAN = regex.compile(r"\p{Han}")
_ALL_HAN = regex.compile(r"\p{Han}+")
_TITLED = regex.compile(r"《[^《》\n]{1,60}》|“[^“”\n]{1,30}”")
_LIST = regex.compile(r"\p{Han}{2,4}(?:、\p{Han}{2,4})+")
_NAME_CHARS = regex.compile(r"[\p{Han}·]+")
_ORG_LIKE = regex.compile(r"(?:会|组|委|局|厅|司|部|社|报|网|党)$")
_COUNT = regex.compile(r"(?:等)?(?<![\d一二三四五六七八九十])[\d一二三四五六七八九十]++(?:名|人|位)")
# a Latin-letter name: a capitalised word or one with a lower-case letter (Holm, vanDyk), not an
# acronym (GDP, APP) nor a word with digits
_LATIN_NAME = re.compile(r"[A-Z]?[a-z]+(?:[A-Z][a-z]+)*|[A-Z][a-z]*[A-Z][a-z]+")
_CLAUSE_BEFORE = set("，,。；;：:！!？?、\n (（“\"》】")


class _OrgIndex:
    """Organisation mentions by end and by start, for the organisation of a role."""

    def __init__(self, orgs: list[RawOrg], base: int):
        items = sorted((m.start - base, m.end - base, o.name) for o in orgs for m in o.mentions)
        self.starts = [x[0] for x in items]
        self.items = items
        self.by_end = {x[1]: x[2] for x in items}

    def end_covering(self, pos: int, limit: int) -> int | None:
        """The end of an organisation mention that covers ``pos`` and ends before ``limit``."""
        i = bisect.bisect_right(self.starts, pos) - 1
        while i >= 0 and i > bisect.bisect_right(self.starts, pos) - 4:
            s, e, _ = self.items[i]
            if s <= pos < e < limit:
                return e
            i -= 1
        return None

    def last_before(self, lo: int, hi: int) -> str | None:
        """The organisation mentioned last within [lo, hi)."""
        i = bisect.bisect_left(self.starts, hi) - 1
        while i >= 0 and self.items[i][0] >= lo:
            if self.items[i][1] <= hi:
                return self.items[i][2]
            i -= 1
        return None


class PersonFinder:
    def __init__(self, lex: Lexicons):
        self.surnames = lex.surnames
        self.compound = lex.compound_surnames
        self.given = lex.given_name_chars
        self.lead = lex.surname_lead
        self.stop = lex.nr_stopwords
        self.common = lex.nr_common
        self.nouns = lex.role_nouns | frozenset(lex.titles)
        self.translit = lex.translit_chars
        self.word_end = lex.cue("word_end")
        self.glued_function = lex.cue("glued_function")
        cue = lex.cue
        self.honorific_end = tuple(cue("honorific_end"))
        self.venue_end = cue("venue_end")
        self.glue_ok = cue("glue_ok")
        self.lead_function = cue("lead_function")
        self.agent_before = cue("agent_before")
        bwords = sorted(w for w in cue("boundary") if len(w) > 1)
        bchars = "".join(sorted(re.escape(w) for w in cue("boundary") if len(w) == 1))
        # where a name stops: punctuation, space, a digit, the end, or a word that follows names
        boundary = rf"(?=[{bchars}\s\d]|{'|'.join(map(re.escape, bwords))}|$)"
        self.boundary = re.compile(boundary)
        # names with a middle dot (minority and foreign names), ending where a name ends
        self.dot_name = regex.compile(rf"\p{{Han}}{{2,5}}·\p{{Han}}{{2,6}}?(?:·\p{{Han}}{{2,6}}?)?(?:(?=[^\p{{Han}}·])|{boundary})")
        self.not_after = literal_alternation(cue("not_after"))
        self.speech_re = literal_alternation(cue("speech"))
        # transliterated places and teams (来到X, X队, 转会X): the context, not the characters, decides
        self.place_after = literal_alternation(cue("place_after"))
        self.place_before = re.compile(f"(?:{literal_alternation(cue('place_before')).pattern})$")
        titles = sorted((t for t, kind in lex.titles.items() if kind != "generic"), key=len, reverse=True)
        title_alt = "|".join(regex.escape(t) for t in titles)
        single = "".join(sorted(s for s in lex.surnames if len(s) == 1))
        comp = "|".join(sorted(lex.compound_surnames, key=len, reverse=True))
        surname = rf"(?:{comp}|[{single}])"
        # honours before a name are as good a cue as titles (浙江工匠陈亮, 技术能手赵阳)
        honour_alt = "|".join(re.escape(a) for row in lex.honours for a in row["aliases"].split("|") if a)
        self.title_re = re.compile(rf"(?:{title_alt}|获得者|称号获得者)(?P<name>{surname}{HAN}{{1,2}}?){boundary}")
        self.honour_re = re.compile(rf"(?:{honour_alt}|工匠)(?P<name>{surname}{HAN}{{1,2}}?){boundary}")
        self.title_end = regex.compile(rf"(?:{title_alt})$")
        self.cue_last_chars = frozenset(t[-1] for t in titles) | frozenset(r[-1] for r in lex.role_nouns) | {"的"}
        self.role_end = regex.compile("(?:" + "|".join(regex.escape(r) for r in sorted(lex.role_nouns, key=len, reverse=True)) + ")$") \
            if lex.role_nouns else None
        self.name_before_count = regex.compile(rf"(?:^|(?<=[^\p{{Han}}]|、))(?P<name>{surname}\p{{Han}}{{1,2}}?)$"
                                               rf"|(?<=[，,])(?P<name>{surname}\p{{Han}}{{1,2}}?)(?=等$)")
        # a title right after a name (王建华主席, 诺蒂州长, 林先生) is as strong a cue as one before
        self.title_after = literal_alternation(set(lex.titles) - cue("not_title_after"))
        glued = "|".join(map(re.escape, sorted(cue("glued_title"), key=len, reverse=True))) or "(?!)"
        self.glued_tail = re.compile(rf"(?P<name>.{{2,3}}?)(?:{glued})$")
        self._shape_cache: dict[str, bool] = {}
        self._score_cache: dict[str, float] = {}
        self.trace: list | None = None     # set to a list to record every scored candidate (debugging)

    @staticmethod
    def _cached(cache: dict, w: str, compute):
        """``compute(w)`` remembered in ``cache`` (bounded: cleared when it grows past 100k words)."""
        value = cache.get(w)
        if value is None:
            if len(cache) > 100_000:
                cache.clear()
            value = cache[w] = compute(w)
        return value

    def is_name_shape(self, w: str) -> bool:
        return self._cached(self._shape_cache, w, self._name_shape)

    def _name_shape(self, w: str) -> bool:
        if "·" in w:
            return True
        if not 2 <= len(w) <= 4 or not _ALL_HAN.fullmatch(w) or w in self.stop:
            return False
        if w[:2] in self.compound:
            return len(w) >= 3
        return w[0] in self.surnames and len(w) <= 3

    def _surname_title(self, w: str) -> bool:
        """杨律师, 孙书记: a surname with a title or role noun is a form of address, no name."""
        rest = w[2:] if w[:2] in self.compound else w[1:]
        return len(rest) >= 2 and rest in self.nouns

    def _given_like(self, w: str) -> bool:
        """Every given-name character is one seen in names, and on the whole they favour names."""
        given = w[2:] if w[:2] in self.compound else w[1:]
        odds = [self.given.get(ch) for ch in given]
        return all(o is not None and o > -1.0 for o in odds) and sum(odds) > 0

    def shape_score(self, w: str) -> float:
        """How name-like ``w`` looks on its own: surname odds and given-name character odds."""
        return self._cached(self._score_cache, w, self._shape_score)

    def _shape_score(self, w: str) -> float:
        if "·" in w:
            return 1.0
        sur = 2 if w[:2] in self.compound else 1
        given = w[sur:]
        g = sum(max(-2.0, min(2.0, self.given.get(ch, -0.5))) for ch in given) / max(1, len(given))
        lead = max(-1.0, min(1.0, self.lead.get(w[:sur], 0.0)))
        return 0.5 * g + 0.5 * lead + (W["three"] if len(w) >= 3 else 0.0)

    def _titled(self, text: str, pos: int) -> bool:
        return self.title_end.search(text, max(0, pos - 8), pos) is not None

    def _role_before(self, text: str, pos: int) -> bool:
        return self.role_end is not None and self.role_end.search(text, max(0, pos - 6), pos) is not None

    def evidence(self, text: str, toks: Tokens, s: int, e: int, tag: str, people) -> tuple[float, list[str]]:
        """The score of ``text[s:e]`` as a person name, and the reasons that add up to it."""
        w = text[s:e]
        score = self.shape_score(w)
        why = [f"shape{score:+.1f}"]

        def add(reason: str) -> None:
            nonlocal score
            score += W[reason]
            why.append(reason)

        if tag in W:
            add(tag)
        if w in self.common:
            add("common_word")
        if w[-1] in self.word_end:
            add("word_end")             # 贡献率, 单位: the last character ends ordinary words
        # left context
        prev = text[s - 1] if s else "\n"
        if self._titled(text, s):
            add("title")
        elif self._role_before(text, s):
            add("role")
        elif prev == "的":
            add("de")
        elif prev in _CLAUSE_BEFORE:
            add("clause")
        elif prev in self.agent_before and self._verb_follows(toks, e):
            add("agent")               # 会议由X主持: the doer of the verb after it
        elif _HAN.match(prev) and prev not in self.glue_ok and not toks.starts_at(s):
            add("glued")
        if s and toks.starts_at(s):
            k = toks.index_at(s - 1)
            left = toks.words[k]
            if toks.tags[k] in PERSON_TAGS and self.is_name_shape(left) and left not in self.common \
                    and self.shape_score(left) >= 1.0:
                add("chained_left")     # 甲乙丙丁 rosters without punctuation: a name right before
        if prev == "、" or text[e:e + 1] == "、":
            add("list")
            i = toks.index_at(s)
            if (i > 1 and toks.words[i - 2] in people) or (text[e:e + 1] == "、" and i + 2 < len(toks.words)
                                                           and toks.words[i + 2] in people):
                add("list_known")
        # right context
        if self.speech_re.match(text, e):
            add("speech")
        elif self.title_after.match(text, e):
            add("title_after")
        elif _COUNT.match(text, e):
            add("count")
        elif text.startswith("等", e):
            add("deng")
        elif self.boundary.match(text, e):
            add("boundary")
        else:
            j = toks.index_at(e)
            if toks.starts_at(e) and toks.tags[j] in PERSON_TAGS and self.is_name_shape(toks.words[j]):
                add("chained")
            elif toks.starts_at(e) and toks.tags[j][:1] in FOLLOW_TAGS:
                add("boundary")         # a verb, adverb or preposition follows (X逝世, X考察)
            elif not toks.starts_at(e) or toks.tags[j][:1] == "n":
                add("no_boundary")      # the candidate runs on into a word or a noun follows
        return score, why

    def find(self, text: str, base: int, toks: Tokens, art=None, orgs: list[RawOrg] = ()) -> list[RawPerson]:
        org_spans = [(m.start - base, m.end - base) for o in orgs for m in o.mentions]
        blocked = Mask(len(text), org_spans)
        for m in _TITLED.finditer(text):
            blocked.add(*m.span())
        credits = [c for c in (art.credits if art is not None else ()) if art.start <= c.start < art.end]
        for c in credits:
            blocked.add(c.start - base, c.end - base)
        people: dict[str, RawPerson] = {}

        def accept(name: str, role=None, why: str | list[str] = ()) -> None:
            p = people.setdefault(name, RawPerson(name))
            if role and role not in p.roles:
                p.roles.append(role)
            if why and not p.why:
                p.why.extend([why] if isinstance(why, str) else why)

        def free(s: int, e: int) -> bool:
            return not blocked.touches(s, e) and not self.not_after.match(text, e)

        # 1. byline credits
        outlet = None
        if art is not None and art.source:
            outlet = outlet_name(art.source)
        for c in credits:
            if len(c.name) > 4 or _ORG_LIKE.search(c.name) or not _NAME_CHARS.fullmatch(c.name) or c.name in self.stop:
                continue   # ■中共诸暨市总工会党组: an organisation as author
            accept(c.name, (c.role, outlet if c.field in ("reporters", "photographers", "interns") else None), "credit")
        # 2. cues: a title or honour before the name, a count after it (张建国等6名, 王晓东8人)
        for m in self.title_re.finditer(text):
            s, e = m.span("name")
            if free(s, e) and m.group("name") not in self.stop and m.group("name") not in self.nouns \
                    and not (self._function_start(toks, s) and not self._given_like(m.group("name"))):
                accept(m.group("name"), why="title")    # not 获得者|代表: a role noun is no name
        for m in self.honour_re.finditer(text):      # weaker (工匠代表, 奖揭晓): the segmenter must agree
            s, e = m.span("name")
            if free(s, e) and self._segmenter_agrees(toks, s, m.group("name")):
                accept(m.group("name"), why="honour")
        for c in _COUNT.finditer(text):
            lo = max(0, c.start() - 5)
            m = self.name_before_count.search(text, lo, c.start())
            if m:
                s, e = m.span("name")
                if not blocked.touches(s, e) and toks.starts_at(s) and m.group("name") not in self.stop:
                    accept(m.group("name"), why="count")
        # 3. names with a middle dot (minority and foreign names); cut after a title on the left
        for m in self.dot_name.finditer(text):
            s, dot = m.start(), text.index("·", m.start())
            for cut in range(dot - 2, s - 1, -1):
                if cut == s or self._titled(text, cut) or text[cut - 1] in self.lead_function:
                    s = cut
                    break
            e = self._dot_name_end(toks, text.rindex("·", s, m.end()), m.end())
            if not blocked.touches(s, e):
                accept(text[s:e], why="dot")
        # 4. segmenter candidates, decided by evidence
        words, tags, starts = toks.words, toks.tags, toks.starts
        # candidates: tokens tagged as names, and name-shaped words the segmenter's HMM made up and
        # could not tag (x): rare given-name characters (颜鲲表示) are no ordinary word either
        agent, sur = self.agent_before, self.surnames
        nr_index = [k for k, t in enumerate(tags) if t in PERSON_TAGS
                    or t == "x" and 2 <= len(words[k]) <= 3 and self.is_name_shape(words[k])
                    or words[k][0] in agent and words[k][1:2] in sur and t[:1] not in "pcvdu"]
        joined = -1
        for i in nr_index:
            if i == joined:
                continue
            w = words[i]
            s, e = starts[i], starts[i] + len(w)
            if w[0] in agent and w[1:2] in sur:      # the segmenter glued 由/被 to a surname
                if 3 <= len(w) <= 4 and tags[i] in PERSON_TAGS:
                    w, s = w[1:], s + 1                                   # 由林志坤
                elif len(w) == 2 and i + 1 < len(words) and len(words[i + 1]) <= 2 \
                        and _ALL_HAN.fullmatch(words[i + 1]) and self._given_like(w[1] + words[i + 1]):
                    w, s, e, joined = w[1] + words[i + 1], s + 1, e + len(words[i + 1]), i + 1   # 由何|建平
                elif tags[i] not in PERSON_TAGS:
                    continue
            elif tags[i] == "nrt":
                if i and tags[i - 1] == "nrt" and self._all_translit(words[i - 1] + w):
                    continue                      # taken with the token before it
                k = i + 1
                while k < len(words) and tags[k] == "nrt" and self._all_translit(w + words[k]):
                    w, e, k = w + words[k], e + len(words[k]), k + 1    # 贝瑟|海姆
                if i and len(words[i - 1]) == 1 and words[i - 1] in self.translit and tags[i - 1][:1] not in "pcudrx":
                    w, s = words[i - 1] + w, starts[i - 1]              # 扎|琳娜
            elif len(w) <= 2 and i and len(words[i - 1]) == 1 and words[i - 1] in self.surnames \
                    and tags[i - 1][:1] not in "pcudr" and not (words[i - 1] in agent and self.is_name_shape(w)) \
                    and (i < 2 or not _HAN.match(words[i - 2][-1:]) or len(words[i - 2]) > 1):
                w, s = words[i - 1] + w, starts[i - 1]     # 高|卫东: a surname the segmenter cut off
            if len(w) == 2 and i + 2 < len(words) and len(words[i + 1]) <= 2 and _HAN.match(words[i + 1]) \
                    and tags[i + 1][:1] not in "pcudvx" and not self.boundary.match(text, e) \
                    and self.boundary.match(text, e + 1) and self.is_name_shape(w + text[e]) \
                    and self.given.get(text[e], -1.0) > 0:
                w, e = w + text[e], e + 1          # 王丽|群作: the last given-name character split off
            glued = glued_fn = False
            if len(w) >= 4 and "·" not in w:
                g = self.glued_tail.match(w)      # 张明远理论, 李晓峰主席 read as one word
                if g and self.is_name_shape(g.group("name")):
                    w, e, glued = g.group("name"), s + len(g.group("name")), True
            elif len(w) == 3 and w[-1] in self.glued_function and self.is_name_shape(w[:2]) and toks.starts_at(e):
                w, e, glued_fn = w[:2], e - 1, True    # 邱岚|已: an adverb or verb glued to a name
            if w in people or not free(s, e) or w.endswith(self.honorific_end) or w in self.stop \
                    or self._surname_title(w):
                continue
            shaped = self.is_name_shape(w)
            if (len(w) >= 3 or not shaped) and self._all_translit(w) and self._place_context(text, s, e) \
                    and not self.speech_re.match(text, e):
                if self.trace is not None:
                    self.trace.append((w, None, ["translit_place"]))
                continue                          # 来到莫斯科, 切尔西队: a transliterated place or team
            if not shaped:
                # transliterated names need a person cue, or jieba's own person-transliteration tag
                # (nrt): bare nr ones are as often places (温哥华)
                cue = self._foreign_cue(text, toks, w, tags[i], s, e)
                if cue:
                    accept(w, why=["foreign", cue])
                continue
            score, why = self.evidence(text, toks, s, e, tags[i], people)
            if glued:
                score += W["glued_title"]
                why.append("glued_title")
            if glued_fn and "no_boundary" in why:          # the glued adverb is where the name ends
                score += W["boundary"] - W["no_boundary"]
                why[why.index("no_boundary")] = "boundary"
            if w[-1] in self.venue_end:
                score -= 1.0
                why.append("venue_end")
            if self.trace is not None:
                self.trace.append((w, round(score, 2), why))
            if score >= THRESHOLD:
                accept(w, why=why + [f"={score:.1f}"])
            elif (cue := self._foreign_cue(text, toks, w, tags[i], s, e)):
                accept(w, why=why + [f"={score:.1f}", "foreign", cue])     # a surname character first, on a foreign cue
        # 4b. names in Latin letters (Hanna表示, 选手Lorenz): only on a person cue, never acronyms
        for i, t in enumerate(tags):
            if t == "eng" and _LATIN_NAME.fullmatch(words[i]):
                w, s = words[i], starts[i]
                e = s + len(w)
                if w in people or not free(s, e) or w in self.stop:
                    continue
                cue = "speech" if self.speech_re.match(text, e) else "title_after" if self.title_after.match(text, e) \
                    else "title" if self._titled(text, s) or self._role_before(text, s) else None
                if self.trace is not None:
                    self.trace.append((w, None, ["latin", cue]))
                if cue:
                    accept(w, why=["latin", cue])
        # 5. names the segmenter did not find, right after a role noun, a title chain or 的
        # tokens right after 的, a title or a role noun (one scan each), and lone surnames
        sur, last = self.surnames, self.cue_last_chars
        after = [i for i, (a, b) in enumerate(zip(words, words[1:]), 1) if a[-1] in last and b[0] in sur]
        for i in sorted(set(after).union(nr_index)):
            if words[i][0] not in sur:
                continue
            s = starts[i]
            # 唐|达成, 殷|治军: the segmenter marked a lone surname as a name and read on as words
            lone = len(words[i]) == 1 and tags[i] in PERSON_TAGS and i + 1 < len(words) and tags[i + 1] not in PERSON_TAGS
            if not lone and not (s and (text[s - 1] == "的" or (text[s - 1] in self.cue_last_chars and (
                    self._role_before(text, s) or self._titled(text, s))))):
                continue
            for n in (3, 2):
                w, e = text[s:s + n], s + n
                if w in people or not self.is_name_shape(w) or not free(s, e) or w.endswith(self.honorific_end) \
                        or not toks.starts_at(e) and e < len(text) \
                        or (n == 3 and self.boundary.match(text, s + 2)) or not self._unknown_word(toks, s, e) \
                        or not self._given_like(w):
                    continue
                score, why = self.evidence(text, toks, s, e, "lone_surname" if lone else "", people)
                if self.trace is not None:
                    self.trace.append((w, round(score, 2), why + ["untagged"]))
                if score >= THRESHOLD:
                    accept(w, why=why + ["untagged", f"={score:.1f}"])
                break
        # 6. lists: A、B、C of name-shaped items with one known name, or mostly good shapes
        for m in _LIST.finditer(text):
            parts = m.group().split("、")
            if len(parts) < 3 and not any(p in people for p in parts):
                continue          # two items, neither a known name: no evidence either way
            starts = [m.start()]
            for part in parts[:-1]:
                starts.append(starts[-1] + len(part) + 1)
            # the run may take in words before the first and after the last item (授予|甲、乙、丙|劳动模范)
            starts[0], parts[0] = self._list_edge(text, toks, starts[0], parts[0], first=True)
            _, parts[-1] = self._list_edge(text, toks, starts[-1], parts[-1], first=False)
            shaped = [p for p in parts if self.is_name_shape(p)]
            known = any(p in people for p in parts)
            good = len(parts) >= 3 and len(shaped) >= 0.8 * len(parts) \
                and sum(map(self.shape_score, shaped)) / len(shaped) >= 0.5
            if not (known or good):
                continue
            for pos, p in zip(starts, parts):
                if p not in people and self.is_name_shape(p) and not blocked.touches(pos, pos + len(p)) \
                        and (good or self._segmenter_agrees(toks, pos, p)
                             or (self.shape_score(p) >= 1.0 and p not in self.common and toks.starts_at(pos)
                                 and toks.starts_at(pos + len(p)))):
                    accept(p, why="list")
        return self._mentions(text, base, toks, people, blocked, org_spans, orgs, credits)

    def _list_edge(self, text: str, toks: Tokens, pos: int, part: str, first: bool) -> tuple[int, str]:
        """The name-shaped piece of a list's first item that ends it (or of its last item that
        starts it) on a token boundary; the item unchanged when there is none."""
        n = len(part)
        for k in range(min(n, 4), 1, -1):
            s = pos + n - k if first else pos
            w = text[s:s + k]
            if w not in self.stop and self.is_name_shape(w) and toks.starts_at(s) \
                    and (s + k == len(text) or toks.starts_at(s + k)) \
                    and not any(self.boundary.match(text, j) for j in range(s + 2, s + k)):   # 乙等
                return s, w
        return pos, part

    def _occurrences(self, text: str, names) -> list[tuple[int, str]]:
        """Non-overlapping occurrences of ``names``, leftmost first and longest at a position, in
        one linear pass per distinct first character (no per-document pattern)."""
        by_first: dict[str, set[int]] = {}
        names = set(names)
        for nm in names:
            by_first.setdefault(nm[0], set()).add(len(nm))
        hits: list[tuple[int, str]] = []
        for ch, lens in by_first.items():
            lens = sorted(lens, reverse=True)
            i = text.find(ch)
            while i != -1:
                for n in lens:
                    if text[i:i + n] in names:
                        hits.append((i, text[i:i + n]))
                        break
                i = text.find(ch, i + 1)
        hits.sort()
        out, end = [], 0
        for s, nm in hits:
            if s >= end:
                out.append((s, nm))
                end = s + len(nm)
        return out

    def _mentions(self, text, base, toks, people, blocked, org_spans, orgs, credits) -> list[RawPerson]:
        """Every occurrence of every accepted name; one inside a longer name (王建 in 王建华) is not."""
        if not people:
            return []
        org_index = _OrgIndex(orgs, base)
        org_ends = {e for _, e in org_spans}
        credit_at = {(c.start - base, c.name) for c in credits}
        for s, name in self._occurrences(text, people):
            e = s + len(name)
            if (s, name) in credit_at:
                pass
            elif blocked.touches(s, e) or (self.not_after.match(text, e) and not self.speech_re.match(text, e)):
                continue
            elif s and _HAN.match(text[s - 1]) and text[s - 1] not in self.glue_ok and not self._titled(text, s) \
                    and s not in org_ends and not toks.starts_at(s) and not self._role_before(text, s):
                continue   # glued to a preceding word that is no title, and the segmenter disagrees
            p = people[name]
            p.mentions.append(RawMention(name, s + base, e + base))
            for role in self._roles(text, s, org_index):
                if role not in p.roles:
                    p.roles.append(role)
        for c in credits:   # a byline name written with a space inside (王 五) is still its mention
            p = people.get(c.name)
            if p is not None and not any(mm.start == c.start for mm in p.mentions):
                p.mentions.append(RawMention(c.name, c.start, c.end))
                p.mentions.sort(key=lambda mm: mm.start)
        return [p for p in people.values() if p.mentions]

    @staticmethod
    def _unknown_word(toks: Tokens, s: int, e: int) -> bool:
        """[s, e) is a surname character and given-name pieces (吴|国庆, 张|明远), as unknown names
        are cut; 满意度, 家庭 (one known word from the start) or 和|群众 (a function word) are not."""
        i = toks.index_at(s)
        first = i
        while i < len(toks.words) and toks.starts[i] < e:
            w, t = toks.words[i], toks.tags[i]
            if toks.end(i) > e or (t not in PERSON_TAGS and (t[:1] in "pcudrx" or (len(w) > 1 and i == first))):
                return False      # a word running past the end, a function word, or a known word first
            i += 1
        return True

    def _place_context(self, text: str, s: int, e: int) -> bool:
        """A place or team word on either side of a transliterated candidate (来到X, X队)."""
        return self.place_after.match(text, e) is not None or self.place_before.search(text, max(0, s - 3), s) is not None

    @staticmethod
    def _function_start(toks: Tokens, s: int) -> bool:
        """The piece after a title opens with a function word or a verb the segmenter reads there
        (董事|和|监事, 驾驶员|能|看, 主帅|后|明显): no name starts at ``s``."""
        if not toks.starts_at(s):
            return False
        t = toks.tags[toks.index_at(s)]
        return t not in PERSON_TAGS and t[:1] in "cpdvfurm"

    @staticmethod
    def _dot_name_end(toks: Tokens, last_dot: int, end: int) -> int:
        """The end of a middle-dot name whose last part ran on into the words after it
        (费利佩·奥尔特曼|而言, 诺曼·贝尔曼|执导): the first adverb, preposition, conjunction or particle
        token, or verb of two or more characters, starting two or more characters after the last dot."""
        for pos in range(last_dot + 3, end):
            if toks.starts_at(pos):
                i = toks.index_at(pos)
                t = toks.tags[i][:1]
                if toks.end(i) <= end and (t in "dpcu" or (t == "v" and len(toks.words[i]) > 1)):
                    return pos
        return end

    @staticmethod
    def _verb_follows(toks: Tokens, e: int) -> bool:
        """A verb token starts right at ``e`` (X执教, X缺阵): the candidate is its subject."""
        if not toks.starts_at(e):
            return False
        return toks.tags[toks.index_at(e)][:1] == "v"

    @staticmethod
    def _subject_start(text: str, toks: Tokens, s: int) -> bool:
        """``s`` opens a clause or follows a conjunction (，X执教; A和X受邀): a subject's place,
        not an object's (逆转X, 从X淘到)."""
        if not s or text[s - 1] in _CLAUSE_BEFORE:
            return True
        i = toks.index_at(s - 1)
        return toks.tags[i][:1] == "c" and toks.starts_at(s)

    def _all_translit(self, w: str) -> bool:
        return all(ch in self.translit for ch in w)

    def _foreign(self, w: str, tag: str) -> bool:
        """A transliterated foreign name (弗洛里安, 诺蒂辛): every character a transliteration one;
        two characters only when the segmenter tags it a transliterated person (nrt: 诺蒂)."""
        return (3 <= len(w) <= 6 and tag in PERSON_TAGS or len(w) == 2 and tag == "nrt") and self._all_translit(w)

    def _foreign_cue(self, text: str, toks: Tokens, w: str, tag: str, s: int, e: int) -> str | None:
        """The person cue around a transliterated candidate, if any: a title or role noun before or
        after it, a verb of speech, a verb with the candidate in a subject's place, or (three or more
        characters tagged nrt) a word boundary."""
        if not self._foreign(w, tag):
            return None
        if len(w) == 2 and (w[0] == w[1] or not (self.boundary.match(text, e) or self._verb_follows(toks, e))):
            return None         # 卡拉|辛: part of a longer name; 达达: a doubled character
        if self.title_after.match(text, e) or self._titled(text, s) or (len(w) > 2 and self._role_before(text, s)):
            return "title"
        if self.speech_re.match(text, e):
            return "speech"
        if self._verb_follows(toks, e) and self._subject_start(text, toks, s):
            return "subject"
        if tag == "nrt" and len(w) >= 3 and self.boundary.match(text, e):
            return "nrt"
        return None

    @staticmethod
    def _segmenter_agrees(toks: Tokens, pos: int, word: str) -> bool:
        """``word`` at ``pos`` is one nr token, or a run of single characters (an unknown name)."""
        if not toks.starts_at(pos):
            return False
        i = toks.index_at(pos)
        if toks.words[i] == word:
            return toks.tags[i] in PERSON_TAGS
        end = pos + len(word)
        # 范|阳阳: a surname (tagged as a name) split from its given name; 和|集体 is no name
        surname_first = len(toks.words[i]) == 1 and toks.tags[i] in PERSON_TAGS
        first = i
        while i < len(toks.words) and toks.starts[i] < end:
            if len(toks.words[i]) > 1 and toks.tags[i] not in PERSON_TAGS and not (surname_first and i == first + 1):
                return False
            i += 1
        return i == len(toks.words) or toks.starts[i] == end

    def _roles(self, text: str, s: int, org_index: "_OrgIndex") -> list[tuple[str, str | None]]:
        """Titles chained right before a name (党组成员、副主席李晓峰), with the organisation
        written right before them, else the last one named earlier in the paragraph."""
        roles, p = [], s
        while (m := self.title_end.search(text, max(0, p - 10), p)):
            org_end = org_index.end_covering(m.start(), p)
            if org_end is not None:                    # 鄞州区总工会|副主席, not 工会副主席
                roles.append(text[org_end:p])
                p = org_end
                break
            roles.append(m.group())
            p = m.start()
            if p and text[p - 1] in "、和":
                p -= 1
                continue
            break
        if not roles:
            return []
        org = org_index.by_end.get(p)
        if org is None:
            para_start = max(text.rfind("\n", max(0, s - 300), s) + 1, s - 300)
            org = org_index.last_before(para_start, s)
        return [(t, org) for t in reversed(roles)]
