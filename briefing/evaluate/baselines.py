"""Reference methods every news summarizer is compared with.

``lead`` takes the first sentences (Lead-3 at three). LexRank and TextRank are
sumy's implementations, fed by this project's sentence splitter because
sumy's own tokenizer needs NLTK data downloads. Several documents are
concatenated in order, as the Multi-News baselines are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from briefing.errors import ConfigError
from briefing.summarize.length import Length
from briefing.summarize.selection import within
from briefing.text import split_sentences, words

Baseline = Callable[[Sequence[str], Length], list[str]]


def sentences_of(documents: Sequence[str]) -> list[str]:
    paragraphs = [p.strip() for d in documents for p in d.splitlines() if p.strip()]
    return [s.text for s in split_sentences(paragraphs)]


def lead(documents: Sequence[str], length: Length) -> list[str]:
    return within(sentences_of(documents), length)


class _Tokenizer:
    language = "english"

    def to_sentences(self, paragraph: str) -> list[str]:
        return [s.text for s in split_sentences([paragraph])]

    def to_words(self, sentence: str) -> list[str]:
        return words(sentence)


def _sumy(kind: str) -> Baseline:
    def run(documents: Sequence[str], length: Length) -> list[str]:
        try:
            from sumy.nlp.stemmers import Stemmer
            from sumy.parsers.plaintext import PlaintextParser
            from sumy.summarizers.lex_rank import LexRankSummarizer
            from sumy.summarizers.text_rank import TextRankSummarizer
            from sumy.utils import get_stop_words
        except ImportError as exc:
            raise ConfigError(
                f"the {kind} baseline needs sumy: pip install 'briefing[eval]'"
            ) from exc
        engine = {"lexrank": LexRankSummarizer, "textrank": TextRankSummarizer}[kind]
        summarizer = engine(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        text = "\n\n".join(sentences_of(documents))
        document = PlaintextParser.from_string(text, _Tokenizer()).document
        total = len(document.sentences)

        def pick(count: int) -> list[str]:
            return [str(s) for s in summarizer(document, count)] if count else []

        if length.words is None:
            return pick(length.sentence_budget(total))
        low, high = 1, total  # top-k sets are nested, so their size grows with k
        while low < high:
            middle = (low + high + 1) // 2
            chosen = pick(middle)
            if within(chosen, length) == chosen:  # all of them fit the word budget
                low = middle
            else:
                high = middle - 1
        return pick(low)

    return run


BASELINES: dict[str, Baseline] = {
    "lead3": lead,
    "lexrank": _sumy("lexrank"),
    "textrank": _sumy("textrank"),
}
