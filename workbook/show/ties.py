"""Charts of ties between actors: memberships, who supplies whom with what, the relation graph.

Takes: ``cited_table("memberships.csv")`` rows (member, organization, status, since), the typed
edges of `workbook.relations.relations` (source, relation, target, detail), and
corpus/relation_types.csv (which relations are transfers, and in which direction).
Gives: ``membership_chart`` (full members filled, candidates and partners hollow, so the two never
look alike), ``supply_chart`` (supplier -> recipient, one row per system, its reported stages in
columns; the most-reported transfer first) and ``relation_graph`` (a two-column layout, sources left
and targets right, so labels never pile up however many entities there are).
Comes after `charts.py` (shares its empty-chart rule) and `colours.py`; notebooks 02 and 03 call it.
"""
from __future__ import annotations

import pandas as pd

from .charts import _list, _nothing_to_draw
from .colours import assign, entity_colours, record
from .figures import describe
from .labels import wrap

FULL = "member"                                  # the status drawn filled; every other status is hollow
SUPPLY = ("supplies", "offered_to", "buys", "stationed_in", "withdrew_from")   # relations of the supply view


def membership_chart(members: pd.DataFrame, ax=None):
    """Who belongs to what: a filled square (year since) for a full member, a hollow one with the
    status for a candidate, partner or any other status."""
    import matplotlib.pyplot as plt

    if members.empty:
        return _nothing_to_draw(ax or plt.subplots(figsize=(9, 1))[1])
    orgs = sorted(members["organization"].unique())
    order = members.groupby("member").size().sort_values(ascending=False, kind="stable").index.tolist()
    ax = ax or plt.subplots(figsize=(2.4 + 1.6 * len(orgs), 1.2 + 0.4 * len(order)))[1]
    statuses = assign(members["status"])
    statuses[FULL] = "#2e7d32"
    for r in members.itertuples():
        x, y, full = orgs.index(r.organization), order.index(r.member), r.status == FULL
        colour = statuses[r.status]
        ax.add_patch(plt.Rectangle((x - 0.42, y - 0.38), 0.84, 0.76, facecolor=colour if full else "white",
                                   edgecolor=colour, lw=2, hatch=None if full else "..", alpha=0.9))
        text = str(r.since or "") if full else wrap(f"{r.status} {r.since or ''}".strip(), 14)
        ax.text(x, y, text, ha="center", va="center", fontsize="x-small", color="white" if full else "black",
                bbox=None if full else {"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.set_xlim(-0.5, len(orgs) - 0.5)
    ax.set_ylim(len(order) - 0.5, -0.5)
    ax.set_xticks(range(len(orgs)), [wrap(o, 16) for o in orgs])
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(order)), order)
    ax.spines[:].set_visible(False)
    handles = [plt.Rectangle((0, 0), 1, 1, facecolor=statuses[FULL], label="full member (year since)")]
    handles += [plt.Rectangle((0, 0), 1, 1, facecolor="white", edgecolor=statuses[s], hatch="..", lw=2, label=s)
                for s in sorted(statuses) if s != FULL and s in set(members["status"])]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=3, fontsize="small",
              frameon=False)
    record(ax.figure, statuses, set(members["status"]))
    counts = members["status"].value_counts()
    describe(ax.figure, f"A grid of {len(order)} members by {len(orgs)} organisations ({_list(orgs)}): "
                        + ", ".join(f"{n} {s}" for s, n in counts.items())
                        + "; full members are filled squares, every other status a hollow one.")
    return ax


def supplies(edges: pd.DataFrame, types: pd.DataFrame | None = None) -> pd.DataFrame:
    """The supply view of typed edges (or of the transfer register): supplier, recipient, system, stage,
    relation, one row per report.

    A "buys" edge is turned around (its object supplies); the system and stage come from `detail`
    ("S-400; agreed; last week": first part a known weapon system, else empty).
    """
    from ..knowledge import relation_types

    if "supplier" in edges.columns:                 # the transfer register (workbook.relations.transfers)
        return pd.DataFrame({"supplier": edges["supplier"], "recipient": edges["recipient"],
                             "system": edges["system"].fillna(""), "stage": edges["status"].fillna(""),
                             "relation": "transfer"}).reset_index(drop=True)
    types = relation_types() if types is None else types
    flips = set(types.loc[types["direction"] == "object_supplies", "relation"])
    rows = edges[edges["relation"].isin(SUPPLY)]
    systems = set(entity_colours("weapon_system"))
    out = []
    for r in rows.itertuples():
        parts = [p.strip() for p in str(r.detail or "").split(";") if p.strip()]
        system = parts.pop(0) if parts and parts[0] in systems else ""
        supplier, recipient = (r.target, r.source) if r.relation in flips else (r.source, r.target)
        out.append({"supplier": supplier, "recipient": recipient, "system": system,
                    "stage": parts[0] if parts else r.relation.replace("_", " "), "relation": r.relation})
    return pd.DataFrame(out, columns=["supplier", "recipient", "system", "stage", "relation"])


def supply_chart(edges: pd.DataFrame, ax=None):
    """Who supplies, offers, stations or withdraws which system, to or from whom: one bar per
    supplier -> recipient: system, as long as its reports, in the system's colour, most reported
    first; beside it the stages reported, in the order the rows give them."""
    import matplotlib.pyplot as plt

    view = supplies(edges)
    if view.empty:
        return _nothing_to_draw(ax or plt.subplots(figsize=(9, 1))[1])
    view["row"] = [f"{s} \u2192 {r}: {y or '(system not named)'}" for s, r, y in
                   zip(view["supplier"], view["recipient"], view["system"])]
    rows = view["row"].value_counts(sort=True).index.tolist()              # the most-reported transfer on top
    ax = ax or plt.subplots(figsize=(10, 1.0 + 0.42 * len(rows)))[1]
    colours = entity_colours("weapon_system")
    most = 0
    for y, row in enumerate(rows):
        mine = view[view["row"] == row]
        system = mine["system"].iloc[0]
        ax.barh(y, len(mine), color=colours.get(system, "#bbbbbb"), height=0.6)
        stages = ", ".join(f"{s} \u00d7{n}" if n > 1 else s for s, n in mine["stage"].value_counts(sort=False).items())
        ax.text(len(mine) + 0.15, y, wrap(stages, 60), va="center", fontsize="small")
        most = max(most, len(mine))
    ax.set_yticks(range(len(rows)), [wrap(r, 38) for r in rows], fontsize="small")
    ax.set_ylim(len(rows) - 0.5, -0.6)
    ax.set_xlim(0, most * 2.2 + 1)
    ax.set_xlabel("reports (rows of corpus/relations.csv)")
    ax.grid(axis="x", alpha=0.25)
    record(ax.figure, colours, set(view["system"]) - {""})
    first = view[view["row"] == rows[0]]
    describe(ax.figure, f"{len(rows)} supplier-to-recipient bars, most reported first: {rows[0]}, "
                        f"{len(first)} reports, stages " + ", ".join(dict.fromkeys(first["stage"])) + "; then "
                        + _list(rows[1:], 6) + ".")
    return ax


def _two_columns(counts: pd.DataFrame) -> tuple[list[str], list[str]]:
    """Sources and targets in an order with few crossings: targets by reports, then each side by the
    mean place of its partners on the other side (two rounds of the barycentre rule)."""
    targets = counts.groupby("target")["n"].sum().sort_values(ascending=False, kind="stable").index.tolist()
    sources = counts.groupby("source")["n"].sum().sort_values(ascending=False, kind="stable").index.tolist()
    for _ in range(2):
        place = {t: i for i, t in enumerate(targets)}
        centre = counts.assign(p=counts["target"].map(place) * counts["n"]).groupby("source")[["p", "n"]].sum()
        sources = sorted(sources, key=lambda s: (centre.loc[s, "p"] / centre.loc[s, "n"], sources.index(s)))
        place = {s: i for i, s in enumerate(sources)}
        centre = counts.assign(p=counts["source"].map(place) * counts["n"]).groupby("target")[["p", "n"]].sum()
        targets = sorted(targets, key=lambda t: (centre.loc[t, "p"] / centre.loc[t, "n"], targets.index(t)))
    return sources, targets


def relation_graph(edges: pd.DataFrame, ax=None, seed: int = 1):
    """Typed edges (source -relation-> target) in two columns: sources on the left, targets on the
    right, one arrow per distinct edge, coloured by relation (a legend names each) and as wide as
    the reports behind it. The edges of the most-reported supply are drawn boldest, on top.

    `seed` is kept for callers of the former spring layout; this layout needs no randomness.
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch

    if edges.empty:
        return _nothing_to_draw(ax or plt.subplots(figsize=(11, 2))[1])
    counts = edges.groupby(["source", "relation", "target"]).size().rename("n").reset_index()
    degree = pd.concat([counts.groupby("source")["n"].sum(), counts.groupby("target")["n"].sum()])
    sources, targets = _two_columns(counts)
    height = max(len(sources), len(targets))
    ax = ax or plt.subplots(figsize=(11, 1.5 + 0.36 * height))[1]
    y_of = lambda names, n: {name: (height - 1) * (i + 0.5) / n for i, name in enumerate(names)}  # noqa: E731
    ys, yt = y_of(sources, len(sources)), y_of(targets, len(targets))
    from ..knowledge import relation_types

    relations = sorted(counts["relation"].unique())
    colours = assign(set(relation_types()["relation"]) | set(relations))     # stable however edges are filtered
    top = counts.sort_values("n", ascending=False, kind="stable").iloc[0]
    for r in counts.sort_values("n", kind="stable").itertuples():
        bold = (r.source, r.target) == (top["source"], top["target"])
        ax.add_patch(FancyArrowPatch((0, ys[r.source]), (1, yt[r.target]), arrowstyle="-|>", mutation_scale=12,
                                     lw=min(0.8 + 0.5 * r.n, 6), color=colours[r.relation], alpha=0.95 if bold else 0.6,
                                     zorder=3 if bold else 2, shrinkA=4, shrinkB=4))
    for name, y in ys.items():
        ax.text(-0.02, y, name, ha="right", va="center", fontsize="small")
    for name, y in yt.items():
        ax.text(1.02, y, name, ha="left", va="center", fontsize="small")
    ax.set_xlim(-0.45, 1.45)
    ax.set_ylim(height - 0.5, -0.8)
    ax.text(0, -0.7, "source", ha="right", fontweight="bold", fontsize="small")
    ax.text(1, -0.7, "target", ha="left", fontweight="bold", fontsize="small")
    ax.axis("off")
    handles = [plt.Line2D([], [], color=colours[r], lw=2.5, label=r.replace("_", " ")) for r in relations]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=min(5, len(relations)),
              fontsize="small", frameon=False)
    record(ax.figure, colours, relations)
    describe(ax.figure, f"{len(counts)} distinct relations between {degree.index.nunique()} entities, sources "
                        f"listed left ({_list(sources, 6)}) and targets right ({_list(targets, 6)}), arrows coloured "
                        f"by relation; the most reported is {top['source']} {top['relation'].replace('_', ' ')} "
                        f"{top['target']} ({int(top['n'])} reports), drawn boldest.")
    return ax
