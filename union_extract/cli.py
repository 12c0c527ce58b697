"""Command line: ``union-extract convert | index | query | schema | eval | spark-convert``.

Every failure the user can cause ends in one line on stderr and a documented exit code
(README, "Exit codes"), never a traceback (``--debug`` adds it)."""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys

from . import __version__

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_WRITE, EXIT_INTERNAL = 0, 1, 2, 3, 70
EXIT_SIGINT, EXIT_PIPE, EXIT_SIGTERM = 130, 141, 143
MAX_WORKERS = 64


class _Parser(argparse.ArgumentParser):
    """A usage mistake is one line (the full usage is in --help), exit 2."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


class Terminated(BaseException):
    """SIGTERM, raised in the main thread so a run stops as on Ctrl-C."""


def _bounded_int(lo: int, hi: int):
    def parse(s: str) -> int:
        try:
            v = int(s)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{s!r} is not a whole number") from None
        if not lo <= v <= hi:
            raise argparse.ArgumentTypeError(f"must be between {lo:,} and {hi:,}, got {v:,}")
        return v
    return parse


def _fields(s: str) -> tuple[str, ...]:
    out = tuple(f.strip() for f in s.split(",") if f.strip())
    if not out:
        raise argparse.ArgumentTypeError("give field names separated by commas, e.g. date,url,page")
    return out


def _parser() -> argparse.ArgumentParser:
    from .inputs import DEFAULT_MAX_CHARS
    from .segmenter import SEGMENTERS
    fmt = argparse.ArgumentDefaultsHelpFormatter
    ap = _Parser(prog="union-extract", description="Structured data from Chinese union-newspaper text.",
                                 formatter_class=fmt)
    ap.add_argument("--version", action="version", version=__version__)
    sub = ap.add_subparsers(dest="cmd", required=True, parser_class=_Parser)
    c = sub.add_parser("convert", help="convert page dumps / articles to JSONL, one line per article",
                       formatter_class=fmt, description="Exit codes: 0 all converted, 1 some documents failed, "
                       "2 usage error or output refused, 3 output could not be written, 70 internal error, "
                       "130 Ctrl-C, 141 output pipe closed, 143 SIGTERM.")
    c.add_argument("inputs", nargs="+", help=".txt and .jsonl files, directories (recursive), or - for stdin")
    c.add_argument("-o", "--output", default="-",
                   help="output JSONL file (written as OUTPUT.partial, renamed at the end); - for stdout; "
                        "a device or FIFO is written straight through")
    c.add_argument("--errors", help="error records JSONL (default: OUTPUT.errors.jsonl next to a file output, "
                                    "none for stdout); created only when there are errors")
    c.add_argument("--workers", type=_bounded_int(1, MAX_WORKERS), default=1,
                   help=f"worker processes, 1 to {MAX_WORKERS}; output order is kept")
    c.add_argument("--id-field", default="id", help="JSONL field holding the document id")
    c.add_argument("--text-field", default="text", help="JSONL field holding the document text")
    c.add_argument("--keep-fields", type=_fields, default=(),
                   help="JSONL fields copied into each article line's meta object, comma-separated (date,url,page)")
    c.add_argument("--stdin-format", choices=["auto", "jsonl", "text"], default="auto",
                   help="how to read - : auto decides from the first lines (JSONL when most open an object)")
    c.add_argument("--lexicon-dir", help="directory with your own lexicon files (same names and columns)")
    c.add_argument("--reference-date", help="YYYY-MM-DD used to resolve relative and year-less dates "
                                            "(default: the page's own date, if printed)")
    c.add_argument("--segmenter", default="rjieba", choices=sorted(SEGMENTERS), help="word segmenter")
    c.add_argument("--max-chars", type=_bounded_int(1, 1 << 40), default=DEFAULT_MAX_CHARS,
                   help="documents longer than this become too_large error records (about 2 GB of memory "
                        "per process at the default)")
    c.add_argument("--progress", choices=["auto", "on", "off"], default="auto",
                   help="progress bar on stderr (auto: when stderr is a terminal)")
    c.add_argument("--debug", action="store_true",
                   help="include tracebacks in error records; show page-layout decisions on stderr; "
                        "each honour's and person's evidence (why) in the output")
    c.add_argument("--resume", action="store_true", help="continue an interrupted run from OUTPUT.partial")
    c.add_argument("--quiet", action="store_true", help="no per-error messages on stderr")
    c.add_argument("--format", default="jsonl", choices=["jsonl", "parquet", "csv"],
                   help="jsonl: one line per article; parquet or csv: one table per record kind "
                        "in the directory -o DIR (see README, Tables & registry)")
    from .registry import add_commands
    add_commands(sub)
    s = sub.add_parser("schema", help="print the JSON Schema of the output records", formatter_class=fmt)
    s.add_argument("--model", default="Article", choices=["Article", "Document", "ErrorRecord"],
                   help="which record")
    e = sub.add_parser("eval", help="score extraction on gold JSONL files (same definitions as the reference scorer)",
                       formatter_class=fmt)
    e.add_argument("gold", nargs="+", help="gold JSONL files (records with id, text and the annotated entities)")
    e.add_argument("--errors", help="write every false positive and negative here (TSV)")
    e.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    _spark_parser(sub)
    return ap


def _layout_debug() -> None:
    """Page-layout decisions (which line became a headline, and why) go to stderr."""
    import logging
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("layout: %(message)s"))
    for name in ("union_extract.layout", "union_extract.pipeline"):
        lg = logging.getLogger(name)
        lg.setLevel(logging.DEBUG)
        lg.addHandler(handler)
        lg.propagate = False


def _say(msg: str) -> None:
    try:
        sys.stderr.write(f"union-extract: {msg}\n")
        sys.stderr.flush()
    except OSError:
        pass


def _stdout_gone() -> None:
    """stdout is closed (| head) or failing (/dev/full): stop Python's exit-time flush from
    printing a second error."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _spark_parser(sub) -> None:
    """``spark-convert``: the optional Spark runner (union_extract.spark, extra [spark])."""
    from .inputs import DEFAULT_MAX_CHARS
    from .segmenter import SEGMENTERS
    k = sub.add_parser("spark-convert", help="convert on Apache Spark, writing Parquet tables (needs the [spark] extra)")
    k.add_argument("inputs", nargs="+", metavar="INPUT", help=".jsonl / .txt files or directories (local or URIs)")
    k.add_argument("output_dir", metavar="OUTPUT_DIR", help="new directory: one Parquet dataset per table")
    k.add_argument("--master", help="Spark master, e.g. local[2] (default: spark-submit's, else local[*])")
    k.add_argument("--partition-by", help="partition every table that has this column (a kept field or source_id)")
    k.add_argument("--keep-fields", default="", help="comma-separated JSONL fields passed through to articles and errors")
    k.add_argument("--layout", choices=["tables", "nested"], default="tables",
                   help="tables (articles, persons, ... mentions) or nested (one contract row per article)")
    k.add_argument("--id-field", default="id", help="JSONL field holding the document id")
    k.add_argument("--text-field", default="text", help="JSONL field holding the document text")
    k.add_argument("--lexicon-dir", help="directory with your own lexicon files (same names and columns)")
    k.add_argument("--reference-date", help="YYYY-MM-DD used to resolve relative and year-less dates")
    k.add_argument("--segmenter", default="rjieba", choices=sorted(SEGMENTERS), help="word segmenter")
    k.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                   help="documents longer than this become too_large error rows")


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
    debug = getattr(args, "debug", False)
    try:
        if args.cmd in ("index", "query"):
            from .registry import main as registry_main
            return registry_main(args)
        if args.cmd == "schema":
            from .models import SCHEMA_MODELS
            print(json.dumps(SCHEMA_MODELS[args.model].model_json_schema(), ensure_ascii=False, indent=2))
            return EXIT_OK
        if args.cmd == "eval":
            from .evaluation import GoldError, main as eval_main
            try:
                return eval_main(args)
            except GoldError as exc:
                _say(str(exc))
                return EXIT_USAGE
        if args.cmd == "spark-convert":
            return _spark_convert(args)
        return _convert(args)
    except BrokenPipeError:
        _stdout_gone()
        _say("output closed before the end (broken pipe)")
        return EXIT_PIPE
    except Exception as exc:  # noqa: BLE001 - last resort: one line, not a traceback
        if debug:
            import traceback
            traceback.print_exc()
        _say(f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for the traceback)")
        return EXIT_INTERNAL


def _convert(args) -> int:
    from .lexicon import LexiconError, load
    from .outputs import OutputError, WriteFailed
    from .workers import WorkersFailed
    if args.resume and args.output == "-":
        _say("--resume needs -o OUTPUT")
        return EXIT_USAGE
    from .table_writers import check_args, meta_keys
    problem = check_args(args) or (_same_file(args) if args.format == "jsonl" else None)
    if problem:
        _say(problem)
        return EXIT_USAGE
    opts = {"segmenter": args.segmenter}
    if args.debug:
        opts["explain"] = True     # persons carry the evidence that decided them
        _layout_debug()
    if args.lexicon_dir:
        if not os.path.isdir(args.lexicon_dir):
            _say(f"--lexicon-dir {args.lexicon_dir}: not a directory")
            return EXIT_USAGE
        opts["lexicon_dir"] = args.lexicon_dir
    if args.reference_date:
        import datetime as dt
        try:
            dt.date.fromisoformat(args.reference_date)
        except ValueError:
            _say("--reference-date must be YYYY-MM-DD")
            return EXIT_USAGE
        opts["reference_date"] = args.reference_date
    try:
        load(opts.get("lexicon_dir"))      # validated here, once, before any document
    except LexiconError as exc:
        _say(f"bad lexicon: {exc}")
        return EXIT_USAGE
    if args.workers > 1:
        # a worker that cannot start its segmenter would turn every document into worker_died
        from .segmenter import check_installed
        try:
            check_installed(args.segmenter)
        except ImportError as exc:
            _say(f"--segmenter {args.segmenter} is not installed: {exc}")
            return EXIT_USAGE
    from .convert import Interrupted, run
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        summary = run(args.inputs, args.output, args.errors, args.workers, args.id_field, args.text_field,
                      opts, debug=args.debug, quiet=args.quiet, resume=args.resume, max_chars=args.max_chars,
                      stdin_format=args.stdin_format, keep_fields=args.keep_fields, progress=args.progress,
                      fmt=args.format, meta_keys=meta_keys(args))
    except OutputError as exc:
        _say(str(exc))
        return EXIT_USAGE
    except Interrupted as stop:
        signal.signal(signal.SIGTERM, previous)
        kept = "; partial output kept, rerun with --resume to continue" if stop.partial_kept else ""
        cause = stop.cause
        if isinstance(cause, WriteFailed) and cause.broken_pipe:
            _stdout_gone()
            _say(f"output closed before the end (broken pipe): {stop.summary.line()}")
            return EXIT_PIPE
        if isinstance(cause, WriteFailed):
            if args.output == "-":
                _stdout_gone()
            _say(f"{cause}; stopped: {stop.summary.line()}{kept}")
            return EXIT_WRITE
        if isinstance(cause, WorkersFailed):
            _say(f"{cause}; stopped: {stop.summary.line()}{kept}")
            return EXIT_WRITE
        if isinstance(cause, OutputError):    # found out while reading: inputs changed under --resume
            _say(str(cause))
            return EXIT_USAGE
        if isinstance(cause, (KeyboardInterrupt, Terminated)):
            what = "terminated" if isinstance(cause, Terminated) else "interrupted"
            _say(f"{what}: {stop.summary.line()}{kept}")
            return EXIT_SIGTERM if isinstance(cause, Terminated) else EXIT_SIGINT
        raise cause
    signal.signal(signal.SIGTERM, previous)
    print(summary.line(), file=sys.stderr)
    return EXIT_OK if summary.errors == 0 else EXIT_SOME_FAILED


def _on_sigterm(signum, frame):
    signal.signal(signal.SIGTERM, signal.SIG_IGN)   # one stop is enough
    raise Terminated()


def _same_file(args) -> str | None:
    """An output that is one of the inputs (or -o and --errors the same file) would destroy data."""
    outs = [("-o", args.output), ("--errors", args.errors)]
    real = {n: os.path.realpath(p) for n, p in outs if p and p != "-"}
    if len(real) == 2 and real["-o"] == real["--errors"] and os.path.realpath(args.output) not in ("/dev/null",):
        return "--errors must differ from -o"
    for inp in args.inputs:
        if inp == "-":
            continue
        rin = os.path.realpath(inp)
        for name, r in real.items():
            if r == rin:
                return f"{name} {r} is also an input; choose another output"
    return None


if __name__ == "__main__":
    sys.exit(main())
