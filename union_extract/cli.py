"""Command line: ``union-extract convert | schema | eval | spark-convert``."""
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
    s = sub.add_parser("schema", help="print the JSON Schema of the output records")
    s.add_argument("--model", default="Article", choices=["Article", "Document", "ErrorRecord"])
    e = sub.add_parser("eval", help="score extraction on gold JSONL files (same definitions as the reference scorer)")
    e.add_argument("gold", nargs="+")
    e.add_argument("--errors", help="write every false positive and negative here (TSV)")
    e.add_argument("--json", action="store_true")
    _spark_parser(sub)
    return ap


def _spark_parser(sub) -> None:
    """``spark-convert``: the optional Spark runner (union_extract.spark, extra [spark])."""
    k = sub.add_parser("spark-convert", help="convert on Apache Spark, writing Parquet tables (needs the [spark] extra)")
    k.add_argument("inputs", nargs="+", metavar="INPUT", help=".jsonl / .txt files or directories (local or URIs)")
    k.add_argument("output_dir", metavar="OUTPUT_DIR", help="new directory: one Parquet dataset per table")
    k.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's, else local[*])")
    k.add_argument("--partition-by", help="partition every table that has this column (a kept field or source_id)")
    k.add_argument("--keep-fields", default="", help="comma-separated JSONL fields passed through to articles and errors")
    k.add_argument("--layout", choices=["tables", "nested"], default="tables",
                   help="tables (articles, persons, ... mentions) or nested (one contract row per article)")
    k.add_argument("--id-field", default="id")
    k.add_argument("--text-field", default="text")
    k.add_argument("--lexicon-dir")
    k.add_argument("--reference-date")
    k.add_argument("--segmenter", default="rjieba")
    k.add_argument("--max-chars", type=int, default=50_000_000)


def _spark_convert(args) -> int:
    import os
    try:
        from . import spark as S
    except ImportError as exc:
        print(f"union-extract: spark-convert needs the [spark] extra ({exc})", file=sys.stderr)
        return 2
    if "://" not in args.output_dir and os.path.exists(args.output_dir) and os.listdir(args.output_dir):
        print(f"union-extract: {args.output_dir} exists and is not empty", file=sys.stderr)
        return 2
    keep = [f for f in args.keep_fields.split(",") if f]
    opts = dict(lexicon_dir=args.lexicon_dir, segmenter=args.segmenter, reference_date=args.reference_date)
    try:
        counts = S.convert(S.session(args.master), args.inputs, args.output_dir, partition_by=args.partition_by,
                           layout=args.layout, keep=keep, id_field=args.id_field, text_field=args.text_field,
                           max_chars=args.max_chars, **opts)
    except (FileNotFoundError, ValueError) as exc:
        print(f"union-extract: {exc}", file=sys.stderr)
        return 2
    print("articles={articles} errors={errors} seconds={seconds:.2f}".format(**counts), file=sys.stderr)
    return 0 if counts["errors"] == 0 else 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.cmd == "schema":
        from .models import SCHEMA_MODELS
        print(json.dumps(SCHEMA_MODELS[args.model].model_json_schema(), ensure_ascii=False, indent=2))
        return 0
    if args.cmd == "eval":
        from .evaluation import main as eval_main
        return eval_main(args)
    if args.cmd == "spark-convert":
        return _spark_convert(args)
    if args.resume and not (args.output and args.output != "-"):
        print("union-extract: --resume needs -o OUTPUT", file=sys.stderr)
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
                      max_chars=args.max_chars)
    except KeyboardInterrupt:
        return 130
    except FileNotFoundError as exc:
        print(f"union-extract: {exc}", file=sys.stderr)
        return 2
    print(summary.line(), file=sys.stderr)
    return 0 if summary.errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
