"""Charts of notebook 05: whom each outlet lets speak, and who cites whom.

Takes: the tables of `workbook.sources.report` (voice shares, attributions).
Gives: ``voice_chart`` (per outlet, stacked shares of each kind of voice) and ``attribution_graph``
(teller -> source arrows, labelled with the kind of attribution and its count). Both draw
"nothing to draw" on empty input, and both are bounded at any corpus size: the voice chart draws the
CHART_ROWS outlets with the most statements, the graph the GRAPH_LINKS links most used; what is left out
is said above the chart and in its alt text.
Comes after `workbook.sources`; notebook 05 calls it.
"""
from __future__ import annotations

import pandas as pd

from .charts import CHART_ROWS, _left_out, _nothing_to_draw, short
from .figures import describe

GRAPH_LINKS = 30         # teller -> source links the attribution graph draws: those with the most attributions


def voice_chart(shares: pd.DataFrame, kinds, ax=None):
    """Horizontal stacked bars: per outlet, the share of its statements by each kind of voice
    (`kinds`, in order), with the number of statements beside each bar."""
    import matplotlib.pyplot as plt

    every = len(shares)
    if every > CHART_ROWS:
        keep = shares["statements"].sort_values(ascending=False, kind="stable").index[:CHART_ROWS]
        shares = shares[shares.index.isin(keep)]
    ax = ax or plt.subplots(figsize=(9, 1.2 + 0.5 * max(len(shares), 1)))[1]
    if shares.empty:
        return _nothing_to_draw(ax)
    left = pd.Series(0.0, index=shares.index)
    for kind in kinds:
        ax.barh(range(len(shares)), shares[kind], left=left, label=kind)
        left += shares[kind]
    for y, n in enumerate(shares["statements"]):
        ax.text(1.01, y, f"{n} statements", va="center", fontsize="small")
    ax.set_yticks(range(len(shares)), [short(o, 40) for o in shares["outlet"]])
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of the outlet's statements")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=3, fontsize="small", frameon=False)
    text = (f"Stacked bars for {len(shares)} outlets, each outlet's {int(shares['statements'].sum())} statements in all "
            f"split by kind of voice ({', '.join(map(str, kinds))})")
    if "anonymous" in shares:
        most = shares.loc[shares["anonymous"].idxmax()]
        text += f"; the largest share of unnamed sources is {most['outlet']}'s, {most['anonymous']:.0%}"
    if every > len(shares):
        left = (f"Drawn: the {len(shares)} outlets with the most statements; {every - len(shares):,} other outlets are "
                "left out of the drawing.")
        _left_out(ax.figure, left)
        text += ". " + left[:-1]
    describe(ax.figure, text + ".")
    return ax


def attribution_graph(att: pd.DataFrame, ax=None):
    """Who has words from whom, drawn left to right: the outlets of the corpus in the first column,
    each source one column right of the one that cites it (a repost -> its original -> the agency
    the original cites), an arrow per link labelled with its kinds and counts ("told 4"). An
    outlet's own interviews ("told Reuters" in Reuters) are left out of the drawing."""
    import matplotlib.pyplot as plt
    import networkx as nx

    edges = att[~att["own"]]
    if edges.empty:
        return _nothing_to_draw(ax or plt.subplots(figsize=(9, 1.5))[1])
    links = edges.groupby(["teller", "source", "kind"]).size().reset_index(name="n")
    pairs = links.groupby(["teller", "source"])["n"].sum()
    every = len(pairs)
    if every > GRAPH_LINKS:
        kept = set(pairs.sort_values(ascending=False, kind="stable").index[:GRAPH_LINKS])
        links = links[[pair in kept for pair in zip(links["teller"], links["source"])]]
    graph = nx.DiGraph()
    for (teller, source), group in links.groupby(["teller", "source"]):
        graph.add_edge(teller, source, label=", ".join(f"{k} {n}" for k, n in zip(group["kind"], group["n"])))
    depth = {}
    for node in nx.topological_sort(graph) if nx.is_directed_acyclic_graph(graph) else sorted(graph):
        depth[node] = max((depth.get(p, 0) + 1 for p in graph.predecessors(node) if p in depth), default=0)
    columns = max(depth.values()) + 1
    per_column = pd.Series(depth).value_counts()
    ax = ax or plt.subplots(figsize=(max(9, 3.2 * columns), 1 + 0.8 * per_column.max()))[1]
    pos = {}
    for col in range(columns):          # each column in the order of the rows its citers stand on
        nodes = sorted((n for n, d in depth.items() if d == col), key=lambda n: (
            -sum(pos[p][1] for p in graph.predecessors(n) if p in pos) / max(1, sum(p in pos for p in graph.predecessors(n))),
            n))
        for i, node in enumerate(nodes):
            pos[node] = (col, -(i - (len(nodes) - 1) / 2))
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=120, node_color="#cfe0f3")
    nx.draw_networkx_edges(graph, pos, ax=ax, arrows=True, edge_color="#777", node_size=120,
                           connectionstyle="arc3,rad=0.08")
    nx.draw_networkx_edge_labels(graph, pos, edge_labels=nx.get_edge_attributes(graph, "label"), ax=ax,
                                 font_size=7, label_pos=0.6, connectionstyle="arc3,rad=0.08")
    for node, (x, y) in pos.items():
        ax.text(x, y + 0.18, short(node, 34), ha="center", va="bottom", fontsize=8)
    ax.set_xlim(-0.6, columns - 0.4)
    ax.set_ylim(-per_column.max() / 2 - 0.3, per_column.max() / 2 + 0.4)
    ax.axis("off")
    top = links.groupby(["teller", "source"])["n"].sum().sort_values(ascending=False)
    left = (f" Drawn: the {len(top)} links with the most attributions; {every - len(top):,} other links are left out "
            "of the drawing." if every > len(top) else "")
    if left:
        _left_out(ax.figure, left.strip())
    describe(ax.figure, f"{len(top)} teller-to-source links between {graph.number_of_nodes()} outlets and sources, "
                        f"in {columns} columns from the corpus's outlets to the sources they cite; the most used is "
                        f"{top.index[0][0]} to {top.index[0][1]} ({int(top.iloc[0])} attributions)." + left)
    return ax
