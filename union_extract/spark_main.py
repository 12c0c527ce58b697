"""The file to hand to ``spark-submit``: ``spark-submit [options] .../union_extract/spark_main.py
INPUT... OUTPUT_DIR [spark-convert options]`` runs ``union-extract spark-convert`` as a Spark app."""
import os
import sys

# Run as a script, this file's folder would come first on sys.path, and the package's own
# numbers.py would shadow the standard library's `numbers`: drop it, import the installed package.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]

from union_extract.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["spark-convert", *sys.argv[1:]]))
