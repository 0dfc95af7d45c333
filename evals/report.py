"""The run's results as a terminal table, a JSON file, a Markdown report and a PNG chart."""
from __future__ import annotations

import json
from pathlib import Path

from .cases import KINDS
from .metrics import ratio

# (key in a by_kind row, column header, format)
COLUMNS = [("n", "n", "{:d}"), ("R@1", "R@1", "{:.3f}"), ("R@3", "R@3", "{:.3f}"), ("R@5", "R@5", "{:.3f}"),
           ("MRR", "MRR", "{:.3f}"), ("correct", "correct", "{:.1%}"), ("grounded", "grounded", "{:.1%}"),
           ("declined", "declined", "{:.1%}"), ("corrected", "corrected", "{:.1%}"),
           ("asked", "model asked", "{:.1%}"), ("by_model", "by model", "{:.1%}"), ("fallback", "fallback", "{:.1%}"),
           ("rejected", "guard rejected", "{:.1%}"),
           ("p50_ms", "p50 ms", "{:.0f}"), ("p95_ms", "p95 ms", "{:.0f}")]
RATIO_METRICS = [key for key, _, _ in COLUMNS if key != "n"]
BASELINE = "baseline"


def _cell(value, fmt: str) -> str:
    return "—" if value is None else fmt.format(value)


def _kinds(table: dict) -> list[str]:
    return [k for k in KINDS if k in table] + sorted(k for k in table if k not in KINDS and k != "all") + ["all"]


def system_rows(table: dict) -> list[list[str]]:
    """Header and one row per kind (then "all") of one system's by_kind table."""
    return [["kind", *(h for _, h, _ in COLUMNS)]] + [
        [kind, *(_cell(table[kind][key], fmt) for key, _, fmt in COLUMNS)] for kind in _kinds(table)]


def ratios(tables: dict[str, dict]) -> dict[str, dict[str, dict[str, float | None]]]:
    """For each configuration of ours: kind → metric → ours / baseline."""
    base = tables[BASELINE]
    return {name: {kind: {m: ratio(table[kind][m], base[kind][m]) for m in RATIO_METRICS} for kind in table}
            for name, table in tables.items() if name != BASELINE}


def comparison_rows(tables: dict[str, dict]) -> list[list[str]]:
    """Correct share per kind of every system side by side, with each configuration's ratio to the baseline."""
    ours = [name for name in tables if name != BASELINE]
    by_ratio = ratios(tables)
    header = ["kind", "n", *(f"{name} correct" for name in tables), *(f"{name} / baseline" for name in ours)]
    rows = [header]
    for kind in _kinds(tables[BASELINE]):
        rows.append([kind, str(tables[BASELINE][kind]["n"]),
                     *(_cell(table[kind]["correct"], "{:.1%}") for table in tables.values()),
                     *(_cell(by_ratio[name][kind]["correct"], "{:.2f}×") for name in ours)])
    return rows


def overall_rows(tables: dict[str, dict]) -> list[list[str]]:
    """Every metric over all cases, one column per system, then each configuration's ratio to the baseline."""
    ours = [name for name in tables if name != BASELINE]
    by_ratio = ratios(tables)
    rows = [["all cases", *tables, *(f"{name} / baseline" for name in ours)]]
    for key, header, fmt in COLUMNS[1:]:
        rows.append([header, *(_cell(table["all"][key], fmt) for table in tables.values()),
                     *(_cell(by_ratio[name]["all"][key], "{:.2f}×") for name in ours)])
    return rows


NO_RATIO = "A ratio of — means none is defined: the baseline scored 0, or the metric does not apply to these cases."


def text_table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
                     for row in rows)


def markdown_table(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows[1:]])


def terminal(tables: dict[str, dict], configs: dict[str, dict]) -> str:
    parts = []
    for name, table in tables.items():
        parts += [f"{name}: {_describe(configs[name])}", text_table(system_rows(table)), ""]
    parts += ["correct answers, ours beside the baseline", text_table(comparison_rows(tables)), "",
              text_table(overall_rows(tables)), NO_RATIO]
    return "\n".join(parts)


def _describe(config: dict) -> str:
    return " · ".join(f"{key} {value}" for key, value in config.items())


def markdown(tables: dict[str, dict], configs: dict[str, dict], cases_file: str, chart_name: str) -> str:
    parts = [f"# Evaluation: {cases_file}, {tables[BASELINE]['all']['n']} cases", "",
             "*correct*: gold numbers in the answer and the gold clause cited (declined kinds: not answered; a false "
             "premise also corrected). *grounded*: every number of the answer in a cited passage, the user's words or a "
             "calculation. *declined*: no_answer and out_of_scope cases not answered. *corrected*: false premises "
             "rejected with the right figures. *model asked*, *by model*, *fallback*, *guard rejected* (with a language "
             "model beside the rules): the shares of cases the model was asked and it answered, and of those it was "
             "asked, the share answered by the rules instead and the share the guard rejected. R@k and MRR over the "
             "cases with a gold passage; latency of the answer alone.",
             "", f"![correct answers per kind]({chart_name})", "", "## Ours beside the baseline", "",
             markdown_table(comparison_rows(tables)), "", markdown_table(overall_rows(tables)), "", NO_RATIO, ""]
    for name, table in tables.items():
        parts += [f"## {name}", "", _describe(configs[name]), "", markdown_table(system_rows(table)), ""]
    return "\n".join(parts)


def chart(path: Path, tables: dict[str, dict]) -> None:
    """Grouped bars: the correct share per kind, one bar per system."""
    import matplotlib

    matplotlib.use("Agg")  # files only, no display
    import matplotlib.pyplot as plt

    kinds = _kinds(tables[BASELINE])
    width = 0.8 / len(tables)
    fig, ax = plt.subplots(figsize=(max(8, 1.1 * len(kinds)), 4.5))
    for index, (name, table) in enumerate(tables.items()):
        xs = [k + (index - (len(tables) - 1) / 2) * width for k in range(len(kinds))]
        bars = ax.bar(xs, [100 * (table[kind]["correct"] or 0) for kind in kinds], width, label=name)
        ax.bar_label(bars, fmt="%.0f", fontsize=7)
    ax.set_xticks(range(len(kinds)), kinds, rotation=20)
    ax.set_ylabel("correct answers (%)")
    ax.set_ylim(0, 118)
    ax.set_title("Answer accuracy per kind of question")
    ax.legend(loc="upper center", ncol=len(tables), fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def case_results(rows: list[dict]) -> list[dict]:
    """What the JSON keeps of each case: flags, gold rank, latency, the answer and what it cites."""
    return [{"id": r["id"], "kind": r["kind"],
             "gold_rank": None if r["ranked"] is None else next((i + 1 for i, hit in enumerate(r["ranked"]) if hit), 0),
             **{f: r[f] for f in ("correct", "grounded", "declined", "corrected")}, "ms": round(1000 * r["seconds"], 1),
             **({"model": r["model"]} if r.get("model") else {}),
             "answered": r["record"].get("answered"), "answer": r["record"].get("answer"),
             "cited": [f"{c['doc']} › {c['locator']}" for c in r["record"].get("citations", [])]}
            for r in rows]


def write(out: Path, cases_file: str, tables: dict[str, dict], configs: dict[str, dict],
          rows: dict[str, list[dict]]) -> list[Path]:
    """report.json, report.md and accuracy.png in out/; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    data, text, picture = out / "report.json", out / "report.md", out / "accuracy.png"
    payload = {"cases_file": cases_file, "systems": {name: {"config": configs[name], "by_kind": table}
                                                     for name, table in tables.items()},
               "ratios": ratios(tables), "cases": {name: case_results(r) for name, r in rows.items()}}
    data.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    text.write_text(markdown(tables, configs, cases_file, picture.name), encoding="utf-8")
    chart(picture, tables)
    return [data, text, picture]
