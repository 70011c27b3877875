"""Server time of the main page callbacks on a generated dataset (default 100,000 people).

Each page's ``content(model, query)`` (what its callback runs) is timed for a
set of view states, first call (cold) and repeated calls (cached), and the
p50 / p95 are printed as a Markdown table. A no-op is timed the same way for
the ratio quality.md asks about. Target: p95 under 100 ms.

Usage: python benchmarks/callback_benchmark.py [--people 100000]
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from layouts import barriers_page, mobility_page, network_page, pathways_page, routes_page  # noqa: E402
from pathways.loading import load_dataset  # noqa: E402
from pathways.model import CareerModel  # noqa: E402
from pathways.synthetic import generate_dataset  # noqa: E402
from pathways.writing import write_dataset  # noqa: E402

STATES = {
    "pathways (Sankey)": (
        pathways_page,
        [
            {},
            {"level": "role"},
            {"level": "role", "steps": "5"},
            {"sector": "academia"},
            {"attribute": "gender", "value": "woman"},
        ],
    ),
    "network": (network_page, [{}, {"min": "50"}, {"sector": "nhs"}]),
    "route finder": (
        routes_page,
        [
            {"from": "phd_student", "to": "lecturer"},
            {"from": "postdoc", "to": "industry_head_data_science"},
            {"from": "msc_student", "to": "consultant_clinical_scientist", "avoid": "academia"},
        ],
    ),
    "barriers": (
        barriers_page,
        [{}, {"sector": "academia"}, {"compare": "gender", "a": "woman", "b": "man"}],
    ),
    "mobility": (mobility_page, [{}, {"measure": "percent"}]),
}


def timed(function, *args):
    started = time.perf_counter()
    function(*args)
    return (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        write_dataset(generate_dataset(people=args.people, seed=1), folder)
        started = time.perf_counter()
        model = CareerModel.build(load_dataset(folder, max_file_bytes=10**10))
        print(f"load + validate + graph: {time.perf_counter() - started:.2f} s for {args.people:,} people\n")
    noop = [timed(lambda: None) for _ in range(args.repeats)]
    print("| callback | states | first call p50 (ms) | first call max (ms) | repeated p95 (ms) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (page, states) in STATES.items():
        cold = [timed(page.content, model, state) for state in states]
        warm = [timed(page.content, model, state) for _ in range(args.repeats) for state in states]
        p95 = statistics.quantiles(warm, n=20)[-1] if len(warm) >= 2 else warm[0]
        print(
            f"| {name} | {len(states)} | {statistics.median(cold):.0f} | {max(cold):.0f} | {p95:.1f} |",
            flush=True,
        )
    print(f"\nno-op p95: {statistics.quantiles(noop, n=20)[-1] * 1000:.1f} µs")


if __name__ == "__main__":
    main()
