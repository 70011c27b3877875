"""Load, validate and build the graph for 10k, 100k and 1M generated people.

Each size is generated once into a temporary folder (timed too), then loaded in
a fresh process so that peak memory (max RSS) belongs to loading alone.
Prints a Markdown table; the README quotes it. Target (quality.md): 100k people
in under 5 s and under 1 GB.

Usage: python benchmarks/load_benchmark.py [--sizes 10000 100000 1000000]
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
started = time.perf_counter()
from pathways.loading import load_dataset
imported = time.perf_counter()
dataset = load_dataset({path!r}, max_file_bytes=10**10)
loaded = time.perf_counter()
from pathways.model import CareerModel
model = CareerModel.build(dataset)  # stays, transitions, role graph and sector graph
built = time.perf_counter()
print(json.dumps({{
    "load_validate_s": loaded - imported,
    "graph_s": built - loaded,
    "total_s": built - imported,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "episodes": len(dataset.careers),
    "transitions": len(dataset.transitions),
    "responses": len(dataset.barrier_responses),
}}))
"""


def measure(size, workdir):
    folder = Path(workdir) / f"people-{size}"
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pathways", "generate", str(folder), "--people", str(size), "--seed", "1"],
        check=True,
        cwd=ROOT,
    )
    generate_s = time.perf_counter() - started
    bytes_on_disk = sum(path.stat().st_size for path in folder.iterdir())
    child = subprocess.run(
        [sys.executable, "-c", CHILD.format(root=str(ROOT), path=str(folder))],
        check=True,
        capture_output=True,
        text=True,
    )
    result = json.loads(child.stdout)
    result.update(people=size, generate_s=generate_s, size_mb=bytes_on_disk / 1e6)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    args = parser.parse_args()
    print(
        "| people | episodes | responses | files (MB) | generate (s) | load + validate (s) | graph (s) | peak memory (MB) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    with tempfile.TemporaryDirectory() as workdir:
        for size in args.sizes:
            r = measure(size, workdir)
            print(
                f"| {r['people']:,} | {r['episodes']:,} | {r['responses']:,} | {r['size_mb']:.1f} | "
                f"{r['generate_s']:.1f} | {r['load_validate_s']:.2f} | {r['graph_s']:.2f} | {r['peak_mb']:.0f} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
