"""`kzdigest eval GOLD.jsonl PATH...`: score the extractor against a gold file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bot.cli.extract import iter_outputs
from digest.evaluation import evaluate


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="score extraction against a gold JSON Lines file",
        description="Run the extractor over PATHs and score it against GOLD (JSON Lines in the"
        " extraction contract's format, paired by `doc`): figure precision/recall/F1 and"
        " category, qualifier and region accuracy; first-region accuracy and region set"
        " precision/recall; official precision/recall/F1 with role and region accuracy.",
    )
    parser.add_argument("gold", type=Path, metavar="GOLD.jsonl")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--json", action="store_true", help="print the metrics as one JSON object")
    parser.add_argument("--errors", action="store_true", help="list every miss and extra")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    report = evaluate(iter_outputs(args.paths), gold)
    metrics = report.metrics()
    if args.json:
        print(json.dumps(metrics))
    else:
        width = max(len(name) for name in metrics)
        for name, value in metrics.items():
            print(f"{name:<{width}}  {value}")
    if args.errors:
        for line in report.missed:
            print(line)
    return 0
