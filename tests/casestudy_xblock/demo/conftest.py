"""Fixtures for the demo case: the generated files, their rows, and DuckDB over them."""

import csv
import io

import duckdb
import pytest

from casestudy_xblock.demo import case, generate, schema


@pytest.fixture(scope="session")
def files():
    """slug -> CSV bytes, as generated with the default seed and scale."""
    return generate.generate()


@pytest.fixture(scope="session")
def rows(files):
    """slug -> list of dicts (all values are strings, as the csv module reads them)."""
    return {
        slug: list(csv.DictReader(io.StringIO(data.decode(generate.ENCODINGS[slug]), newline="")))
        for slug, data in files.items()
    }


@pytest.fixture(scope="session")
def blocks():
    return case.blocks()


def connect(files, slugs, tmp_dir):
    """An in-memory DuckDB with one table per slug, each CSV decoded to UTF-8 first (as the
    datasets engine does), so CP932 files load the same as UTF-8 ones."""
    connection = duckdb.connect(":memory:")
    for slug in slugs:
        assert schema.SQL_IDENTIFIER.match(slug)
        path = tmp_dir / f"{slug}.csv"
        path.write_text(files[slug].decode(generate.ENCODINGS[slug]), encoding="utf-8")
        sql = f"CREATE TABLE {slug} AS SELECT * FROM read_csv(?)"  # noqa: S608 (checked slug)
        connection.execute(sql, [str(path)])
    return connection


@pytest.fixture(scope="session")
def duck(files, tmp_path_factory):
    """DuckDB with all four datasets loaded."""
    connection = connect(files, generate.SLUGS, tmp_path_factory.mktemp("demo-all"))
    yield connection
    connection.close()
