"""python -m evals bench [--quick]: how fast ingest and answers are, and how they grow with the corpus.

For each scale (×1 = the real corpus; ×10, ×100 = the real files plus synthetic copies, evals/synthetic.py),
in a temporary folder:
- cold ingest into an empty index, then ingest again with nothing changed and (with copies) with one copy
  revised; each run in a child process (evals/measure.py) for its peak RSS. ×1 embeds with the model alone;
  larger scales embed through an on-disk cache (evals/embedcache.py) and report the measured time beside an
  uncached estimate (cached passages counted at the model's rate measured at ×1);
- `Answerer.ask` on every public case in a child process: p50/p95, and retrieval R@k of the original
  questions, whose gold item is in the original document among its look-alikes;
- the web app started over the index (evals/webapp.py): time until it serves and until it first answers,
  then every case's last message through its API, p50/p95, and its peak RSS.
Results go to the terminal, and to bench.json, bench.md and bench.png in --out. Nothing here asserts a time.
"""
from __future__ import annotations

import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ingest.config import ROOT

from .cases import load
from .metrics import percentile
from .report import markdown_table, text_table
from .synthetic import replicate, revise
from .webapp import RunningApp, rss_mb

OUT = Path(__file__).resolve().parent / "out" / "bench"
QUICK_SCALES = (1, 10)
FULL_SCALES = (1, 10, 100)

# (key of a scale's result, label, format); the growth column divides the last scale's value by the first's
METRICS = [
    ("files", "files", "{:d}"),
    ("chunks", "passages", "{:d}"),
    ("ingest_s", "cold ingest, measured (s)", "{:.1f}"),
    ("model_texts", "· passages embedded by the model", "{:d}"),
    ("cached_texts", "· passages from the embedding cache", "{:d}"),
    ("ingest_uncached_s", "cold ingest, uncached estimate (s)", "{:.1f}"),
    ("pages_per_s", "· pages/s (uncached)", "{:.2f}"),
    ("chunks_per_s", "· passages/s (uncached)", "{:.2f}"),
    ("reingest_s", "re-ingest, nothing changed (s)", "{:.1f}"),
    ("changed_s", "re-ingest, one copy revised (s)", "{:.1f}"),
    ("changed_embedded", "· passages embedded again", "{:d}"),
    ("index_mb", "index on disk (MB)", "{:.1f}"),
    ("ingest_rss_mb", "peak RSS, ingest (MB)", "{:.0f}"),
    ("query_rss_mb", "peak RSS, in-process asks (MB)", "{:.0f}"),
    ("kb_per_passage", "· memory per passage over ×1 (KB)", "{:.1f}"),
    ("app_rss_mb", "RSS after the API run, web app with its answer workers (MB)", "{:.0f}"),
    ("load_s", "answerer load: index version, lexical index, model (s)", "{:.1f}"),
    ("ask_p50_ms", "ask p50 (ms)", "{:.0f}"),
    ("ask_p95_ms", "ask p95 (ms)", "{:.0f}"),
    ("ask_max_ms", "slowest ask (ms)", "{:.0f}"),
    ("first_ask_s", "first ask after loading (s)", "{:.2f}"),
    ("api_p50_ms", "web API p50 (ms)", "{:.0f}"),
    ("api_p95_ms", "web API p95 (ms)", "{:.0f}"),
    ("app_serving_s", "app cold start: serving (s)", "{:.1f}"),
    ("app_first_answer_s", "app cold start: first answer (s)", "{:.1f}"),
    ("R@1", "retrieval R@1", "{:.3f}"),
    ("R@5", "retrieval R@5", "{:.3f}"),
    ("MRR", "retrieval MRR", "{:.3f}"),
    ("R@1_any_copy", "R@1, gold item in any copy", "{:.3f}"),
    ("R@5_any_copy", "R@5, gold item in any copy", "{:.3f}"),
]


def growth_rows(results: list[dict]) -> list[list[str]]:
    """One row per metric, one column per scale, then the last scale's value over the first's."""
    first, last = results[0], results[-1]
    header = ["metric", *(f"×{r['factor']}" for r in results)]
    if len(results) > 1:
        header.append(f"×{last['factor']} / ×{first['factor']}")
    rows = [header]
    for key, label, fmt in METRICS:
        cells = [label, *("—" if r.get(key) is None else fmt.format(r[key]) for r in results)]
        if len(results) > 1:
            a, b = first.get(key), last.get(key)
            cells.append("—" if not a or b is None else f"{b / a:.1f}×" if b / a >= 0.1 else f"{b / a:.2f}×")
        rows.append(cells)
    return rows


def machine() -> dict:
    """What the figures were measured on."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal:"))
    return {"cpu": cpu, "cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)),
            "ram_gb": round(mem_kb / 1024**2, 1), "python": platform.python_version(),
            "system": f"{platform.system()} {platform.release()}", "date": datetime.date.today().isoformat(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
            "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY", "")}


def dir_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1024**2


def child(stage: str, corpus: Path, data: Path, work: Path, *flags: str) -> dict:
    """Run one measurement of evals/measure.py in its own process and return its result."""
    result = work / f"{stage}-{time.monotonic_ns()}.json"
    log = result.with_suffix(".log")
    with log.open("w") as out:
        done = subprocess.run([sys.executable, "-m", "evals.measure", stage, "--corpus", str(corpus), "--data",
                               str(data), "--result", str(result), *flags], cwd=ROOT, stdout=out, stderr=out)
    if done.returncode:
        raise RuntimeError(f"evals.measure {stage} failed:\n{log.read_text()[-3000:]}")
    return json.loads(result.read_text(encoding="utf-8"))


def web_api(data: Path, messages: list[str], work: Path) -> dict:
    with RunningApp(data, work / "app.log", messages[0]) as app:
        millis = []
        for message in messages:
            begin = time.perf_counter()
            app.ask(message)
            millis.append(1000 * (time.perf_counter() - begin))
        rss = rss_mb(app.process.pid)  # the server and its answer workers
    return {"app_serving_s": app.serving_s, "app_first_answer_s": app.first_answer_s, "app_rss_mb": rss,
            "api_p50_ms": percentile(millis, 50), "api_p95_ms": percentile(millis, 95), "api_ms": millis}


def measure_scale(factor: int, work: Path, cache: Path, seconds_per_text: float | None, say) -> dict:
    """Every measurement at one scale; seconds_per_text is the model's rate measured at the first scale."""
    corpus, data = work / "corpus", work / "data"
    copies = replicate(ROOT / "corpus", corpus, factor)
    say(f"×{factor}: {len(copies)} synthetic copies written; cold ingest…")
    # the first scale embeds with the model alone: its time is real, and it sets the model's rate
    first = ["--no-cache-read"] if seconds_per_text is None else []
    cold = child("ingest", corpus, data, work, "--cache", str(cache), *first)
    if cold["errors"]:
        raise RuntimeError(f"ingest errors at ×{factor}: {cold['errors']}")
    rate = seconds_per_text or cold["model_seconds"] / max(cold["model_texts"], 1)
    uncached = cold["seconds"] - cold["cache_seconds"] + cold["cached_texts"] * rate
    source_pages = cold["pages"]  # the PDFs' pages; a copy counts as many pages as its original
    row = {"factor": factor, "files": cold["files"], "chunks": cold["chunks"], "ingest_s": cold["seconds"],
           "model_texts": cold["model_texts"], "cached_texts": cold["cached_texts"], "ingest_uncached_s": uncached,
           "pages_per_s": source_pages * factor / uncached, "chunks_per_s": cold["chunks"] / uncached,
           "ingest_rss_mb": cold["peak_rss_mb"], "seconds_per_text": rate}
    say(f"×{factor}: {cold['chunks']} passages in {cold['seconds']:.0f} s ({cold['model_texts']} embedded, "
        f"{cold['cached_texts']} cached); ingest again, nothing changed…")
    again = child("ingest", corpus, data, work)
    row.update(reingest_s=again["seconds"], reingest_rss_mb=again["peak_rss_mb"], index_mb=dir_mb(data))
    say(f"×{factor}: asking every case in-process…")
    asked = child("query", corpus, data, work)
    row.update({key: asked[key] for key in ("R@1", "R@3", "R@5", "MRR", "R@1_any_copy", "R@5_any_copy",
                                            "first_ask_s", "load_s")},
               ask_p50_ms=asked["p50_ms"], ask_p95_ms=asked["p95_ms"], ask_max_ms=asked["max_ms"],
               query_rss_mb=asked["peak_rss_mb"],
               ask_ms=asked["ask_ms"])
    say(f"×{factor}: R@5 {asked['R@5']:.3f}, ask p50 {asked['p50_ms']:.0f} ms; starting the web app…")
    row.update(web_api(data, [case.messages[-1] for case in load()], work))
    say(f"×{factor}: app served after {row['app_serving_s']:.1f} s, API p50 {row['api_p50_ms']:.0f} ms")
    if copies:
        revise(copies[0], seed=factor)
        # the revision is the same from run to run: the model embeds it, so that the time is real
        changed = child("ingest", corpus, data, work, "--cache", str(cache), "--no-cache-read")
        row.update(changed_s=changed["seconds"], changed_embedded=changed["embedded"])
        say(f"×{factor}: one copy revised: {changed['embedded']} passages embedded in {changed['seconds']:.1f} s")
    return row


def chart(path: Path, results: list[dict]) -> None:
    """Six panels against the corpus scale (log axis): ingest time, index size, memory, latency,
    app cold start, retrieval."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, LogLocator, NullLocator

    xs = [r["factor"] for r in results]
    panels = [
        ("ingest (s)", [("cold, measured (cache)", "ingest_s"), ("cold, uncached estimate", "ingest_uncached_s"),
                        ("nothing changed", "reingest_s"), ("one copy revised", "changed_s")], True),
        ("index on disk (MB)", [("Chroma store", "index_mb")], True),
        ("peak RSS (MB)", [("ingest", "ingest_rss_mb"), ("in-process asks", "query_rss_mb"), ("web app", "app_rss_mb")], True),
        ("answer latency (ms)", [("ask p50", "ask_p50_ms"), ("ask p95", "ask_p95_ms"), ("API p50", "api_p50_ms"),
                                 ("API p95", "api_p95_ms")], True),
        ("app cold start (s)", [("serving", "app_serving_s"), ("first answer", "app_first_answer_s")], False),
        ("retrieval, original questions", [("R@1", "R@1"), ("R@5", "R@5"), ("MRR", "MRR"),
                                           ("R@1, any copy", "R@1_any_copy"), ("R@5, any copy", "R@5_any_copy")], False),
    ]
    fig, axes = plt.subplots(2, 3, figsize=(13, 7.5))
    for ax, (title, series, log_y) in zip(axes.flat, panels):
        for label, key in series:
            points = [(x, r[key]) for x, r in zip(xs, results) if r.get(key) is not None]
            if points:
                dashed = "any copy" in label or "estimate" in label
                ax.plot(*zip(*points), marker="o", linestyle="--" if dashed else "-", label=label)
        ax.set_xscale("log")
        ax.set_xticks(xs, [f"×{x}" for x in xs])
        ax.xaxis.set_minor_locator(NullLocator())
        if log_y:
            ax.set_yscale("log")
            ax.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
            ax.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}"))
            ax.yaxis.set_minor_locator(NullLocator())
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=7)
        ax.grid(alpha=0.3)
    axes.flat[-1].set_ylim(0, 1.05)
    fig.suptitle("Policy Desk benchmark: growth with the corpus (×1 = the real corpus, then synthetic copies)",
                 fontsize=11)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def describe(info: dict) -> str:
    return (f"{info['cpu']}, {info['cores']} cores ({info['usable_cores']} usable), {info['ram_gb']} GB RAM, "
            f"Python {info['python']}, {info['system']}, {info['date']}; load average at start "
            f"{' / '.join(map(str, info['load_average_at_start']))}; OMP_WAIT_POLICY={info['OMP_WAIT_POLICY'] or 'unset'}")


def write(out: Path, info: dict, results: list[dict], minutes: float) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    data, text, picture = out / "bench.json", out / "bench.md", out / "bench.png"
    data.write_text(json.dumps({"machine": info, "minutes": minutes, "scales": results}, ensure_ascii=False, indent=1),
                    encoding="utf-8")
    text.write_text("\n".join([f"# Benchmark, ×{' ×'.join(str(r['factor']) for r in results)}", "",
                               f"Machine: {describe(info)}. Whole run: {minutes:.1f} min.", "",
                               markdown_table(growth_rows(results)), "", f"![growth]({picture.name})", ""]),
                    encoding="utf-8")
    chart(picture, results)
    return [data, text, picture]


def run(quick: bool, out: Path = OUT, scales: tuple[int, ...] | None = None, work_root: Path | None = None,
        cache: Path | None = None, keep: bool = False) -> list[dict]:
    scales = scales or (QUICK_SCALES if quick else FULL_SCALES)
    cache = cache or out / "embeddings.sqlite"
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # children inherit it: the model's threads spin otherwise
    info = machine()
    started = time.perf_counter()

    def say(message: str) -> None:
        print(f"[{(time.perf_counter() - started) / 60:5.1f} min] {message}", file=sys.stderr, flush=True)

    say(f"benchmark ×{', ×'.join(map(str, scales))} on {describe(info)}")
    results: list[dict] = []
    rate = None
    for factor in scales:
        work = Path(tempfile.mkdtemp(prefix=f"policy-desk-bench-x{factor}-", dir=work_root))
        try:
            results.append(measure_scale(factor, work, cache, rate, say))
        finally:
            if not keep:
                shutil.rmtree(work, ignore_errors=True)
        rate = rate or results[0]["seconds_per_text"]
        if len(results) > 1:  # what a passage costs in memory: the growth of the answerer's peak RSS over ×1
            first, this = results[0], results[-1]
            this["kb_per_passage"] = (this["query_rss_mb"] - first["query_rss_mb"]) * 1024 / (this["chunks"] - first["chunks"])
        write(out, info, results, (time.perf_counter() - started) / 60)  # a partial run leaves its figures too
    minutes = (time.perf_counter() - started) / 60
    print(text_table(growth_rows(results)))
    paths = write(out, info, results, minutes)
    print(f"{describe(info)}\nwhole run {minutes:.1f} min; wrote " + ", ".join(map(str, paths)))
    return results
