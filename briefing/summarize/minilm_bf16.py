"""The bundled MiniLM with bfloat16 matrix products, for CPUs with AMX.

On a CPU with Intel AMX (Sapphire Rapids and later) a bfloat16 matrix
product runs several times faster than a float32 one, and float32 cannot
reach 500 sentences a second on two such cores: MiniLM needs about 21
million multiply-adds per token, and a Multi-News sentence has 27 tokens on
average, so that rate would take nearly all the float32 peak of both cores.
The products here take and give bfloat16 and add up in float32 (oneDNN,
through torch), and attention runs on the bfloat16 queries, keys and values;
the embeddings, the residual stream, layer norms and pooling stay float32.

bfloat16 keeps 8 bits of mantissa, and rounding every activation moves a
sentence vector by about 1e-5 in cosine, more the fewer tokens there are to
average over: on 9,062 dev sentences the lowest was 0.99991, for "No.".
Sentences under :data:`SHORT` tokens therefore run in float32 (9% of the
tokens of Multi-News), which left every vector within 0.99994 of the NumPy
ones (0.999949 the lowest; checked in the tests on real sentences).

The weights are the NumPy encoder's (:func:`briefing.summarize.minilm.load_bert`),
shared with torch without a copy; transformers is not imported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from briefing.errors import ModelError
from briefing.summarize.minilm import Bert, load_bert

SHORT = 17
"""Sentences with fewer tokens than this (the two special tokens included) run in float32."""


def amx_available() -> bool:
    """Whether this CPU has AMX with bfloat16, read from /proc/cpuinfo (Linux only).

    Read from the flags rather than asked of torch: answering must not import it.
    """
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as info:
            for line in info:
                if line.startswith("flags"):
                    return "amx_bf16" in line.split()
    except OSError:
        pass
    return False


class Bf16Bert:
    """MiniLM's forward pass in torch: bfloat16 products for long sentences, float32 for short."""

    def __init__(self, bert: Bert) -> None:
        try:
            import torch
        except (ImportError, OSError) as exc:  # not installed, or its libraries not loadable
            raise ModelError(f"the bf16 encoder backend needs torch: {exc}") from exc

        self.torch = torch
        self.heads, self.eps, self.hidden = bert.heads, bert.eps, bert.hidden
        tensor = torch.from_numpy  # shares the arrays' memory: no second float32 copy
        self.words, self.positions = tensor(bert.words), tensor(bert.positions)
        self.token_type = tensor(bert.token_type)
        self.norm = tuple(tensor(v) for v in bert.norm)
        self.layers = {torch.float32: [], torch.bfloat16: []}
        for layer in bert.layers:
            # (in, out) arrays: F.linear takes (out, in), so each weight is passed transposed
            dense = {
                "qkv": (layer.qkv, layer.qkv_bias),
                "out": (layer.out, layer.out_bias),
                "up": (layer.up, layer.up_bias),
                "down": (layer.down, layer.down_bias),
            }
            norms = {
                "norm1": tuple(map(tensor, layer.norm1)),
                "norm2": tuple(map(tensor, layer.norm2)),
            }
            for dtype in self.layers:
                weights = {
                    name: (tensor(w).to(dtype).T, tensor(b).to(dtype))
                    for name, (w, b) in dense.items()
                }
                self.layers[dtype].append({**weights, **norms})

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean-pooled, unit-length vectors for token ids and a 0/1 mask, (batch, hidden)."""
        torch = self.torch
        dtype = torch.float32 if mask.shape[1] < SHORT else torch.bfloat16
        with torch.inference_mode():
            ids_t, mask_t = torch.from_numpy(ids), torch.from_numpy(mask)
            hidden = self._forward(ids_t, mask_t, dtype)
            weights = mask_t[..., None].to(torch.float32)
            pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
            pooled = torch.nn.functional.normalize(pooled, dim=1)
        return pooled.numpy()

    def _forward(self, ids: Any, mask: Any, dtype: Any) -> Any:
        torch = self.torch
        functional = torch.nn.functional
        batch, tokens = ids.shape
        size = (self.hidden,)
        x = self.words[ids] + self.positions[:tokens] + self.token_type
        x = functional.layer_norm(x, size, *self.norm, eps=self.eps)
        blocked = torch.zeros(batch, 1, 1, tokens, dtype=dtype)
        blocked.masked_fill_(mask[:, None, None, :] == 0, float("-inf"))
        split = (batch, tokens, 3, self.heads, self.hidden // self.heads)
        for layer in self.layers[dtype]:
            qkv = functional.linear(x.to(dtype), *layer["qkv"]).view(split).permute(2, 0, 3, 1, 4)
            context = functional.scaled_dot_product_attention(*qkv, attn_mask=blocked)
            context = context.transpose(1, 2).reshape(batch, tokens, self.hidden)
            x = functional.layer_norm(
                x + functional.linear(context, *layer["out"]), size, *layer["norm1"], eps=self.eps
            )
            inner = functional.gelu(functional.linear(x.to(dtype), *layer["up"]))
            x = functional.layer_norm(
                x + functional.linear(inner, *layer["down"]), size, *layer["norm2"], eps=self.eps
            )
        return x


def load_bf16(folder: Path) -> Bf16Bert:
    return Bf16Bert(load_bert(folder))
