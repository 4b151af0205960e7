"""The default engine on the real bundled model."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import briefing
from briefing.errors import ConfigError, EngineError
from briefing.ingest import article_from_text, load_articles
from briefing.summarize import Length, load_summarizer
from briefing.summarize.embeddings import default_encoder
from briefing.text import split_sentences

TEXT = (Path(__file__).resolve().parent.parent / "examples" / "01-courier-2021.txt").read_text()


def test_splitter_keeps_abbreviations_together() -> None:
    text = (
        "The U.S. delegation met Dr. Lee at 9 a.m. on Dec. 1 in Washington. "
        "It was brief. “We agreed,” she said."
    )
    assert [s.text for s in split_sentences([text])] == [
        "The U.S. delegation met Dr. Lee at 9 a.m. on Dec. 1 in Washington.",
        "It was brief.",
        "“We agreed,” she said.",
    ]


def test_sentences_carry_paragraph_and_index() -> None:
    sentences = split_sentences(["One here. Two here.", "Three here."])
    assert [(s.paragraph, s.index) for s in sentences] == [(0, 0), (0, 1), (1, 2)]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("3", Length(sentences=3)),
        ("5s", Length(sentences=5)),
        ("120w", Length(words=120)),
        ("20%", Length(ratio=0.2)),
        ("0.25", Length(ratio=0.25)),
    ],
)
def test_length_specs(spec: str, expected: Length) -> None:
    assert Length.parse(spec) == expected


@pytest.mark.parametrize("spec", ["", "abc", "0", "150%", "-3"])
def test_bad_length_specs(spec: str) -> None:
    with pytest.raises(ConfigError):
        Length.parse(spec)


def test_summarize_returns_source_sentences_in_document_order() -> None:
    picked = briefing.summarize_text(TEXT, sentences=3)
    assert len(picked) == 3
    body = " ".join(s.text for s in split_sentences([TEXT]))
    positions = [body.index(sentence) for sentence in picked]
    assert positions == sorted(positions)
    assert "Photo:" not in " ".join(picked)


def test_word_budget_is_respected() -> None:
    by_words = briefing.summarize_text(TEXT, length="70w")
    assert len(by_words) >= 2
    assert sum(len(s.split()) for s in by_words) <= 70


@pytest.mark.parametrize(
    ("length", "kept"),
    [("4w", 1), ("5w", 2), ("6w", 3), ("1w", 1), ("2", 2), ("50%", 2), ("9", 3)],
)
def test_one_word_budget_for_prefixes_and_picks(length: str, kept: int) -> None:
    from briefing.summarize.selection import select, within

    sentences = ["Three words here.", "Two more.", "One."]
    spec = Length.parse(length)
    assert within(sentences, spec) == sentences[:kept]
    vectors = np.eye(3)  # nothing redundant: the scores alone order the picks
    picked = select(np.array([3.0, 2.0, 1.0]), vectors, [0, 1, 2], spec, sentences, 0.0)
    assert picked == list(range(kept))


def test_ratio_budget_counts_usable_sentences(encoder) -> None:
    from briefing.ingest.document import article_from_text
    from briefing.summarize.engines.extractive import ExtractiveSummarizer

    usable = ExtractiveSummarizer(encoder)._candidates(article_from_text(TEXT, "t.txt", "a1"))
    assert len(briefing.summarize_text(TEXT, length="50%")) == round(len(usable) / 2)
    assert len(briefing.summarize_text(TEXT, length="100%")) == len(usable)


def test_points_link_back_to_their_sentence(examples_dir: Path, encoder) -> None:
    articles, _ = load_articles([examples_dir])
    summaries = load_summarizer("extractive", encoder=encoder).summarize(
        articles, Length(sentences=3)
    )
    assert [s.article_id for s in summaries] == [a.id for a in articles]
    for article, summary in zip(articles, summaries, strict=True):
        assert len(summary.points) == 3
        for point in summary.points:
            source = article.sentences[point.sentence]
            assert source.text == point.text and source.paragraph == point.paragraph
            assert point.text in article.paragraphs[point.paragraph]


def test_the_model_is_loaded_once(encoder) -> None:
    assert default_encoder() is encoder
    vectors = encoder.encode(["The cat sat.", "A cat was sitting.", "Stocks fell sharply."])
    assert vectors.shape == (3, 384)
    similar, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert similar > unrelated + 0.3  # a real model, not random vectors


def test_unknown_engine_names_the_choices() -> None:
    expected = "unknown summarizer 'nope'; choose from: abstractive, extractive"
    with pytest.raises(EngineError, match=expected):
        load_summarizer("nope")


def test_the_settings_and_the_command_line_share_one_engine_check() -> None:
    from briefing.settings import SummarySettings
    from briefing.summarize import ENGINES, MODEL_ENGINES, ModelOptions, check_summarizer

    assert set(MODEL_ENGINES) <= set(ENGINES.names())
    model = ModelOptions(model="some/model")
    for wrong in ({"summarizer": "nope"}, {"summarizer": "extractive", "model": model}):
        with pytest.raises((ConfigError, EngineError)) as direct:
            check_summarizer(wrong["summarizer"], wrong.get("model"))
        with pytest.raises(type(direct.value)) as settings:
            SummarySettings(**wrong)
        assert str(settings.value) == str(direct.value)
        assert settings.value.setting == direct.value.setting == "summarizer"


FEATURE = """Water bills are set to rise by a fifth

The bakery on Elm Street opens at five, before the gulls are up. Flour dust hangs in the
warm air while the radio plays old songs. Marta has kneaded dough here for thirty years.

Water bills in Port Halden will rise by 20 percent next year, the utility board decided on
Thursday. The board said the increase pays for replacing pipes laid in the 1950s. Households
will pay about $9 more a month on average. Businesses that use a lot of water, such as
bakeries and laundries, face the steepest rises. The utility says leaks waste a quarter of
the water it treats. Council members asked the board to phase in the increase over two years.
The board refused, saying the pipe work cannot wait. A public hearing on the rates is planned
for March.
"""


def test_an_off_topic_opening_does_not_crowd_out_the_story(encoder) -> None:
    """Features open with a scene; the summary must still say what the story is about."""
    picked = briefing.summarize_text(FEATURE, sentences=3)
    scene = ("bakery on Elm Street", "Flour dust", "Marta has kneaded")
    assert sum(any(s in p for s in scene) for p in picked) <= 1, picked
    assert any("20 percent" in p for p in picked), picked


def test_quotation_led_sentences_and_questions_wait_their_turn(encoder) -> None:
    text = (
        "Port Halden will charge drivers $8 a day to enter downtown from March. "
        "\u201cIt is the end of the city as we know it,\u201d one shop owner said. "
        "Is this the right way to cut traffic? "
        "The council approved the charge by a vote of 6 to 3 on Tuesday. "
        "Revenue of about $30 million a year will go to buses and cycle lanes. "
        "Residents inside the zone get a 90 percent discount."
    )
    from briefing.summarize.engines.extractive import ExtractiveSummarizer, Weights

    def dependent(picked: list[str]) -> int:
        return sum(p.startswith("\u201c") or p.endswith("?") for p in picked)

    held_back = briefing.summarize_text(text, sentences=3)
    plain = briefing.summarize_text(
        text, sentences=3, summarizer=ExtractiveSummarizer(encoder, Weights(standalone=0))
    )
    # one rule (briefing.text.stands_alone) keeps them out, whatever the penalty's weight
    assert dependent(held_back) == 0 and dependent(plain) == 0, (held_back, plain)


def test_the_standalone_rule_and_what_may_follow_its_antecedent() -> None:
    from briefing.text import stands_after, stands_alone

    pronoun = "He said the bridge would reopen to traffic by the end of May."
    assert not stands_alone(pronoun) and stands_after(pronoun)
    assert not stands_alone("But the council refused to phase in the increase over two years.")
    # a dateline says where, not what the sentence leans on
    assert stands_alone("LONDON (Reuters) - The Bank of England raised rates by half a point.")
    assert stands_alone("(CNN) -- A man was found dead in his flat on Tuesday night, police said.")
    assert not stands_alone("(CNN) -- He was found dead in his flat on Tuesday night, police said.")
    # a complete quotation: a named speaker stands alone, "he said" only follows
    named = "\u201cIt is important to lose weight before anything else,\u201d said Dr. Ann Lee."
    assert stands_alone(named)
    led = "\u201cThis has been one of the saddest weeks of my twenty years here,\u201d he said."
    assert not stands_alone(led) and stands_after(led)
    # fragments, questions and vox pops neither stand alone nor follow
    for text in (
        "\u201cI cannot imagine,\u201d she said.",
        "Will the council and the unions actually agree on a new deal this year?",
        "\u201cIt is the end of the city as we know it,\u201d one shop owner said.",
    ):
        assert not stands_alone(text) and not stands_after(text), text


LEANING = (
    "Rosa Delgado was elected mayor of Port Halden on Sunday with 54 percent of the vote. "
    "She promised to charge drivers $8 a day to enter downtown and spend the money on buses. "
    "Turnout was the highest in twenty years, at 61 percent of registered voters. "
    "The city's bus network carries about 40,000 riders on a typical weekday."
)


def test_a_pronoun_sentence_is_shown_right_after_its_antecedent(encoder) -> None:
    from briefing.summarize.engines.extractive import ExtractiveSummarizer
    from briefing.summarize.selection import select

    article = article_from_text(LEANING, "mayor.txt", "a1")
    engine = ExtractiveSummarizer(encoder)
    candidates = engine._candidates(article)
    needs = engine._followers(article, candidates)
    assert 1 not in candidates and needs == {1: 0}
    texts = [s.text for s in article.sentences]
    vectors = encoder.encode(texts)
    scores = np.array([0.1, 1.0, 0.5, 0.4])  # the pronoun sentence scores best
    pair = select(scores, vectors, [0, 1, 2, 3], Length(sentences=2), texts, 0.0, needs)
    assert sorted(pair) == [0, 1]  # taken together with its antecedent
    # alone it is not: with room for one sentence only, the pair cannot be shown
    alone = select(scores, vectors, [0, 1, 2, 3], Length(sentences=1), texts, 0.0, needs)
    assert alone == [2]
    # and a summary never shows it without the sentence before it
    for size in (1, 2, 3):
        points = briefing.summarize_text(LEANING, sentences=size)
        for n, text in enumerate(points):
            if text.startswith("She "):
                assert n and points[n - 1].startswith("Rosa Delgado"), points
