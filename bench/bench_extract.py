"""Engine speed next to pysbd's sentence splitting alone, on the same texts in one process.

    python bench/bench_extract.py [--repeat 3] [--sets arabic-dev polnear-dev] [--samples]

Texts: the articles of ``../shared/eval/{set}.jsonl`` (beside the checkout); without them (or
with ``--samples``), the ``samples/*.txt`` articles.  Each timed pass runs over every text; a warm-up pass comes first
(imports, lexicons, caches), then ``--repeat`` passes, and the median is reported.  The engine
is ``factcheck.text.extract.extract`` with language detection on (as ``factcheck extract``
runs it); pysbd gets each text's known language, ``clean=False`` and ``char_span=False`` (its
fastest mode).  ``facts`` is the share of the engine spent in ``extract_facts`` (timed apart
over the same claims).  With several languages, the speed-up of each on its own texts follows.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"


def load_texts(sets: list[str], samples: bool = False) -> tuple[str, list[tuple[str, str]]]:
    """(description, [(lang, text)]) from the shared dev sets, else (or with ``samples``) from
    samples/."""
    if SHARED_EVAL.is_dir() and not samples:
        texts = []
        for name in sets:
            path = SHARED_EVAL / f"{name}.jsonl"
            if not path.is_file():
                print(f"note: {path} not found, skipped", file=sys.stderr)
                continue
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    texts.append((row.get("lang") or "en", row["text"]))
        if texts:
            return "../shared/eval: " + ", ".join(sets), texts
    if not samples:
        print(f"note: {SHARED_EVAL} is absent; using samples/*.txt instead", file=sys.stderr)
    from factcheck.text.normalize import detect_language

    texts = []
    for path in sorted((ROOT / "samples").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts.append((detect_language(text), text))
    return "samples/*.txt", texts


def timed(fns: dict, repeat: int) -> dict[str, tuple[float, float]]:
    """name -> (median wall seconds, median CPU seconds).  The contenders take turns within each
    round, so a busy machine slows them alike; CPU time is the steadier figure there."""
    for fn in fns.values():
        fn()  # warm-up
    wall: dict[str, list[float]] = {name: [] for name in fns}
    cpu: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            w0, c0 = time.perf_counter(), time.process_time()
            fn()
            cpu[name].append(time.process_time() - c0)
            wall[name].append(time.perf_counter() - w0)
    return {name: (statistics.median(wall[name]), statistics.median(cpu[name])) for name in fns}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3, help="timed passes after the warm-up (median reported)")
    ap.add_argument("--sets", nargs="+", default=["arabic-dev", "polnear-dev"])
    ap.add_argument("--samples", action="store_true", help="measure samples/*.txt even when ../shared is there")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")

    from factcheck.text.extract import extract
    from factcheck.text.facts import extract_facts

    try:
        import pysbd
    except ImportError:
        pysbd = None
        print("note: pysbd is not installed (pip install pysbd); engine only", file=sys.stderr)

    source, texts = load_texts(args.sets, args.samples)
    if not texts:
        print("error: no texts to measure", file=sys.stderr)
        return 2
    chars = sum(len(t) for _, t in texts)
    by_lang: dict[str, list[str]] = {}
    for lang, text in texts:
        by_lang.setdefault(lang, []).append(text)

    def run_engine() -> None:
        for _, text in texts:
            extract(text)

    extractions = [(lang, text, extract(text)) for lang, text in texts]
    spans = [(lang, text, c.start, c.end) for lang, text, ex in extractions for c in ex.claims]

    def run_facts() -> None:
        for lang, text, start, end in spans:
            extract_facts(text, start, end, lang=lang)

    fns = {"factcheck extract": run_engine, "  of which facts": run_facts}
    if pysbd is not None:
        segmenters = {lang: pysbd.Segmenter(language=lang, clean=False, char_span=False) for lang in by_lang}

        def run_pysbd() -> None:
            for lang, text in texts:
                segmenters[lang].segment(text)

        fns["pysbd segment only"] = run_pysbd
    rows = list(timed(fns, args.repeat).items())

    claims = sum(len(ex.claims) for _, _, ex in extractions)
    langs = ", ".join(f"{lang} {len(v)}" for lang, v in sorted(by_lang.items()))
    print(f"texts: {source} — {len(texts)} articles ({langs}), {chars:,} chars, {claims} claims")
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    print(f"python {platform.python_version()}, {os.cpu_count()} cpu{load}; median of {args.repeat} rounds after a warm-up")
    print()
    print(f"{'':20}{'wall s':>8}{'cpu s':>8}{'articles/s':>12}{'ms/1k chars':>13}   (rates from CPU time)")
    for name, (wall, cpu) in rows:
        print(f"{name:20}{wall:8.3f}{cpu:8.3f}{len(texts) / cpu:12.1f}{cpu * 1000 / (chars / 1000):13.3f}")
    if pysbd is not None:
        (_, (ew, ec)), (_, (pw, pc)) = rows[0], rows[2]
        print()
        print(f"engine speed-up over pysbd (pysbd time / engine time): {pc / ec:.2f}x by CPU time, "
              f"{pw / ew:.2f}x by wall time (target >= 2x)")
        if len(by_lang) > 1:  # each language on its own texts (the target holds per language)
            per = {}
            for lang, group in sorted(by_lang.items()):
                seg = segmenters[lang]
                per[lang] = timed({
                    "engine": lambda group=group: [extract(t, lang=None) for t in group],
                    "pysbd": lambda group=group, seg=seg: [seg.segment(t) for t in group],
                }, args.repeat)
            print("by language (CPU): " + ", ".join(
                f"{lang} {r['pysbd'][1] / r['engine'][1]:.2f}x" for lang, r in per.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
