"""pactnet: alliance networks from ATOP and COW data, in pandas and networkx.

A thin face on the pactnet Rust library: every table is the one the ``pactnet`` command line
writes (same columns, same rows, the same floats bit for bit), returned as a pandas DataFrame.

>>> import pactnet as pn
>>> net = pn.load()                       # the embedded sample
>>> net.snapshot(year=1914).columns.tolist()
['a', 'b', 'weight', 'atopids']

pandas is imported on the first table, networkx on the first graph, so ``import pactnet`` is quick.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _pactnet
from ._pactnet import DataError

__version__: str = _pactnet.__version__
__all__ = ["DataError", "LAYERS", "Network", "Picture", "load", "__version__"]

#: The layers: every tie, or the ties of one obligation type.
LAYERS: Tuple[str, ...] = ("any", "defense", "offense", "neutrality", "nonaggression", "consultation")

Years = Union[None, int, str, Tuple[int, int], range]
PathLike = Union[str, "_os.PathLike[str]"]


def _years(years: Years) -> Optional[Tuple[int, int]]:
    """Normalises ``years`` (an int, an inclusive ``(first, last)``, a ``range`` or ``"A..B"``)."""
    if years is None:
        return None
    if isinstance(years, bool):
        raise TypeError("years: expected an int, a (first, last) tuple, a range or 'A..B', not a bool")
    if isinstance(years, int):
        return (years, years)
    if isinstance(years, range):
        if years.step != 1 or len(years) == 0:
            raise ValueError(f"years {years!r}: expected a non-empty range with step 1")
        return (years.start, years.stop - 1)
    if isinstance(years, str):
        text = years.strip()
        first, sep, last = text.partition("..")
        try:
            a = int(first)
            b = int(last.lstrip("=")) if sep else a
        except ValueError:
            raise ValueError(f"years {years!r}: expected A..B or one year, e.g. '1900..1950'") from None
        return _ordered(a, b)
    if isinstance(years, (tuple, list)) and len(years) == 2:
        a, b = years
        if isinstance(a, int) and isinstance(b, int) and not isinstance(a, bool) and not isinstance(b, bool):
            return _ordered(a, b)
    raise TypeError(f"years {years!r}: expected an int, a (first, last) tuple, a range or 'A..B'")


def _year(year: Optional[int], what: str = "year") -> Optional[int]:
    """Checks a single year: an int (a bool is refused: ``year=True`` is not year 1)."""
    if year is None:
        return None
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"{what}: expected an int, not {year!r}")
    return year


def _ordered(a: int, b: int) -> Tuple[int, int]:
    if a > b:
        raise ValueError(f"years {a}..{b}: the first year is after the last")
    return (a, b)


def _names(value: Union[None, str, Iterable[Any]], what: str) -> List[str]:
    """A comma-separated string or an iterable of names, as a list of names."""
    if value is None:
        return []
    if isinstance(value, (str, int)):
        return [n.strip() for n in str(value).split(",") if n.strip()]
    try:
        return [str(v) for v in value]
    except TypeError:
        raise TypeError(f"{what}: expected a name, a comma-separated string or a list of names") from None


def _dyads(dyads: Optional[Sequence[Union[str, Tuple[Union[str, int], Union[str, int]]]]]) -> List[Tuple[str, str]]:
    """Pairs of states from ``(a, b)`` tuples or ``"A,B"`` strings."""
    pairs: List[Tuple[str, str]] = []
    for d in dyads or []:
        if isinstance(d, str):
            a, sep, b = d.partition(",")
            if not sep:
                raise ValueError(f"dyad {d!r}: expected two states as A,B")
            pairs.append((a.strip(), b.strip()))
        else:
            a, b = d
            pairs.append((str(a), str(b)))
    return pairs


def _paths(v: Any) -> List[str]:
    """One file or a list of files, as paths."""
    if v is None:
        return []
    if isinstance(v, (str, _os.PathLike)):
        return [_os.fspath(v)]
    return [_os.fspath(p) for p in v]


def _dyad_files(v: Any) -> List[Tuple[Optional[str], str]]:
    """Dyad covariate files as ``(name, path)``: each given as ``"name=path"``, ``(name, path)`` or
    a path (the CLI's ``--dyad-covariates [NAME=]FILE``), alone or in a list."""

    def one(f: Any) -> Tuple[Optional[str], str]:
        if isinstance(f, tuple):
            if len(f) != 2:
                raise ValueError(f"a dyad covariate file as a tuple is (name, path), not {f!r}")
            name, path = f
            return (None if name is None else str(name), _os.fspath(path))
        text = _os.fspath(f)
        name, sep, path = text.partition("=")
        if sep and name and "/" not in name and _os.sep not in name:
            return (name, path)
        return (None, text)

    if v is None:
        return []
    if isinstance(v, (str, _os.PathLike, tuple)):
        return [one(v)]
    return [one(f) for f in v]


def _warn_all(messages: List[str]) -> None:
    """The warnings the CLI prints after a table, as Python warnings."""
    import warnings

    for m in messages:
        warnings.warn(m, UserWarning, stacklevel=3)


def _date(date: Union[None, str, _dt.date]) -> Optional[str]:
    if date is None or isinstance(date, str):
        return date
    if isinstance(date, _dt.date):
        return date.isoformat()
    raise TypeError(f"date {date!r}: expected 'YYYY-MM-DD' or a datetime.date")


def _frame(raw: List[Tuple[str, str, Any]]) -> "Any":
    """Typed columns from the Rust core → a pandas DataFrame."""
    import numpy as np
    import pandas as pd

    data = {}
    for name, kind, values in raw:
        if kind == "int64":
            data[name] = np.frombuffer(values, dtype=np.int64)
        elif kind == "float64":
            data[name] = np.frombuffer(values, dtype=np.float64)
        elif kind == "bool":
            data[name] = np.frombuffer(values, dtype=np.bool_)
        elif kind == "date":
            # Days since 1970-01-01, NaT where missing; seconds resolution holds 1816 and 2016.
            data[name] = np.frombuffer(values, dtype=np.int64).view("datetime64[D]").astype("datetime64[s]")
        else:
            column = np.empty(len(values), dtype=object)
            column[:] = values
            data[name] = column
    return pd.DataFrame(data, columns=[name for name, _, _ in raw], copy=True)


def _states(states: Union[None, str, int, Sequence[Union[str, int]]]) -> List[str]:
    """States as the CLI's comma-separated list: ``"GMY,UKG"``, ``255``, ``["GMY", 200]``."""
    if states is None:
        return []
    if isinstance(states, (str, int)) and not isinstance(states, bool):
        return [p for p in str(states).split(",") if p.strip()]
    return [str(s) for s in states]


def _path(path: Optional[PathLike]) -> Optional[str]:
    return None if path is None else _os.fspath(path)


def _picture_format(path: Optional[PathLike], format: str) -> str:
    if path is not None:
        return _os.fspath(path).rsplit(".", 1)[-1].lower()
    return format.lower()


class Picture:
    """A picture pactnet drew: ``data`` (the PNG or SVG bytes, the CLI's bytes for the same
    request) and ``format`` (``"png"``, ``"svg"`` or ``"gif"``). Jupyter shows it inline; ``bytes(p)`` gives
    the bytes and ``p.save(path)`` writes them.

    >>> p = pn.load().plot_network(year=1914); p.data[:4] == b"\\x89PNG"
    True
    """

    __slots__ = ("data", "format")

    def __init__(self, data: bytes, format: str) -> None:
        self.data = data
        self.format = format

    def __bytes__(self) -> bytes:
        return self.data

    def __repr__(self) -> str:
        return f"<pactnet.Picture {self.format}, {len(self.data)} bytes>"

    def _repr_png_(self) -> Optional[bytes]:
        return self.data if self.format == "png" else None

    def _repr_svg_(self) -> Optional[str]:
        return self.data.decode("utf-8") if self.format == "svg" else None

    def _repr_html_(self) -> Optional[str]:
        if self.format != "gif":
            return None
        import base64

        return f'<img src="data:image/gif;base64,{base64.b64encode(self.data).decode("ascii")}">'

    def save(self, path: PathLike) -> None:
        """Writes the picture to ``path`` (atomically: a temporary file renamed into place)."""
        _pactnet.write_file(_os.fspath(path), self.data)


class Network:
    """The loaded data: the typed, dated alliance multigraph of states and its years.

    Made by :func:`load`. Every table method takes the options of its CLI command (same names,
    underscores for dashes, the same defaults) and returns a pandas DataFrame with the CLI's
    columns, in the CLI's row order, typed: integers ``int64``, days ``datetime64``, ``yes``/``no``
    ``bool``, lists (alliance ids, members, obligation types such as ``defense+consultation``)
    Python lists; missing values NaN (numbers), NaT (days) or None (text; NaN in pandas 3 string
    columns).
    """

    __slots__ = ("_net",)

    def __init__(self, core: Any) -> None:
        self._net = core

    def __repr__(self) -> str:
        i = self._net.info()
        return (
            f"<pactnet.Network {i['members_file']}: {i['alliances']} alliances, "
            f"{i['first_year']}..{i['last_year']}, {i['multigraph_edges']} multigraph edges>"
        )

    def info(self) -> Dict[str, Any]:
        """The figures ``pactnet info`` prints, as a dict.

        >>> pn.load().info()["first_year"] <= 1914
        True
        """
        return self._net.info()

    @property
    def warnings(self) -> List[str]:
        """The load's warnings, counted by kind (nothing is printed).

        >>> isinstance(pn.load().warnings, list)
        True
        """
        return self._net.warnings

    @property
    def years(self) -> range:
        """The data's years, as a ``range`` (the last year included).

        >>> net = pn.load(); net.years[-1] == net.info()["last_year"]
        True
        """
        first, last = self._net.year_span
        return range(first, last + 1)

    def snapshot(self, year: Optional[int] = None, layer: str = "any", date: Union[None, str, _dt.date] = None) -> Any:
        """The edges of one year's (or day's) snapshot of a layer: ``a, b, weight, atopids``.

        ``a < b`` are COW codes, ``weight`` the number of alliances, ``atopids`` a list of their
        ids. As ``pactnet snapshot --year Y --layer L`` (``atopids`` joined by ``;`` there).

        >>> pn.load().snapshot(year=1914, layer="defense").dtypes["weight"].name
        'int64'
        """
        return _frame(self._net.snapshot(_year(year), layer, _date(date), False))

    def nodes(self, year: Optional[int] = None, layer: str = "any", date: Union[None, str, _dt.date] = None) -> Any:
        """The nodes of a snapshot: ``ccode, abbr, name, degree`` (``pactnet snapshot --nodes``).

        >>> pn.load().nodes(year=1914).columns.tolist()
        ['ccode', 'abbr', 'name', 'degree']
        """
        return _frame(self._net.snapshot(_year(year), layer, _date(date), True))

    def graph(self, year: Optional[int] = None, layer: str = "any", date: Union[None, str, _dt.date] = None) -> Any:
        """The snapshot as a ``networkx.Graph``: nodes are COW codes with ``ccode``, ``abbr``,
        ``name`` and ``region``; edges carry ``weight``, ``types`` and ``atopids`` (a list).

        >>> g = pn.load().graph(year=1914); g.number_of_edges() == len(pn.load().snapshot(year=1914))
        True
        """
        import networkx as nx

        data = _json.loads(self._net.node_link(_year(year), layer, _date(date)))
        try:
            g = nx.node_link_graph(data, edges="edges")
        except TypeError:  # networkx < 3.4 names the edge list "links"
            data["links"] = data.pop("edges")
            g = nx.node_link_graph(data)
        return g

    def to_networkx(self, year: Optional[int] = None, layer: str = "any", date: Union[None, str, _dt.date] = None) -> Any:
        """The snapshot as a ``networkx.Graph`` (the same as :meth:`graph`): nodes are COW codes
        with ``ccode``, ``abbr``, ``name`` and ``region``; edges carry ``weight``, ``types`` and
        ``atopids`` (a list).

        >>> pn.load().to_networkx(1914).number_of_nodes() == len(pn.load().nodes(year=1914))
        True
        """
        return self.graph(_year(year), layer, date)

    def to_igraph(self, year: Optional[int] = None, layer: str = "any", date: Union[None, str, _dt.date] = None) -> Any:
        """The snapshot as an undirected ``igraph.Graph`` (python-igraph must be installed): one
        vertex per state of the year in COW-code order, with ``name`` (the COW code, as text),
        ``ccode``, ``abbr``, ``statename`` and ``region``; edges with ``weight``, ``types`` and
        ``atopids`` (a list), as GraphML's attributes.

        >>> pn.load().to_igraph(1914).vcount() == len(pn.load().nodes(year=1914))  # doctest: +SKIP
        True
        """
        try:
            import igraph as ig
        except ImportError as e:
            raise ImportError("to_igraph needs python-igraph: pip install igraph") from e
        data = _json.loads(self._net.node_link(_year(year), layer, _date(date)))
        nodes = data["nodes"]
        index = {n["id"]: i for i, n in enumerate(nodes)}
        edges = data.get("edges", data.get("links", []))
        g = ig.Graph(n=len(nodes), edges=[(index[e["source"]], index[e["target"]]) for e in edges], directed=False)
        g.vs["name"] = [str(n["id"]) for n in nodes]
        for key in ("ccode", "abbr", "region"):
            g.vs[key] = [n.get(key) for n in nodes]
        g.vs["statename"] = [n.get("name") for n in nodes]
        for key in ("weight", "types", "atopids"):
            g.es[key] = [e.get(key) for e in edges]
        return g

    def multigraph(self) -> Any:
        """Every edge of the typed, dated multigraph: ``a, b, atopid, phase_a, phase_b, start,
        end, types, a_to_b, b_to_a, counted`` (spans ``[start, end)``, ISO dates; ``counted``: the
        spans on which the tie counts under the system filter).

        >>> pn.load().multigraph().columns[:3].tolist()
        ['a', 'b', 'atopid']
        """
        return _frame(self._net.multigraph())

    def explore(self, path: Optional[PathLike] = None, years: Years = None, seed: int = 0) -> str:
        """The interactive page of ``pactnet explore`` (one self-contained HTML file: year
        slider, layers, colours by region or bloc, search): returns its HTML and, given
        ``path``, also writes it there (atomically). The CLI's bytes for the same years and seed.

        >>> pn.load().explore(years=(1900, 1920))[:15]
        '<!DOCTYPE html>'
        """
        return self._net.explore(_path(path), _years(years), seed)

    def alliances(self) -> Any:
        """One row per alliance with every ATOP alliance-level column, as ``pactnet export
        alliances`` (``atopid`` first; provision codes as integers, missing as NaN).

        >>> pn.load().alliances().columns[0]
        'atopid'
        """
        return _frame(self._net.alliances())

    def metrics(
        self,
        years: Years = None,
        layers: Union[str, Sequence[str]] = "any",
        level: str = "graph",
        metrics: Union[None, str, Sequence[str]] = None,
        only_states: Union[None, str, int, Sequence[Union[str, int]]] = None,
        states: Union[None, str, int, Sequence[Union[str, int]]] = None,
    ) -> Any:
        """Graph-level (one row per year and layer) or node-level (one per year, layer and
        state) metrics, as ``pactnet metrics``. ``level="both"`` returns ``(graph, node)``.
        ``only_states`` keeps the node rows of these states (the CLI's ``--only-states``; the old
        name ``states`` still works, with a ``DeprecationWarning``: in :func:`load` ``states`` is
        the COW state list).

        >>> pn.load().metrics(years=(1914, 1915), layers="all").shape[0]
        12
        """
        if states is not None:
            import warnings

            if only_states is not None:
                raise TypeError("give only_states, not both only_states and states (its old name)")
            warnings.warn(
                "metrics(states=...) is now metrics(only_states=...), as the CLI's --only-states",
                DeprecationWarning,
                stacklevel=2,
            )
            only_states = states
        g, n = self._net.metrics(
            _years(years), _names(layers, "layers"), level, _names(metrics, "metrics"), _names(only_states, "only_states")
        )
        if g is not None and n is not None:
            return _frame(g), _frame(n)
        return _frame(g if g is not None else n)

    def blocs(
        self,
        years: Years = None,
        layer: str = "any",
        seed: int = 0,
        resolution: float = 1.0,
        alpha: float = 1.0,
        summary: bool = False,
    ) -> Any:
        """Louvain blocs per year, labels kept across years (``pactnet blocs``); with
        ``summary=True`` one row per year.

        >>> pn.load().blocs(years=1914, summary=True).shape[0]
        1
        """
        return _frame(self._net.blocs(_years(years), layer, seed, resolution, alpha, summary))

    def similarity(
        self,
        years: Years = None,
        layer: str = "any",
        measure: str = "s",
        coding: str = "valued",
        weights: Union[None, PathLike, Dict[Union[str, int], float]] = None,
        dyads: Optional[Sequence[Union[str, Tuple[Union[str, int], Union[str, int]]]]] = None,
        among: Union[None, str, Sequence[Union[str, int]]] = None,
    ) -> Any:
        """Alliance-portfolio similarity of dyads per year (``pactnet similarity``). ``weights``
        is a ``{state: weight}`` dict or a CSV file with columns ``ccode,weight``; ``dyads`` a
        list of ``(a, b)`` pairs or ``"A,B"`` strings; ``among`` the portfolio positions
        (``--among``): states or regions, as a list or a ``"europe,USA"`` string.

        >>> pn.load().similarity(years=1914, measure="kappa").columns.tolist()
        ['year', 'a', 'b', 'kappa']
        """
        pairs = None
        if weights is not None:
            pairs = _weights(weights)
        dyad_list = _dyads(dyads)
        among_list: Optional[List[str]] = None
        if among is not None:
            items = among.split(",") if isinstance(among, str) else among
            among_list = [str(a).strip() for a in items]
        return _frame(self._net.similarity(_years(years), layer, measure, coding, pairs, dyad_list, among_list))

    def closure(
        self, years: Years = None, layer: str = "any", decay: Optional[float] = None, esp: bool = False
    ) -> Any:
        """Triadic closure and turnover per year (``pactnet closure``); ``esp=True`` gives the
        edgewise-shared-partner distribution. ``decay`` is the GWESP decay (default 0.5), not
        with ``esp=True`` (a ``ValueError``, as the CLI refuses ``--esp --decay``).

        >>> "gwesp" in pn.load().closure(years=(1914, 1915)).columns
        True
        """
        if esp and decay is not None:
            raise ValueError("decay is not used with esp=True (the ESP distribution has no decay)")
        return _frame(self._net.closure(_years(years), layer, 0.5 if decay is None else decay, esp))

    def cliques(self, years: Years = None, layer: str = "any", min_size: int = 3, overlap: bool = False) -> Any:
        """Maximal cliques of at least ``min_size`` states per year (``pactnet cliques``);
        ``overlap=True`` gives the co-membership pairs.

        >>> pn.load().cliques(years=1914).columns.tolist()[:3]
        ['year', 'layer', 'clique']
        """
        return _frame(self._net.cliques(_years(years), layer, min_size, overlap))

    def tergm(
        self,
        model: str,
        years: Years = None,
        layer: str = "any",
        bootstrap: int = 0,
        seed: int = 0,
        level: float = 0.95,
        predict: Optional[int] = None,
        state_covariates: Any = None,
        dyad_covariates: Any = None,
        directed_covariates: bool = False,
        network: Any = None,
        network_nodes: Any = None,
        max_design_cells: int = 250_000_000,
    ) -> Any:
        """A temporal ERGM by pseudo-likelihood, as btergm fits it (``pactnet tergm``).

        ``model`` is ergm's formula (``"edges + gwesp(0.5, fixed=TRUE) + nodecov(cinc)"``);
        ``state_covariates`` and ``dyad_covariates`` are files (a dyad file as ``"name=path"``,
        ``(name, path)`` or a path), ``network``/``network_nodes`` a dyad-year file and the states
        of each year. Returns ``(terms, fit)``: one row per term
        (``term, estimate, std_error, z, p, ci_lower, ci_upper``) and one row of fit statistics;
        ``fit.attrs["summary"]`` holds the lines the CLI prints.

        >>> terms, fit = pn.load().tergm("edges + triangle", years=(1950, 1955))
        >>> terms["term"].tolist()
        ['edges', 'triangle']
        """

        dyads = _dyad_files(dyad_covariates)
        terms, fit, summary = self._net.tergm(
            model,
            _years(years),
            layer,
            int(bootstrap),
            int(seed),
            float(level),
            predict,
            _paths(state_covariates),
            dyads,
            bool(directed_covariates),
            None if network is None else _os.fspath(network),
            None if network_nodes is None else _os.fspath(network_nodes),
            int(max_design_cells),
        )
        fit_frame = _frame(fit)
        fit_frame.attrs["summary"] = summary
        return _frame(terms), fit_frame

    def dyadyears(
        self,
        years: Years = None,
        undirected: bool = False,
        all_dyads: bool = False,
        provisions: Union[None, str, Sequence[str]] = None,
        window: int = 1,
        state_covariates: Any = None,
        dyad_covariates: Any = None,
        directed_covariates: bool = False,
    ) -> Any:
        """Dyad-years with ATOP's columns (``pactnet export dyadyears``): ``provisions`` adds
        ATOP provision columns, ``window`` multi-year windows, and covariate files are joined as
        the CLI's ``--state-covariates`` and ``--dyad-covariates [NAME=]FILE`` do (the CLI's
        warnings become Python warnings).

        >>> pn.load().dyadyears(years=1914).columns.tolist()[:3]
        ['ccode1', 'ccode2', 'year']
        """
        table, warnings = self._net.dyadyears(
            _years(years), undirected, all_dyads, _names(provisions, "provisions"), _window(window),
            _paths(state_covariates), _dyad_files(dyad_covariates), bool(directed_covariates),
        )
        _warn_all(warnings)
        return _frame(table)

    def statelevel(self, years: Years = None, state_covariates: Any = None) -> Any:
        """State-years: alliances and partners per layer and ATOP's state-year columns
        (``atop_defense`` … ``atop_transyr``; ``pactnet export statelevel``), with state
        covariate files joined as ``--state-covariates`` does.

        >>> pn.load().statelevel(years=1914).columns.tolist()[:2]
        ['ccode', 'year']
        """
        table, warnings = self._net.statelevel(_years(years), _paths(state_covariates))
        _warn_all(warnings)
        return _frame(table)

    def separation(
        self,
        years: Years = None,
        layer: str = "any",
        dyads: Optional[Sequence[Union[str, Tuple[Union[str, int], Union[str, int]]]]] = None,
        summary: bool = False,
    ) -> Any:
        """Degrees of separation per year (``pactnet separation``): ``year, layer, a, b,
        distance`` for every pair (``distance`` missing across components), only ``dyads``
        (``(a, b)`` pairs or ``"A,B"`` strings), or with ``summary=True`` one row per year and
        distance.

        >>> pn.load().separation(years=1914, dyads=["GMY,RUS"]).columns.tolist()
        ['year', 'layer', 'a', 'b', 'distance']
        """
        return _frame(self._net.separation(_years(years), layer, _dyads(dyads), summary))

    def reach(
        self,
        state: Union[str, int],
        year: Optional[int] = None,
        *,
        date: Union[None, str, _dt.date] = None,
        layer: str = "defense",
        direction: str = "in",
    ) -> Any:
        """The chain of pledges to (``direction="in"``) or from (``"out"``) a state on a year or
        day (``pactnet reach``): one row per state reached, with its depth and the state its chain
        runs through.

        >>> pn.load().reach("FRN", 1914).columns.tolist()[:3]
        ['depth', 'ccode', 'abbr']
        """
        return _frame(self._net.reach(str(state), _year(year), _date(date), layer, direction))

    def durations(self, by: str = "none", summary: bool = False) -> Any:
        """Kaplan–Meier survival of alliances (``pactnet durations``): the step curves (``by``
        ``"none"`` or ``"type"``), or with ``summary=True`` one row per group.

        >>> pn.load().durations(summary=True)["group"].tolist()
        ['all']
        """
        return _frame(self._net.durations(by, summary))

    def alliance(self, atopid: int) -> Dict[str, Any]:
        """One alliance, all it says (``pactnet alliance ATOPID --format json``), as a dict.

        >>> pn.load().alliance(1035)["atopid"]
        1035
        """
        if isinstance(atopid, bool) or not isinstance(atopid, int):
            raise TypeError(f"atopid {atopid!r}: expected an integer ATOP id")
        if not 0 <= atopid <= 0xFFFF_FFFF:
            raise ValueError(f"atopid {atopid}: expected a non-negative ATOP id")
        result: Dict[str, Any] = _json.loads(self._net.alliance(atopid))
        return result

    def export_gexf(self, path: PathLike) -> None:
        """Writes the whole dated multigraph as GEXF 1.3 for Gephi's timeline
        (``pactnet export gexf``), atomically.

        >>> pn.load().export_gexf("alliances.gexf")  # doctest: +SKIP
        """
        self._net.export_gexf(_os.fspath(path))

    def export_graphml(
        self,
        path: PathLike,
        year: Optional[int] = None,
        *,
        date: Union[None, str, _dt.date] = None,
        layer: str = "any",
        with_metrics: bool = False,
        provisions: Union[None, str, Sequence[str]] = None,
    ) -> None:
        """Writes a snapshot as GraphML (``pactnet export graphml``), atomically; ``with_metrics``
        adds every node metric, ``provisions`` ATOP provision columns (e.g. ``"milaid,base"``).

        >>> pn.load().export_graphml("1914.graphml", 1914)  # doctest: +SKIP
        """
        self._net.export_graphml(
            _os.fspath(path), _year(year), _date(date), layer, with_metrics, _names(provisions, "provisions")
        )

    def windowed(self, years: int) -> "Network":
        """The same data with multi-year windows (``--window N``): year ``Y`` stands for the
        ``years`` years up to ``Y``, for every analysis of the returned network.

        >>> bool(pn.load().windowed(5).metrics(years=1914)["edges"].iloc[0] >= pn.load().metrics(years=1914)["edges"].iloc[0])
        True
        """
        if isinstance(years, bool) or not isinstance(years, int):
            raise TypeError(f"years {years!r}: expected a whole number of years")
        if years < 1:
            raise ValueError(f"window {years}: expected a number of years, 1 or more")
        return Network(self._net.windowed(years))

    def state(self, state: Union[str, int], by_year: bool = False) -> Any:
        """A state's memberships, or with ``by_year=True`` its ties per year
        (``pactnet state STATE --format csv``). A state is a COW code or abbreviation.

        >>> pn.load().state("FRN", by_year=True).columns.tolist()
        ['year', 'in_system', 'degree', 'strength', 'alliances']
        """
        return _frame(self._net.state_table(str(state), by_year))

    def dyad(self, a: Union[str, int], b: Union[str, int]) -> Any:
        """Every multigraph edge between two states, from ``a``'s side (``pactnet dyad A B``).

        >>> pn.load().dyad("GMY", "AUH").columns.tolist()[:3]
        ['atopid', 'phase_a', 'phase_b']
        """
        return _frame(self._net.dyad(str(a), str(b)))

    def plot_network(
        self,
        path: Optional[PathLike] = None,
        year: Optional[int] = None,
        *,
        date: Union[None, str, _dt.date] = None,
        layer: str = "any",
        layout: str = "stable",
        anchoring: Optional[float] = None,
        color: str = "region",
        size: str = "degree",
        labels: str = "auto",
        hide_isolates: bool = False,
        width: int = 1600,
        height: int = 1200,
        seed: int = 0,
        format: str = "png",
        palette: str = "colour",
        font_size: Optional[float] = None,
        highlight: Union[None, str, int, Sequence[Union[str, int]]] = None,
        title: Optional[str] = None,
        caption: Optional[str] = None,
    ) -> "Picture":
        """A year's (or day's) network, as ``pactnet plot network``: returns the
        :class:`Picture` (shown inline in Jupyter) and, given ``path`` (.png or .svg), also writes
        it there. Without ``path``, ``format`` is ``"png"`` or ``"svg"``. The same input gives
        the same picture. ``anchoring=None`` is the CLI's default weight of the stable layout.
        The figure controls are the CLI's: ``palette="greyscale"`` (``--palette``), ``font_size``
        in points (``--font-size``, 6 to 60), ``highlight`` states (``--highlight``: names,
        abbreviations, codes or aliases, a list or ``"GMY,UKG"``), ``title`` and ``caption``
        (text, or ``"none"`` for none).

        >>> pn.load().plot_network(year=1914).format
        'png'
        >>> pn.load().plot_network("1914.png", year=1914)  # doctest: +SKIP
        """
        data = self._net.plot_network(
            _path(path), _year(year), _date(date), layer, layout, anchoring, color, size, labels, hide_isolates,
            width, height, seed, format, palette, font_size, _states(highlight), title, caption,
        )
        return Picture(data, _picture_format(path, format))

    def plot_series(
        self,
        path: Optional[PathLike] = None,
        metrics: Union[str, Sequence[str]] = ("density", "transitivity"),
        layers: Union[str, Sequence[str]] = "any",
        years: Years = None,
        eras: bool = False,
        width: int = 1600,
        height: int = 1200,
        format: str = "png",
    ) -> "Picture":
        """Graph metrics over time, one panel per metric and one line per layer, as ``pactnet plot
        series``: returns the :class:`Picture` and, given ``path`` (.png or .svg), writes it.

        >>> pn.load().plot_series(layers="any,defense", eras=True, format="svg").format
        'svg'
        """
        data = self._net.plot_series(
            _path(path), _names(metrics, "metrics"), _names(layers, "layers"), _years(years), eras, width, height, format
        )
        return Picture(data, _picture_format(path, format))

    def plot_state(
        self,
        state: Union[str, int],
        path: Optional[PathLike] = None,
        years: Years = None,
        *,
        layer: str = "any",
        eras: bool = False,
        width: int = 1600,
        height: int = 1200,
        format: str = "png",
    ) -> "Picture":
        """A state's degree, betweenness and alliances over the years (``pactnet plot state``).

        >>> pn.load().plot_state("FRN", years=(1900, 1950)).format
        'png'
        """
        data = self._net.plot_state(str(state), _path(path), _years(years), layer, eras, width, height, format)
        return Picture(data, _picture_format(path, format))

    def plot_matrix(
        self,
        year: int,
        path: Optional[PathLike] = None,
        *,
        layer: str = "any",
        width: int = 1600,
        height: int = 1200,
        format: str = "png",
    ) -> "Picture":
        """The adjacency matrix of one year's snapshot (``pactnet plot matrix``).

        >>> pn.load().plot_matrix(1914, format="svg").format
        'svg'
        """
        year = _year(year)
        if year is None:
            raise TypeError("plot_matrix needs a year")
        data = self._net.plot_matrix(year, _path(path), layer, width, height, format)
        return Picture(data, _picture_format(path, format))

    def plot_durations(
        self,
        path: Optional[PathLike] = None,
        *,
        by: str = "none",
        width: int = 1600,
        height: int = 1200,
        format: str = "png",
    ) -> "Picture":
        """Kaplan–Meier survival curves of alliances (``pactnet plot durations``).

        >>> pn.load().plot_durations(by="type").format
        'png'
        """
        data = self._net.plot_durations(_path(path), by, width, height, format)
        return Picture(data, _picture_format(path, format))

    def plot_reach(
        self,
        state: Union[str, int],
        path: Optional[PathLike] = None,
        year: Optional[int] = None,
        *,
        date: Union[None, str, _dt.date] = None,
        layer: str = "defense",
        direction: str = "in",
        width: int = 1600,
        height: int = 1200,
        format: str = "png",
    ) -> "Picture":
        """The chains of pledges to (``direction="in"``) or from (``"out"``) a state, as rings
        around it (``pactnet plot reach``).

        >>> pn.load().plot_reach("RUS", date="1914-06-28", layer="any").format
        'png'
        """
        data = self._net.plot_reach(
            str(state), _path(path), _year(year), _date(date), layer, direction, width, height, format
        )
        return Picture(data, _picture_format(path, format))

    def plot_animate(
        self,
        years: Years,
        path: Optional[PathLike] = None,
        *,
        fps: int = 2,
        layer: str = "any",
        layout: str = "stable",
        anchoring: Optional[float] = None,
        color: str = "region",
        size: str = "degree",
        labels: str = "auto",
        hide_isolates: bool = False,
        width: int = 1600,
        height: int = 1200,
        seed: int = 0,
        palette: str = "colour",
        font_size: Optional[float] = None,
        highlight: Union[None, str, int, Sequence[Union[str, int]]] = None,
    ) -> "Picture":
        """An animated GIF, one network frame per year, states keeping their places, as
        ``pactnet plot animate --years A..B``: returns the :class:`Picture` (shown inline in
        Jupyter) and, given ``path`` (.gif), also writes it there. The CLI's bytes.

        >>> pn.load().plot_animate((1910, 1914), width=400, height=300).data[:6]
        b'GIF89a'
        """
        span = _years(years)
        if span is None:
            raise ValueError("years: give the years to animate, e.g. (1900, 1950) or '1900..1950'")
        data = self._net.plot_animate(
            span, _path(path), fps, layer, layout, anchoring, color, size, labels, hide_isolates, width, height, seed,
            palette, font_size, _states(highlight),
        )
        return Picture(data, "gif")

    def report(
        self,
        directory: PathLike = "report",
        years: Years = None,
        layers: Union[str, Sequence[str]] = "all",
        network_years: Optional[Sequence[int]] = None,
        width: int = 1200,
        height: int = 900,
        seed: int = 0,
    ) -> List[str]:
        """Writes the whole study to ``directory`` with an index.html (``pactnet report``);
        returns the files written, relative to it.

        >>> files = pn.load().report("report")  # doctest: +SKIP
        """
        chosen = None if network_years is None else [_year(y, "network_years") for y in network_years]
        return self._net.report(
            _os.fspath(directory), _years(years), _names(layers, "layers"), chosen, width, height, seed
        )


def _weights(weights: Union[PathLike, Dict[Union[str, int], float]]) -> List[Tuple[str, float]]:
    """``{state: weight}``, or a CSV file with columns ``ccode,weight``, as pairs."""
    if isinstance(weights, dict):
        return [(str(k), float(v)) for k, v in weights.items()]
    import csv

    path = _os.fspath(weights)
    name = _os.path.basename(path)
    pairs = []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = [c for c in ("ccode", "weight") if c not in (reader.fieldnames or [])]
        if missing:
            raise _data_error(f"{name}:1: missing column(s) {', '.join(missing)}: expected a header naming ccode, weight", name, 1)
        for row in reader:
            line = reader.line_num
            try:
                w = float(row["weight"])
            except (TypeError, ValueError):
                raise _data_error(
                    f"{name}:{line}: field weight = {row['weight']!r}: not a weight (a number, 0 or more)",
                    name, line, "weight", row["weight"],
                ) from None
            pairs.append((str(row["ccode"]).strip(), w))
    return pairs


def _data_error(message: str, file: str, line: int, field: Optional[str] = None, value: Optional[str] = None) -> DataError:
    e = DataError(message)
    e.file, e.line, e.field, e.value = file, line, field, value
    return e


def load(
    members: Optional[PathLike] = None,
    states: Optional[PathLike] = None,
    alliances: Optional[PathLike] = None,
    cow_alliances: Optional[PathLike] = None,
    codesheets: Optional[PathLike] = None,
    system: str = "cow",
    data_end: Optional[int] = None,
    year_rule: str = "any",
    lenient: bool = False,
    combine_sources: bool = False,
    atop_dyads: Optional[PathLike] = None,
    system_end: str = "data",
    where: Optional[str] = None,
    window: int = 1,
    max_edges: Optional[int] = None,
) -> Network:
    """Loads, validates and builds the alliance multigraph, as every ``pactnet`` command does.

    Without files, the embedded sample; ``members`` (ATOP's ``atop4_01m.csv``) and ``states``
    (COW's ``states2016.csv``) go together. ``cow_alliances`` (COW's
    ``alliance_v4.1_by_member.csv``) with ``states`` and without ``members`` is COW alone (layers
    any, defense, neutrality, nonaggression, entente); with ``members`` (or the sample) it needs
    ``combine_sources=True``, since ATOP and COW code largely the same treaties. ``system`` is
    ``"cow"``, ``"none"`` or ``"atop"`` (ATOP's own rule, as the CLI's ``--system``);
    ``atop_dyads`` is ATOP's directed dyad-year file (``--atop-dyads``), whose obligations replace
    the member-file rule; ``where`` keeps only the member rows an expression accepts (the CLI's
    ``--where``, e.g. ``"conditio = 0"`` or ``"alliance.hinst = 1"``); ``window`` makes year ``Y``
    stand for the ``window`` years up to ``Y`` (``--window``; see :meth:`Network.windowed`);
    ``system_end="list"`` keeps a state list's end when it ends before the
    data (default ``"data"``: states still in the system continue to the data's end);
    ``max_edges`` caps the multigraph's edges (``--max-edges``, default 4,000,000). Raises :class:`DataError` (a ``ValueError`` with
    ``file``, ``line``, ``field``, ``value``) for bad data, ``FileNotFoundError`` for a missing
    file and ``ValueError`` for a bad argument.

    >>> net = pn.load()
    >>> net = pn.load(members="atop4_01m.csv", states="states2016.csv")  # doctest: +SKIP
    """
    fs = lambda p: None if p is None else _os.fspath(p)  # noqa: E731
    core = _pactnet.load(
        fs(members),
        fs(states),
        fs(alliances),
        fs(cow_alliances),
        fs(codesheets),
        system,
        data_end,
        year_rule,
        lenient,
        combine_sources,
        fs(atop_dyads),
        system_end,
        where,
        _window(window),
        **({} if max_edges is None else {"max_edges": max_edges}),
    )
    return Network(core)


def _window(window: int) -> int:
    if isinstance(window, bool) or not isinstance(window, int):
        raise TypeError(f"window {window!r}: expected a whole number of years")
    if window < 1:
        raise ValueError(f"window {window}: expected a number of years, 1 or more")
    return window
