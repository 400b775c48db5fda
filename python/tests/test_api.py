"""The rest of the API: info, years, warnings, the networkx graph, pictures, the report, and errors."""

import re
import threading
from pathlib import Path

import pytest

import pactnet as pn
from compare import assert_frame_is_csv
from conftest import REPO

SAMPLE = REPO / "data" / "sample"


@pytest.fixture(scope="module")
def net():
    return pn.load()


def test_info_matches_the_cli(cli, net):
    text = cli("info")
    info = net.info()
    figure = lambda label: int(re.search(rf"^{label}:\s+(\d+)", text, re.M).group(1))  # noqa: E731
    assert info["alliances"] == figure("alliances")
    assert info["member_rows"] == figure("member rows")
    assert info["multigraph_edges"] == figure("multigraph edges")
    assert f"years:             {info['first_year']}..{info['last_year']}" in text
    for kind, n in info["edges_by_type"].items():
        assert re.search(rf"^  {kind}:\s+{n}$", text, re.M), kind
    assert info["sample"] is True and info["members_file"] == "sample/members.csv"


def test_years_and_warnings(net):
    assert net.years == range(1816, 2017)
    assert net.warnings == net.info()["warnings"]
    assert any("dayexit" in w for w in net.warnings)


def test_graph_equals_the_snapshot(net):
    for year, layer in [(1914, "any"), (1960, "defense"), (1990, "consultation")]:
        g = net.graph(year=year, layer=layer)
        edges = net.snapshot(year=year, layer=layer)
        nodes = net.nodes(year=year, layer=layer)
        assert sorted(g.nodes) == sorted(nodes["ccode"].tolist())
        for row in nodes.itertuples():
            d = g.nodes[row.ccode]
            assert (d["ccode"], d["abbr"], d["name"], g.degree(row.ccode)) == (row.ccode, row.abbr, row.name, row.degree)
            assert d["region"] in {"americas", "europe", "africa", "middle east", "asia", "oceania", "other"}
        assert g.number_of_edges() == len(edges)
        for row in edges.itertuples():
            d = g.edges[row.a, row.b]
            assert (d["weight"], d["atopids"]) == (row.weight, row.atopids)
            assert d["types"]
        assert g.graph == {"year": year, "layer": layer}


def test_snapshot_ids_are_int_lists(net):
    df = net.snapshot(year=1914)
    assert all(isinstance(ids, list) and all(isinstance(i, int) for i in ids) for ids in df["atopids"])
    assert (df["weight"] == df["atopids"].map(len)).all()


def test_multigraph_rows_include_each_dyads_ties(net):
    mg = net.multigraph()
    assert len(mg) == net.info()["multigraph_edges"]
    assert (mg["a"] < mg["b"]).all()
    pair = mg[(mg["a"] == 255) & (mg["b"] == 300)].drop(columns=["a", "b"]).reset_index(drop=True)
    dyad = net.dyad(255, 300)
    assert pair.equals(dyad)


def test_missing_values_are_nan_and_none(net):
    summary = net.blocs(summary=True)
    assert summary["nmi_prev"].dtype.name == "float64" and summary["nmi_prev"].isna().iloc[0]


def test_missing_text_is_missing_not_empty(cli, real_files):
    import pandas as pd

    from compare import assert_frame_is_csv

    members, states, _ = real_files
    real = pn.load(members=members, states=states)
    # ATOP 3740 tied the USA to Monaco (221) before Monaco joined the COW system (1993): that tie
    # never counts; a later one does.
    df = real.dyad("USA", 221)
    assert_frame_is_csv(df, cli("--members", members, "--states", states, "dyad", "2", "221", "--format", "csv"), "dyad")
    assert df.loc[df["atopid"] == 3740, "counted"].isna().any() and df["counted"].notna().any()
    mg = real.multigraph()
    assert mg["counted"].isna().sum() > 0 and not (mg["counted"] == "").any()
    assert all(pd.isna(c) or c.startswith("[") for c in mg["counted"])


def test_pictures_are_the_clis(cli, net, tmp_path):
    net.plot_network(tmp_path / "py.png", year=1914, layer="defense", width=800, height=600)
    cli("plot", "network", "--year", "1914", "--layer", "defense", "--width", "800", "--height", "600",
        "-o", tmp_path / "cli.png")
    assert (tmp_path / "py.png").read_bytes() == (tmp_path / "cli.png").read_bytes()
    assert (tmp_path / "py.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    net.plot_series(tmp_path / "py.svg", metrics="density,transitivity", layers=["any", "defense"], eras=True)
    cli("plot", "series", "--metrics", "density,transitivity", "--layers", "any,defense", "--eras",
        "-o", tmp_path / "cli.svg")
    assert (tmp_path / "py.svg").read_text() == (tmp_path / "cli.svg").read_text()


@pytest.mark.parametrize(
    "cli_args,call",
    [
        (
            ["plot", "state", "FRN", "--years", "1900..1950", "--eras"],
            lambda n, **size: n.plot_state("FRN", years=(1900, 1950), eras=True, **size),
        ),
        (["plot", "matrix", "--year", "1914", "--layer", "defense"], lambda n, **size: n.plot_matrix(1914, layer="defense", **size)),
        (["plot", "durations", "--by", "type"], lambda n, **size: n.plot_durations(by="type", **size)),
        (
            ["plot", "reach", "RUS", "--date", "1914-06-28", "--layer", "any", "--direction", "out"],
            lambda n, **size: n.plot_reach("RUS", date="1914-06-28", layer="any", direction="out", **size),
        ),
    ],
    ids=["state", "matrix", "durations", "reach"],
)
def test_every_plot_is_the_clis_picture(cli, net, tmp_path, cli_args, call):
    cli(*cli_args, "--width", "900", "--height", "700", "-o", tmp_path / "cli.png")
    picture = call(net, width=900, height=700)
    assert picture.format == "png" and picture.data == (tmp_path / "cli.png").read_bytes()
    call(net, width=900, height=700, path=tmp_path / "py.svg")
    cli(*cli_args, "--width", "900", "--height", "700", "-o", tmp_path / "cli.svg")
    assert (tmp_path / "py.svg").read_bytes() == (tmp_path / "cli.svg").read_bytes()


def test_the_figure_controls_are_the_clis(cli, net, tmp_path):
    """Issue 24's controls from Python: the CLI's bytes; states resolved as the CLI resolves them."""
    cli("plot", "network", "--year", "1914", "--highlight", "GMY,Britain", "--palette", "greyscale", "--font-size",
        "18", "--title", "Europe, 1914", "--caption", "none", "-o", tmp_path / "cli.svg")
    p = net.plot_network(tmp_path / "py.svg", year=1914, highlight=["Germany", 200], palette="grayscale", font_size=18,
                         title="Europe, 1914", caption="none")
    assert p.data == (tmp_path / "cli.svg").read_bytes()
    colours = set(re.findall(rb"#([0-9A-Fa-f]{6})\b", p.data))
    assert colours and all(c[0:2] == c[2:4] == c[4:6] for c in colours), colours  # greys only
    assert b"Europe, 1914" in p.data
    with pytest.raises(ValueError, match='unknown state "Germny"'):
        net.plot_network(year=1914, highlight="Germny")
    with pytest.raises(ValueError, match="font_size 99"):
        net.plot_network(year=1914, font_size=99)
    with pytest.raises(ValueError, match="palette"):
        net.plot_network(year=1914, palette="sepia")


def test_the_animation_is_the_clis_gif(cli, net, tmp_path):
    """`plot animate` from Python: the CLI's bytes, returned and written, and a .gif only."""
    cli("plot", "animate", "--years", "1910..1914", "--layer", "defense", "--width", "400", "--height", "300",
        "-o", tmp_path / "cli.gif")
    gif = net.plot_animate((1910, 1914), tmp_path / "py.gif", layer="defense", width=400, height=300)
    assert gif.format == "gif" and gif.data == (tmp_path / "cli.gif").read_bytes() == (tmp_path / "py.gif").read_bytes()
    assert gif.data[:6] == b"GIF89a" and gif._repr_html_().startswith('<img src="data:image/gif;base64,R0lGODlh')
    with pytest.raises(ValueError, match=r"must end in \.gif"):
        net.plot_animate("1910..1914", tmp_path / "x.png")
    with pytest.raises(ValueError, match="year 1700 is outside the data"):
        net.plot_animate((1700, 1701))
    with pytest.raises(ValueError, match="fps 0"):
        net.plot_animate(1914, fps=0)


def test_the_explore_page_is_the_clis(cli, net, tmp_path):
    cli("explore", "--years", "1900..1920", "-o", tmp_path / "cli.html")
    html = net.explore(tmp_path / "py.html", years=(1900, 1920))
    assert (tmp_path / "py.html").read_bytes() == (tmp_path / "cli.html").read_bytes() == html.encode()
    assert html.startswith("<!DOCTYPE html>") and "Alliance network 1900–1920" in html
    with pytest.raises(ValueError, match="year 1700 is outside the data"):
        net.explore(years=(1700, 1701))


def test_the_alliance_table_is_the_clis(cli, net):
    text = cli("export", "alliances")
    assert_frame_is_csv(net.alliances(), text, "export alliances")
    assert len(net.alliances()) == len(text.splitlines()) - 1


def test_pictures_are_returned_for_notebooks(net, tmp_path):
    """Without a path, the picture comes back (Jupyter shows it); with one, it is also written."""
    p = net.plot_network(year=1914, layer="defense", width=800, height=600)
    assert isinstance(p, pn.Picture) and p.format == "png"
    written = net.plot_network(tmp_path / "w.png", year=1914, layer="defense", width=800, height=600)
    assert p.data == written.data == (tmp_path / "w.png").read_bytes()
    assert p._repr_png_() == p.data and p._repr_svg_() is None and bytes(p) == p.data
    p.save(tmp_path / "saved.png")
    assert (tmp_path / "saved.png").read_bytes() == p.data
    svg = net.plot_series(metrics="density", format="svg")
    assert svg.format == "svg" and svg._repr_svg_().lstrip().startswith("<svg") and svg._repr_png_() is None
    with pytest.raises(ValueError, match="expected png or svg"):
        net.plot_network(year=1914, format="jpg")


def test_report_writes_the_clis_files(cli, net, tmp_path):
    files = net.report(tmp_path / "py", years=(1900, 1960), layers="any,defense", network_years=[1914])
    cli("report", "--years", "1900..1960", "--layers", "any,defense", "--network-years", "1914",
        "-o", tmp_path / "cli")
    assert "index.html" in files
    for name in files:
        if name.endswith(".csv"):
            assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    assert sorted(p.name for p in (tmp_path / "py").rglob("*")) == sorted(p.name for p in (tmp_path / "cli").rglob("*"))


def test_years_take_every_form(net):
    a = net.metrics(years=(1910, 1914))
    for form in ["1910..1914", range(1910, 1915), [1910, 1914]]:
        assert net.metrics(years=form).equals(a)
    assert net.metrics(years=1914).equals(a[a["year"] == 1914].reset_index(drop=True))


def test_threads_give_the_same_tables(net):
    out = [None] * 4

    def work(i):
        out[i] = net.metrics(layers="all", level="node", years=(1900, 1950))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(o.equals(out[0]) for o in out)


# Errors


def _bad_copy(tmp_path, line, column, value):
    rows = (SAMPLE / "members.csv").read_text().splitlines()
    header = rows[0].split(",")
    cells = rows[line - 1].split(",")
    cells[header.index(column)] = value
    rows[line - 1] = ",".join(cells)
    path = tmp_path / "members.csv"
    path.write_text("\n".join(rows) + "\n")
    return path


def test_bad_data_raises_data_error_with_its_place(tmp_path):
    members = _bad_copy(tmp_path, 7, "yrexit", "19x5")
    with pytest.raises(pn.DataError) as e:
        pn.load(members=members, states=SAMPLE / "states.csv")
    err = e.value
    assert isinstance(err, ValueError)
    assert (err.file, err.line, err.field, err.value) == ("members.csv", 7, "yrexit", "19x5")
    assert "members.csv:7" in str(err)


def test_lenient_skips_the_bad_row_with_a_warning(tmp_path):
    members = _bad_copy(tmp_path, 7, "yrexit", "19x5")
    net = pn.load(members=members, states=SAMPLE / "states.csv", lenient=True)
    assert net.info()["member_rows"] == pn.load().info()["member_rows"] - 1
    assert any("skipped" in w or "invalid" in w for w in net.warnings), net.warnings


def test_a_bad_provision_cell_is_a_data_error_or_with_lenient_a_warning(tmp_path):
    # The sample with a provision column, conditio 0 in every row but "x" on line 7.
    rows = (SAMPLE / "members.csv").read_text().splitlines()
    rows = [rows[0] + ",conditio"] + [r + ",0" for r in rows[1:]]
    rows[6] = rows[6][:-1] + "x"
    members = tmp_path / "members.csv"
    members.write_text("\n".join(rows) + "\n")
    with pytest.raises(pn.DataError) as e:
        pn.load(members=members, states=SAMPLE / "states.csv")
    err = e.value
    assert (err.file, err.line, err.field, err.value) == ("members.csv", 7, "conditio", "x")
    # --lenient: the cell is missing, the row and the column stay.
    net = pn.load(members=members, states=SAMPLE / "states.csv", lenient=True)
    assert net.info()["member_rows"] == pn.load().info()["member_rows"]
    assert any(w.startswith("1 provision cell that is not a whole number") for w in net.warnings), net.warnings


def test_a_file_without_its_columns_is_a_data_error(tmp_path):
    bad = tmp_path / "members.csv"
    bad.write_text("atopid,member\n1,2\n")
    with pytest.raises(pn.DataError) as e:
        pn.load(members=bad, states=SAMPLE / "states.csv")
    assert e.value.file == "members.csv" and e.value.line == 1 and e.value.field is None


def test_missing_file_is_file_not_found(tmp_path):
    with pytest.raises(FileNotFoundError) as e:
        pn.load(members=tmp_path / "nope.csv", states=SAMPLE / "states.csv")
    assert "nope.csv" in str(e.value)


def test_bad_arguments_are_value_errors(net):
    with pytest.raises(ValueError, match="defense, offense"):
        net.snapshot(year=1914, layer="defence")
    with pytest.raises(ValueError, match="outside the data"):
        net.snapshot(year=1700)
    with pytest.raises(ValueError, match="unknown state"):
        net.state("XYZ")
    with pytest.raises(ValueError, match="first year is after the last"):
        net.metrics(years="1950..1900")
    with pytest.raises(ValueError, match="not a graph metric"):
        net.metrics(metrics="degree")
    with pytest.raises(ValueError, match="unknown system"):
        pn.load(system="wto")
    with pytest.raises(ValueError, match="give year"):
        net.snapshot()
    with pytest.raises(ValueError, match=r"\.png or \.svg"):
        net.plot_network("x.jpg", year=1914)
    with pytest.raises(TypeError):
        net.metrics(years=1914.5)
    with pytest.raises(ValueError, match="decay is not used with esp"):
        net.closure(decay=0.25, esp=True)
    with pytest.raises(ValueError, match=r"anchoring 1: expected a number in 0\.\.=0\.99"):
        net.plot_network("x.png", year=1914, anchoring=1.0)
    with pytest.raises(ValueError, match="stable"):
        net.plot_network("x.png", year=1914, layout="force")


def test_package_ships_a_stub_naming_every_method():
    root = Path(pn.__file__).parent
    assert (root / "py.typed").is_file()
    stub = (root / "__init__.pyi").read_text()
    def stubbed(cls):
        body = stub.split(f"class {cls.__name__}:", 1)[1].split("\nclass ", 1)[0].split("\ndef ", 1)[0]
        return set(re.findall(r"^    def (\w+)", body, re.M))

    assert {m for m in dir(pn.Network) if not m.startswith("_")} == stubbed(pn.Network)
    assert {m for m in dir(pn.Picture) if not m.startswith("_") and callable(getattr(pn.Picture, m))} <= stubbed(pn.Picture)
    assert "def load(" in stub and "class DataError(ValueError)" in stub


def test_docstring_examples_hold(tmp_path, monkeypatch):
    import doctest

    monkeypatch.chdir(tmp_path)
    result = doctest.testmod(pn, extraglobs={"pn": pn}, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 15 and result.failed == 0


@pytest.mark.parametrize("detach", [False, True], ids=["with-gil", "gil-released"])
def test_a_rust_panic_is_a_python_exception(detach):
    # A panic (here from the hidden test hook) unwinds into PyO3's PanicException, a BaseException
    # (not an Exception, so `except Exception` does not swallow it); the interpreter lives on.
    with pytest.raises(BaseException) as caught:
        pn._pactnet._panic_for_tests(detach=detach)
    assert type(caught.value).__name__ == "PanicException"
    assert type(caught.value).__module__ == "pyo3_runtime"
    assert not isinstance(caught.value, Exception)
    assert "test panic" in str(caught.value)
    assert pn.load().info()["alliances"] > 0


def test_issue25_arguments_are_checked_not_reinterpreted(net, tmp_path):
    # year=True is not year 1 (a bool is an int to Python).
    with pytest.raises(TypeError, match="year: expected an int, not True"):
        net.snapshot(year=True)
    with pytest.raises(TypeError, match="year: expected an int"):
        net.nodes(year="1914")
    # A network year outside the report's years is an error, not silently left out.
    with pytest.raises(ValueError, match="network_years 99999: outside the report's years 1900..1960"):
        net.report(tmp_path / "r", years=(1900, 1960), network_years=[99999])
    assert not (tmp_path / "r").exists()
