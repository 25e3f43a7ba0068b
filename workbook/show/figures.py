"""Figures as a shared page shows them: every image with alt text, and the colours it uses.

Takes: matplotlib figures as the notebook displays them.
Gives: ``describe`` (a chart states what it shows, for its alt text), ``alt_text`` (that statement,
or one read off the figure: titles, axes, rows, legend), and ``attach_to_outputs`` (called by
`tables.setup_notebook`: each figure's PNG output carries ``alt`` and ``workbook_colours`` in its
metadata, which the offline template writes into the <img>).
Comes after `colours.py`; `charts.py` and `ties.py` call `describe`.
"""
from __future__ import annotations

MAX_NAMED = 12          # rows or legend entries an alt text names before it says "and N more"


def describe(fig, text: str) -> None:
    """Say in words what `fig` shows (its alt text); charts call this with computed text."""
    fig._workbook_alt = " ".join(text.split())


def alt_text(fig) -> str:
    """What the figure shows: its titles (as the notebook left them) and the chart's own description
    (`describe`); a figure without one is described from its axes (`read_off`)."""
    given = getattr(fig, "_workbook_alt", "")
    if not given:
        return read_off(fig)
    titles = [" ".join(t.split()) for t in [fig._suptitle.get_text() if fig._suptitle else ""]
              + [ax.get_title() for ax in fig.get_axes()] if t]
    head = titles[0] if len(titles) == 1 else "; ".join(titles[:MAX_NAMED])
    return f"{head}. {given}" if head else given


def read_off(fig) -> str:
    """A description from what the figure draws: each panel's title, axis labels, row labels, legend."""
    parts = []
    for ax in fig.get_axes():
        if not ax.get_visible() or not (ax.has_data() or ax.get_title()):
            continue
        bits = [ax.get_title() or "A chart"]
        if ax.get_xlabel():
            bits.append(f"across: {ax.get_xlabel()}")
        rows = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        if rows and not all(_is_number(r) for r in rows):
            bits.append(f"{len(rows)} rows: {_names(rows)}")
        bars = [b for c in ax.containers for b in c]
        if bars:
            bits.append(f"{len(bars)} bars")
        legend = ax.get_legend()
        if legend is not None:
            bits.append(f"key: {_names([t.get_text() for t in legend.get_texts()])}")
        parts.append("; ".join(bits))
    return ". ".join(parts) + "." if parts else "An empty chart."


def _names(items: list[str]) -> str:
    items = [" ".join(i.split()) for i in items]
    more = len(items) - MAX_NAMED
    return ", ".join(items[:MAX_NAMED]) + (f" and {more} more" if more > 0 else "")


def _is_number(text: str) -> bool:
    try:
        float(text.replace("\u2212", "-").replace(",", ""))
        return True
    except ValueError:
        return False


def attach_to_outputs() -> None:
    """Make IPython's PNG of every figure carry its alt text and colours (output metadata)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    import matplotlib
    from matplotlib.figure import Figure

    if "inline" in str(matplotlib.rcParams._get("backend")):
        # The inline backend registers its PNG formatter when first loaded (lazily, at the first
        # figure); load it now so the formatter wrapped below is the one that stays.
        import matplotlib_inline.backend_inline  # noqa: F401

    png = shell.display_formatter.formatters["image/png"]
    try:
        draw = png.lookup_by_type(Figure)
    except KeyError:
        return
    if getattr(draw, "_workbook", False):
        return

    def with_metadata(fig):
        data = draw(fig)
        if data is None:
            return None
        meta = {"alt": alt_text(fig)}
        if getattr(fig, "_workbook_colours", None):
            meta["workbook_colours"] = dict(sorted(fig._workbook_colours.items()))
        return data, meta

    with_metadata._workbook = True
    png.for_type(Figure, with_metadata)
