"""Charts of notebook 05: whom each outlet lets speak, and who cites whom.

Takes: the tables of `workbook.sources.report` (voice shares, attributions).
Gives: ``voice_chart`` (per outlet, stacked shares of each kind of voice) and ``attribution_graph``
(teller -> source arrows, labelled with the kind of attribution and its count). Both draw
"nothing to draw" on empty input.
Comes after `workbook.sources`; notebook 05 calls it.
"""
from __future__ import annotations

import pandas as pd

from .charts import _nothing_to_draw, relation_graph, short


def voice_chart(shares: pd.DataFrame, kinds, ax=None):
    """Horizontal stacked bars: per outlet, the share of its statements by each kind of voice
    (`kinds`, in order), with the number of statements beside each bar."""
    import matplotlib.pyplot as plt

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
    return ax


def attribution_graph(att: pd.DataFrame, ax=None):
    """Who has words from whom: an arrow teller -> source per kind of attribution, with its count;
    an outlet's own interviews ("told Reuters" in Reuters) are left out of the drawing."""
    edges = att[~att["own"]]
    edges = pd.DataFrame({"source": edges["teller"].map(lambda t: short(t, 32)), "relation": edges["kind"],
                          "target": edges["source"].map(lambda t: short(t, 32))})
    return relation_graph(edges, ax=ax)
