"""Write the demo case into a directory: the four CSV files and one JSON file per unit.

python -m casestudy_xblock.demo OUT_DIR [--seed N] [--scale X]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from . import case, generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m casestudy_xblock.demo", description=__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args(argv)
    paths = generate.write_all(args.directory / "datasets", args.seed, args.scale)
    for number, block in enumerate(case.blocks(args.seed, args.scale), start=1):
        target = args.directory / f"unit{number}-{block['stage']}.json"
        target.write_text(json.dumps(block, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(target)
    for slug, path in paths.items():
        print(f"{path} ({generate.ENCODINGS[slug]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
