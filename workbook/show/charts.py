"""Charts: matplotlib figures that survive export and e-mail as inline images.

Takes: the tables of the earlier stages (corpus, events, relations, counts).
Gives: ``timeline``, ``length_chart``, ``event_timeline``, ``event_timelines_by_outlet``, ``heatmap``,
``per_outlet``, ``lag_chart``, ``relation_graph``. Every chart draws "nothing to draw" on empty input.
Comes after every annotation stage; notebooks call it.
"""
from __future__ import annotations

import pandas as pd


def short(label: str, width: int) -> str:
    """A chart label of at most `width` characters: cut with "..." where it is longer."""
    return label if len(label) <= width else label[:width - 3] + "..."


def timeline(docs: pd.DataFrame, ax=None):
    """Publication dates by outlet: one row per outlet, a dot per article, a hollow
    ring at the reference date where it differs from publication."""
    import matplotlib.pyplot as plt

    ax = ax or plt.subplots(figsize=(9, 0.6 + 0.5 * docs["outlet"].nunique()))[1]
    outlets = sorted(docs["outlet"].unique())
    y = docs["outlet"].map({o: i for i, o in enumerate(outlets)})
    ax.scatter(docs["published"], y, zorder=3, label="published")
    moved = docs["reference_date"] != docs["published"]
    ax.scatter(docs.loc[moved, "reference_date"], y[moved], facecolors="none", edgecolors="C1", zorder=3,
               label="reference date (relative dates count from here)")
    ax.set_yticks(range(len(outlets)), [short(o, 40) for o in outlets])
    ax.set_ylim(-0.7, len(outlets) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize="small", frameon=False)
    return ax


def length_chart(docs: pd.DataFrame, ax=None):
    """Horizontal bars: characters per article before and after cleaning."""
    import matplotlib.pyplot as plt

    ax = ax or plt.subplots(figsize=(9, 0.8 + 0.45 * len(docs)))[1]
    lengths = docs.set_index("doc_id")[["chars_raw", "chars_clean"]].rename(
        columns={"chars_raw": "raw", "chars_clean": "cleaned"})
    lengths.plot.barh(ax=ax)
    ax.invert_yaxis()
    ax.set_xlabel("characters")
    ax.set_ylabel("")
    return ax


def _outlet_colours(outlets) -> dict:
    import matplotlib.pyplot as plt

    cycle = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    return {o: cycle[i % len(cycle)] for i, o in enumerate(sorted(set(outlets)))}


def event_timeline(ev: pd.DataFrame, docs: pd.DataFrame, ax=None, since=None, colours: dict | None = None,
                   title: str = "Time expressions by start date"):
    """One row per time expression: a bar for a period, a dot for a day, in its outlet's
    colour; a grey tick at the article's publication date, joined by a dotted line (the lag).

    Events ending before `since` (default: 1 January five years before the earliest
    reference date) are left out of the drawing and counted in the title, so a 1952
    accession does not squeeze the rest; they stay in the tables.
    """
    import matplotlib.pyplot as plt

    colours = colours or _outlet_colours(docs["outlet"])
    since = pd.Timestamp(since) if since is not None else pd.Timestamp(docs["reference_date"].min().year - 5, 1, 1)
    shown = ev[ev["end"] >= since].sort_values(["start", "end"], ascending=False, ignore_index=True)
    ax = ax or plt.subplots(figsize=(9, 1 + 0.28 * max(len(shown), 1)))[1]
    for y, r in shown.iterrows():
        c = colours.get(r["outlet"], "C0")
        if r["start"] == r["end"]:
            ax.plot(r["start"], y, "o", color=c, ms=5, zorder=3)
        else:
            ax.barh(y, (r["end"] - r["start"]) + pd.Timedelta(days=1), left=r["start"], height=0.6, color=c, alpha=0.8)
        ax.plot([r["end"], r["published"]], [y, y], ":", color="grey", lw=0.8)
        ax.plot(r["published"], y, "|", color="black", ms=9)
    ax.set_yticks(range(len(shown)), [f"{d[:3]} s{s}: {short(t, 28)}" for d, s, t in
                                      zip(shown["doc_id"], shown["sent_id"], shown["surface"])], fontsize="small")
    ax.set_ylim(-0.7, len(shown) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    handles = [plt.Line2D([], [], color=c, marker="s", ls="", label=short(o, 60)) for o, c in colours.items()
               if o in set(shown["outlet"])]
    handles.append(plt.Line2D([], [], color="black", marker="|", ls="", ms=9, label="article published"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.04 - 0.6 / max(len(shown), 1)),
              ncol=2, fontsize="small", frameon=False)
    left_out = len(ev) - len(shown)
    ax.set_title(title + (f" ({left_out} before {since:%Y} not drawn)" if left_out else ""))
    return ax


def event_timelines_by_outlet(ev: pd.DataFrame, docs: pd.DataFrame, since=None):
    """Small multiples: `event_timeline` once per outlet, on one shared time axis, so a shared
    page shows every outlet's chronology without a live filter."""
    import matplotlib.pyplot as plt

    outlets = sorted(ev["outlet"].unique())
    if not outlets:                     # nothing placed on the calendar: one empty panel, not zero panels
        return event_timeline(ev, docs, since=since, title="No time expressions placed on the calendar").figure
    colours = _outlet_colours(docs["outlet"])
    rows = [max(len(ev[ev["outlet"] == o]), 1) for o in outlets]
    fig, axes = plt.subplots(len(outlets), 1, sharex=True, squeeze=False,
                             figsize=(9, 1 + 0.3 * sum(rows) + 0.6 * len(outlets)),
                             gridspec_kw={"height_ratios": rows})
    for ax, outlet in zip(axes[:, 0], outlets):
        event_timeline(ev[ev["outlet"] == outlet], docs, ax=ax, since=since, colours=colours,
                       title=short(outlet, 70))
        ax.get_legend().remove()
    fig.tight_layout()
    return fig


def heatmap(matrix: pd.DataFrame, ax=None, cmap: str = "Blues", labels: pd.DataFrame | None = None):
    """Shade a table of counts (rows x columns) and write each non-zero count in its cell.

    Parameters
    ----------
    matrix : counts, e.g. ``table.pivot_table(index=..., columns=..., aggfunc="size", fill_value=0)``.
    labels : optional text to write instead of the counts (same shape; "" for none).

    Returns
    -------
    The matplotlib Axes.
    """
    import matplotlib.pyplot as plt

    ax = ax or plt.subplots(figsize=(1.6 + 0.9 * matrix.shape[1], 0.8 + 0.35 * matrix.shape[0]))[1]
    if not matrix.size:
        return _nothing_to_draw(ax)
    ax.imshow(matrix.to_numpy(dtype=float), cmap=cmap, aspect="auto")
    ax.set_xticks(range(matrix.shape[1]), [short(str(c), 28) for c in matrix.columns], rotation=30, ha="right")
    ax.set_yticks(range(matrix.shape[0]), [short(str(i), 40) for i in matrix.index])
    top = matrix.to_numpy().max() if matrix.size else 0
    text = labels.to_numpy() if labels is not None else None
    for (r, c), v in pd.DataFrame(matrix.to_numpy()).stack().items():
        if v:
            ax.text(c, r, text[r, c] if text is not None else f"{v:g}", ha="center", va="center",
                    fontsize="small", color="white" if v > top / 2 else "black")
    ax.spines[:].set_visible(False)
    return ax


def per_outlet(table: pd.DataFrame, draw, sharex: bool = True):
    """Small multiples: call ``draw(rows, ax)`` once per outlet, one panel each.

    The shared HTML page cannot run a filter, so charts that a filter
    changes are also drawn outlet by outlet.
    """
    import matplotlib.pyplot as plt

    outlets = sorted(table["outlet"].dropna().unique())
    if not outlets:
        return _nothing_to_draw(plt.subplots(figsize=(9, 1))[1]).figure
    fig, axes = plt.subplots(len(outlets), 1, figsize=(9, 0.5 + 2.2 * len(outlets)), sharex=sharex, squeeze=False)
    for outlet, ax in zip(outlets, axes[:, 0]):
        draw(table[table["outlet"] == outlet], ax)
        ax.set_title(short(outlet, 70), loc="left", fontsize="medium")
    fig.tight_layout()
    return fig


def lag_chart(ev: pd.DataFrame, docs: pd.DataFrame | None = None, ax=None):
    """Days from the end of each happening to the article's publication, one row per outlet
    (log scale; a same-day report sits at 1), coloured as in `event_timeline` when `docs` is
    given. Happenings still to come are left out."""
    import matplotlib.pyplot as plt

    past = ev[ev["lag_days"] >= 0]
    outlets = sorted(past["outlet"].unique())
    colours = _outlet_colours((docs if docs is not None else ev)["outlet"])
    ax = ax or plt.subplots(figsize=(9, 0.8 + 0.5 * max(len(outlets), 1)))[1]
    for y, outlet in enumerate(outlets):
        lags = past.loc[past["outlet"] == outlet, "lag_days"]
        ax.scatter(lags + 1, [y] * len(lags), alpha=0.7, color=colours[outlet])
    ax.set_xscale("log")
    ax.set_yticks(range(len(outlets)), [short(o, 40) for o in outlets])
    ax.set_xlabel("days from the end of the happening to publication, plus one (log scale)")
    ax.grid(axis="x", alpha=0.3)
    return ax


def _nothing_to_draw(ax):
    """An empty chart says so instead of raising (a corpus or filter that leaves no rows)."""
    ax.text(0.5, 0.5, "nothing to draw: no rows", ha="center", va="center", transform=ax.transAxes)
    ax.axis("off")
    return ax


def relation_graph(edges: pd.DataFrame, ax=None, seed: int = 1):
    """Draw typed edges (source -relation-> target) as a labelled directed graph, one arrow per distinct edge."""
    import matplotlib.pyplot as plt
    import networkx as nx

    ax = ax or plt.subplots(figsize=(11, 8))[1]
    if edges.empty:
        return _nothing_to_draw(ax)
    graph = nx.MultiDiGraph()
    for (s, r, t), n in edges.groupby(["source", "relation", "target"]).size().items():
        graph.add_edge(s, t, key=r, label=f"{r} ({n})" if n > 1 else r)
    pos = nx.spring_layout(nx.Graph(graph), seed=seed, k=2.5 / max(1, len(graph)) ** 0.5, iterations=300)
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=300, node_color="#cfe0f3")
    nx.draw_networkx_labels(graph, pos, labels={n: short(str(n), 30) for n in graph}, ax=ax, font_size=8)
    nx.draw_networkx_edges(graph, pos, ax=ax, arrows=True, edge_color="#777", connectionstyle="arc3,rad=0.12")
    labels = {}
    for s, t, data in graph.edges(data=True):
        labels[(s, t)] = ", ".join(filter(None, [labels.get((s, t)), data["label"]]))
    nx.draw_networkx_edge_labels(graph, pos, edge_labels=labels, ax=ax, font_size=7, connectionstyle="arc3,rad=0.12")
    ax.axis("off")
    return ax
