"""Command line: ``union-extract convert | index | query | schema | eval``."""
from __future__ import annotations

import argparse
import json
import sys

from . import __version__


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="union-extract", description="Structured data from Chinese union-newspaper text.")
    ap.add_argument("--version", action="version", version=__version__)
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("convert", help="convert page dumps / articles to JSONL, one line per article")
    c.add_argument("inputs", nargs="+", help=".txt, .jsonl, directories, or - for stdin")
    c.add_argument("-o", "--output", help="output JSONL (default: stdout)")
    c.add_argument("--errors", help="error records JSONL (default: OUTPUT.errors.jsonl)")
    c.add_argument("--workers", type=int, default=1)
    c.add_argument("--id-field", default="id")
    c.add_argument("--text-field", default="text")
    c.add_argument("--lexicon-dir", help="directory with your own lexicon files (same names and columns)")
    c.add_argument("--reference-date", help="YYYY-MM-DD used to resolve relative and year-less dates")
    c.add_argument("--segmenter", default="rjieba", help="rjieba (default) or jieba")
    c.add_argument("--debug", action="store_true", help="include tracebacks in error records")
    c.add_argument("--quiet", action="store_true", help="no per-error messages on stderr")
    c.add_argument("--resume", action="store_true", help="continue an interrupted run from OUTPUT.partial")
    c.add_argument("--max-chars", type=int, default=50_000_000,
                   help="documents longer than this become error records (default 50,000,000)")
    c.add_argument("--format", default="jsonl", choices=["jsonl", "parquet", "csv"],
                   help="jsonl (default): one line per article; parquet or csv: one table per record kind "
                        "in the directory -o DIR (see README, Tables & registry)")
    from .registry import add_commands
    add_commands(sub)
    s = sub.add_parser("schema", help="print the JSON Schema of the output records")
    s.add_argument("--model", default="Article", choices=["Article", "Document", "ErrorRecord"])
    e = sub.add_parser("eval", help="score extraction on gold JSONL files (same definitions as the reference scorer)")
    e.add_argument("gold", nargs="+")
    e.add_argument("--errors", help="write every false positive and negative here (TSV)")
    e.add_argument("--json", action="store_true")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.cmd in ("index", "query"):
        from .registry import main as registry_main
        return registry_main(args)
    if args.cmd == "schema":
        from .models import SCHEMA_MODELS
        print(json.dumps(SCHEMA_MODELS[args.model].model_json_schema(), ensure_ascii=False, indent=2))
        return 0
    if args.cmd == "eval":
        from .evaluation import main as eval_main
        return eval_main(args)
    if args.resume and not (args.output and args.output != "-"):
        print("union-extract: --resume needs -o OUTPUT", file=sys.stderr)
        return 2
    from .table_writers import check_args, meta_keys
    problem = check_args(args)
    if problem:
        print(f"union-extract: {problem}", file=sys.stderr)
        return 2
    if args.workers < 1:
        print("union-extract: --workers must be at least 1", file=sys.stderr)
        return 2
    from .convert import run
    opts = {"segmenter": args.segmenter}
    if args.lexicon_dir:
        import os
        if not os.path.isdir(args.lexicon_dir):
            print(f"union-extract: --lexicon-dir {args.lexicon_dir}: not a directory", file=sys.stderr)
            return 2
        opts["lexicon_dir"] = args.lexicon_dir
    if args.reference_date:
        import datetime as dt
        try:
            dt.date.fromisoformat(args.reference_date)
        except ValueError:
            print("union-extract: --reference-date must be YYYY-MM-DD", file=sys.stderr)
            return 2
        opts["reference_date"] = args.reference_date
    try:
        summary = run(args.inputs, args.output, args.errors, args.workers, args.id_field, args.text_field,
                      opts, debug=args.debug, quiet=args.quiet, resume=args.resume,
                      max_chars=args.max_chars, fmt=args.format, meta_keys=meta_keys(args))
    except KeyboardInterrupt:
        return 130
    except FileNotFoundError as exc:
        print(f"union-extract: {exc}", file=sys.stderr)
        return 2
    print(summary.line(), file=sys.stderr)
    return 0 if summary.errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
