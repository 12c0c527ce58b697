"""``union-extract eval``: score extraction on gold documents with the reference definitions.

Definitions (kept identical to ../shared/eval/score.py, checked by tests/test_evaluation.py):
strings are compared with whitespace and quote marks removed; each gold entry is a set of
acceptable surface forms matched at most once, a prediction that hits an already matched entry
or an optional string is neither TP nor FP; honours are distinct surface-form sets; a holder
matches any surface form of the entity it names; figures are (unit, value rounded to 4) sets.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict

CATS = ("persons", "organizations", "honors", "honor_holders", "figures")
_QUOTES = {ord(c): None for c in "“”\"‘’'「」『』"}
_UNIT_ALIASES = {"％": "%", "百分之": "%", "percent": "%"}


def norm(s):
    return None if s is None else re.sub(r"\s+", "", str(s)).translate(_QUOTES)


def _fig_key(value, unit):
    try:
        v = float(value)
    except (TypeError, ValueError):
        return None
    u = norm(unit or "")
    return (_UNIT_ALIASES.get(u, u), round(v, 4))


def flatten(doc_id: str, articles) -> dict:
    """Per-document prediction sets from article records (models or dicts)."""
    out = {"persons": set(), "organizations": set(), "honors": set(), "figures": set()}

    def texts(ent):
        ms = [m["text"] for m in ent.get("mentions") or [] if m.get("text")]
        return ms or ([ent["name"]] if ent.get("name") else [])

    for a in articles:
        a = a if isinstance(a, dict) else a.model_dump()
        for p in a["persons"]:
            out["persons"].update(texts(p))
        for o in a["organizations"]:
            out["organizations"].update(texts(o))
        for h in a["honors"]:
            holder = (h.get("holder") or {}).get("name")
            for t in texts(h):
                out["honors"].add((holder, t))
        for f in a["figures"]:
            out["figures"].add((f["value"], f["unit"]))
    return out


def _greedy(gold: list, preds, hits_of, optional_of, show_pred, show_gold, errs: list) -> tuple[int, int, int]:
    """Each prediction takes the first free gold entry it hits; hitting only taken entries or an
    optional string is neither right nor wrong (the reference scorer's rule)."""
    used, tp, fp = set(), 0, 0
    for p in preds:
        hits = hits_of(p)
        free = [i for i in hits if i not in used]
        if free:
            used.add(free[0])
            tp += 1
        elif not hits and not optional_of(p):
            fp += 1
            errs.append(("FP", show_pred(p)))
    errs += [("FN", show_gold(g)) for i, g in enumerate(gold) if i not in used]
    return tp, fp, len(gold) - len(used)


def _match(gold: list[set], optional: set, preds: set, errs: list) -> tuple[int, int, int]:
    return _greedy(gold, sorted(preds), lambda p: [i for i, alts in enumerate(gold) if p in alts],
                   lambda p: p in optional, str, lambda alts: "|".join(sorted(alts)), errs)


def score_document(g: dict, pred: dict, errors: dict) -> dict:
    opt = g.get("optional") or {}
    res = {}
    for cat in ("persons", "organizations"):
        e = []
        res[cat] = _match([set(map(norm, alts)) for alts in g.get(cat, [])], set(map(norm, opt.get(cat, []))),
                          {norm(x) for x in pred.get(cat, ()) if norm(x)}, e)
        errors[cat] += [(g["id"], *x) for x in e]
    honour_sets: list[set] = []
    for h in g.get("honors", []):
        alts = set(map(norm, h["honor"]))
        for other in [x for x in honour_sets if x & alts]:
            honour_sets.remove(other)
            alts |= other
        honour_sets.append(alts)
    hopt = set(map(norm, opt.get("honors", [])))
    pairs = {(norm(hd) or None, norm(t)) for hd, t in pred.get("honors", ()) if norm(t)}
    e = []
    res["honors"] = _match(honour_sets, hopt, {t for _, t in pairs}, e)
    errors["honors"] += [(g["id"], *x) for x in e]
    ents = [set(map(norm, alts)) for alts in g.get("persons", []) + g.get("organizations", [])]

    def holder_forms(h):
        if h is None:
            return {None}
        hs = {norm(x) for x in (h if isinstance(h, list) else [h])}
        return hs.union(*[x for x in ents if x & hs])

    gold_pairs = [(holder_forms(h.get("holder")), set(map(norm, h["honor"]))) for h in g.get("honors", [])]
    e = []
    res["honor_holders"] = _greedy(
        gold_pairs, sorted(pairs, key=str),
        lambda p: [i for i, (hf, alts) in enumerate(gold_pairs) if p[0] in hf and p[1] in alts],
        lambda p: p[1] in hopt, lambda p: f"{p[0]}:{p[1]}",
        lambda g_: f"{'|'.join(sorted(map(str, g_[0])))}:{'|'.join(sorted(g_[1]))}", e)
    errors["honor_holders"] += [(g["id"], *x) for x in e]
    gf = {_fig_key(f["value"], f["unit"]) for f in g.get("figures", [])} - {None}
    fopt = {_fig_key(f["value"], f["unit"]) for f in opt.get("figures", [])}
    pf = {_fig_key(v, u) for v, u in pred.get("figures", ())} - {None}
    res["figures"] = (len(gf & pf), len(pf - gf - fopt), len(gf - pf))
    errors["figures"] += [(g["id"], "FP", str(k)) for k in sorted(pf - gf - fopt, key=str)]
    errors["figures"] += [(g["id"], "FN", str(k)) for k in sorted(gf - pf, key=str)]
    return res


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def evaluate(gold_docs: list[dict], extractor=None) -> tuple[dict, dict]:
    from .pipeline import Extractor
    ex = extractor or Extractor()
    totals = {c: [0, 0, 0] for c in CATS}
    errors: dict = defaultdict(list)
    for g in gold_docs:
        doc = ex.extract(g["text"], source_id=g["id"])
        for c, (tp, fp, fn) in score_document(g, flatten(g["id"], doc.articles), errors).items():
            totals[c][0] += tp
            totals[c][1] += fp
            totals[c][2] += fn
    res = {c: prf(*totals[c]) for c in CATS}
    res["macro_f1"] = round(sum(res[c]["f1"] for c in CATS) / len(CATS), 4)
    return res, errors


class GoldError(ValueError):
    """A gold file that cannot be scored: ``file:line: what is wrong``."""


_GOLD_LISTS = ("persons", "organizations", "honors", "figures")


def read_gold(path: str) -> list[dict]:
    """Gold records of one JSONL file, checked: a page dump or ``convert`` output is refused."""
    out = []
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise GoldError(f"{path}: {exc.strerror}") from None
    with fh:
        try:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                where = f"{path}:{lineno}"
                try:
                    g = json.loads(line.lstrip("\ufeff"))
                except (ValueError, RecursionError):
                    raise GoldError(f"{where}: not JSON; eval reads gold JSONL (one object a line with id, text, "
                                    "persons, organizations, honors, figures), not a page or text file") from None
                if not isinstance(g, dict) or not isinstance(g.get("id"), (str, int)) or not isinstance(g.get("text"), str):
                    hint = " (this looks like convert output, not gold)" if isinstance(g, dict) and "source_id" in g else ""
                    raise GoldError(f"{where}: not a gold record: needs an 'id' and a string 'text'{hint}")
                bad = [k for k in _GOLD_LISTS if not isinstance(g.get(k, []), list)]
                if bad:
                    raise GoldError(f"{where}: field {bad[0]!r} must be a list")
                g["id"] = str(g["id"])
                out.append(g)
        except UnicodeDecodeError:
            raise GoldError(f"{path}: not UTF-8 text") from None
    return out


def main(args) -> int:
    gold = []
    for path in args.gold:
        gold += read_gold(path)
    if not gold:
        raise GoldError("no gold records in " + ", ".join(args.gold))
    res, errors = evaluate(gold)
    if args.errors:
        try:
            fh = open(args.errors, "w", encoding="utf-8")
        except OSError as exc:
            raise GoldError(f"--errors {args.errors}: {exc.strerror}") from None
        with fh:
            for cat, rows in errors.items():
                for r in rows:
                    fh.write(cat + "\t" + "\t".join(map(str, r)) + "\n")
    if args.json:
        print(json.dumps(res, ensure_ascii=False))
    else:
        for c in CATS:
            r = res[c]
            print(f"{c:15s} P={r['p']:.3f} R={r['r']:.3f} F1={r['f1']:.3f} (tp={r['tp']} fp={r['fp']} fn={r['fn']})")
        print(f"macro_f1={res['macro_f1']:.3f} documents={len(gold)}")
    return 0
