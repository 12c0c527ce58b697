"""Every reported mention points at its text in the ORIGINAL input (whitespace-insensitive)."""
import re
import unicodedata


def _squash(s):
    return re.sub(r"\s+", "", s)


def test_all_mentions_trace_back(gold_docs):
    import union_extract
    for g in gold_docs:
        doc = union_extract.extract(g["text"], g["id"])
        src = g["text"]
        for a in doc.articles:
            ms = [m for p in a.persons for m in p.mentions] + [m for o in a.organizations for m in o.mentions] \
                + [m for h in a.honors for m in h.mentions]
            for m in ms:
                assert _squash(src[m.start:m.end]) == _squash(m.text), (g["id"], m)
            for f in a.figures + a.dates:
                # figure text is read from width-normalised text: compare under NFKC
                assert _nfkc(src[f.start:f.end]) == _nfkc(f.text), (g["id"], f)


def _nfkc(s):
    return unicodedata.normalize("NFKC", _squash(s))


def test_full_width_figure_offsets():
    import union_extract
    src = "职工人数达到１２，５６５人，增长１２％。"
    a = union_extract.extract(src).articles[0]
    got = {(f.value, f.unit) for f in a.figures}
    assert (12565, "人") in got and (12, "%") in got
    for f in a.figures:
        assert _nfkc(src[f.start:f.end]) == _nfkc(f.text)
