"""Print the ``word_end`` rows of lexicons/person_cues.tsv from jieba's dictionary (MIT licence).

A character that ends ordinary words far more often than it ends names (率 度 量 员 队: 贡献率,
严肃性 read as a surname and two given-name characters) is evidence against a candidate that ends
with it. Counted on jieba's dict.txt: last characters of entries tagged ``nr`` of 2-3 characters
led by a surname of surnames.tsv (names) against last characters of other entries of 2+ characters;
the log-odds (add-one) must be at most ``MAX_ODDS`` and the character must end at least
``MIN_WORDS`` ordinary entries.

usage: python lexicons/tools/make_word_end.py   (replace the word_end rows of person_cues.tsv)
"""
import math
from collections import Counter
from pathlib import Path

import jieba

HERE = Path(__file__).resolve().parent.parent
MAX_ODDS = -2.0
MIN_WORDS = 100


def word_end_chars() -> list[str]:
    sur = {line.split("\t")[0].strip() for line in open(HERE / "surnames.tsv", encoding="utf-8")
           if line.strip() and not line.startswith("#")}
    names, words = Counter(), Counter()
    for line in open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8"):
        parts = line.split()
        if len(parts) < 3:
            continue
        w, tag = parts[0], parts[2]
        if tag == "nr" and 2 <= len(w) <= 3 and w[0] in sur:
            names[w[-1]] += 1
        elif tag not in ("nr", "nrfg", "nrt") and len(w) >= 2:
            words[w[-1]] += 1
    n_total, w_total = sum(names.values()), sum(words.values())

    def odds(c: str) -> float:
        return math.log((names[c] + 1) / n_total) - math.log((words[c] + 1) / w_total)

    return sorted((c for c in words if words[c] >= MIN_WORDS and "\u4e00" <= c <= "\u9fff" and odds(c) <= MAX_ODDS),
                  key=lambda c: (odds(c), c))


if __name__ == "__main__":
    for ch in word_end_chars():
        print(f"{ch}\tword_end")
