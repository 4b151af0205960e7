"""The abstractive engine on a tiny seq2seq model built here: real loading, chunking,
batching and map-reduce, with random weights (so only structure is asserted, never words)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.errors import ConfigError
from briefing.ingest import article_from_text
from briefing.summarize import Length, load_summarizer
from briefing.summarize.faithfulness import unsupported_terms
from briefing.summarize.seq2seq import Seq2SeqModel, parse_generation, resolve_device
from tests.test_cli import run
from tests.tiny_seq2seq import MAX_INPUT, build_tiny_bart, build_tokenizer


@pytest.fixture(scope="session")
def tiny_bart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_bart(tmp_path_factory.mktemp("tiny-bart"))


@pytest.fixture(scope="session")
def loaded(tiny_bart: Path) -> Seq2SeqModel:
    return Seq2SeqModel.load(tiny_bart)


def long_article(words: int) -> str:
    sentences = []
    n = 0
    while sum(len(s.split()) for s in sentences) < words:
        n += 1
        sentences.append(
            f"Report {n} says the congestion charge in Port Halden raised money for buses."
        )
    paragraphs = [" ".join(sentences[i : i + 8]) for i in range(0, len(sentences), 8)]
    return "A very long report on the charge\n\n" + "\n\n".join(paragraphs)


@pytest.mark.slow
def test_limits_and_defaults_come_from_the_model(loaded: Seq2SeqModel) -> None:
    assert loaded.max_input == MAX_INPUT  # from config and tokenizer, not an assumed 1024
    assert loaded.budget == MAX_INPUT - 2  # <s> and </s>
    assert loaded.generation["num_beams"] == 2
    assert loaded.generation["max_new_tokens"] == 12
    assert loaded.prefix == ""
    assert loaded.device == "cpu"


@pytest.mark.slow
def test_generation_overrides(tiny_bart: Path) -> None:
    model = Seq2SeqModel.load(
        tiny_bart, generation=parse_generation(["num_beams=1", "max_new_tokens=5"])
    )
    assert model.generation["num_beams"] == 1 and model.generation["max_new_tokens"] == 5
    with pytest.raises(ConfigError, match="KEY=VALUE"):
        parse_generation(["temperature=2"])
    with pytest.raises(ConfigError, match="not a valid value"):
        parse_generation(["num_beams=many"])


@pytest.mark.slow
def test_chunks_fall_on_sentences_and_fit(loaded: Seq2SeqModel) -> None:
    article = article_from_text(long_article(600), "long.txt", "a1")
    sentences = [s.text for s in article.sentences]
    chunks = loaded.chunks(sentences)
    assert len(chunks) > 5
    assert " ".join(chunks) == " ".join(sentences)  # nothing dropped or cut
    starts = {s.split()[0] + " " + s.split()[1] for s in sentences}
    assert all(" ".join(c.split()[:2]) in starts for c in chunks)  # each starts a sentence
    assert all(size <= loaded.budget for size in loaded.count(chunks))


@pytest.mark.slow
def test_an_overlong_sentence_is_split_between_words_not_truncated(loaded: Seq2SeqModel) -> None:
    monster = " ".join(f"word{n}" for n in range(300)) + "."
    chunks = loaded.chunks(["Short first sentence here.", monster])
    assert " ".join(chunks).split() == ["Short", "first", "sentence", "here.", *monster.split()]
    assert all(size <= loaded.budget for size in loaded.count(chunks))


@pytest.mark.slow
def test_batches_return_in_input_order(loaded: Seq2SeqModel) -> None:
    texts = ["The council met.", "The charge raised money for buses and cycle lanes in the city."]
    forward = loaded.generate(texts)
    backward = loaded.generate(texts[::-1])
    assert forward == backward[::-1]


@pytest.mark.slow
def test_a_20000_word_article_goes_through_map_reduce(tiny_bart: Path, encoder) -> None:
    engine = load_summarizer("abstractive", encoder=encoder, model=str(tiny_bart), batch_size=32)
    article = article_from_text(long_article(20_000), "huge.txt", "a1")
    summary = engine.summarize([article], Length(sentences=3))[0]
    rounds = engine.rounds
    assert rounds[0] >= 20_000 * 1.2 / loaded_budget(engine)  # every sentence was read
    assert len(rounds) >= 2 and rounds == sorted(rounds, reverse=True) and rounds[-1] == 1
    assert summary.engine == "abstractive"
    for point in summary.points:  # provenance: each sentence points at a real source sentence
        assert article.sentences[point.sentence].paragraph == point.paragraph
        assert -1.0 <= point.score <= 1.0


def loaded_budget(engine) -> int:
    return engine.model.budget


@pytest.mark.slow
def test_cli_builds_an_abstractive_brief(tiny_bart: Path, tmp_path: Path, examples_dir) -> None:
    done = run(
        "build", examples_dir, "-s", "abstractive", "--model", tiny_bart, "-o", tmp_path,
        "--name", "b", "-f", "json,html",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    brief = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert brief["summarizer"] == "abstractive"
    assert {s["engine"] for s in brief["summaries"]} == {"abstractive"}
    sentences = {a["id"]: len(a["sentences"]) for a in brief["articles"]}
    for summary in brief["summaries"]:
        for point in summary["points"]:
            assert 0 <= point["sentence"] < sentences[point["article_id"]]
            assert point["verified"] == (not point["unsupported"])
    assert brief["comparison"]["overview"]  # the comparison works with either engine


def test_missing_model_says_where_it_looked(tmp_path: Path, examples_dir) -> None:
    done = run(
        "build",
        examples_dir,
        "-s",
        "abstractive",
        "--model",
        tmp_path / "nope",
        "-o",
        tmp_path / "o",
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "not found" in done.stderr and "--allow-download" in done.stderr
    assert "Hugging Face cache" in done.stderr
    assert not (tmp_path / "o").exists()
    without = run("build", examples_dir, "-s", "abstractive", "-o", tmp_path / "o")
    assert without.returncode == 2 and "needs --model" in without.stderr  # usage


@pytest.mark.slow
def test_device_errors_are_clear(tiny_bart: Path, tmp_path: Path, examples_dir) -> None:
    import torch

    if torch.cuda.is_available():
        assert resolve_device("cuda") == "cuda"
        return
    with pytest.raises(ConfigError, match="CUDA is not available"):
        resolve_device("cuda")
    assert resolve_device("auto") in ("cpu", "mps")
    done = run(
        "build", examples_dir, "-s", "abstractive", "--model", tiny_bart, "--device", "cuda",
        "-o", tmp_path / "o",
    )  # fmt: skip
    assert done.returncode == 2 and "--device cuda: CUDA is not available" in done.stderr
    with pytest.raises(ConfigError, match="unknown device"):
        resolve_device("tpu")


def test_model_options_need_the_abstractive_engine(tmp_path: Path, examples_dir) -> None:
    done = run("build", examples_dir, "--model", "x", "-o", tmp_path)
    assert done.returncode == 2 and "need -s abstractive" in done.stderr  # usage


@pytest.mark.slow
def test_t5_models_get_their_task_prefix(tmp_path: Path) -> None:
    from transformers import T5Config, T5ForConditionalGeneration

    tokenizer = build_tokenizer(tmp_path)
    config = T5Config(
        vocab_size=len(tokenizer), d_model=16, d_kv=8, d_ff=32, num_layers=1, num_heads=2,
        pad_token_id=1, eos_token_id=2, decoder_start_token_id=1,
    )  # fmt: skip
    T5ForConditionalGeneration(config).save_pretrained(tmp_path)
    model = Seq2SeqModel.load(tmp_path)
    assert model.prefix == "summarize: "
    assert model.max_input == MAX_INPUT  # relative positions: the tokenizer states the limit
    prefix_tokens = len(tokenizer("summarize: ")["input_ids"])
    assert model.budget == MAX_INPUT - prefix_tokens


@pytest.mark.parametrize(
    ("sentence", "missing"),
    [
        ("The council raised $30 million in 2025.", ()),
        ("The council raised $40 million in 2025.", ("40",)),
        ("Mayor Ana Ruiz praised the charge.", ("Ana Ruiz",)),
        ("The charge started in March.", ()),
        ("The charge started in June.", ("June",)),
        ("Traffic fell by three percent.", ()),
    ],
)
def test_faithfulness_guard(sentence: str, missing: tuple[str, ...]) -> None:
    source = (
        "Port Halden raised $30 million in 2025 from the charge, which started in March. "
        "Traffic fell by 3 percent, the council said."
    )
    assert unsupported_terms(sentence, source) == missing
