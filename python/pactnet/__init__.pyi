"""Type stubs of pactnet: alliance networks from ATOP and COW data, in pandas and networkx."""

import datetime
import os
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import networkx
import pandas

__version__: str
LAYERS: Tuple[str, ...]

Years = Union[None, int, str, Tuple[int, int], range]
PathLike = Union[str, os.PathLike[str]]
Names = Union[str, Sequence[str]]
Date = Union[None, str, datetime.date]

class DataError(ValueError):
    """Bad input data; ``line`` is 1-based (0: the whole file)."""

    file: str
    line: int
    field: Optional[str]
    value: Optional[str]

class Picture:
    data: bytes
    format: str
    def __init__(self, data: bytes, format: str) -> None: ...
    def __bytes__(self) -> bytes: ...
    def _repr_png_(self) -> Optional[bytes]: ...
    def _repr_svg_(self) -> Optional[str]: ...
    def save(self, path: PathLike) -> None: ...

class Network:
    def info(self) -> Dict[str, Any]: ...
    @property
    def warnings(self) -> List[str]: ...
    @property
    def years(self) -> range: ...
    def snapshot(self, year: Optional[int] = None, layer: str = "any", date: Date = None) -> pandas.DataFrame: ...
    def nodes(self, year: Optional[int] = None, layer: str = "any", date: Date = None) -> pandas.DataFrame: ...
    def graph(self, year: Optional[int] = None, layer: str = "any", date: Date = None) -> networkx.Graph: ...
    def to_networkx(self, year: Optional[int] = None, layer: str = "any", date: Date = None) -> networkx.Graph: ...
    def to_igraph(self, year: Optional[int] = None, layer: str = "any", date: Date = None) -> Any: ...
    def multigraph(self) -> pandas.DataFrame: ...
    def alliances(self) -> pandas.DataFrame: ...
    def explore(self, path: Optional[PathLike] = None, years: Years = None, seed: int = 0) -> str: ...
    def separation(
        self,
        years: Years = None,
        layer: str = "any",
        dyads: Optional[Sequence[Union[str, Tuple[Union[str, int], Union[str, int]]]]] = None,
        summary: bool = False,
    ) -> pandas.DataFrame: ...
    def reach(
        self,
        state: Union[str, int],
        year: Optional[int] = None,
        *,
        date: Date = None,
        layer: str = "defense",
        direction: str = "in",
    ) -> pandas.DataFrame: ...
    def durations(self, by: str = "none", summary: bool = False) -> pandas.DataFrame: ...
    def alliance(self, atopid: int) -> Dict[str, Any]: ...
    def export_gexf(self, path: PathLike) -> None: ...
    def export_graphml(
        self,
        path: PathLike,
        year: Optional[int] = None,
        *,
        date: Date = None,
        layer: str = "any",
        with_metrics: bool = False,
        provisions: Optional[Names] = None,
    ) -> None: ...
    def windowed(self, years: int) -> Network: ...
    def metrics(
        self,
        years: Years = None,
        layers: Names = "any",
        level: str = "graph",
        metrics: Optional[Names] = None,
        only_states: Union[None, str, int, Sequence[Union[str, int]]] = None,
        states: Union[None, str, int, Sequence[Union[str, int]]] = None,
    ) -> Union[pandas.DataFrame, Tuple[pandas.DataFrame, pandas.DataFrame]]: ...
    def blocs(
        self,
        years: Years = None,
        layer: str = "any",
        seed: int = 0,
        resolution: float = 1.0,
        alpha: float = 1.0,
        summary: bool = False,
    ) -> pandas.DataFrame: ...
    def similarity(
        self,
        years: Years = None,
        layer: str = "any",
        measure: str = "s",
        coding: str = "valued",
        weights: Union[None, PathLike, Dict[Union[str, int], float]] = None,
        dyads: Optional[Sequence[Union[str, Tuple[Union[str, int], Union[str, int]]]]] = None,
        among: Union[None, str, Sequence[Union[str, int]]] = None,
    ) -> pandas.DataFrame: ...
    def closure(self, years: Years = None, layer: str = "any", decay: Optional[float] = None, esp: bool = False) -> pandas.DataFrame: ...
    def cliques(self, years: Years = None, layer: str = "any", min_size: int = 3, overlap: bool = False) -> pandas.DataFrame: ...
    def tergm(
        self,
        model: str,
        years: Years = None,
        layer: str = "any",
        bootstrap: int = 0,
        seed: int = 0,
        level: float = 0.95,
        predict: Optional[int] = None,
        state_covariates: Optional[Union[str, os.PathLike, Sequence[Union[str, os.PathLike]]]] = None,
        dyad_covariates: Any = None,
        directed_covariates: bool = False,
        network: Optional[Union[str, os.PathLike]] = None,
        network_nodes: Optional[Union[str, os.PathLike]] = None,
        max_design_cells: int = 250_000_000,
    ) -> Tuple[pandas.DataFrame, pandas.DataFrame]: ...
    def dyadyears(
        self,
        years: Years = None,
        undirected: bool = False,
        all_dyads: bool = False,
        provisions: Optional[Names] = None,
        window: int = 1,
        state_covariates: Optional[Union[PathLike, Sequence[PathLike]]] = None,
        dyad_covariates: Any = None,
        directed_covariates: bool = False,
    ) -> pandas.DataFrame: ...
    def statelevel(
        self, years: Years = None, state_covariates: Optional[Union[PathLike, Sequence[PathLike]]] = None
    ) -> pandas.DataFrame: ...
    def state(self, state: Union[str, int], by_year: bool = False) -> pandas.DataFrame: ...
    def dyad(self, a: Union[str, int], b: Union[str, int]) -> pandas.DataFrame: ...
    def plot_network(
        self,
        path: Optional[PathLike] = None,
        year: Optional[int] = None,
        *,
        date: Date = None,
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
    ) -> Picture: ...
    def plot_series(
        self,
        path: Optional[PathLike] = None,
        metrics: Names = ("density", "transitivity"),
        layers: Names = "any",
        years: Years = None,
        eras: bool = False,
        width: int = 1600,
        height: int = 1200,
        format: str = "png",
    ) -> Picture: ...
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
    ) -> Picture: ...
    def plot_matrix(
        self,
        year: int,
        path: Optional[PathLike] = None,
        *,
        layer: str = "any",
        width: int = 1600,
        height: int = 1200,
        format: str = "png",
    ) -> Picture: ...
    def plot_durations(
        self,
        path: Optional[PathLike] = None,
        *,
        by: str = "none",
        width: int = 1600,
        height: int = 1200,
        format: str = "png",
    ) -> Picture: ...
    def plot_reach(
        self,
        state: Union[str, int],
        path: Optional[PathLike] = None,
        year: Optional[int] = None,
        *,
        date: Date = None,
        layer: str = "defense",
        direction: str = "in",
        width: int = 1600,
        height: int = 1200,
        format: str = "png",
    ) -> Picture: ...
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
    ) -> Picture: ...
    def report(
        self,
        directory: PathLike = "report",
        years: Years = None,
        layers: Names = "all",
        network_years: Optional[Sequence[int]] = None,
        width: int = 1200,
        height: int = 900,
        seed: int = 0,
    ) -> List[str]: ...

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
) -> Network: ...
