"""The file to hand to ``spark-submit``: ``spark-submit [options] .../union_extract/spark_main.py
INPUT... OUTPUT_DIR [spark-convert options]`` runs ``union-extract spark-convert`` as a Spark app."""
import sys

from union_extract.cli import main

if __name__ == "__main__":
    sys.exit(main(["spark-convert", *sys.argv[1:]]))
