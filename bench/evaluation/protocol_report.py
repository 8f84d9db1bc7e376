"""The generalisation protocol → its sections of docs/EVALUATION.md."""

from __future__ import annotations

from collections import Counter

import numpy as np

from bench.evaluation.generalisation import Protocol, figures, metrics, select
from bench.evaluation.mixes import FAMILIES


def render_protocol(protocol: Protocol) -> list[str]:
    lines = [
        "",
        "## 2. Problem recovery on systems never seen",
        "",
        "The mixable systems are split into two disjoint halves, balanced by source. On each "
        "half's *calibration* mixes (seed + 1) the grouping settings are chosen from a small "
        "grid (`bench/evaluation/protocol.py`) and the verdict thresholds are read off the "
        "breadth indices; those choices then score that half's own *evaluation* mixes "
        "(**dev**: systems the choice has seen) and the other half's (**unseen**: systems it "
        "has never seen). The unseen column is the one that counts. Families: *flat* (shuffled "
        "CSV export or Markdown list), *structured* (a Markdown or Word document with a chapter "
        "per system, features as sub-sections where the data labels them, neutral headings), "
        "*same-domain* (the systems that share the most vocabulary), *long-focused* (one "
        "backlog written with a chapter per feature: one problem). Baselines on the same mixes "
        "and the raw MiniLM vectors of the functional rows.",
        "",
    ]
    for name, systems in protocol.halves:
        lines.append(f"- half {name}: {', '.join(systems)}")
    for choice in protocol.choices:
        settings = ", ".join(f"{k} {v}" for k, v in choice.settings)
        lines.append(
            f"- chosen on half {choice.calibrated_on}: {settings}; borderline from "
            f"{choice.reference.borderline_at:.2f}, over-broad from "
            f"{choice.reference.over_broad_at:.2f} (objective {choice.objective:.3f})"
        )
    lines += [
        f"- {protocol.n_calibration} calibration mixes; "
        f"{len(select(protocol.outcomes, role='unseen'))} evaluation mixes, each scored once as "
        "dev and once as unseen",
        "",
        "| metric | baseline (same run, unseen) | dev half | **unseen half** | gap | target "
        "| met (unseen) |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in metrics(protocol):
        base = "—" if row.baseline is None else f"{row.baseline:.3f} ({row.baseline_name})"
        gap = "—" if row.dev is None or row.unseen is None else f"{abs(row.dev - row.unseen):.3f}"
        flag = "—" if row.met is None else "yes" if row.met else "**no**"
        lines.append(
            f"| {row.name} | {base} | {_n(row.dev)} | **{_n(row.unseen)}** | {gap} "
            f"| {row.target} | {flag} |"
        )
    lines += [
        "",
        "Unseen half, by family and k:",
        "",
        "| family | k | mixes | n_problems (mean) | abs. error | ARI | k-means told k, ARI "
        "| focused | borderline | over-broad |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    unseen = select(protocol.outcomes, role="unseen")
    for family in FAMILIES:
        for k in sorted({o.k for o in unseen if o.family == family}):
            rows = [o for o in unseen if o.family == family and o.k == k]
            verdicts = Counter(o.verdict for o in rows)
            f = figures(rows)
            lines.append(
                f"| {family} | {k} | {len(rows)} | {np.mean([o.n_problems for o in rows]):.2f} "
                f"| {f.error:.2f} | {_n(f.ari) if k > 1 else '—'} "
                f"| {_n(f.ari_baseline) if k > 1 else '—'} | "
                + " | ".join(
                    f"{verdicts[v] / len(rows):.0%}"
                    for v in ("focused", "borderline", "over-broad")
                )  # fmt: skip
                + " |"
            )
    lines += [
        "",
        "PURE documents under each half's choice (no choice saw a PURE document):",
        "",
        "| document | reader | "
        + " | ".join(f"half {c.calibrated_on}: problems, verdict" for c in protocol.choices)
        + " |",
        "|---|---|" + "---|" * len(protocol.choices),
    ]
    for document in dict.fromkeys(o.document for o in protocol.documents):
        under = {o.calibrated_on: o for o in protocol.documents if o.document == document}
        label = next(iter(under.values())).label
        cells = [
            f"{under[c.calibrated_on].n_problems}, {under[c.calibrated_on].verdict}"
            if c.calibrated_on in under
            else "—"
            for c in protocol.choices
        ]
        lines.append(f"| {document} | {label} | " + " | ".join(cells) + " |")
    return lines


def _n(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"
