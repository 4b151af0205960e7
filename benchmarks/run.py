"""Speed and memory of the pipeline: one command, one table.

    .venv/bin/python benchmarks/run.py [--sizes 10,100,1000] [--no-lexrank] [--no-audio]
        [--only-audio] [--only-share]
        [--audio-before PATH] [--audio-long-words 5000]
        [--no-abstractive] [--abstractive-model PATH] [--no-share] [--share-sizes 10,100]
        [--baseline DIR] [--no-speed] [--only-speed] [--compare-only 1000,10000]

``--baseline DIR`` names a copy of an earlier version's source (for example
``git archive v0.1.0 | tar -x -C /tmp/base``): the speed table (start-up, the
encoder per backend, the espeak audio stage) then runs both versions in the
same run, interleaved, and gives ratios; it prints the load average too.

Each row runs in a fresh process so peak memory (max RSS) is that row's own.
Generated articles are recombined from the examples' sentences with fresh
numbers, so they read like news and are the same on every run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def generate(count: int, folder: Path, seed: int = 7) -> None:
    """Write ``count`` articles of 10 to 20 sentences each."""
    from briefing.ingest import load_articles

    articles, _ = load_articles([EXAMPLES])
    sentences = [s.text for a in articles for s in a.sentences if len(s.text.split()) > 5]
    rng = random.Random(seed)
    for n in range(count):
        body = [
            re.sub(r"\d+", lambda m: str(rng.randint(2, 99)), s)
            for s in rng.sample(sentences, rng.randint(10, 20))
        ]
        day = f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = (
            f"Generated report number {n} on the city charge\nBy Test Writer\n{day}\n\n"
            + "\n".join(body)
        )
        (folder / f"article-{n:04d}.txt").write_text(text, encoding="utf-8")


def worker(inputs: str, lexrank: bool) -> dict[str, float]:
    """Time each stage of :func:`briefing.app.make_brief` in this process; print one JSON line.

    The stages are timed between its progress reports, so the benchmark runs
    the very call every front end makes; "render" includes writing the files.
    """
    timings: dict[str, float] = {}
    start = time.perf_counter()
    from briefing.app import make_brief
    from briefing.settings import Output, Request, Sources

    timings["import"] = time.perf_counter() - start
    names = {
        "reading articles": "ingest",
        "loading model": "model load",
        "summarizing": "summarize",
        "comparing": "compare",
        "rendering": "render",
    }
    stage = {"name": None, "since": time.perf_counter()}

    def progress(name: str) -> None:
        now = time.perf_counter()
        if stage["name"] is not None:
            timings[names[stage["name"]]] = now - stage["since"]
        stage.update(name=name, since=now)

    with tempfile.TemporaryDirectory() as folder:
        formats = ("html", "md", "txt", "json")
        request = Request(Sources((inputs,)), output=Output(Path(folder), formats=formats))
        result = make_brief(request, progress=progress)
        progress("done")
    articles = result.brief.articles
    timings["total"] = time.perf_counter() - start
    timings["articles"] = len(articles)
    timings["sentences"] = sum(len(a.sentences) for a in articles)
    timings["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if lexrank:
        timings["lexrank"] = lexrank_seconds(articles)
    return timings


def lexrank_seconds(articles) -> float:
    """sumy's LexRank, 3 sentences per article, as `briefing eval` runs it."""
    from briefing.evaluate.baselines import BASELINES
    from briefing.summarize import Length

    BASELINES["lexrank"](["Imports sumy before the clock starts."], Length(sentences=1))
    start = time.perf_counter()
    for article in articles:
        BASELINES["lexrank"](["\n\n".join(article.paragraphs)], Length(sentences=3))
    return time.perf_counter() - start


def run_row(inputs: Path, lexrank: bool) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--worker", str(inputs)] + ([] if lexrank else ["--no-lexrank"]),
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def end_to_end_seconds() -> float:
    """The CLI on the examples, text outputs, as a user runs it (with imports and model load)."""
    briefing = Path(sys.executable).parent / "briefing"
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run(
            [str(briefing), "build", str(EXAMPLES), "-o", out, "-q", "-f", "md,txt,json"],
            check=True,
        )
        return time.perf_counter() - start


MULTI_NEWS = ROOT.parent / "shared" / "devdata" / "multinews-dev.jsonl"


def encoder_worker(source: str, backend: str | None = None) -> dict[str, float]:
    """Sentences a second of a fresh ``SentenceEncoder`` on one source's sentences.

    ``source`` is ``multinews:N`` (the first N clusters of the dev set) or a folder;
    ``backend`` a backend name, or None for the default. The encoder's own cache is
    empty, so every distinct sentence is encoded. Loading the backend (for bf16,
    importing torch) is not timed, except where the default moves to bf16 on the
    way, as it does for a user.
    """
    from briefing.errors import BriefingError
    from briefing.ingest import article_from_text, load_articles
    from briefing.summarize.embeddings import SentenceEncoder

    if source.startswith("multinews:"):
        texts = []
        lines = MULTI_NEWS.read_text(encoding="utf-8").splitlines()
        for index, line in enumerate(lines[: int(source.split(":")[1])]):
            for number, document in enumerate(json.loads(line)["documents"]):
                try:
                    article = article_from_text(document, f"{index}#{number}", "a1")
                except Exception:  # junk documents are left out, as `briefing eval` does
                    continue
                texts += [s.text for s in article.sentences]
    else:
        articles, _ = load_articles([source])
        texts = [s.text for a in articles for s in a.sentences]
    start = time.perf_counter()
    try:
        encoder = SentenceEncoder(backend=backend)
    except BriefingError as exc:  # a backend an older version does not have
        return {"error": str(exc)}
    loaded, cpu = time.perf_counter(), time.process_time()
    encoder.encode(texts)
    done = time.perf_counter()
    return {
        "engine": getattr(encoder, "engine", encoder.backend),
        "sentences": len(set(texts)),
        "load": loaded - start,
        "per s": len(set(texts)) / (done - loaded),
        "per cpu s": len(set(texts)) / (time.process_time() - cpu),
        "peak MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure(command: list[str], root: Path) -> dict[str, float]:
    """Wall seconds and peak memory of one command, run with ``root``'s code first."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    start = time.perf_counter()
    # not from the repository folder: `python -m` would import the code found there
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, cwd=tempfile.gettempdir()
    )
    wall = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "s": wall,
        "cpu s": usage.ru_utime + usage.ru_stime,
        "peak MB": usage.ru_maxrss / 1024,
        "rc": result.returncode,
        "out": result.stdout,
    }


def measured(command: list[str], root: Path) -> dict[str, float]:
    """``measure`` in a process of its own, so the peak memory is that command's alone."""
    probe = [sys.executable, __file__, "--measure", str(root), "--", *command]
    return json.loads(subprocess.run(probe, capture_output=True, text=True, check=True).stdout)


def speed_rows() -> list[tuple[str, list[str], str]]:
    """(row, command, what to report): start-up, the examples brief, the encoder."""
    cli = [sys.executable, "-m", "briefing"]
    out = tempfile.mkdtemp(prefix="briefing-bench-")
    rows = [
        ("briefing --version", [*cli, "--version"], "s"),
        ("briefing --help", [*cli, "--help"], "s"),
        ("input error (build missing.txt)", [*cli, "build", "missing.txt"], "s"),
        ("option error (build --bogus)", [*cli, "build", "--bogus", "x"], "s"),
        (
            "examples brief, md/txt/json, cold",
            [*cli, "build", str(EXAMPLES), "-o", out, "-q", "-f", "md,txt,json"],
            "s",
        ),
        (  # a new, empty cache folder each run: what the very first run of a version pays
            "examples brief, md/txt/json, cold, no template cache yet",
            [
                "sh",
                "-c",
                'd="$(mktemp -d)"; XDG_CACHE_HOME="$d" "$@"; s=$?; rm -rf "$d"; exit $s',
                "sh",
                *cli,
                "build",
                str(EXAMPLES),
                "-o",
                out,
                "-q",
                "-f",
                "md,txt,json",
            ],
            "s",
        ),
    ]
    if importlib.util.find_spec("torch") is not None:  # the yardstick the cold brief must beat
        rows.append(
            ("python -c 'import torch' (yardstick)", [sys.executable, "-c", "import torch"], "s")
        )
    load = "from briefing import language; language.pipeline()"
    rows.append(
        ("language layer: spaCy pipeline import and load", [sys.executable, "-c", load], "s")
    )
    encoder = [sys.executable, __file__, "--encoder-worker"]
    sources = [("Multi-News (5 clusters)", "multinews:5")] if MULTI_NEWS.exists() else []
    for label, source in [*sources, ("30 generated articles", "generated:30")]:
        for backend in ("default", "numpy", "bf16"):
            command = [*encoder, source, "--encoder-backend", backend]
            rows.append((f"encoder, {label}, {backend}", command, "per s"))
    if MULTI_NEWS.exists():
        command = [*encoder, "multinews:5", "--encoder-backend", "torch"]
        rows.append(("encoder, Multi-News (5 clusters), torch reference", command, "per s"))
    audio = [sys.executable, __file__, "--audio-worker", "espeak"]
    rows.append(("audio stage, espeak, examples' brief", audio, "audio"))
    return rows


def speed_table(baseline: Path | None, repeats: int = 3) -> None:
    """Start-up, the examples brief and the encoder; with a baseline, both in this run.

    Versions alternate and the best of ``repeats`` counts: the CPU is shared, and
    the best run is the one least disturbed by others. CPU seconds (or sentences
    per CPU second) move less than wall time when other work shares the CPU.
    """
    roots = [ROOT] + ([baseline] if baseline else [])
    print("\nload average at the start: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    header = "| row | now | CPU | peak MB |"
    print("\n" + header + (" before | CPU | peak MB | before / now |" if baseline else ""))
    print("|---" * (4 + 4 * bool(baseline)) + "|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "generated"
        folder.mkdir()
        generate(30, folder)
        for name, command, unit in speed_rows():
            command = [str(folder) if c == "generated:30" else c for c in command]
            best: dict[Path, dict[str, float]] = {}
            for _ in range(1 if unit == "per s" else repeats):
                for root in roots:
                    best[root] = _better(best.get(root), _speed_run(command, root, unit), unit)
            cells = _speed_cells(best[ROOT], unit)
            if baseline:
                now, before = best[ROOT]["v"], best[baseline]["v"]
                ratio_cell = "-"
                if now and before:
                    ratio_cell = f"{now / before if unit == 'per s' else before / now:.1f}x"
                cells += [*_speed_cells(best[baseline], unit), ratio_cell]
            print(f"| {name} | {' | '.join(cells)} |")
    print("load average at the end: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))


def _speed_run(command: list[str], root: Path, unit: str) -> dict[str, float]:
    run = measured(command, root)
    if unit == "s":
        return {"v": run["s"], "cpu": run["cpu s"], "peak": run["peak MB"]}
    lines = run["out"].strip().splitlines()
    row = json.loads(lines[-1]) if lines else {"error": "failed"}
    if "error" in row:
        return {"v": 0.0, "cpu": 0.0, "peak": 0.0}
    if unit == "audio":  # the stage alone: the brief is built first, untimed
        return {"v": row["audio stage"], "cpu": row["cpu"], "peak": run["peak MB"]}
    return {"v": row["per s"], "cpu": row["per cpu s"], "peak": run["peak MB"]}


def _better(kept: dict[str, float] | None, new: dict[str, float], unit: str):
    if kept is None or not kept["v"]:
        return new
    if new["v"] and (new["v"] > kept["v"] if unit == "per s" else new["v"] < kept["v"]):
        return new
    return kept


def _speed_cells(best: dict[str, float], unit: str) -> list[str]:
    if not best["v"]:
        return ["-", "-", "-"]
    if unit == "per s":
        return [f"{best['v']:.0f}/s", f"{best['cpu']:.0f}/CPU s", f"{best['peak']:.0f}"]
    return [f"{best['v']:.2f} s", f"{best['cpu']:.2f} s", f"{best['peak']:.0f}"]


def audio_worker(engine: str) -> dict[str, float]:
    """The audio stage of the examples' brief with one engine, split into its parts."""
    import briefing
    from briefing.speak import VoiceOptions, load_voices, parse_script
    from briefing.speak.files import Tags, encode

    brief = briefing.build_brief([EXAMPLES])
    script = parse_script(briefing.render_brief(brief, ["script"])["script"][1])
    start = time.perf_counter()
    voices = load_voices(VoiceOptions(engine=engine))
    voice = voices[1]
    voice.synthesize("Warm up.")
    loaded = time.perf_counter()
    cpu = time.process_time()
    synthesis = 0.0
    original = voice.synthesize

    def timed(text: str):
        nonlocal synthesis
        mark = time.perf_counter()
        try:
            return original(text)
        finally:
            synthesis += time.perf_counter() - mark

    voice.synthesize = timed
    from briefing.speak import record

    programme = record(script, voices)
    recorded = time.perf_counter()
    mp3 = encode(programme, "mp3", Tags("t", "a", "2026-01-01", "c"))
    encoded = time.perf_counter()
    cpu_used = time.process_time() - cpu
    lufs, peak = decoded_loudness(mp3, programme.sample_rate)
    return {
        "words": script.words,
        "audio s": programme.duration,
        "voice load": loaded - start,
        "synthesis": synthesis,
        "mix + master": recorded - loaded - synthesis,
        "mp3": encoded - recorded,
        "audio stage": encoded - loaded,
        "cpu": cpu_used,
        "cpu per audio min": cpu_used / (programme.duration / 60),
        "lufs": lufs,
        "dbtp": peak,
        "rtf": synthesis / programme.duration,
        "peak MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def decoded_loudness(mp3: bytes, rate: int) -> tuple[float, float]:
    """Integrated loudness (pyloudnorm, the reference) and 4x true peak of the decoded MP3."""
    import miniaudio
    import numpy as np
    import pyloudnorm
    from scipy.signal import resample_poly

    decoded = miniaudio.decode(
        mp3, output_format=miniaudio.SampleFormat.FLOAT32, nchannels=1, sample_rate=rate
    )
    samples = np.asarray(decoded.samples, dtype=np.float64)
    lufs = pyloudnorm.Meter(rate).integrated_loudness(samples)
    peak = np.abs(resample_poly(samples, 4, 1)).max()
    return float(lufs), float(20 * np.log10(peak))


def long_audio_worker(words: int) -> dict[str, float]:
    """Peak memory of recording and encoding a long script with espeak (no model loaded)."""
    from briefing.speak import VoiceOptions, load_voices, parse_script, record
    from briefing.speak.files import Tags, encode

    sentence = "Point {} of the council report says the charge raised money for buses."
    lines = [sentence.format(n) for n in range(1, words // 12 + 2)]
    parts = [lines[i : i + 40] for i in range(0, len(lines), 40)]
    text = "# Long\n" + "".join(f"\n## Part {n}\n" + "\n".join(p) for n, p in enumerate(parts))
    start = time.perf_counter()
    programme = record(parse_script(text), load_voices(VoiceOptions(engine="espeak")))
    data = encode(programme, "mp3", Tags("t", "a", "2026-01-01", "c"))
    return {
        "words": parse_script(text).words,
        "audio min": programme.duration / 60,
        "seconds": time.perf_counter() - start,
        "mp3 MB": len(data) / 1e6,
        "peak MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def abstractive_worker(model: str | None) -> dict[str, float]:
    """The abstractive engine on 100 generated articles: throughput, tokens/s, memory.

    Without ``model`` it builds the tiny random BART the tests use; pass a real
    checkpoint folder (``--abstractive-model PATH``) to measure that instead.
    """
    sys.path.insert(0, str(ROOT))
    from briefing.ingest import load_articles
    from briefing.summarize import Length, load_summarizer
    from briefing.summarize.embeddings import SentenceEncoder

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        generate(100, folder)
        articles, _ = load_articles([folder])
        if model is None:
            from tests.tiny_seq2seq import build_tiny_bart

            model = str(build_tiny_bart(Path(tmp) / "tiny"))
        start = time.perf_counter()
        engine = load_summarizer("abstractive", encoder=SentenceEncoder(), model=model)
        loaded = time.perf_counter()
        engine.summarize(articles, Length(sentences=3))
        done = time.perf_counter()
    words = sum(a.word_count for a in articles)
    input_tokens = sum(engine.model.count([" ".join(a.paragraphs)])[0] for a in articles)
    return {
        "articles": len(articles),
        "words": words,
        "load": loaded - start,
        "summarize": done - loaded,
        "chunks": sum(engine.rounds),
        "rounds": len(engine.rounds),
        "tokens/s": input_tokens / (done - loaded),
        "peak MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def abstractive_table(model: str | None) -> None:
    command = [sys.executable, __file__, "--abstractive-worker"]
    command += ["--abstractive-model", model] if model else []
    result = subprocess.run(command, capture_output=True, text=True)
    label = model or "tiny BART (random, 64-token input)"
    print(
        "\n| abstractive model | articles | words | load s | summarize s | chunks | rounds "
        "| articles/s | input tokens/s | peak MB |"
    )
    print("|---" * 10 + "|")
    if result.returncode:
        print(f"| {label} | failed: {result.stderr.strip().splitlines()[-1]} |")
        return
    row = json.loads(result.stdout.strip().splitlines()[-1])
    print(
        f"| {label} | {row['articles']:.0f} | {row['words']:.0f} | {row['load']:.2f} "
        f"| {row['summarize']:.2f} | {row['chunks']:.0f} | {row['rounds']:.0f} "
        f"| {row['articles'] / row['summarize']:.1f} | {row['tokens/s']:.0f} "
        f"| {row['peak MB']:.0f} |"
    )


def share_worker(count: int) -> dict[str, float]:
    """Rendering for reading and sending: HTML, PDF (typeset) and email, with sizes."""
    import briefing
    from briefing.render import render
    from briefing.render.formats.eml import Attachment, EmailRenderer, Mail

    with tempfile.TemporaryDirectory() as tmp:
        folder = EXAMPLES
        if count:
            folder = Path(tmp)
            generate(count, folder)
        brief = briefing.build_brief([str(folder)])
    row: dict[str, float] = {"articles": len(brief.articles)}
    audio = Attachment.of("brief.mp3", bytes(3_000_000))  # a typical 6-minute MP3's size
    mail = Mail(to=("ann@example.org",))
    made: dict[str, str | bytes] = {}
    for name in ("html", "pdf", "eml"):
        start = time.perf_counter()
        if name == "eml":  # the PDF typeset again and attached, as a brief's email has it
            pdf = Attachment.of("brief.pdf", render(brief, ["pdf"])["pdf"][1])
            documents = render(brief, [EmailRenderer(mail, (pdf, audio))])
        else:
            documents = render(brief, [name])
        row[f"{name} s"] = time.perf_counter() - start
        content = documents[name][1]
        made[name] = content
        row[f"{name} KB"] = len(content.encode() if isinstance(content, str) else content) / 1000
    if row["pdf KB"]:
        from io import BytesIO

        from pypdf import PdfReader

        row["pages"] = len(PdfReader(BytesIO(made["pdf"])).pages)
    row["peak MB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return row


def share_table(sizes: list[int]) -> None:
    print(
        "\n| input | articles | html s | html KB | pdf s | pdf KB | pages "
        "| eml s (incl. pdf) | eml KB | peak MB |"
    )
    print("|---" * 10 + "|")
    for size in [0, *sizes]:
        result = subprocess.run(
            [sys.executable, __file__, "--share-worker", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"| {f'{size} generated' if size else 'examples'} | {row['articles']:.0f} "
            f"| {row['html s']:.2f} | {row['html KB']:.0f} | {row['pdf s']:.2f} "
            f"| {row['pdf KB']:.0f} | {row['pages']:.0f} | {row['eml s']:.2f} "
            f"| {row['eml KB']:.0f} | {row['peak MB']:.0f} |"
        )


def audio_table(before: str | None, long_words: int) -> None:
    """The audio stage per engine; with ``before``, the same rows for another checkout
    (e.g. a worktree of an older commit) measured in the same run."""
    print(
        "\n| engine | words | audio s | voice load | synthesis | mix + master | mp3 "
        "| audio stage | CPU s | CPU s per audio min | real-time factor | post / synthesis "
        "| LUFS (decoded) | dBTP | peak MB |"
    )
    print("|---" * 15 + "|")
    trees = [("", None)] + ([(" (before)", before)] if before else [])
    for engine in ("espeak", "piper"):
        for label, tree in trees:
            row = _audio_run(["--audio-worker", engine], tree)
            if "error" in row:
                print(f"| {engine}{label} | not available: {row['error']} |")
                continue
            post = (row["mix + master"] + row["mp3"]) / row["synthesis"]
            print(
                f"| {engine}{label} | {row['words']:.0f} | {row['audio s']:.1f} "
                f"| {row['voice load']:.2f} | {row['synthesis']:.2f} | {row['mix + master']:.2f} "
                f"| {row['mp3']:.2f} | {row['audio stage']:.2f} | {row.get('cpu', 0):.2f} "
                f"| {row.get('cpu per audio min', 0):.2f} | {row['rtf']:.3f} | {post:.0%} "
                f"| {row.get('lufs', 0):.2f} | {row.get('dbtp', 0):.2f} "
                f"| {row.get('peak MB', 0):.0f} |"
            )
    print("\n| long script, espeak | words | audio min | seconds | MP3 MB | peak MB |")
    print("|---" * 6 + "|")
    for label, tree in trees:
        row = _audio_run(["--long-audio-worker", str(long_words)], tree)
        if "error" in row:
            print(f"| speak{label} | failed: {row['error']} |")
            continue
        print(
            f"| speak{label} | {row['words']:.0f} | {row['audio min']:.1f} | {row['seconds']:.1f} "
            f"| {row['mp3 MB']:.1f} | {row['peak MB']:.0f} |"
        )


def compare_worker(count: int) -> dict[str, float]:
    """The compare stage alone on ``count`` generated articles, the encoder warmed first.

    Only the sentences the comparison reads are encoded (untimed), so the row
    measures the comparison itself at sizes where summarizing would take hours.
    """
    from briefing.compare import compare
    from briefing.compare.themes import candidate_points
    from briefing.ingest import load_articles
    from briefing.summarize.embeddings import SentenceEncoder

    with tempfile.TemporaryDirectory() as tmp:
        generate(count, Path(tmp))
        articles, _ = load_articles([tmp])
    encoder = SentenceEncoder()
    mark = time.perf_counter()
    encoder.encode([p.text for p in candidate_points(articles)])
    encoded = time.perf_counter() - mark
    mark = time.perf_counter()
    comparison = compare(articles, encoder)
    return {
        "articles": len(articles),
        "encode": encoded,
        "compare": time.perf_counter() - mark,
        "themes": len(comparison.themes),
        "peak MB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def compare_table(sizes: list[int]) -> None:
    print("\n| articles | encode s (untimed in compare) | compare s | themes | peak MB |")
    print("|---" * 5 + "|")
    for size in sizes:
        result = subprocess.run(
            [sys.executable, __file__, "--compare-worker", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        row = json.loads(result.stdout.strip().splitlines()[-1])
        print(
            f"| {row['articles']:.0f} | {row['encode']:.1f} | {row['compare']:.2f} "
            f"| {row['themes']:.0f} | {row['peak MB']:.0f} |"
        )


def _audio_run(arguments: list[str], tree: str | None) -> dict:
    import os

    env = dict(os.environ)
    if tree:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [tree, env.get("PYTHONPATH")]))
    result = subprocess.run(
        [sys.executable, __file__, *arguments], capture_output=True, text=True, env=env
    )
    if result.returncode:
        return {"error": (result.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000")
    parser.add_argument("--no-lexrank", action="store_true")
    parser.add_argument("--no-audio", action="store_true")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--audio-worker", help=argparse.SUPPRESS)
    parser.add_argument("--long-audio-worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument(
        "--audio-before", metavar="PATH", help="also time the audio rows with the code in PATH"
    )
    parser.add_argument(
        "--audio-long-words", type=int, default=5000, help="words of the long-script row"
    )
    parser.add_argument("--abstractive-worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--abstractive-model", metavar="PATH", help="a real seq2seq checkpoint to benchmark"
    )
    parser.add_argument("--no-abstractive", action="store_true")
    parser.add_argument("--no-share", action="store_true", help="skip the HTML/PDF/email table")
    parser.add_argument("--only-share", action="store_true", help="only that table")
    parser.add_argument("--only-audio", action="store_true", help="only the audio tables")
    parser.add_argument("--share-sizes", default="10,100", help="generated inputs for that table")
    parser.add_argument("--share-worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--baseline", type=Path, metavar="DIR", help="an earlier version's source")
    parser.add_argument("--no-speed", action="store_true", help="skip the start-up/encoder table")
    parser.add_argument("--only-speed", action="store_true", help="only that table")
    parser.add_argument("--encoder-worker", help=argparse.SUPPRESS)
    parser.add_argument("--encoder-backend", default="default", help=argparse.SUPPRESS)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("command", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument(
        "--compare-only", metavar="SIZES", help="time only the compare stage, e.g. 1000,10000"
    )
    parser.add_argument("--compare-worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.compare_worker is not None:
        print(json.dumps(compare_worker(args.compare_worker)))
        return
    if args.compare_only:
        compare_table([int(n) for n in args.compare_only.split(",") if n])
        return
    if args.measure:
        print(json.dumps(measure(args.command, args.measure)))
        return
    if args.encoder_worker:
        backend = None if args.encoder_backend == "default" else args.encoder_backend
        print(json.dumps(encoder_worker(args.encoder_worker, backend)))
        return
    if args.share_worker is not None:
        print(json.dumps(share_worker(args.share_worker)))
        return
    if args.worker:
        print(json.dumps(worker(args.worker, not args.no_lexrank)))
        return
    if args.audio_worker:
        print(json.dumps(audio_worker(args.audio_worker)))
        return
    if args.long_audio_worker:
        print(json.dumps(long_audio_worker(args.long_audio_worker)))
        return
    if args.abstractive_worker:
        print(json.dumps(abstractive_worker(args.abstractive_model)))
        return
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if args.only_audio:
        audio_table(args.audio_before, args.audio_long_words)
        return
    if args.only_share:
        share_table([int(n) for n in args.share_sizes.split(",") if n])
        return
    if not args.no_speed:
        speed_table(args.baseline)
    if args.only_speed:
        return
    rows = [("examples", run_row(EXAMPLES, not args.no_lexrank))]
    with tempfile.TemporaryDirectory() as tmp:
        for size in [int(s) for s in args.sizes.split(",") if s]:
            folder = Path(tmp) / str(size)
            folder.mkdir()
            generate(size, folder)
            rows.append((f"{size} generated", run_row(folder, not args.no_lexrank)))
    columns = [
        "articles",
        "sentences",
        "import",
        "ingest",
        "model load",
        "summarize",
        "compare",
        "render",
        "total",
        "peak MB",
    ]
    print(
        f"| input | {' | '.join(columns)} | articles/s (summarize) | LexRank s | ours / LexRank |"
    )
    print("|---" * (len(columns) + 4) + "|")
    for name, row in rows:
        cells = [
            f"{row[c]:.0f}" if c in ("articles", "sentences", "peak MB") else f"{row[c]:.2f}"
            for c in columns
        ]
        speed = row["articles"] / row["summarize"] if row["summarize"] else float("inf")
        lex = row.get("lexrank")
        ratio = f"{row['summarize'] / lex:.1f}x" if lex else "-"
        print(
            f"| {name} | {' | '.join(cells)} | {speed:.1f} | {lex:.2f} | {ratio} |"
            if lex
            else f"| {name} | {' | '.join(cells)} | {speed:.1f} | - | - |"
        )
    seconds = end_to_end_seconds()
    print(f"\nCLI end to end on examples/ (md, txt, json; imports and model load): {seconds:.2f} s")
    if not args.no_share:
        share_table([int(n) for n in args.share_sizes.split(",") if n])
    if not args.no_abstractive:
        abstractive_table(args.abstractive_model)
    if not args.no_audio:
        audio_table(args.audio_before, args.audio_long_words)


if __name__ == "__main__":
    main()
