"""Cell-by-cell comparison of a DataFrame with the CSV the CLI writes for the same request."""

import csv
import io
import math
import re
import struct

import pandas as pd

INT = re.compile(r"-?[0-9]+\Z")
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")


def _bits(x):
    return struct.pack("<d", x)


def assert_frame_is_csv(df, text, what):
    """Columns, order, row count, dtypes and every value; floats bit for bit."""
    rows = list(csv.reader(io.StringIO(text)))
    assert rows, f"{what}: the CLI wrote nothing"
    header, body = rows[0], rows[1:]
    assert list(df.columns) == header, f"{what}: columns {list(df.columns)} != CLI {header}"
    assert len(df) == len(body), f"{what}: {len(df)} rows != CLI {len(body)}"
    for j, name in enumerate(header):
        cells = [r[j] for r in body]
        values = df[name].tolist()
        dtype = df[name].dtype.name
        if cells and all(INT.match(c) for c in cells) and not any(isinstance(v, list) for v in values):
            assert dtype == "int64", f"{what}: column {name} holds integers but is {dtype}"
        if any(c == "" for c in cells):
            assert dtype in ("float64", "object", "str", "string") or dtype.startswith("datetime64"), (
                f"{what}: {name} has missing cells but is {dtype}"
            )
        present = [c for c in cells if c]
        if present and all(DAY.match(c) for c in present):
            assert dtype.startswith("datetime64"), f"{what}: column {name} holds days but is {dtype}"
        if present and all(c in ("yes", "no") for c in present) and len(present) == len(cells):
            assert dtype == "bool", f"{what}: column {name} holds yes/no but is {dtype}"
        for i, (cell, v) in enumerate(zip(cells, values)):
            where = f"{what}: row {i}, column {name}: CLI {cell!r}, Python {v!r}"
            if dtype == "int64":
                assert str(v) == cell, where
            elif dtype == "float64":
                if cell in ("", "nan", "NaN"):
                    assert math.isnan(v), where
                else:
                    assert _bits(float(cell)) == _bits(v), where
            elif dtype == "bool":
                assert cell == ("yes" if v else "no"), where
            elif dtype.startswith("datetime64"):
                if cell == "":
                    assert v is pd.NaT, where
                else:
                    assert v.strftime("%Y-%m-%d") == cell, where
            elif isinstance(v, list):
                # The CSV joins a list with its separator: `;` (ids), space (members), `+` (types).
                assert cell in {sep.join(map(str, v)) for sep in (";", " ", "+")}, where
                assert all(isinstance(x, str) for x in v) or all(type(x) is int for x in v), where
            elif cell == "":
                # Missing text: None in an object column, NaN in pandas 3's str columns; never "".
                assert v is None or (isinstance(v, float) and math.isnan(v)), where
            else:
                assert isinstance(v, str) and v == cell, where
