"""Cell-by-cell comparison of a DataFrame with the CSV the CLI writes for the same request."""

import csv
import io
import math
import re
import struct

INT = re.compile(r"-?[0-9]+\Z")


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
            assert dtype in ("float64", "object", "str", "string"), f"{what}: {name} has missing cells but is {dtype}"
        for i, (cell, v) in enumerate(zip(cells, values)):
            where = f"{what}: row {i}, column {name}: CLI {cell!r}, Python {v!r}"
            if dtype == "int64":
                assert str(v) == cell, where
            elif dtype == "float64":
                if cell in ("", "nan", "NaN"):
                    assert math.isnan(v), where
                else:
                    assert _bits(float(cell)) == _bits(v), where
            elif cell == "":
                # Missing text: None in an object column, NaN in pandas 3's str columns; never "".
                assert v is None or (isinstance(v, float) and math.isnan(v)), where
            elif isinstance(v, int) and not isinstance(v, bool):
                # A mixed column (separation's distances 1, 2, … and "unreachable"): ints stay ints.
                assert INT.match(cell) and str(v) == cell, where
            elif isinstance(v, list):
                assert ";".join(map(str, v)) == cell, where
            else:
                assert isinstance(v, str) and v == cell, where
