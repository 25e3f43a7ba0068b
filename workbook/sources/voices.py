"""Voices: whom each outlet lets speak, how much rests on unnamed sources, and with which verbs.

Takes: the statements of `workbook.statements` (any extra columns are kept), the corpus and the
entity table.
Gives: ``voices`` (each statement with its outlet, the kind of voice, the side the speaker stands
for and the tone of its verb), ``voice_shares`` (per outlet: statements and the share of each kind
of voice) and ``verbs_by_side`` (per outlet and side: the verbs used and the share that are charged).
Comes after `workbook.statements`; notebook 05 uses it.

Kinds of voice, from how `statements` found the speaker:
- "named person": a person the tables know, named or reached by a "he said" rule;
- "named, not in tables": a name the tables do not know yet ("Defence Minister Hulusi Akar");
- "role-named official": no name, but one office that identifies someone ("the Turkish foreign
  minister", "the Kremlin spokesman"): a role word after "the" or a possessive;
- "unnamed source": a group or an unnamed official ("US officials", "a senior Turkish military
  official", "the sources"): what the notebook counts as anonymous;
- "institution": a government, organisation or alliance as speaker ("Moscow said");
- "unresolved": a "he said" the pronoun rule could not settle.
The side of a speaker is the first country or alliance on its chain of affiliations in entities.csv
(Stoltenberg -> NATO; Makienko -> his think tank -> Russia); for an unnamed group, that of the body
named inside it ("US officials" -> United States).
"""
from __future__ import annotations

import re

import pandas as pd

NEUTRAL_VERBS = frozenset("said says say told tells added adds noted stated explained announced described confirmed".split())
CHARGED_VERBS = frozenset("insisted claimed warned warns accused denied argued declared stressed urged".split())
ROLE_WORDS = frozenset("""minister president secretary spokesman spokeswoman spokesperson ambassador chief head general
commander envoy director chairman chairwoman premier chancellor governor mayor""".split())
VOICE_KINDS = ("named person", "named, not in tables", "role-named official", "unnamed source", "institution",
               "unresolved")
NO_SIDE = "(no side named)"


def voices(st: pd.DataFrame, docs: pd.DataFrame, ents: pd.DataFrame) -> pd.DataFrame:
    """The statements, each with `outlet`, `outlet_kind`, `published`, `voice` (VOICE_KINDS),
    `anonymous` (voice is "unnamed source"), `side` and `tone` ("neutral" for said/told/added...,
    "charged" for insisted/claimed/warned/accused..., else "other").

    A column `speaker_kind` in `st`, where a later statements module gives one, is used as the
    voice when it holds one of VOICE_KINDS.
    """
    kinds, affiliation = dict(zip(ents["entity"], ents["kind"])), dict(zip(ents["entity"], ents["affiliation"]))
    table = st.drop(columns=[c for c in ("outlet", "outlet_kind", "published") if c in st.columns])
    table = table.merge(docs[["doc_id", "outlet", "outlet_kind", "published"]], on="doc_id", how="left")
    records = table[["resolved", "speaker_surface", "speaker", "speaker_affiliation"]].to_dict("records")
    voice = [_voice(r, kinds) for r in records]
    if "speaker_kind" in table.columns:
        voice = [k if k in VOICE_KINDS else v for k, v in zip(table["speaker_kind"], voice)]
    side = [_side(r["speaker"] or r["speaker_affiliation"], kinds, affiliation) for r in records]
    tone = ["neutral" if v in NEUTRAL_VERBS else "charged" if v in CHARGED_VERBS else "other" for v in table["verb"]]
    return table.assign(voice=pd.Series(voice, index=table.index, dtype=object),
                        anonymous=[v == "unnamed source" for v in voice],
                        side=pd.Series(side, index=table.index, dtype=object),
                        tone=pd.Series(tone, index=table.index, dtype=object))


def _voice(row: dict, kinds: dict) -> str:
    resolved, surface = row["resolved"], row["speaker_surface"] or ""
    if resolved.startswith("unresolved: unknown name"):
        return "named, not in tables"
    if resolved.startswith("unresolved"):
        return "unresolved"
    if row["speaker"] and kinds.get(row["speaker"]) == "person":
        return "named person"
    if resolved.startswith("role") or _role_named(surface):      # "role: ..." from a statements table that names roles
        return "role-named official"
    if resolved.startswith("unnamed"):
        return "unnamed source"
    return "institution" if row["speaker"] else "unresolved"


def _role_named(surface: str) -> bool:
    """One identifiable office: a singular role word after "the" or a possessive ("the Kremlin
    spokesman", "Turkey's foreign minister"), not "a senior official" or "officials"."""
    words = re.findall(r"[\w'’]+", surface.lower())
    return bool(words) and words[-1] in ROLE_WORDS and (words[0] == "the" or any(w.endswith(("'s", "’s")) for w in words))


def _side(name: str, kinds: dict, affiliation: dict) -> str:
    """The first country or alliance on `name`'s chain of affiliations (itself if it is one)."""
    seen = set()
    while name and name in kinds and name not in seen:
        if kinds[name] in ("country", "alliance"):
            return name
        seen.add(name)
        name = affiliation[name]
    return NO_SIDE


def voice_shares(v: pd.DataFrame) -> pd.DataFrame:
    """Per outlet: statements, and the share (0-1) of its statements by each kind of voice;
    `anonymous` is the share of unnamed sources. Shares compare outlets of any size."""
    if v.empty:
        return pd.DataFrame(columns=["outlet", "statements", *VOICE_KINDS, "anonymous"])
    counts = v.pivot_table(index="outlet", columns="voice", aggfunc="size", fill_value=0)
    counts = counts.reindex(columns=list(VOICE_KINDS), fill_value=0)
    shares = counts.div(counts.sum(axis=1), axis=0).round(2)
    shares.insert(0, "statements", counts.sum(axis=1))
    shares["anonymous"] = shares["unnamed source"]
    return shares.reset_index().rename_axis(columns=None)


def verbs_by_side(v: pd.DataFrame) -> pd.DataFrame:
    """Per outlet and side: statements, the share with a charged verb, and the verbs used, most used
    first ("said 11; stressed 1"). The rows behind each are the `voices` rows of that outlet and side."""
    cols = ["outlet", "side", "statements", "charged", "share_charged", "verbs"]
    if v.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for (outlet, side), group in v.groupby(["outlet", "side"]):
        counts = group["verb"].value_counts()
        charged = int((group["tone"] == "charged").sum())
        rows.append({"outlet": outlet, "side": side, "statements": len(group), "charged": charged,
                     "share_charged": round(charged / len(group), 2),
                     "verbs": "; ".join(f"{verb} {n}" for verb, n in sorted(counts.items(), key=lambda x: (-x[1], x[0])))})
    return pd.DataFrame(rows, columns=cols)
