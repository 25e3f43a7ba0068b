"""Charts: matplotlib figures that survive export and e-mail as inline images.

Takes: the tables of the earlier stages (corpus, mentions, events, counts).
Gives: ``timeline``, ``length_chart``, ``heatmap``, ``per_outlet``, ``system_timeline``,
``event_timeline``, ``event_timelines_by_outlet``, ``lag_chart``; the ties between actors
(memberships, supplies, the relation graph) are drawn by `ties.py`.
Every chart has a bounded size whatever the corpus size (a page stays under 3 MB): a chart with one row
per outlet or article draws at most CHART_ROWS of them, a heatmap at most CHART_COLUMNS columns, a
timeline of time expressions at most TIMELINE_ROWS rows, small multiples at most CHART_PANELS panels; what
is left out is named in the chart (a line above it) and its alt text, never dropped silently.
Every chart draws "nothing to draw" on empty input, wraps its labels instead of cutting them,
colours an outlet or a weapon system the same in every panel and notebook (`colours.py`), and
states what it shows for the figure's alt text (`figures.describe`).
Comes after every annotation stage and after `colours.py`, `labels.py`, `figures.py`; notebooks call it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .colours import entity_colours, outlet_colours, record
from .figures import describe
from .labels import short, what_happened, wrap

WIDE_PRECISIONS = ("year", "decade")        # drawn hatched: the text dates these loosely
CHART_ROWS = 20          # outlets (or articles) a chart with one row each draws: those with the most rows
CHART_COLUMNS = 12       # columns of a heatmap: those with the largest totals
CHART_PANELS = 6         # panels of small multiples (one per outlet): the outlets with the most rows
TIMELINE_ROWS = 40       # time expressions a timeline draws (conflicts first, then the most reported)
DOT_LABELS = 150         # a system timeline writes each dot's count up to this many dots; beyond, one dot per month
PANEL_ROWS = 10          # time expressions each panel of the timelines by outlet draws
__all__ = ["short", "wrap", "timeline", "length_chart", "heatmap", "per_outlet", "system_timeline", "event_timeline",
           "event_timelines_by_outlet", "lag_chart"]


def _most(values: pd.Series, n: int) -> list:
    """The `n` values that occur most often (ties by name), in name order: what a bounded chart draws."""
    counts = values.value_counts()
    counts = counts.sort_index(kind="stable").sort_values(ascending=False, kind="stable")
    return sorted(counts.index[:n].tolist(), key=str)


def _left_out(fig, text: str) -> None:
    """Say above the figure what a bounded chart leaves out (the tables hold every row)."""
    fig.text(0.01, 1.0, text, fontsize="small", color="#555555", ha="left", va="bottom", wrap=True)


def timeline(docs: pd.DataFrame, ax=None):
    """Publication dates by outlet: one row per outlet, a dot per article in the outlet's colour, a
    hollow ring at the reference date where it differs from publication. Beyond CHART_ROWS outlets,
    the CHART_ROWS with the most articles are drawn and the others named as left out."""
    import matplotlib.pyplot as plt

    every = docs["outlet"].nunique()
    outlets = _most(docs["outlet"], CHART_ROWS)
    shown_all, docs = docs, docs[docs["outlet"].isin(outlets)]
    ax = ax or plt.subplots(figsize=(9, 0.8 + 0.55 * len(outlets)))[1]
    if docs.empty:
        return _nothing_to_draw(ax)
    colours = outlet_colours(shown_all)
    y = docs["outlet"].map({o: i for i, o in enumerate(outlets)})
    ax.scatter(docs["published"], y, zorder=3, c=docs["outlet"].map(colours), label="published")
    moved = docs["reference_date"] != docs["published"]
    ax.scatter(docs.loc[moved, "reference_date"], y[moved], facecolors="none", edgecolors="black", zorder=3,
               label="reference date (relative dates count from here)")
    ax.set_yticks(range(len(outlets)), [wrap(o, 34) for o in outlets])
    ax.set_ylim(-0.7, len(outlets) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    handles = [plt.Line2D([], [], color="#555555", marker="o", ls="", label="published (in the outlet's colour)"),
               plt.Line2D([], [], color="black", marker="o", mfc="none", ls="",
                          label="reference date (relative dates count from here)")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=2, fontsize="small", frameon=False)
    record(ax.figure, colours, outlets)
    left = (f"The {len(outlets)} outlets with the most articles are drawn; {every - len(outlets):,} other outlets "
            f"({len(shown_all) - len(docs):,} articles) are left out of the drawing." if every > len(outlets) else "")
    if left:
        _left_out(ax.figure, left)
    describe(ax.figure, f"{len(docs)} articles from {len(outlets)} outlets, one row per outlet, a dot at each "
                        f"publication date from {docs['published'].min():%d %B %Y} to {docs['published'].max():%d %B %Y}; "
                        f"{int(moved.sum())} hollow rings mark a reference date that differs from publication."
                        + (" " + left if left else ""))
    return ax


def length_chart(docs: pd.DataFrame, ax=None):
    """Horizontal bars: characters per article before and after cleaning. Beyond CHART_ROWS articles,
    the distribution instead: how many articles have each length, raw and cleaned (one bar per article
    would make a figure as tall as the corpus)."""
    import matplotlib.pyplot as plt

    if len(docs) > CHART_ROWS:
        return _length_histogram(docs, ax)
    ax = ax or plt.subplots(figsize=(9, 0.8 + 0.45 * len(docs)))[1]
    if docs.empty:
        return _nothing_to_draw(ax)
    lengths = docs.set_index("doc_id")[["chars_raw", "chars_clean"]].rename(
        columns={"chars_raw": "raw", "chars_clean": "cleaned"})
    lengths.plot.barh(ax=ax, color=["#a9a9a9", "#4363d8"])
    ax.invert_yaxis()
    ax.set_xlabel("characters")
    ax.set_ylabel("")
    cut = 1 - lengths["cleaned"].sum() / max(lengths["raw"].sum(), 1)
    describe(ax.figure, f"Two bars per article, raw and cleaned length, for {len(docs)} articles; cleaning removed "
                        f"{cut:.0%} of all characters, most from {lengths.eval('raw - cleaned').idxmax()}.")
    return ax


def _length_histogram(docs: pd.DataFrame, ax=None):
    import matplotlib.pyplot as plt

    ax = ax or plt.subplots(figsize=(9, 3.5))[1]
    raw, clean = docs["chars_raw"], docs["chars_clean"]
    bins = 40
    top = max(int(raw.max()), 1)
    ax.hist([raw, clean], bins=bins, range=(0, top), color=["#a9a9a9", "#4363d8"], label=["raw", "cleaned"])
    ax.set_xlabel("characters per article")
    ax.set_ylabel("articles")
    ax.legend(frameon=False)
    cut = 1 - clean.sum() / max(raw.sum(), 1)
    most = docs.loc[(raw - clean).idxmax(), "doc_id"]
    describe(ax.figure, f"How many articles have each length, raw (grey) and cleaned (blue), for {len(docs):,} "
                        f"articles in {bins} bins up to {top:,} characters; median {int(raw.median()):,} raw and "
                        f"{int(clean.median()):,} cleaned; cleaning removed {cut:.0%} of all characters, most from "
                        f"{most}. Each article's lengths are in the cleaning table.")
    return ax


def heatmap(matrix: pd.DataFrame, ax=None, cmap: str = "Blues", labels: pd.DataFrame | None = None,
            articles: pd.Series | dict | None = None):
    """Shade a table of counts (rows x columns) and write each non-zero count in its cell.

    Parameters
    ----------
    matrix : counts, e.g. ``table.pivot_table(index=..., columns=..., aggfunc="size", fill_value=0)``.
    labels : optional text to write instead of the counts (same shape; "" for none).
    articles : articles per column (e.g. per outlet). When given, the shade is the count per article,
        so outlets of different size compare; each cell reads "count (per article)" and each column
        says how many articles it holds.

    Returns
    -------
    The matplotlib Axes. Beyond CHART_ROWS rows or CHART_COLUMNS columns, those with the largest totals
    are drawn (in their order) and the others named as left out.
    """
    import matplotlib.pyplot as plt

    rows_all, cols_all = matrix.shape
    if rows_all > CHART_ROWS or cols_all > CHART_COLUMNS:
        numbers = matrix.apply(pd.to_numeric, errors="coerce").fillna(0)
        weight = pd.Series(articles).reindex(matrix.columns).fillna(0) if articles is not None else numbers.sum()
        keep_cols = [c for c in matrix.columns if c in set(weight.sort_values(ascending=False, kind="stable")
                                                           .index[:CHART_COLUMNS])]
        keep_rows = [r for r in matrix.index if r in set(numbers[keep_cols].sum(axis=1).sort_values(
            ascending=False, kind="stable").index[:CHART_ROWS])]
        matrix = matrix.loc[keep_rows, keep_cols]
        labels = labels.loc[keep_rows, keep_cols] if labels is not None else None
    ax = ax or plt.subplots(figsize=(1.8 + 1.1 * matrix.shape[1], 1.2 + 0.38 * matrix.shape[0]))[1]
    if not matrix.size:
        return _nothing_to_draw(ax)
    per = pd.Series(articles).reindex(matrix.columns).fillna(0) if articles is not None else None
    shade = matrix.div(per.where(per > 0), axis=1).fillna(0) if per is not None else matrix
    ax.imshow(shade.to_numpy(dtype=float), cmap=cmap, aspect="auto")
    heads = [wrap(c, 16) + (f"\n({int(per[c])} article{'s' if per[c] != 1 else ''})" if per is not None else "")
             for c in matrix.columns]
    ax.set_xticks(range(matrix.shape[1]), heads, rotation=0, fontsize="small")
    ax.xaxis.tick_top()
    ax.set_yticks(range(matrix.shape[0]), [wrap(i, 30) for i in matrix.index])
    top = shade.to_numpy(dtype=float).max() if matrix.size else 0
    text = labels.to_numpy() if labels is not None else None
    values, rates = matrix.to_numpy(), shade.to_numpy(dtype=float)
    shares = bool(matrix.size) and float(matrix.to_numpy(dtype=float).max()) <= 1 \
        and not (matrix.to_numpy(dtype=float) % 1 == 0).all()            # a table of shares reads as percentages
    for r in range(matrix.shape[0]):
        for c in range(matrix.shape[1]):
            v = values[r, c]
            if not v:
                continue
            written = text[r, c] if text is not None else (f"{v:g}\n({rates[r, c]:.1f}/art.)" if per is not None
                                                           else f"{v:.0%}" if shares else f"{v:g}")
            ax.text(c, r, written, ha="center", va="center", fontsize="x-small" if per is not None else "small",
                    color="white" if rates[r, c] > top / 2 else "black")
    ax.spines[:].set_visible(False)
    biggest = matrix.stack().idxmax()
    largest = f"{matrix.stack().max():.0%}" if shares else f"{matrix.stack().max():g}"
    left = []
    if rows_all > matrix.shape[0]:
        left.append(f"the {matrix.shape[0]} rows with the largest totals of {rows_all:,}")
    if cols_all > matrix.shape[1]:
        left.append(f"the {matrix.shape[1]} columns with the most {'articles' if per is not None else 'in them'} "
                    f"of {cols_all:,}")
    left_text = ("Drawn: " + " and ".join(left) + "; the others are left out of the drawing.") if left else ""
    if left_text:
        _left_out(ax.figure, left_text)
    describe(ax.figure, f"A grid of {matrix.shape[0]} rows ({_list(matrix.index)}) by {matrix.shape[1]} columns "
                        f"({_list(matrix.columns)}); the largest {'share' if shares else 'count'} is {largest}, "
                        f"{biggest[0]} in {biggest[1]}" + ("; shaded per article of each column." if per is not None
                                                            else ".") + (" " + left_text if left_text else ""))
    return ax


def per_outlet(table: pd.DataFrame, draw, sharex: bool = True):
    """Small multiples: call ``draw(rows, ax)`` once per outlet, one panel each.

    The shared HTML page cannot run a filter, so charts that a filter
    changes are also drawn outlet by outlet.
    """
    import matplotlib.pyplot as plt

    every = table["outlet"].dropna().nunique()
    outlets = _most(table["outlet"].dropna(), CHART_PANELS)
    if not outlets:
        return _nothing_to_draw(plt.subplots(figsize=(9, 1))[1]).figure
    fig, axes = plt.subplots(len(outlets), 1, figsize=(9, 0.5 + 2.2 * len(outlets)), sharex=sharex, squeeze=False)
    for outlet, ax in zip(outlets, axes[:, 0]):
        draw(table[table["outlet"] == outlet], ax)
        ax.set_title(wrap(outlet, 80), loc="left", fontsize="medium")
    fig.tight_layout()
    left = (f" Drawn: the {len(outlets)} outlets with the most rows; {every - len(outlets):,} other outlets are left "
            "out of the drawing." if every > len(outlets) else "")
    if left:
        fig.subplots_adjust(bottom=0.3 / len(outlets))
        _left_out(fig, left.strip())
    describe(fig, f"One panel per outlet ({len(outlets)}), on one time axis." + left)
    return fig


def system_timeline(rows: pd.DataFrame, ax=None):
    """Mentions of each weapon system by publication date: a dot per system and day, sized and
    labelled by its count, in the system's colour (the same in every panel and notebook). Beyond
    DOT_LABELS dots, one dot per system and month, sized by its share of the largest, unlabelled
    (a label per day would fill the chart, and the page, as the corpus grows); the chart says so."""
    import matplotlib.pyplot as plt

    ax = ax or plt.subplots(figsize=(9, 3.5))[1]
    if rows.empty:
        return _nothing_to_draw(ax)
    colours = entity_colours("weapon_system")
    counts = rows.groupby(["published", "entity"]).size().rename("n").reset_index()
    monthly = len(counts) > DOT_LABELS
    if monthly:
        month = rows["published"].dt.to_period("M").dt.to_timestamp()
        counts = rows.assign(published=month).groupby(["published", "entity"]).size().rename("n").reset_index()
    systems = sorted(counts["entity"].unique())
    largest = max(int(counts["n"].max()), 1)
    for system, g in counts.groupby("entity"):
        sizes = 30 * g["n"] if not monthly else 15 + 285 * g["n"] / largest
        ax.scatter(g["published"], [system] * len(g), s=sizes, color=colours.get(system, "#bbbbbb"), zorder=3)
        if not monthly:
            for day, n in zip(g["published"], g["n"]):
                ax.annotate(str(n), (day, system), xytext=(6, 4), textcoords="offset points", fontsize="small")
    if monthly:
        ax.text(1.0, 1.0, f"one dot per month, the largest {largest:,} mentions", transform=ax.transAxes,
                ha="right", va="bottom", fontsize="x-small", color="#555555")
    ax.grid(axis="x", alpha=0.3)
    record(ax.figure, colours, systems)
    top = counts.groupby("entity")["n"].sum().sort_values(ascending=False)
    describe(ax.figure, f"Dots per weapon system and publication {'month' if monthly else 'date'}, sized by mentions"
                        + (f" (the largest {largest:,}; too many days to write each count)" if monthly else "") + ": "
                        + ", ".join(f"{s} {n}" for s, n in top.items()) + ".")
    return ax


def event_timeline(ev: pd.DataFrame, docs: pd.DataFrame, ax=None, since=None, colours: dict | None = None,
                   title: str = "Time expressions by start date", most: int | None = None):
    """One row per time expression, labelled by what happened (who, the act, the system: `what_happened`):
    a bar for a period, a dot for a day, in its outlet's colour; a grey tick at the article's
    publication date, joined by a dotted line (the lag).

    Marked in the chart itself: a date another article reads differently (red ring and "!", the
    other reading drawn as a dashed outline) and a loose date (a year or wider: hatched).

    Events ending before `since` (default: 1 January five years before the earliest
    reference date) are left out of the drawing and counted in the title, so a 1952
    accession does not squeeze the rest; they stay in the tables.
    """
    import matplotlib.pyplot as plt

    colours = colours or outlet_colours(docs)
    since = pd.Timestamp(since) if since is not None else pd.Timestamp(docs["reference_date"].min().year - 5, 1, 1)
    shown = ev[ev["end"] >= since]
    in_range = len(shown)
    most = most or TIMELINE_ROWS
    if in_range > most:                           # conflicts first, then the most reported, then the latest
        order = pd.DataFrame({"conflict": (shown["conflict"].fillna("").astype(str) != "") if "conflict" in shown
                              else False, "n": shown["n_articles"] if "n_articles" in shown else 0,
                              "end": shown["end"]}, index=shown.index)
        shown = shown.loc[order.sort_values(["conflict", "n", "end"], ascending=False, kind="stable").index[:most]]
    shown = shown.sort_values(["start", "end"], ascending=False, ignore_index=True)
    labels = [wrap(what_happened(r), 46, lines=2) for _, r in shown.iterrows()]
    ax = ax or plt.subplots(figsize=(10, 1.2 + 0.42 * max(len(shown), 1)))[1]
    conflict = shown["conflict"].fillna("").astype(str) != "" if "conflict" in shown else pd.Series(False, shown.index)
    # one artist per kind of mark, not one per row: a redraw in a filter panel costs the drawing, not the artists
    ys = np.arange(len(shown))
    colour = np.array([colours.get(o, "#4363d8") for o in shown["outlet"]], dtype=object)
    day = (shown["start"] == shown["end"]).to_numpy()
    loose = shown["precision"].isin(WIDE_PRECISIONS).to_numpy()
    if day.any():
        ax.scatter(shown["start"][day], ys[day], s=36, c=list(colour[day]), zorder=3)
    for wide, alpha, hatch in ((False, 0.85, None), (True, 0.45, "//")):
        bar = ~day & (loose == wide)
        if bar.any():
            ax.barh(ys[bar], (shown["end"] - shown["start"])[bar] + pd.Timedelta(days=1), left=shown["start"][bar],
                    height=0.6, color=list(colour[bar]), alpha=alpha, hatch=hatch, edgecolor=list(colour[bar]))
    for y in ys[conflict.to_numpy()]:
        _mark_conflict(ax, shown.loc[y], y)
    if len(shown):
        ax.hlines(ys, shown["end"], shown["published"], colors="grey", linestyles=":", lw=0.8)
        ax.plot(shown["published"], ys, "|", color="black", ms=9)
    ax.set_yticks(range(len(shown)), labels, fontsize="small")
    ax.set_ylim(-0.7, len(shown) - 0.3)
    ax.grid(axis="x", alpha=0.3)
    drawn = [o for o in colours if o in set(shown["outlet"])]
    handles = [plt.Line2D([], [], color=colours[o], marker="s", ls="", label=wrap(o, 40)) for o in drawn]
    handles += [plt.Line2D([], [], color="black", marker="|", ls="", ms=9, label="article published"),
                plt.Rectangle((0, 0), 1, 1, facecolor="white", edgecolor="grey", hatch="//",
                              label="loose date (a year or wider)")]
    if conflict.any():
        handles.append(plt.Line2D([], [], color="#d00000", marker="o", mfc="none", ls="", ms=9,
                                  label="dating conflict: dashed = another article's reading"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.04 - 0.6 / max(len(shown), 1)),
              ncol=2, fontsize="small", frameon=False)
    left_out = len(ev) - in_range
    ax.set_title(title + (f" ({left_out} before {since:%Y} not drawn)" if left_out else ""))
    beyond = in_range - len(shown)
    if beyond:
        _left_out(ax.figure, f"Drawn: {len(shown)} of {in_range:,} time expressions (dating conflicts first, then "
                             f"those of the happenings most articles report); {beyond:,} are left out of the drawing "
                             "and listed in the tables.")
    record(ax.figure, colours, drawn)
    describe(ax.figure, _timeline_alt(shown, conflict, left_out, since)
             + (f" {beyond:,} more expressions are left out of the drawing (the {len(shown)} drawn are dating "
                "conflicts first, then those of the happenings most articles report)." if beyond else ""))
    return ax


def _mark_conflict(ax, r, y):
    """A red ring and "!" on a row whose date another article reads otherwise, and that reading dashed."""
    ax.plot(r["start"], y, "o", ms=11, mfc="none", mec="#d00000", mew=1.5, zorder=4)
    ax.annotate("!", (r["start"], y), xytext=(-9, -4), textcoords="offset points", color="#d00000",
                fontweight="bold", ha="right")
    other_start, other_end = r.get("other_start"), r.get("other_end")
    if pd.notna(other_start) and pd.notna(other_end):
        ax.barh(y, (other_end - other_start) + pd.Timedelta(days=1), left=other_start, height=0.6,
                fill=False, edgecolor="#d00000", linestyle="--", lw=1.2)


def _timeline_alt(shown: pd.DataFrame, conflict: pd.Series, left_out: int, since) -> str:
    if shown.empty:
        return "No time expression to draw."
    text = (f"{len(shown)} rows from {shown['start'].min():%B %Y} to {shown['end'].max():%B %Y}, one per time "
            f"expression, labelled by who did what; {int(shown['precision'].isin(WIDE_PRECISIONS).sum())} loose "
            f"(a year or wider) are hatched")
    if conflict.any():
        text += "; marked as a dating conflict: " + "; ".join(
            f"{r['surface']} ({r['start']:%B %Y})" for _, r in shown[conflict].iterrows())
    if left_out:
        text += f"; {left_out} expressions before {since:%Y} are left out of the drawing"
    return text + "."


def event_timelines_by_outlet(ev: pd.DataFrame, docs: pd.DataFrame, since=None):
    """Small multiples: `event_timeline` once per outlet, on one shared time axis, so a shared
    page shows every outlet's chronology without a live filter."""
    import matplotlib.pyplot as plt

    every = ev["outlet"].nunique()
    outlets = _most(ev["outlet"], CHART_PANELS)
    if not outlets:                     # nothing placed on the calendar: one empty panel, not zero panels
        return event_timeline(ev, docs, since=since, title="No time expressions placed on the calendar").figure
    colours = outlet_colours(docs)
    rows = [min(max(len(ev[ev["outlet"] == o]), 1), PANEL_ROWS) for o in outlets]
    fig, axes = plt.subplots(len(outlets), 1, sharex=True, squeeze=False,
                             figsize=(10, 1 + 0.45 * sum(rows) + 0.8 * len(outlets)),
                             gridspec_kw={"height_ratios": rows})
    for ax, outlet in zip(axes[:, 0], outlets):
        event_timeline(ev[ev["outlet"] == outlet], docs, ax=ax, since=since, colours=colours, title=wrap(outlet, 80),
                       most=PANEL_ROWS)
        ax.get_legend().remove()
    fig.tight_layout()
    left = (f" Drawn: the {len(outlets)} outlets with the most time expressions; {every - len(outlets):,} other "
            "outlets are left out of the drawing." if every > len(outlets) else "")
    if left:
        _left_out(fig, left.strip())
    describe(fig, f"The timeline split into {len(outlets)} panels, one per outlet, on one time axis; "
                  f"{int((ev['conflict'].fillna('') != '').sum())} rows marked as a dating conflict." + left)
    return fig


def lag_chart(ev: pd.DataFrame, docs: pd.DataFrame | None = None, ax=None):
    """Days from the end of each happening to the article's publication, one row per outlet
    (log scale; a same-day report sits at 1), coloured as in `event_timeline` when `docs` is
    given. Happenings still to come are left out."""
    import matplotlib.pyplot as plt

    past = ev[ev["lag_days"] >= 0]
    every = past["outlet"].nunique()
    outlets = _most(past["outlet"], CHART_ROWS)
    past = past[past["outlet"].isin(outlets)]
    colours = outlet_colours(docs if docs is not None else ev)
    ax = ax or plt.subplots(figsize=(9, 0.8 + 0.55 * max(len(outlets), 1)))[1]
    if not outlets:
        return _nothing_to_draw(ax)
    for y, outlet in enumerate(outlets):
        lags = past.loc[past["outlet"] == outlet, "lag_days"]
        ax.scatter(lags + 1, [y] * len(lags), color=colours.get(outlet, "#bbbbbb"), edgecolors="white", zorder=3)
    ax.set_xscale("log")
    ax.set_yticks(range(len(outlets)), [wrap(o, 34) for o in outlets])
    ax.set_xlabel("days from the end of the happening to publication, plus one (log scale)")
    ax.grid(axis="x", alpha=0.3)
    record(ax.figure, colours, outlets)
    shortest = past.groupby("outlet")["lag_days"].min()
    left = (f" Drawn: the {len(outlets)} outlets with the most reports; {every - len(outlets):,} other outlets are "
            "left out of the drawing." if every > len(outlets) else "")
    if left:
        _left_out(ax.figure, left.strip())
    describe(ax.figure, "Dots per outlet at the days between a happening and its report; shortest lag: "
                        + ", ".join(f"{o} {int(n)} days" for o, n in shortest.items()) + "." + left)
    return ax


def _list(names, most: int = 8) -> str:
    names = [str(n) for n in names]
    return ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "")


def _nothing_to_draw(ax):
    """An empty chart says so instead of raising (a corpus or filter that leaves no rows)."""
    ax.text(0.5, 0.5, "nothing to draw: no rows", ha="center", va="center", transform=ax.transAxes)
    ax.axis("off")
    describe(ax.figure, "Nothing to draw: no rows.")
    return ax
