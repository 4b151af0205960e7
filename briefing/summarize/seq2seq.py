"""Any Hugging Face seq2seq summarization model, driven with ``generate()`` directly.

transformers 5 has no summarization pipeline, so this module does what it did:
load offline first, read the model's input limit and generation defaults,
split long inputs on sentence boundaries into chunks that fit, batch them by
length and decode. Nothing is truncated silently: a sentence longer than the
limit is split between words, and every chunk is checked against the limit.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import ConfigError, ModelError, first_line

GENERATION_KEYS = {
    "num_beams": int,
    "length_penalty": float,
    "no_repeat_ngram_size": int,
    "min_new_tokens": int,
    "max_new_tokens": int,
    "early_stopping": lambda v: str(v).lower() in ("1", "true", "yes"),
}
FALLBACK_MAX_INPUT = 512  # when neither config nor tokenizer states a limit (T5 style)


def resolve_device(device: str) -> str:
    """'auto' picks CUDA, then Apple MPS, then CPU; a named device must exist."""
    import torch

    if device == "auto":
        if torch.cuda.is_available():
            return "cuda"
        mps = getattr(torch.backends, "mps", None)
        return "mps" if mps is not None and mps.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        built = (
            "this torch build has no CUDA" if torch.version.cuda is None else "no GPU is visible"
        )
        raise ConfigError(
            f"{{setting}} cuda: CUDA is not available ({built}); use {{setting}} cpu",
            setting="device",
        )
    if device == "mps":
        mps = getattr(torch.backends, "mps", None)
        if mps is None or not mps.is_available():
            raise ConfigError(
                "{setting} mps: Apple MPS is not available on this machine", setting="device"
            )
    if device not in ("cpu", "cuda", "mps") and not device.startswith("cuda:"):
        raise ConfigError(
            f"unknown device {device!r}; use cpu, cuda, mps or auto", setting="device"
        )
    return device


def parse_generation(pairs: Sequence[str]) -> dict[str, Any]:
    """KEY=VALUE overrides of the model's generation config."""
    settings: dict[str, Any] = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        key = key.strip().replace("-", "_")
        if key not in GENERATION_KEYS or not value:
            raise ConfigError(
                f"{{setting}} {pair!r}: use KEY=VALUE with KEY one of {', '.join(GENERATION_KEYS)}",
                setting="generation",
            )
        try:
            settings[key] = GENERATION_KEYS[key](value)
        except ValueError as exc:
            raise ConfigError(
                f"{{setting}} {pair!r}: {value!r} is not a valid value", setting="generation"
            ) from exc
    return settings


@dataclass
class Seq2SeqModel:
    """A loaded model with its tokenizer, limits and generation settings."""

    name: str
    tokenizer: Any
    model: Any
    device: str
    max_input: int
    prefix: str
    generation: dict[str, Any] = field(default_factory=dict)
    batch_size: int = 8

    @classmethod
    def load(
        cls,
        name_or_path: str | Path,
        *,
        device: str = "cpu",
        allow_download: bool = False,
        generation: dict[str, Any] | None = None,
        batch_size: int = 8,
    ) -> Seq2SeqModel:
        if not allow_download:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        device = resolve_device(device)
        source = (
            str(Path(name_or_path).expanduser())
            if Path(name_or_path).expanduser().exists()
            else str(name_or_path)
        )
        dtype = torch.float16 if device.startswith(("cuda", "mps")) else torch.float32
        if device.startswith("cuda") and torch.cuda.is_bf16_supported():
            dtype = torch.bfloat16
        try:
            tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=not allow_download)
            model = AutoModelForSeq2SeqLM.from_pretrained(
                source, local_files_only=not allow_download, dtype=dtype
            )
        except (OSError, ValueError) as exc:
            raise ModelError(
                _missing(name_or_path, allow_download, exc), setting="allow_download"
            ) from exc
        if device == "cpu":
            torch.set_num_threads(max(1, os.cpu_count() or 1))
        model = model.to(device).eval()
        defaults = {
            key: getattr(model.generation_config, key)
            for key in GENERATION_KEYS
            if getattr(model.generation_config, key, None) is not None
        }
        defaults.setdefault("max_new_tokens", 128)
        prefix = (
            (getattr(model.config, "task_specific_params", None) or {}).get("summarization", {})
            or {}
        ).get("prefix") or (
            "summarize: " if model.config.model_type in ("t5", "mt5", "longt5", "umt5") else ""
        )
        return cls(
            name=str(name_or_path),
            tokenizer=tokenizer,
            model=model,
            device=device,
            max_input=input_limit(model.config, tokenizer),
            prefix=prefix,
            generation={**defaults, **(generation or {})},
            batch_size=batch_size,
        )

    @property
    def budget(self) -> int:
        """Tokens of text per chunk: the input limit less special tokens and the prefix."""
        overhead = len(self.tokenizer(self.prefix or "", add_special_tokens=True)["input_ids"])
        return self.max_input - overhead

    def count(self, texts: Sequence[str]) -> list[int]:
        return [
            len(ids) for ids in self.tokenizer(list(texts), add_special_tokens=False)["input_ids"]
        ]

    def chunks(self, sentences: Sequence[str]) -> list[str]:
        """Consecutive sentences packed into chunks of at most ``budget`` tokens."""
        budget = self.budget
        pieces: list[tuple[str, int]] = []
        for sentence, size in zip(sentences, self.count(sentences), strict=True):
            if size <= budget:
                pieces.append((sentence, size))
            else:
                pieces.extend(self._split_long(sentence, budget))
        chunks: list[list[str]] = [[]]
        used = 0
        for text, size in pieces:
            # +1 a sentence: joining with a space can add a token at the boundary
            if chunks[-1] and used + size + 1 > budget:
                chunks.append([])
                used = 0
            chunks[-1].append(text)
            used += size + 1
        return [text for chunk in chunks if chunk for text in self._fit(chunk, budget)]

    def _fit(self, sentences: list[str], budget: int) -> list[str]:
        """Join sentences into one chunk, halving the group until the joined text fits."""
        text = " ".join(sentences)
        if self.count([text])[0] <= budget:
            return [text]
        if len(sentences) == 1:  # never truncate: a piece that does not fit is a bug
            raise ModelError(f"internal error: a piece of text exceeds {budget} tokens")
        middle = len(sentences) // 2
        return self._fit(sentences[:middle], budget) + self._fit(sentences[middle:], budget)

    def _split_long(self, sentence: str, budget: int) -> list[tuple[str, int]]:
        """A sentence longer than the limit, cut between words into fitting parts."""
        words = sentence.split()
        parts: list[tuple[str, int]] = []
        current: list[str] = []
        for word in words:
            trial = " ".join([*current, word])
            if current and self.count([trial])[0] > budget // 2:
                text = " ".join(current)
                parts.append((text, self.count([text])[0]))
                current = [word]
            else:
                current.append(word)
        if current:
            text = " ".join(current)
            parts.append((text, self.count([text])[0]))
        return parts

    def generate(self, texts: Sequence[str]) -> list[str]:
        """Summaries of ``texts``, batched longest first to keep padding low."""
        import torch

        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        results: dict[int, str] = {}
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            inputs = self.tokenizer(
                [self.prefix + texts[i] for i in batch],
                return_tensors="pt",
                padding=True,
                truncation=False,
            ).to(self.device)
            if inputs["input_ids"].shape[1] > self.max_input:
                raise ModelError("internal error: an input longer than the model accepts")
            with torch.inference_mode():
                output = self.model.generate(**inputs, **self.generation)
            decoded = self.tokenizer.batch_decode(output, skip_special_tokens=True)
            for index, text in zip(batch, decoded, strict=True):
                results[index] = " ".join(text.split())
        return [results[i] for i in range(len(texts))]


def input_limit(config: Any, tokenizer: Any) -> int:
    """The longest input the model takes, from its config or tokenizer, never assumed."""
    for key in ("max_encoder_position_embeddings", "max_position_embeddings", "n_positions"):
        value = getattr(config, key, None)
        if isinstance(value, int) and value > 0:
            limit = value
            break
    else:
        limit = None
    declared = getattr(tokenizer, "model_max_length", None)
    if isinstance(declared, int) and 0 < declared < 1_000_000:
        limit = min(limit, declared) if limit else declared
    return limit or FALLBACK_MAX_INPUT


def check_model(name_or_path: str | Path, allow_download: bool = False) -> None:
    """Fail now, cheaply, when the model is neither a folder nor in the Hugging Face cache.

    Loading imports torch and transformers (seconds); this looks at the disk only,
    so a brief with a mistyped ``--model`` fails before its inputs are read or fetched.
    """
    if allow_download or Path(name_or_path).expanduser().exists():
        return
    from huggingface_hub import try_to_load_from_cache
    from huggingface_hub.errors import HFValidationError

    try:
        cached = try_to_load_from_cache(str(name_or_path), "config.json")
    except HFValidationError:  # not a repository name either
        cached = None
    if not isinstance(cached, str):
        raise ModelError(
            _missing(name_or_path, allow_download, FileNotFoundError("not cached")),
            setting="allow_download",
        )


def _missing(name: str | Path, allow_download: bool, exc: Exception) -> str:
    path = Path(name).expanduser()
    if path.exists():
        return f"{name}: not a loadable seq2seq model folder ({first_line(exc, 120)})"
    cache = os.environ.get("HF_HUB_CACHE") or os.environ.get("HF_HOME") or "~/.cache/huggingface"
    if allow_download:
        return f"cannot download or load model {name!r} ({first_line(exc, 120)})"
    return (
        f"summarization model {name!r} not found: it is not a folder, and not in the Hugging Face "
        f"cache ({cache}); give the folder of a downloaded model instead, or turn on "
        "{setting} to fetch it once"
    )
