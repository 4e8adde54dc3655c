"""`kzdigest extract PATH... --json`: the extraction contract, one JSON line per document."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from digest.contract import document_json, error_json
from digest.documents import DocumentError, read_documents
from digest.extract import extract


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="print what the extractor finds in articles (nothing is stored)",
        description="Extract language, date, title, outlet, regions, officials and figures"
        " from text, HTML or JSON article files (folders recursively) and print them. With"
        " --json: one JSON object per document on stdout in input order, as the extraction"
        " contract specifies; a file that cannot be read yields a line with an \"error\".",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--json", action="store_true", help="JSON Lines output (the contract)")
    parser.set_defaults(handler=run)


def iter_outputs(paths: list[Path]):
    for item in read_documents(paths):
        if isinstance(item, DocumentError):
            yield error_json(item)
            continue
        try:
            yield document_json(item, extract(item))
        except Exception as error:  # an extractor bug must not lose the other documents
            yield error_json(DocumentError(item.doc, f"extraction failed: {error}"))


def run(args: argparse.Namespace) -> int:
    failed = False
    for record in iter_outputs(args.paths):
        failed = failed or "error" in record
        if args.json:
            print(json.dumps(record, ensure_ascii=False), flush=True)
        else:
            _print_human(record)
    return 1 if failed else 0


def _print_human(record: dict) -> None:
    out = sys.stdout
    if "error" in record:
        print(f"{record['doc']}: error: {record['error']}", file=out)
        return
    print(f"{record['doc']} [{record['language']}] {record['published'] or '-'}"
          f" {record['source'] or '-'}: {record['title'] or ''}", file=out)
    print(f"  regions: {', '.join(record['regions']) or '-'}", file=out)
    for official in record["officials"]:
        print(f"  official: {official['name']} ({official['role'] or '-'}, {official['region'] or '-'})",
              file=out)
    for figure in record["figures"]:
        print(f"  {figure['value']:g} {figure['unit']} [{figure['category']}] {figure['text']!r}",
              file=out)
