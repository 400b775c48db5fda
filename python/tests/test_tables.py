"""Every table method equals the CLI's CSV for the same arguments: the embedded sample always,
the full ATOP 4.01 data when present (mandatory under CI=true)."""

import pytest

import pactnet as pn
from compare import assert_frame_is_csv
from conftest import IN_CI, data_dir

# (id, CLI arguments after the global flags, the same request in Python)
CASES = [
    ("snapshot", ["snapshot", "--year", "1914"], lambda n: n.snapshot(year=1914)),
    ("snapshot-defense", ["snapshot", "--year", "1960", "--layer", "defense"], lambda n: n.snapshot(1960, "defense")),
    ("snapshot-date", ["snapshot", "--date", "1939-09-01"], lambda n: n.snapshot(date="1939-09-01")),
    ("nodes", ["snapshot", "--year", "1914", "--nodes"], lambda n: n.nodes(year=1914)),
    ("metrics-graph", ["metrics"], lambda n: n.metrics()),
    (
        "metrics-node-all",
        ["metrics", "--layers", "all", "--level", "node", "--years", "1900..1950"],
        lambda n: n.metrics(years="1900..1950", layers="all", level="node"),
    ),
    (
        "metrics-chosen",
        ["metrics", "--level", "node", "--metrics", "degree,betweenness", "--states", "USA,RUS", "--years", "1946..1991"],
        lambda n: n.metrics(years=(1946, 1991), level="node", metrics=["degree", "betweenness"], only_states=["USA", 365]),
    ),
    (
        "metrics-graph-layers",
        ["metrics", "--layers", "defense,consultation", "--metrics", "density,transitivity", "--years", "1950"],
        lambda n: n.metrics(years=1950, layers=["defense", "consultation"], metrics="density,transitivity"),
    ),
    ("blocs", ["blocs", "--years", "1900..1960"], lambda n: n.blocs(years=range(1900, 1961))),
    (
        "blocs-summary",
        ["blocs", "--layer", "defense", "--summary", "--seed", "3", "--resolution", "1.5"],
        lambda n: n.blocs(layer="defense", summary=True, seed=3, resolution=1.5),
    ),
    (
        "similarity",
        ["similarity", "--years", "1946..1950", "--measure", "kappa"],
        lambda n: n.similarity(years=(1946, 1950), measure="kappa"),
    ),
    (
        "similarity-dyads",
        ["similarity", "--dyads", "USA,RUS", "UKG,FRN", "--coding", "binary", "--measure", "s2"],
        lambda n: n.similarity(dyads=[("USA", "RUS"), "UKG,FRN"], coding="binary", measure="s2"),
    ),
    (
        "similarity-among",
        ["similarity", "--years", "1914", "--among", "europe,USA", "--measure", "taub"],
        lambda n: n.similarity(years=1914, among=["europe", 2], measure="taub"),
    ),
    ("closure", ["closure"], lambda n: n.closure()),
    (
        "closure-esp",
        ["closure", "--esp", "--layer", "defense", "--years", "1900..1990"],
        lambda n: n.closure(years="1900..1990", layer="defense", esp=True),
    ),
    (
        "closure-decay",
        ["closure", "--layer", "defense", "--decay", "0.25", "--years", "1900..1990"],
        lambda n: n.closure(years="1900..1990", layer="defense", decay=0.25),
    ),
    ("cliques", ["cliques", "--years", "1900..1990"], lambda n: n.cliques(years=(1900, 1990))),
    (
        "cliques-overlap",
        ["cliques", "--overlap", "--min-size", "4", "--layer", "consultation", "--years", "1950..1960"],
        lambda n: n.cliques(years=(1950, 1960), layer="consultation", min_size=4, overlap=True),
    ),
    ("dyadyears", ["export", "dyadyears", "--years", "1946..1989"], lambda n: n.dyadyears(years=(1946, 1989))),
    (
        "dyadyears-undirected-all",
        ["export", "dyadyears", "--years", "1950", "--undirected", "--all-dyads"],
        lambda n: n.dyadyears(years=1950, undirected=True, all_dyads=True),
    ),
    ("statelevel", ["export", "statelevel"], lambda n: n.statelevel()),
    ("state", ["state", "FRN", "--format", "csv"], lambda n: n.state("FRN")),
    ("state-by-year", ["state", "220", "--by-year", "--format", "csv"], lambda n: n.state(220, by_year=True)),
    ("dyad", ["dyad", "GMY", "AUH", "--format", "csv"], lambda n: n.dyad("GMY", "AUH")),
    ("dyad-reversed", ["dyad", "RUS", "FRN", "--format", "csv"], lambda n: n.dyad("RUS", "FRN")),
    ("separation", ["separation", "--years", "1914"], lambda n: n.separation(years=1914)),
    (
        "separation-dyads",
        ["separation", "--years", "1900..1950", "--layer", "defense", "--dyads", "GMY,RUS", "USA,UKG"],
        lambda n: n.separation(years=(1900, 1950), layer="defense", dyads=["GMY,RUS", ("USA", 200)]),
    ),
    (
        "separation-summary",
        ["separation", "--years", "1946..1991", "--summary"],
        lambda n: n.separation(years=(1946, 1991), summary=True),
    ),
    ("reach", ["reach", "FRN", "--year", "1914"], lambda n: n.reach("FRN", 1914)),
    (
        "reach-out-date",
        ["reach", "RUS", "--date", "1914-06-28", "--layer", "any", "--direction", "out"],
        lambda n: n.reach(365, date="1914-06-28", layer="any", direction="out"),
    ),
    ("durations", ["durations"], lambda n: n.durations()),
    ("durations-type-summary", ["durations", "--by", "type", "--summary"], lambda n: n.durations(by="type", summary=True)),
    (
        "dyadyears-window",
        ["export", "dyadyears", "--years", "1946..1950", "--window", "3"],
        lambda n: n.dyadyears(years=(1946, 1950), window=3),
    ),
    (
        "metrics-window",
        ["metrics", "--window", "5", "--years", "1900..1920", "--layers", "all"],
        lambda n: n.windowed(5).metrics(years=(1900, 1920), layers="all"),
    ),
]


def _csv_args(args):
    """`--format csv` for the commands that take it (export tables are CSV already)."""
    return args if args[0] == "export" or "--format" in args else [*args, "--format", "csv"]


@pytest.fixture(scope="module")
def sample():
    return pn.load()


@pytest.fixture(scope="module")
def real(real_files):
    members, states, _ = real_files
    return pn.load(members=members, states=states)


@pytest.mark.parametrize("args,call", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_sample_tables_equal_the_cli(cli, sample, args, call):
    assert_frame_is_csv(call(sample), cli(*_csv_args(args)), " ".join(args))


@pytest.mark.parametrize("args,call", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_real_tables_equal_the_cli(cli, real_files, real, args, call):
    members, states, _ = real_files
    text = cli("--members", members, "--states", states, *_csv_args(args))
    assert_frame_is_csv(call(real), text, " ".join(args))


def test_real_node_metrics_of_every_layer_equal_the_cli(cli, real_files, real):
    members, states, _ = real_files
    text = cli("--members", members, "--states", states, "metrics", "--layers", "all", "--level", "node")
    df = real.metrics(layers="all", level="node")
    assert_frame_is_csv(df, text, "metrics --layers all --level node")
    assert len(df) > 90_000  # 95,706 (year, layer, state) rows in ATOP 4.01


def test_both_levels_return_the_two_tables(sample):
    g, n = sample.metrics(years=1914, layers="all", level="both")
    assert g.equals(sample.metrics(years=1914, layers="all"))
    assert n.equals(sample.metrics(years=1914, layers="all", level="node"))


def test_load_options_reach_the_tables(cli, real_files):
    members, states, alliances = real_files
    net = pn.load(members=members, states=states, alliances=alliances, system="none", year_rule="end", data_end=2018)
    text = cli(
        "--members", members, "--states", states, "--alliances", alliances, "--system", "none",
        "--year-rule", "end", "--data-end", "2018", "metrics", "--years", "1990..2018", "--format", "csv",
    )
    assert_frame_is_csv(net.metrics(years=(1990, 2018)), text, "metrics with load options")
    # Without the system filter the 1815 alliances count; the data end makes 2018 the last year.
    assert (net.years[0], net.years[-1]) == (1815, 2018)



def test_atop_51_with_atops_own_dyads_equals_the_cli(cli):
    """Issue 21: system="atop", atop_dyads= and system_end reach the tables as the CLI's flags."""
    d = data_dir()
    files = (d / "atop-5.1" / "atop5_1m.csv", d / "cow" / "states2016.csv", d / "reference" / "atop5_1_directed_dyad_years.csv")
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        reason = f"real data not found ({', '.join(missing)}); set PACTNET_DATA_DIR"
        if IN_CI:
            pytest.fail(reason + " (mandatory under CI=true)")
        pytest.skip(reason)
    members, states, dyads = files
    net = pn.load(members=members, states=states, system="atop", atop_dyads=dyads)
    text = cli(
        "--members", members, "--states", states, "--system", "atop", "--atop-dyads", dyads,
        "export", "dyadyears", "--years", "1980..2018",
    )
    df = net.dyadyears(years=(1980, 2018))
    assert_frame_is_csv(df, text, "export dyadyears --system atop --atop-dyads")
    assert (net.years[0], net.years[-1]) == (1815, 2018)
    listed = pn.load(members=members, states=states, system_end="list")
    assert len(listed.nodes(2017)) == 0 and len(pn.load(members=members, states=states).nodes(2017)) == 195

COW_ALLIANCES = """version4id,ccode,state_name,mem_st_day,mem_st_month,mem_st_year,mem_end_day,mem_end_month,mem_end_year,left_censor,right_censor,defense,neutrality,nonaggression,entente,version
300,2,United States of America,1,1,1910,NA,NA,NA,0,1,0,0,0,1,4.1
300,365,Russia,1,1,1910,NA,NA,NA,0,1,0,0,0,1,4.1
301,200,United Kingdom,15,3,1902,1,1,1903,0,0,0,1,1,0,4.1
301,220,France,15,3,1902,1,1,1903,0,0,0,1,1,0,4.1
"""


def test_cow_alliances_and_codesheets_reach_the_tables(cli, tmp_path):
    from conftest import REPO

    cow = tmp_path / "cow.csv"
    cow.write_text(COW_ALLIANCES)
    sheets = REPO / "tests" / "fixtures" / "codesheets" / "good"
    net = pn.load(cow_alliances=cow, codesheets=sheets, combine_sources=True)
    # The CLI adds COW rows to ATOP's (here the sample's) only when told: --combine-sources.
    text = cli("--cow-alliances", cow, "--combine-sources", "--codesheets", sheets, "export", "dyadyears", "--undirected")
    df = net.dyadyears(undirected=True)
    assert_frame_is_csv(df, text, "dyadyears with COW alliances and coding sheets")
    assert len(df) > len(pn.load().dyadyears(undirected=True))


def test_cow_alone_equals_the_cli_and_double_counting_is_refused(cli, tmp_path):
    from conftest import REPO

    cow = tmp_path / "cow.csv"
    cow.write_text(COW_ALLIANCES)
    states = REPO / "data" / "sample" / "states.csv"
    net = pn.load(cow_alliances=cow, states=states)
    text = cli("--cow-alliances", cow, "--states", states, "export", "dyadyears")
    assert_frame_is_csv(net.dyadyears(), text, "dyadyears of COW alone")
    assert text.splitlines()[0] == "ccode1,ccode2,year,cow_defense,cow_neutral,cow_nonagg,cow_entente,cow_number"
    text = cli("--cow-alliances", cow, "--states", states, "metrics", "--layers", "all")
    assert_frame_is_csv(net.metrics(layers="all"), text, "metrics of COW alone, COW's layers")
    assert list(dict.fromkeys(net.metrics(layers="all")["layer"])) == [
        "any", "defense", "neutrality", "nonaggression", "entente"
    ]
    # The library's rules, in Python's spelling.
    with pytest.raises(ValueError, match="count most alliances twice.*or add combine_sources=True if"):
        pn.load(members=REPO / "data" / "sample" / "members.csv", states=states, cow_alliances=cow)
    with pytest.raises(ValueError, match=r"^cow_alliances without members .* needs states \(the COW"):
        pn.load(cow_alliances=cow)
    with pytest.raises(ValueError, match=r'^system: unknown system filter "cows": expected one of cow, none, atop$'):
        pn.load(system="cows")
    with pytest.raises(ValueError, match=r"^data_end 999: expected a year in 1000..=2100$"):
        pn.load(data_end=999)
    with pytest.raises(ValueError, match=r"^where: "):
        pn.load(where="defense =")
    with pytest.raises(FileNotFoundError, match="cannot list the coding sheets"):
        pn.load(codesheets=tmp_path / "no-such-dir")


def test_tergm_equals_the_cli_on_the_sample(cli, sample):
    """Issue 22 from Python: the same term table as `pactnet tergm`, and the fit row."""
    model = 'edges + gwesp(0.5, fixed=TRUE) + nodematch(region) + memory(type="stability")'
    args = ["tergm", "--years", "1946..1991", "--layer", "defense", "--model", model, "--bootstrap", "20", "--seed", "3"]
    terms, fit = sample.tergm(model, years=(1946, 1991), layer="defense", bootstrap=20, seed=3)
    assert_frame_is_csv(terms, cli(*_csv_args(args)), " ".join(args))
    assert fit.loc[0, "replicates"] == 20 and fit.loc[0, "intervals"] == "bootstrap percentile"
    assert fit.attrs["summary"][0].startswith("MPLE of 4 term(s) on 46 year(s) 1946–1991")
    with pytest.raises(ValueError, match="unknown term `foo`"):
        sample.tergm("edges + foo")


def test_tergm_with_covariates_equals_the_cli(cli, real_files, real):
    members, states, _ = real_files
    cov = data_dir() / "covariates-1981-2000"
    if not (cov / "state_years.csv").is_file():
        assert not IN_CI, "covariates-1981-2000 is needed under CI"
        pytest.skip("covariates-1981-2000 not found")
    sy, contig = str(cov / "state_years.csv"), str(cov / "contiguity.csv")
    model = "edges + gwesp(0, fixed=TRUE) + edgecov(contig) + nodecov(cinc) + absdiff(polity)"
    text = cli(
        "--members", members, "--states", states, "--state-covariates", sy, "--dyad-covariates", f"contig={contig}",
        "--network-nodes", sy, "tergm", "--years", "1981..2000", "--layer", "defense", "--model", model, "--format", "csv",
    )
    terms, fit = real.tergm(
        model, years=(1981, 2000), layer="defense", state_covariates=sy, dyad_covariates=f"contig={contig}", network_nodes=sy
    )
    assert_frame_is_csv(terms, text, "tergm with covariates")
    assert fit.loc[0, "dyad_years"] == 267_320


def test_where_and_window_on_load_equal_the_cli(cli, sample):
    """`where=` and `window=` of load are the CLI's --where and --window."""
    net = pn.load(where="defense = 1", window=3)
    text = cli("--where", "defense = 1", "metrics", "--window", "3", "--layers", "all", "--format", "csv")
    assert_frame_is_csv(net.metrics(layers="all"), text, "--where 'defense = 1' metrics --window 3")
    assert len(net.multigraph()) < len(sample.multigraph())
    with pytest.raises(ValueError, match="where"):
        pn.load(where="defense = = 1")
    with pytest.raises(ValueError, match="where"):
        pn.load(where="nosuchcolumn = 1")
    with pytest.raises(ValueError, match="window 0"):
        pn.load(window=0)
    with pytest.raises(TypeError):
        pn.load(window=True)


def test_alliance_is_the_clis_json(cli, sample):
    import json

    atopid = int(sample.multigraph()["atopid"].iloc[0])
    assert sample.alliance(atopid) == json.loads(cli("alliance", str(atopid), "--format", "json"))
    with pytest.raises(ValueError, match="no alliance 999999"):
        sample.alliance(999999)
    with pytest.raises(TypeError):
        sample.alliance(True)


def test_exports_are_the_clis_bytes(cli_bytes, sample, tmp_path):
    sample.export_gexf(tmp_path / "a.gexf")
    assert (tmp_path / "a.gexf").read_bytes() == cli_bytes("export", "gexf")
    sample.export_graphml(tmp_path / "a.graphml", 1914, layer="defense", with_metrics=True)
    assert (tmp_path / "a.graphml").read_bytes() == cli_bytes(
        "export", "graphml", "--year", "1914", "--layer", "defense", "--with-metrics"
    )


def test_graph_handoffs(sample):
    g = sample.to_networkx(1914)
    assert g.number_of_nodes() == len(sample.nodes(year=1914))
    assert g.number_of_edges() == len(sample.snapshot(year=1914))
    assert sorted(g.edges) == sorted(sample.graph(year=1914).edges)
    try:
        import igraph  # noqa: F401
    except ImportError:
        pytest.skip("python-igraph is not installed (pip install igraph)")
    h = sample.to_igraph(1914)
    assert h.vcount() == g.number_of_nodes() and h.ecount() == g.number_of_edges()
    pairs = {tuple(sorted((int(h.vs[e.source]["ccode"]), int(h.vs[e.target]["ccode"])))) for e in h.es}
    assert pairs == {tuple(sorted(e)) for e in g.edges}
    assert sum(h.es["weight"]) == sample.snapshot(year=1914)["weight"].sum()


def test_metrics_states_is_deprecated_for_only_states(sample):
    with pytest.warns(DeprecationWarning, match="only_states"):
        old = sample.metrics(years=1914, level="node", states="FRN")
    assert old.equals(sample.metrics(years=1914, level="node", only_states="FRN"))
    with pytest.raises(TypeError):
        sample.metrics(level="node", states="FRN", only_states="FRN")


def test_covariates_join_the_exports_as_the_cli_joins_them(cli, real_files):
    """Issue 23: dyadyears and statelevel take the CLI's covariate files (full data)."""
    import warnings

    from conftest import data_dir

    members, states, _ = real_files
    cov = data_dir() / "covariates-1981-2000"
    sy, contig = cov / "state_years.csv", cov / "contiguity.csv"
    net = pn.load(members=members, states=states)
    text = cli(
        "--members", members, "--states", states, "--state-covariates", sy, "--dyad-covariates", f"contig={contig}",
        "export", "dyadyears", "--years", "1981..2000", "--undirected", "--provisions", "milaid,base",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = net.dyadyears(
            years=(1981, 2000), undirected=True, state_covariates=sy, dyad_covariates=f"contig={contig}",
            provisions=["milaid", "base"],
        )
        assert_frame_is_csv(df, text, "export dyadyears with covariates")
        assert {"contig", "milaid", "base"} <= set(df.columns)
        text = cli("--members", members, "--states", states, "--state-covariates", sy, "export", "statelevel", "--years", "1981..2000")
        assert_frame_is_csv(net.statelevel(years=(1981, 2000), state_covariates=[sy]), text, "export statelevel with covariates")
    with pytest.warns(UserWarning):
        net.statelevel(years=(1981, 2000), state_covariates=sy)
