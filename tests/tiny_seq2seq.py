"""A tiny seq2seq model built from scratch: random weights, a tokenizer trained on the examples.

Tests and the benchmark use it to run the real loading, chunking, batching and
map-reduce code without downloading any checkpoint.
"""

from __future__ import annotations

from pathlib import Path

MAX_INPUT = 64
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def build_tokenizer(folder: Path):
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, processors, trainers
    from transformers import PreTrainedTokenizerFast

    tokenizer = Tokenizer(models.BPE(unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=400, special_tokens=["<s>", "<pad>", "</s>", "<unk>"], show_progress=False
    )
    texts = [
        p.read_text(encoding="utf-8", errors="replace") for p in EXAMPLES.glob("*") if p.is_file()
    ]
    tokenizer.train_from_iterator(texts, trainer)
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", special_tokens=[("<s>", 0), ("</s>", 2)]
    )
    wrapped = PreTrainedTokenizerFast(
        tokenizer_object=tokenizer,
        bos_token="<s>",
        eos_token="</s>",
        pad_token="<pad>",
        unk_token="<unk>",
        model_max_length=MAX_INPUT,
    )
    wrapped.save_pretrained(folder)
    return wrapped


def build_tiny_bart(folder: Path) -> Path:
    """Save a one-layer BART with a 64-token input limit into ``folder``."""
    import torch
    from transformers import BartConfig, BartForConditionalGeneration, GenerationConfig

    tokenizer = build_tokenizer(folder)
    torch.manual_seed(0)
    config = BartConfig(
        vocab_size=len(tokenizer),
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=MAX_INPUT,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_eos_token_id=2,
    )
    model = BartForConditionalGeneration(config)
    model.generation_config = GenerationConfig(
        max_new_tokens=12, num_beams=2, no_repeat_ngram_size=3, decoder_start_token_id=2,
        eos_token_id=2, pad_token_id=1, bos_token_id=0,
    )  # fmt: skip
    model.save_pretrained(folder)
    return folder
