"""Refresh the calibration table in data/README.md from the bundled dataset."""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pathways.calibration import calibration_markdown  # noqa: E402
from pathways.loading import load_dataset  # noqa: E402

START, END = "<!-- calibration:start -->", "<!-- calibration:end -->"


def refreshed(readme_text, table):
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    return pattern.sub(lambda _: f"{START}\n{table}{END}", readme_text)


if __name__ == "__main__":
    readme = ROOT / "data" / "README.md"
    table = calibration_markdown(load_dataset(ROOT / "data" / "illustrative"))
    readme.write_text(refreshed(readme.read_text(encoding="utf-8"), table), encoding="utf-8")
    print(f"updated {readme.relative_to(ROOT)}")
