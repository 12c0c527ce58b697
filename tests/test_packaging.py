"""What a user or a packager checks: licence, metadata, typing marker, optional spaCy, a schema
that allows the extra fields the contract promises, and numbers the README states."""
import re
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from union_extract.models import SCHEMA_MODELS, Article
from union_extract.numbers import find_percents, parse_number

from conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_mit_licence_file_and_spdx_expression():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "Permission is hereby granted, free of charge" in text
    assert PROJECT["license"] == "MIT"
    assert "LICENSE" in PROJECT["license-files"]
    assert all((ROOT / f).is_file() for f in PROJECT["license-files"])


def test_classifiers_are_known_and_say_typed():
    from trove_classifiers import classifiers
    unknown = [c for c in PROJECT["classifiers"] if c not in classifiers]
    assert unknown == []
    assert "Typing :: Typed" in PROJECT["classifiers"]
    # PEP 639: the SPDX expression replaces licence classifiers (setuptools warns on both)
    assert not [c for c in PROJECT["classifiers"] if c.startswith("License ::")]


def test_py_typed_is_package_data():
    assert (ROOT / "union_extract" / "py.typed").is_file()
    assert "py.typed" in SETUPTOOLS["package-data"]["union_extract"]


def test_spacy_is_an_extra_not_a_core_dependency():
    def names(reqs):
        return {re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].lower() for r in reqs}
    assert "spacy" not in names(PROJECT["dependencies"])
    extras = PROJECT["optional-dependencies"]
    assert "spacy" in names(extras["spacy"])
    assert "spacy" in names(extras["test"])


def test_spacy_factory_entry_point_is_declared():
    assert PROJECT["entry-points"]["spacy_factories"] == {"union_extract": "union_extract.spacy_bridge:make_component"}


@pytest.mark.parametrize("name", sorted(SCHEMA_MODELS))
def test_schema_allows_the_extra_fields_the_contract_promises(name):
    schema = SCHEMA_MODELS[name].model_json_schema()
    objects = [schema] + list(schema.get("$defs", {}).values())
    assert [o.get("title") for o in objects if o.get("additionalProperties") is False] == []


def test_a_record_with_an_extra_field_validates_and_keeps_it(seed_doc):
    line = seed_doc.articles[0].model_dump(mode="json")
    line["url"] = "page-1.html"
    line["persons"][0]["gender"] = "unknown"
    back = Article.model_validate(line)
    assert back.model_dump(mode="json") == line


@pytest.mark.parametrize("text, value", [
    ("4834.77万", 48347700.0), ("4834.77萬", 48347700.0), ("2.2亿", 220000000.0), ("1.15亿", 115000000.0),
    ("0.07万", 700.0), ("19.99万", 199900.0), ("3.14159万", 31415.9), ("12.34亿", 1234000000.0),
    ("5.6万亿", 5.6e12), ("1.1k", 1100.0), ("1.1千", 1100.0), ("4.1千万", 41000000.0),
    ("二点二亿", 220000000.0), ("十二点五万", 125000.0), ("-3.3万", -33000.0), ("负0.07万", -700.0),
    ("3.2万", 32000.0), ("一万五千", 15000.0), ("三万五", 35000.0), ("两千零五", 2005.0),
])
def test_decimals_times_wan_and_yi_are_exact(text, value):
    assert parse_number(text) == value
    assert repr(parse_number(text)) == repr(value)


@given(st.decimals(min_value=0, max_value=99999, places=4, allow_nan=False, allow_infinity=False),
       st.sampled_from([("万", 10**4), ("亿", 10**8), ("千", 10**3), ("k", 10**3)]))
def test_any_decimal_times_a_multiplier_is_the_nearest_float(d, unit):
    suffix, factor = unit
    written = format(d, "f")
    assert parse_number(written + suffix) == float(Decimal(written) * factor)


@pytest.mark.parametrize("text, value", [("千分之七", 0.7), ("万分之三", 0.03), ("千分之1.5", 0.15)])
def test_per_mille_percentages_are_exact(text, value):
    (m,) = find_percents(text)
    assert m.value == value


def test_readme_numbers_are_what_parse_number_returns():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(l for l in readme.splitlines() if l.startswith('parse_number("两千零五")'))
    calls, _, comment = line.partition("#")
    args = re.findall(r'parse_number\("([^"]+)"\)', calls)
    shown = [s.strip() for s in comment.split(",")]
    assert len(args) == len(shown) == 3
    for arg, text in zip(args, shown):
        got = repr(parse_number(arg))
        assert got.startswith(text.rstrip("…")), (arg, got, text)
        assert text.endswith("…") or got == text
