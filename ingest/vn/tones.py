"""Tone marks put back on a question typed without them, read from the corpus's own syllable pairs.

Vietnamese typed without tone marks is ambiguous syllable by syllable (`dinh` may be định, đình, đinh, dính) but
rarely in context: `quyet dinh` is `quyết định` throughout official text. Each run of syllables between punctuation
is read as the sequence of toned syllables the indexed text makes most likely: a syllable-bigram model
interpolated with absolute discounting (Ney, Essen & Kneser 1994; the discount estimated from the counts as
n1 / (n1 + 2 n2)), decoded by Viterbi. A syllable nobody writes stays as typed, and so do numbers, document numbers (`502/qd-dcks`) and
upper-case abbreviations (`UBND`). The counts come from the documents the user may read (recorded per document at
ingest time), plus one count for each word of underthesea's Viet74K dictionary and each phrase of the question
cue tables (`data/intents.tsv` ...): questions are made of words documents seldom write (`bao nhiêu`, `ngày nào`).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ingest.vn import doctypes, vntext, vocab
from ingest.vn.spelling import dictionary_words

# syllables separated by spaces only (one context), not part of a token with digits, `/` or `-` (`502/qd-dcks`)
_RUN = re.compile(r"(?<![\w/-])[^\W\d_]+(?:[ \t]+[^\W\d_]+)*(?![\w/-])")
_SYLLABLE = re.compile(r"[^\W\d_]+")
_PHRASE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")
_CUE_TABLES = ("intents", "header_questions", "followups", "asked_bodies", "positions", "statements")
# a question is made of its interrogative (`bao nhiêu`, `ngày nào`), which documents seldom write: each cue phrase
# counts as often as this, a dictionary word once
CUE_WEIGHT = 10
MAX_FORMS = 8  # toned forms tried per syllable, most frequent first (a syllable has at most 6 tones x 2 vowels)


def syllable_pairs(texts: Iterable[str]) -> Counter[str]:
    """Adjacent lowercase canonical syllables (`quyết định`) of `texts`, counted; punctuation breaks a pair."""
    return Counter(pair for text in texts for pair in _pairs(vntext.canonical(text).lower()))


def _pairs(text: str) -> Iterator[str]:
    """The syllable pairs of text already canonical and lower case."""
    for run in _RUN.findall(text):
        yield from (f"{a} {b}" for a, b in itertools.pairwise(run.split()))


@lru_cache(maxsize=4)
def general_counts(cue_weight: int = CUE_WEIGHT) -> tuple[Counter[str], Counter[str]]:
    """Syllables and syllable pairs of the Viet74K words (each counted once: the dictionary lists words, it does
    not say how often they are used) and of the question cues' phrases (each `cue_weight` times)."""
    words = [w for w in dictionary_words() if _SYLLABLE.search(w)]
    # the cues' literal phrases (look-arounds and placeholders cut out), and `Bộ nào`, `Quyết định nào`, ...
    cues = [f"{noun} nào" for noun in (*vocab.column("asked_bodies"), *doctypes.names())]
    for table in _CUE_TABLES:
        for row in vocab.rows(table):
            for cell in row:  # a cue written tone-free (followups.tsv's `lean`) says nothing about tone marks
                if vntext.has_tone_marks(cell):
                    cues += _PHRASE.findall(re.sub(r"\(\?<?[!=][^)]*\)|\{\w+\}", " ", cell))
    # the dictionary's words are canonical and lower case already (`dictionary_words`): read as they are
    syllables: Counter[str] = Counter(dict.fromkeys({s for w in words for s in _SYLLABLE.findall(w)}, 1))
    syllables.update(
        dict.fromkeys({s for p in cues for s in _SYLLABLE.findall(vntext.canonical(p).lower())}, cue_weight)
    )
    pairs: Counter[str] = Counter(dict.fromkeys({pair for w in words for pair in _pairs(w)}, 1))
    pairs.update(dict.fromkeys(syllable_pairs(cues), cue_weight))
    return syllables, pairs


class ToneRestorer:
    """Restores tone marks to tone-free text from syllable and syllable-pair counts of a corpus."""

    def __init__(self, syllables: Counter[str], pairs: Counter[str], general: bool = True,
                 cue_weight: int = CUE_WEIGHT) -> None:  # fmt: skip
        """Corpus counts (`syllables`, `pairs`), plus the dictionary's and the question cues' when `general`."""
        self.corpus = (syllables, pairs)
        if general:
            extra_syllables, extra_pairs = general_counts(cue_weight)
            syllables, pairs = syllables + extra_syllables, pairs + extra_pairs
        self.syllables = syllables
        self.pairs = pairs
        self.total = sum(syllables.values()) + len(syllables) + 1
        self.left: Counter[str] = Counter()  # how often each syllable starts a pair
        self.followers: Counter[str] = Counter()  # how many different syllables follow it
        for pair, n in pairs.items():
            first = pair.split(" ", 1)[0]
            self.left[first] += n
            self.followers[first] += 1
        # the discount from the corpus's own pairs (the dictionary's, each counted once, say nothing of usage)
        seen = Counter(n for n in self.corpus[1].values() if n <= 2)
        self.discount = seen[1] / (seen[1] + 2 * seen[2]) if seen[1] and seen[2] else 0.75
        forms: dict[str, list[str]] = {}
        for s in syllables:
            if _SYLLABLE.fullmatch(s):
                forms.setdefault(vntext.strip_tones(s), []).append(s)
        self.forms = {flat: sorted(f, key=lambda s: -syllables[s])[:MAX_FORMS] for flat, f in forms.items()}

    def seen(self, first: str, second: str) -> int:
        """How often `first second` is written (lowercase; a syllable without tone marks stands for all its
        forms): the context typo repair reads (`ingest.vn.spelling`)."""
        if not first or not second:
            return 0
        firsts = [first] if vntext.has_tone_marks(first) else self.forms.get(first, [first])
        seconds = [second] if vntext.has_tone_marks(second) else self.forms.get(second, [second])
        return sum(self.pairs.get(f"{a} {b}", 0) for a in firsts for b in seconds)

    def _alone(self, s: str) -> float:
        return math.log((self.syllables[s] + 1) / self.total)

    def _after(self, prev: str, s: str) -> float:
        total = self.left[prev]
        if not total:
            return self._alone(s)
        d = self.discount
        seen = max(self.pairs.get(f"{prev} {s}", 0) - d, 0.0) / total
        return math.log(seen + d * self.followers[prev] / total * math.exp(self._alone(s)))

    def _best(self, flats: list[str]) -> list[str]:
        """Viterbi over one run of known tone-free syllables: the likeliest toned sequence."""
        paths = {s: (self._alone(s), [s]) for s in self.forms[flats[0]]}
        for flat in flats[1:]:
            paths = {
                s: max(((score + self._after(prev, s), [*seq, s]) for prev, (score, seq) in paths.items()),
                       key=lambda t: t[0])
                for s in self.forms[flat]
            }  # fmt: skip
        return max(paths.values(), key=lambda t: t[0])[1]

    def restore(self, text: str) -> str:
        """`text` with tone marks restored where it has none at all; text that has some is returned as is."""
        if vntext.has_tone_marks(text):
            return text
        return _RUN.sub(lambda m: self._restore_run(m.group(0)), text)

    def _restore_run(self, run: str) -> str:
        tokens = re.split(r"([ \t]+)", run)
        words = tokens[0::2]
        out = list(words)
        known = [self._known(w) for w in words]
        i = 0
        while i < len(words):
            if not known[i]:
                i += 1
                continue
            j = i
            while j < len(words) and known[j]:
                j += 1
            for k, toned in enumerate(self._best([w.lower() for w in words[i:j]]), start=i):
                out[k] = _same_case(words[k], toned)
            i = j
        tokens[0::2] = out
        return "".join(tokens)

    def _known(self, word: str) -> bool:
        return not (len(word) > 1 and word.isupper()) and word.lower() in self.forms


def _same_case(typed: str, toned: str) -> str:
    return toned[:1].upper() + toned[1:] if typed[:1].isupper() else toned
