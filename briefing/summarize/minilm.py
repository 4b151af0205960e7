"""The bundled BERT sentence model's forward pass in NumPy.

all-MiniLM-L6-v2 is six small BERT layers. Running them with NumPy on the
safetensors weights, tokenized by the ``tokenizers`` library, gives the same
vectors as ``transformers.BertModel`` (cosine above 0.9999, checked in the
tests) without importing torch or transformers, which cost about four seconds
of every run's start. The torch path stays the reference and serves GPUs.

Matrix products run on one BLAS thread: on a shared or busy CPU, a second
thread that spins while it waits slowed the encoder tenfold, and on an idle
two-core machine it gains little over sorting sentences into tight batches.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from briefing.errors import ModelError

WEIGHTS = "model.safetensors"
TOKENIZER = "tokenizer.json"


@dataclass(frozen=True)
class Layer:
    qkv: np.ndarray  # (hidden, 3 * hidden): query, key and value in one product
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True)
class Bert:
    """Weights and shape of a BERT encoder with absolute positions and GELU."""

    words: np.ndarray
    positions: np.ndarray
    token_type: np.ndarray
    norm: tuple[np.ndarray, np.ndarray]
    layers: tuple[Layer, ...]
    heads: int
    eps: float

    @property
    def hidden(self) -> int:
        return int(self.words.shape[1])

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states, (batch, tokens, hidden), for token ids and a 0/1 mask."""
        tokens = ids.shape[1]
        x = self.words[ids] + self.positions[:tokens] + self.token_type
        x = _layer_norm(x, self.norm, self.eps)
        blocked = (1.0 - mask[:, None, None, :].astype(np.float32)) * np.float32(-1e9)
        for layer in self.layers:
            x = _layer_norm(x + self._attention(x, layer, blocked), layer.norm1, self.eps)
            inner = _gelu(x @ layer.up + layer.up_bias)
            x = _layer_norm(x + inner @ layer.down + layer.down_bias, layer.norm2, self.eps)
        return x

    def _attention(self, x: np.ndarray, layer: Layer, blocked: np.ndarray) -> np.ndarray:
        batch, tokens, hidden = x.shape
        size = hidden // self.heads
        qkv = (x @ layer.qkv + layer.qkv_bias).reshape(batch, tokens, 3, self.heads, size)
        query, key, value = (qkv[:, :, i].transpose(0, 2, 1, 3) for i in range(3))
        scores = query @ key.transpose(0, 1, 3, 2) * np.float32(1.0 / np.sqrt(size)) + blocked
        scores -= scores.max(-1, keepdims=True)
        np.maximum(scores, np.float32(-80), out=scores)  # no subnormal numbers from exp
        np.exp(scores, out=scores)
        scores /= scores.sum(-1, keepdims=True)
        context = (scores @ value).transpose(0, 2, 1, 3).reshape(batch, tokens, hidden)
        return context @ layer.out + layer.out_bias


def _layer_norm(x: np.ndarray, norm: tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(-1, keepdims=True)
    return centred / np.sqrt(variance + eps) * norm[0] + norm[1]


def _gelu(x: np.ndarray) -> np.ndarray:
    """Exact (erf) GELU as BERT uses it, in place; erf by Abramowitz and Stegun 7.1.26.

    The approximation's error (below 1.5e-7) is under float32 rounding. ``|x|`` is
    capped where erf is 1 in float32 anyway, so ``exp`` never yields subnormal numbers,
    which are a hundred times slower to compute with.
    """
    z = np.abs(x)
    z *= np.float32(1 / np.sqrt(2))
    np.minimum(z, np.float32(6), out=z)
    t = z * np.float32(0.3275911)
    t += 1
    np.reciprocal(t, out=t)
    half = t * np.float32(1.061405429)
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        half += np.float32(coefficient)
        half *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    half *= z
    half *= np.float32(-0.5)
    half += np.float32(0.5)  # erf(|x|) / 2
    np.copysign(half, x, out=half)
    half += np.float32(0.5)
    x *= half
    return x


def load_bert(folder: Path) -> Bert:
    """The encoder in ``folder`` (config.json and model.safetensors, BertModel names)."""
    from safetensors.numpy import load_file

    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        weights = load_file(folder / WEIGHTS)
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load the sentence model from {folder}: {exc}") from exc
    if config.get("model_type") != "bert" or config.get("hidden_act") != "gelu":
        raise ModelError(f"{folder}: not a BERT model with GELU; use the torch backend")
    weights = {name.removeprefix("bert."): value for name, value in weights.items()}

    def dense(name: str) -> tuple[np.ndarray, np.ndarray]:
        return np.ascontiguousarray(weights[f"{name}.weight"].T), weights[f"{name}.bias"]

    def norm(name: str) -> tuple[np.ndarray, np.ndarray]:
        return weights[f"{name}.weight"], weights[f"{name}.bias"]

    layers = []
    for index in range(int(config["num_hidden_layers"])):
        prefix = f"encoder.layer.{index}"
        parts = [dense(f"{prefix}.attention.self.{p}") for p in ("query", "key", "value")]
        out, up, down = (
            dense(f"{prefix}.{p}") for p in ("attention.output.dense", "intermediate.dense",
                                             "output.dense")
        )
        layers.append(
            Layer(
                np.ascontiguousarray(np.concatenate([w for w, _ in parts], axis=1)),
                np.concatenate([b for _, b in parts]),
                *out,
                norm(f"{prefix}.attention.output.LayerNorm"),
                *up,
                *down,
                norm(f"{prefix}.output.LayerNorm"),
            )
        )
    return Bert(
        words=weights["embeddings.word_embeddings.weight"],
        positions=weights["embeddings.position_embeddings.weight"],
        token_type=weights["embeddings.token_type_embeddings.weight"][0],
        norm=norm("embeddings.LayerNorm"),
        layers=tuple(layers),
        heads=int(config["num_attention_heads"]),
        eps=float(config.get("layer_norm_eps", 1e-12)),
    )


def load_tokenizer(folder: Path, max_tokens: int):
    """The model's fast tokenizer, truncating to ``max_tokens`` and padding each batch."""
    from tokenizers import Tokenizer

    try:
        tokenizer = Tokenizer.from_file(str(folder / TOKENIZER))
    except Exception as exc:  # the Rust library raises a plain Exception
        raise ModelError(f"cannot load the tokenizer from {folder}: {exc}") from exc
    tokenizer.enable_truncation(max_length=max_tokens)
    tokenizer.enable_padding(pad_id=tokenizer.token_to_id("[PAD]") or 0)
    return tokenizer
