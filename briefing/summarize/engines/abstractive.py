"""Abstractive summaries from any seq2seq checkpoint (BART, PEGASUS, T5, LED).

Long articles go through map-reduce: sentence-bounded chunks that fit the
model are summarized in batches across all articles, and the joined chunk
summaries are summarized again until one summary per article remains. Each
generated sentence is linked to the source sentence it is closest to (by the
bundled sentence embeddings), so provenance links work as for extracts, and
sentences with numbers, dates or names the article does not contain are
marked unverified.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from briefing.errors import ConfigError, ModelError
from briefing.models import Article, Point, Summary
from briefing.summarize.embeddings import SentenceEncoder, default_encoder
from briefing.summarize.faithfulness import unsupported_terms
from briefing.summarize.length import Length
from briefing.summarize.selection import within
from briefing.summarize.seq2seq import Seq2SeqModel, check_model
from briefing.text import split_sentences

MAX_ROUNDS = 8
"""Reduce rounds before giving up: each round must shrink the text."""


class AbstractiveSummarizer:
    name = "abstractive"

    def __init__(
        self,
        encoder: SentenceEncoder | None = None,
        model: str | Path | None = None,
        device: str = "cpu",
        allow_download: bool = False,
        generation: dict[str, Any] | None = None,
        batch_size: int = 8,
    ) -> None:
        self.preflight(model=model, allow_download=allow_download)
        self.encoder = encoder or default_encoder()
        self.model = Seq2SeqModel.load(
            model,
            device=device,
            allow_download=allow_download,
            generation=generation,
            batch_size=batch_size,
        )
        self.settings = (str(model), self.model.generation)
        self.rounds: list[int] = []  # chunks generated per round, for inspection and benchmarks

    @staticmethod
    def preflight(
        model: str | Path | None = None, allow_download: bool = False, **_: object
    ) -> None:
        """Cheap checks of the options, run before the inputs are read: no model loads."""
        if not model:
            raise ConfigError(
                "the abstractive summarizer needs {setting}: a folder with a seq2seq "
                "summarization model (BART, PEGASUS, T5, LED) or a name in the Hugging Face cache",
                setting="model",
            )
        check_model(model, allow_download)

    def summarize(self, articles: Sequence[Article], length: Length) -> list[Summary]:
        texts = self.map_reduce([[s.text for s in a.sentences] for a in articles])
        return [
            self._summary(article, text, length)
            for article, text in zip(articles, texts, strict=True)
        ]

    def map_reduce(self, documents: Sequence[Sequence[str]]) -> list[str]:
        """One summary per document: chunk, summarize all chunks in batches, repeat."""
        pending = {i: list(sentences) for i, sentences in enumerate(documents) if sentences}
        done: dict[int, str] = {i: "" for i in range(len(documents)) if i not in pending}
        previous: dict[int, int] = {}
        self.rounds = []
        for _ in range(MAX_ROUNDS):
            chunked = {i: self.model.chunks(sentences) for i, sentences in pending.items()}
            owners = [i for i, chunks in chunked.items() for _ in chunks]
            outputs = self.model.generate([c for chunks in chunked.values() for c in chunks])
            self.rounds.append(len(outputs))
            joined: dict[int, list[str]] = {}
            for owner, output in zip(owners, outputs, strict=True):
                joined.setdefault(owner, []).append(output)
            next_pending = {}
            for i, parts in joined.items():
                if len(chunked[i]) == 1:
                    done[i] = parts[0]
                    continue
                sentences = [s.text for s in split_sentences([" ".join(parts)])] or parts
                if previous.get(i, 1 << 30) <= len(chunked[i]):
                    raise ModelError(
                        "the model's summaries do not get shorter; lower max_new_tokens"
                    )
                previous[i] = len(chunked[i])
                next_pending[i] = sentences
            pending = next_pending
            if not pending:
                return [done[i] for i in range(len(documents))]
        raise ModelError(f"map-reduce did not finish within {MAX_ROUNDS} rounds")

    def _summary(self, article: Article, text: str, length: Length) -> Summary:
        generated = [s.text for s in split_sentences([text])] if text else []
        kept = within(generated, length)
        if not kept or not article.sentences:
            return Summary(article.id, (), self.name)
        source = self.encoder.encode([s.text for s in article.sentences])
        similarity = self.encoder.encode(kept) @ source.T
        body = " ".join(article.paragraphs) + " " + article.title
        points = []
        for sentence, row in zip(kept, similarity, strict=True):
            best = int(np.argmax(row))
            missing = unsupported_terms(sentence, body)
            anchor = article.sentences[best]
            points.append(
                Point(
                    sentence,
                    article.id,
                    anchor.paragraph,
                    anchor.index,
                    round(float(row[best]), 4),
                    verified=not missing,
                    unsupported=missing,
                )
            )
        return Summary(article.id, tuple(points), self.name)


ENGINE = AbstractiveSummarizer
