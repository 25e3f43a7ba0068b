"""Claims: sentences that state a transfer, an offer, a sanction, a test, a deployment, a withdrawal or a
removal, suggested as rows of relations.csv for a researcher to accept.

Takes: the loaded corpus, its sentences, all mentions, the systems named by their kind (`workbook.anaphora`),
the candidate names (`workbook.candidates`), the
claim forms of corpus/claim_verbs.csv, the cues of corpus/vocabulary.csv (intent, agreement, negation,
prompt; place_head, title, body_noun, group_noun), kind_nouns.csv, systems.csv (a system's origin and
maker when the supplier is not named or a deal's sides are read), relations.csv (the curated rows, which
always win) and the chronology's time expressions (`workbook.time.tagger`).
Gives: ``claims`` (one machine-suggested row per claim, in the columns of relations.csv plus where it
comes from, how sure the reading is and the line to paste), ``as_register`` (the transfer claims as
supplier and recipient, for notebook 02) and ``accept_claim`` (append one suggestion to relations.csv,
validated). Comes after `workbook.speakers` and `workbook.relations`.

How a claim is read, for a form of a claim verb (buy, receive, deliver, sell, offer, sanction, test,
deploy, withdraw, remove ...; a noun too: "Turkey's purchase of", "the sale of"; a single-word form
before "of" is always the noun, "the production and purchase of F-35 fighters"):
- the subject is the nearest actor before it in its clause (a known entity or a new name; not a new name
  guessed a law or a place, "the ... Integrity Act", "the Murted air base"), skipping actors inside a
  prepositional phrase ("sanctions on Turkey"), after "a"/"an" ("a NATO ally"), origins of a system
  ("Russian S-400", "Russian-made") and the object of an earlier verb ("removing Turkey from the programme
  and sanctioned X": Turkey is removed, not the one who sanctions); for a passive ("was removed from",
  "will be delivered to") the actor before it is the object and "by X" the subject; after "urged /
  required / asked <someone> to" (prompt_cue of vocabulary.csv) it is the one urged, and for an unnamed
  office there ("the administration", "the President") the country named on the one urging ("U.S.
  lawmakers"), else none, the status then "planned" (a claim verb that is such a word, "ordered the
  Pentagon to", is no claim of its own); a clause's own "it" ("The following year, it
  test-fired") is the one actor the sentence before named, else none; a gerund after "for"/"over" a
  sanction or removal ("sanctions on Turkey ... for buying") is the one sanctioned; never the other end
  too: a verb coordinated after an embedded clause ("demanded that Turkey abandon the S-400 and excluded
  Ankara") takes the actor the clause opened with, else the subject is left empty;
- the other end is marked as claim_verbs.csv says: "from X", "to X", "on X", "for X" (a waiver), "with X"
  (a deal), the direct object, or the system itself, near the verb before its comma or right after the
  system's words ("deliver a second regiment of S-400 Triumf air defense systems to Turkey"); a buyer's
  supplier not named is the system's origin in systems.csv (said in notes); "sanctions on its industry"
  fall on the actor named before the verb that is not its subject; "threatened Ankara with sanctions" on Ankara;
- "a deal (contract, agreement) with X for Y": the subject buys Y from X, or sells it to X when the
  subject is Y's origin or maker; the speaker ("Erdogan said a deal with") is no party, a person after
  "with" no seller; only with Y after "for" (not "a deal with X on", nor "to deal with");
- in one sentence, a later transfer of the same system restates the first when no actor stands between
  their verbs or it names no new party; a delivery without recipient goes to the buyer named before
  ("signed a deal with Moscow ..., and Russia delivered"), an order's seller hands it over ("ordered
  Rafales from France, the last of which ... handed over");
- the system is the first weapon system after it in the clause (known, a designation such as F-16, or a
  system named by its kind, "the missile system", as `workbook.anaphora` links it),
  else the one before it ("tested it"), else for "a second batch", "its first regiment", or a passive
  whose subject is one ("The first components of the systems were delivered") the last one the article
  named, or the one its buyer last received there ("Ankara could buy another batch", "Will India buy
  more?", this only from what it received) (said in notes); for
  sanctions, the one "over (the purchase of)" or "for buying" it; for a removal, the one after "from the
  programme ... of"; in a relative clause ("the S-400 batteries it bought", "the S-400 air defense systems
  it purchased") the system before it, and "it"/"they" is the actor the sentence opens with;
- the status is the form's (bought, delivered, imposed ...), "planned" after an intent ("will", "plans
  to", "may"), "not planned" after a denied one ("does not plan to", "no intention of"), "agreed" after
  an agreement ("signed a deal to"), "not ..." after a negation;
- quantity, value and date are the text's words in the clause; the date is the chronology's expression
  nearest the verb, with its interval.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

import pandas as pd

from .candidates import candidate_sentences
from .files import CorpusError, table_file
from .knowledge import (
    ACTOR_KINDS,
    cited_table,
    claim_verbs,
    read_table,
    relation_types,
    vocabulary,
)
from .anaphora import kind_mentions, kind_nouns
from .mentions import all_mentions, linked
from .places import alternation, dateline_prefix
from .sentences import sentences
from .speakers import Actor

CLAIM_COLUMNS = ["claim_id", "subject", "relation", "object", "system", "status", "quantity", "value", "date",
                 "date_start", "date_end", "doc_id", "sent_id", "quote", "verb", "register", "suggested_by",
                 "subject_known", "object_known", "system_known", "curated", "notes", "relations_row", "outlet",
                 "published", "sentence"]
RELATIONS_FIELDS = ["subject", "relation", "object", "system", "status", "quantity", "value", "date", "doc_id",
                    "quote", "outside_source", "notes"]
_PREPOSITION = re.compile(r"\b(?:from|to|of|with|by|on|against|for|over|under|into|than|between|about|at|in|"
                          r"toward|towards|despite|including)\s+(?:the\s+|its\s+|their\s+)?"
                          r"(?:[\w.\-’']+(?:\s+and\s+|\s+or\s+))*$", re.I)     # "with France and Italy"
_MODIFIER = ("-made", "-built", "-led", "-based", "-backed", "-owned", "-run")      # "Russian-made", "U.S.-led"
# an object that points back to the system named before: "tested it", "may purchase a second batch"
_PRONOUN_OBJECT = re.compile(r"^\s+(?:it|them|the system|the systems|the batteries|the missiles|the jets|"
                             r"(?:a|another|the|its|their)\s+(?:(?:second|third|new|first|further|initial|last|final)\s+)?"
                             r"(?:batch|batches|shipment|regiment|battery|batteries|delivery|consignment|components|units|"
                             r"parts))\b", re.I)
_NOT_BETWEEN = re.compile(r"\b(?:in addition to|instead of|rather than|than|besides|alongside|after|before|"
                          r"despite|against)\b", re.I)
_DETERMINER = re.compile(r"(?:\b(?:the|a|an|its|their|his|her|this|these|any|no|whose|another|further|new)|[’']s)\s+"
                         r"(?:(?!(?:could|can|will|would|may|might|must|should|shall|has|have|had|is|are|was|were|did|"
                         r"does|do|to|not|and|or|by|for|of|with|from|in|on|at|that)\b)[\w$.,-]+\s+){0,3}$", re.I)
_NOUN = re.compile(r"(?:ion|ment|ery|eries|^sales?)$", re.I)      # never a verb: sale, delivery, shipment, acquisition
# what may stand between "Turkey" and "face sanctions": "Turkey will", "India, which is now", "Ankara could also"
_AUXILIARIES = re.compile(r"(?:\s*,?\s*(?:which|who|that|will|would|could|can|may|might|must|should|shall|is|are|was|"
                          r"were|has|have|had|now|also|still|not|likely|to|be|already|soon|again|then|certainly)\b)*\s*")
_PASSIVE = re.compile(r"\b(?:is|are|was|were|be|been|being|got)(?:\s+(?:\w+ly|not|also|already))*\s+$", re.I)
_PASSIVE_FORM = re.compile(r"\b(?:is|are|was|were|been)\s+\w+ed$", re.I)    # a form holding its passive: "sanctions were imposed"
_BOUNDARY = re.compile(r"[;:—“”\"]|,\s+(?:which|while|but|who|saying|adding|although|though|whereas)\b"
                       r"|\s+but\s+(?=[A-Z]|(?:he|she|they|it|we)\b)")
_RELATIVE = re.compile(r",\s+(?:which|who)\s*$")
_RELATIVE_PRONOUN = re.compile(r"\s(?:(?:that|which)\s+)?(?:it|they)\s+(?:(?:has|had|have|already|recently|also|"
                               r"just)\s+)*$")      # "the S-400 batteries (that) it (has) bought"
# "it" as the subject of its clause, the verb after it: "The following year, it test-fired", "and it later sold"
_IT_SUBJECT = re.compile(r"(?:^|,|\band)\s*[Ii]t\s+(?:(?:has|had|have|also|then|later|first|already|again|would|will|"
                         r"could|may|might|soon|quickly|eventually|finally|never|not|\w+ly)\s+)*$")
_QUANTITY = re.compile(r"(?<![\w\-])((?:up to |about |some |at least |nearly |more than )?(?:\d[\d,.]*|one|two|three|four|five|"
                       r"six|seven|eight|nine|ten|dozens of|a second|a third|a new|another|more)\s+(?:new\s+|more\s+)?"
                       r"(?:[\w\-/]+\s+){0,2}?(?:batteries|battery|systems|system|jets|jet|aircraft|units|unit|battalions|"
                       r"battalion|regiments|regiment|batch|batches|launchers|missiles|fighters|planes|warplanes|kits|"
                       r"components|helicopters|drones))\b", re.I)
_VALUE = re.compile(r"(?:\$|USD\s?|€|EUR\s?)\s?\d[\d,.]*\s*(?:billion|million|bn|mln|m)?\b|"
                    r"\b\d[\d,.]*\s*(?:billion|million)\s*(?:dollars|euros|rubles|roubles|liras)\b", re.I)


@dataclass
class Claim:
    """One suggested claim of a sentence (offsets within the sentence)."""
    relation: str
    status: str
    verb: str
    subject: Actor | None
    object: Actor | None
    system: Actor | None
    start: int
    end: int
    at: int
    notes: list


def _origins(text: str, actors: list, systems: list) -> set:
    """The actors of a sentence that stand for a system's origin ("Russian S-400", "Russian-made S-400") or
    modify a noun ("U.S.-led"): never the subject of a verb, but maybe the supplier a claim names."""
    near_system = {s.start - gap for s in systems for gap in (1, 6)}      # where an origin of a system ends
    return {x for x in actors if x.end in near_system and any(
        s.start - x.end in (1, 6) and (s.start - x.end == 1 or text[x.end:s.start] == "-made ") for s in systems)} \
        | {x for x in actors if text.startswith(_MODIFIER, x.end)}


class ClaimRules:
    """The claim rules compiled from one state of claim_verbs.csv, vocabulary.csv and systems.csv."""

    def __init__(self, path=None):
        forms = claim_verbs(path)
        self.forms = {f.lower(): (r, s, o) for f, r, s, o in zip(forms["form"], forms["relation"], forms["status"],
                                                                 forms["object"])}
        # the longest form standing on its own there (as "|".join of the forms longest first would find it)
        self.verb = re.compile(rf"(?<![\w\-])({alternation(self.forms)})(?![\w\-])", re.I)
        # a form of several words ending in a noun ("imposed sanctions") also holds with one or two words
        # before the noun ("imposed CAATSA sanctions", "imposed new US sanctions"), none a preposition or a "no"
        self.gapped = {f.rsplit(" ", 1)[0]: f for f in self.forms if f.endswith(" sanctions") and f.count(" ") >= 1}
        gap = r"(?:\s+(?!(?:on|against|over|for|by|in|to|of|and|no|zero|few|little|sanctions)\b)[\w.'’-]+){1,2}?"
        self.gapped_verb = re.compile(rf"(?<![\w\-])((?:{alternation(self.gapped)}){gap}\s+sanctions)(?![\w\-])",
                                      re.I) if self.gapped else None
        # a form "<verb> <noun> of" ("took delivery of", "accepted shipment of") also holds with one to three
        # words before its noun ("took the first delivery of", "accepted the first shipment of"), and then
        # stands for the noun's own form inside it
        self.taking = {(f.rsplit(" ", 2)[0], f.rsplit(" ", 2)[1]): f for f in self.forms
                       if f.endswith(" of") and f.count(" ") >= 2 and _NOUN.search(f.rsplit(" ", 2)[1])}
        words = r"(?:\s+(?!(?:on|against|over|for|by|in|to|of|and|or|no|not|with|from|that|which)\b)[\w.'’$-]+){1,3}?"
        heads, nouns = {h for h, _ in self.taking}, {n for _, n in self.taking}
        self.taking_verb = re.compile(rf"(?<![\w\-])((?:{alternation(heads)}){words}\s+(?:{alternation(nouns)})\s+of)"
                                      r"(?![\w\-])", re.I) if self.taking else None
        vocab = vocabulary(path)
        cue = lambda c, gap: re.compile(r"(?:^|\b)(?:" + "|".join(re.escape(w) for w in sorted(vocab[c], key=len, reverse=True))  # noqa: E731
                                        + rf")\b(?:\s+[\w\-]+){{0,{gap}}}\s+$", re.I)
        # a plan or an agreement may stand a few words before the verb ("may subsequently buy"); a denial
        # right before it ("did not deliver", "not yet delivered"), not "not limited to supplying"
        self.intent, self.agreement, self.negation = cue("intent_cue", 3), cue("agreement_cue", 3), cue("negation_cue", 1)
        systems = read_table("systems.csv", path)
        origin = systems[systems["attribute"] == "origin"]
        self.origin = {s: v.split(" and ")[0] for s, v in zip(origin["system"], origin["value"])}
        side = systems[systems["attribute"].isin(["origin", "maker"])]
        self.suppliers = {}                   # the names on a system's supplying side: its origins and makers
        for name, value in zip(side["system"], side["value"]):
            self.suppliers.setdefault(name, set()).update(v.strip() for v in value.split(" and "))
        words = lambda c: "|".join(map(re.escape, sorted(vocab[c], key=len, reverse=True)))  # noqa: E731
        # "urged <the one urged> to impose": the slot opens with no preposition ("asked for payment to")
        self.prompt = re.compile(rf"(?:^|\b)(?:{words('prompt_cue')})\s+(?P<slot>(?!(?:for|by|about|if|whether|when|why|how|"
                                 r"that|in|on|at)\b)(?:[\w.’'\-]+\s+){1,6}?)to\s+(?:\w+ly\s+)?$", re.I)
        self.prompt_words = {w.lower() for w in vocab["prompt_cue"]}
        self.prompted_after = re.compile(r"\s+((?:[\w.’'\-]+\s+){1,6}?)to\s+\w", re.I)   # "ordered <someone> to"
        self.office = re.compile(rf"\b(?:{words('body_noun')}|{words('title')})\b", re.I)   # "the administration"
        self.member = re.compile(rf"\s+(?:{words('title')}|{words('group_noun')})\b", re.I)  # "U.S. lawmakers"
        heads = sorted(vocab["place_head"], key=len, reverse=True)
        self.place_after = re.compile(r"\s+(?:" + "|".join(map(re.escape, heads)) + r")\b", re.I)
        said = sorted(vocab["reporting_verb"] | vocab["reporting_verb_inverts"], key=len, reverse=True)
        self.reporting = re.compile(r"\s+(?:\w+\s+){0,2}?(?:" + "|".join(map(re.escape, said)) + r"|fears?|feared|warns?)\b")
        # the words naming a system's kind after its name: "the S-400 air defense systems (it bought)"
        nouns = sorted(kind_nouns(path)["noun"], key=len, reverse=True)
        self.kind_tail = re.compile(r"^\s+(?:[\w\-]+\s+){0,3}?(?:" + "|".join(map(re.escape, nouns)) + r")(?:s|es)?\s*$", re.I)
        types = relation_types(path)
        self.register = dict(zip(types["relation"], types["register"]))

    def sentence(self, text: str, actors: list, systems: list, earlier: Actor | None = None,
                 sole: Actor | None = None, received: dict | None = None) -> list[Claim]:
        """The claims of one sentence. A later transfer of a system the sentence already has a transfer of is
        the same claim when no actor stands between their verbs ("to receive more S400 supplies") or when it
        is of the same relation and names no party the first did not ("a deal with Moscow for the purchase
        of the S-400"); a delivery whose recipient is not named goes to the buyer of that system the
        sentence named before ("Turkey signed a deal with Moscow for the S-400, and Russia delivered the
        first battery in 2019"), one whose supplier is not named comes from the seller of that order; a
        gerund after "for"/"over" a sanction or removal is the one sanctioned's ("sanctions on Turkey ...
        for buying the S-400"). `earlier`: the last system the article named before it; `sole`: the one
        actor the sentence before named, whom a clause's own "it" stands for ("The following year, it
        test-fired the system"); `received`: name -> the system of its last transfer in the article, which
        "another batch" it buys is more of ("Ankara could buy another batch")."""
        out, origins = [], None
        for m, form in self._verbs(text):
            relation, status, marker = self.forms[form]
            origins = _origins(text, actors, systems) if origins is None else origins
            c = self._read(text, m, relation, status, marker, actors, systems, origins, earlier, sole, received)
            if c is None:
                continue
            punished = next((p for p in reversed(out) if p.relation in ("sanctions", "removed_from") and p.object is not None
                             and p.at < c.at), None)
            if punished is not None and re.search(r"\b(?:for|over)\s+$", text[max(0, c.at - 6):c.at]) \
                    and c.verb.lower().endswith("ing"):             # "sanctions on Turkey ... for buying the system"
                c.subject = punished.object
            if self.register.get(c.relation) == "transfer":
                before = [p for p in out if self.register.get(p.relation) == "transfer" and p.system.name == c.system.name]
                if any(self._same_transfer(p, c, actors) for p in before):
                    continue
                bought = next((p for p in reversed(before) if p.relation == "buys" and p.subject is not None
                               and p.object is not None and c.subject is not None and p.object.name == c.subject.name), None)
                if c.relation == "supplies" and c.object is None and bought is not None:
                    c.object = bought.subject
                    c.notes.append(f"recipient not named in its clause: {bought.subject.name}, the buyer named before")
                order = next((p for p in reversed(before) if p.relation == "buys" and p.subject is not None
                              and p.object is not None and (c.object is None or c.object.name == p.subject.name)), None)
                if c.relation == "supplies" and c.subject is None and order is not None:
                    c.subject = order.object     # "India ordered Rafales from France, the last of which ... handed over"
                    c.notes.append(f"supplier not named in its clause: {order.object.name}, the seller named before")
            out.append(c)
        return out

    @staticmethod
    def _same_transfer(p: Claim, c: Claim, actors: list) -> bool:
        """Whether transfer `c` only restates the earlier transfer `p` of the same system in the sentence."""
        verb_end = p.at + len(p.verb)
        if not any(verb_end <= x.start and x.end <= c.at for x in actors):
            return True
        parties = {x.name for x in (p.subject, p.object) if x is not None}
        return c.relation == p.relation and all(x is None or x.name in parties for x in (c.subject, c.object))

    def place(self, text: str, x: Actor) -> bool:
        """Whether a new name is a place by the words after it: "the Murted air base" (place_head words)."""
        return self.place_after.match(text, x.end) is not None

    def _verbs(self, text: str) -> list[tuple[re.Match, str]]:
        """(match, form of claim_verbs.csv) of every claim verb of a sentence, in text order: the forms as
        written, those with words before their noun (`gapped_verb`) where no form stands, and "<verb> ...
        <noun> of" (`taking_verb`) in place of the noun's form."""
        found = [(m, m.group(1).lower()) for m in self.verb.finditer(text)]
        if self.gapped_verb is not None and "sanctions" in text.lower():
            taken = [m.span() for m, _ in found]
            for m in self.gapped_verb.finditer(text):
                if not any(a < m.end() and m.start() < b for a, b in taken):
                    low = m.group(1).lower()
                    head = max((h for h in self.gapped if low.startswith(h + " ")), key=len)
                    found.append((m, self.gapped[head]))
            found.sort(key=lambda x: x[0].start())
        if self.taking_verb is not None:
            for m in self.taking_verb.finditer(text):
                low = m.group(1).lower()
                head = max((h for h, _ in self.taking if low.startswith(h + " ")), key=len)
                form = self.taking.get((head, low.rsplit(" ", 2)[1]))
                if form is not None:                  # the noun's own form ("shipment") gives way to it
                    found = [(f, x) for f, x in found if not (m.start() <= f.start() and f.end() <= m.end())]
                    found.append((m, form))
            found.sort(key=lambda x: x[0].start())
        return found

    def _clause(self, text: str, a: int, b: int) -> tuple[int, int]:
        left = max([m.end() for m in _BOUNDARY.finditer(text, 0, a)] or [0])
        right = next((m.start() for m in _BOUNDARY.finditer(text, b)), len(text))
        return left, right

    def _read(self, text, m, relation, status, marker, actors, systems, origins, earlier=None, sole=None,
              received=None) -> Claim | None:
        a, b = m.span()
        left, right = self._clause(text, a, b)
        before = text[left:a]
        urged = self.prompted_after.match(text, b) if m.group(1).lower() in self.prompt_words else None
        if urged and not any(urged.start(1) <= s.start < urged.end(1) for s in systems) and (
                self.office.search(urged.group(1)) or any(urged.start(1) <= x.start < urged.end(1) for x in actors)):
            return None                 # "Biden ordered U.S. forces to withdraw": an order to someone, no purchase
        nominal = _NOUN.search(m.group(1)) is not None and not re.search(r"\bto\s+$", before) or (  # not "to sanction"
            any(0 <= a - y.end <= 1 for y in systems)) or (
            " " not in m.group(1) and re.match(r"\s+of\b", text[b:]) is not None           # "production and purchase
            and not any(0 <= a - x.end <= 1 for x in actors)) or (                          # of", not "a US offer of"
            " " not in m.group(1) and bool(_DETERMINER.search(text, max(0, a - 40), a))
            and not re.search(r"\bto\s+$", before) and not _RELATIVE_PRONOUN.search(before)
            and not any(0 <= a - x.end <= 1 for x in actors))
        in_form = _PASSIVE_FORM.search(m.group(1)) is not None
        passive = bool(_PASSIVE.search(before)) and not m.group(1).lower().split()[0].endswith("ing") \
            or "undergoer" in marker.split("|") or in_form  # not "is sanctioning"; "Turkey will face sanctions" reads
        notes, relative, quoted, back = [], False, (a, b), None          # quoted: words the quote holds besides the three names
        verb_ends = [v.end() for v in self.verb.finditer(text, left, a)]             # "removing Turkey ... and
        objects = {x for x in actors for e in verb_ends                                # sanctioned"
                   if e <= x.start and re.fullmatch(r"\s+(?:the\s+)?", text[e:x.start])}

        def free(x):                # an actor that can be the subject: not after a preposition, not another verb's object
            return relative or not _PREPOSITION.search(text, max(0, x.start - 30), x.start) and x not in origins \
                and x not in objects and not re.search(r"\b(?:a|an)\s+$", text[max(0, x.start - 4):x.start])  # "a NATO ally"

        lefts = [x for x in actors if left <= x.start and x.end <= a and (x.kind in ACTOR_KINDS or not x.known)]
        relative = not lefts and bool(_RELATIVE.search(text, 0, left))
        if relative:                                              # "Ukraine, which already operates"
            lefts = [x for x in actors if x.end <= left and (x.kind in ACTOR_KINDS or not x.known)][-1:]
        rights = [x for x in actors if b <= x.start < right and (x.kind in ACTOR_KINDS or not x.known)]
        segment = text.find(",", b)
        segment = right if segment < 0 else min(segment, right)
        pronoun, system = None if nominal or passive else _RELATIVE_PRONOUN.search(before), None
        if pronoun:                             # "the S-400 batteries it bought": the system the clause is about
            system = next((s for s in reversed(systems) if s.end <= left + pronoun.start()
                           and (len(text[s.end:left + pronoun.start()].split()) <= 2
                                or self.kind_tail.match(text[s.end:left + pronoun.start()]))), None)
            pronoun = pronoun if system is not None else None
        if system is None:
            system = next((s for s in systems if b <= s.start < segment and len(text[b:s.start].split()) <= 5
                           and not _NOT_BETWEEN.search(text, b, s.start)), None)
        if system is None and not nominal and (passive or _PRONOUN_OBJECT.match(text[b:])):
            system = next((s for s in reversed(systems) if s.end <= a and s.start >= left), None)   # "tested it"
            # "would buy a second batch", "The first components of the systems were delivered": the system
            # named before in the article
            after = _PRONOUN_OBJECT.match(text[b:])
            patient = passive and not lefts and _PRONOUN_OBJECT.match(" " + before.lstrip())
            if system is None and earlier is not None and (after or patient):
                system = earlier
                back = len(notes)                  # where the note stands, should its buyer's system replace it
                notes.append(f"system named earlier in the article: {earlier.name}")
                quoted = (b, b + after.end()) if after else (left + len(before) - len(before.lstrip()), b)
        if system is None and nominal:                                                            # "S400 supplies"
            system = next((s for s in systems if 0 <= a - s.end <= 1), None)
        if system is None and relation == "removed_from":     # "from the program for the production of F-35 fighters"
            programme = re.search(r"\bfrom\s+(?:the|its|their)\s+(?:[\w\-]+\s+){0,2}?(?:program|programme|consortium|"
                                  r"project|partnership)\b", text[b:segment])
            system = next((s for s in systems if programme and b + programme.end() <= s.start < segment), None)
        if system is None and relation == "sanctions":          # "sanctions on its industry over the purchase of S-400s"
            over = re.compile(r"\b(?:over|for)\s+(?:(?:the|its|their|a)\s+)?(?:(?:purchase|acquisition|deployment|sale|"
                              r"delivery|deal|contract|test|testing|activation|acceptance|receipt|possession)\s+of\s+|"
                              r"(?:buying|purchasing|acquiring|procuring|receiving|deploying|testing|operating)\s+)?"
                              r"(?:(?:the|its|their)\s+)?$", re.I)       # "over the purchase of", "for buying the"
            system = next((s for s in systems if b <= s.start < right and
                           (over.search(text, b, s.start) or any(over.search(text, b, x.start) and
                                                               0 <= s.start - x.end <= 6 for x in origins))), None)
        deal = "with" in marker.split("|")         # "signed a deal with Moscow for two S-400 batteries"
        if deal:                                    # the system after 'for': not "a deal with X on", nor "to deal with"
            fors = re.compile(r"\bfor\s+(?:[\w$.,\-]+\s+){0,4}$")
            system = next((s for s in systems if b <= s.start < segment and fors.search(text, b, s.start)), None)
            if system is None or re.search(r"\bto\s+$", before):
                return None
        near = [x for x in rights if len(text[b:x.start].split()) <= 8               # the other end stands near the
                or system is not None and b <= system.start and system.end <= x.start  # verb, or near the system
                and len(text[system.end:x.start].split()) <= 5]                      # named between them
        subject = obj = None
        if passive:                  # the actor before the verb undergoes it, "by X" does it
            patient = next((x for x in reversed(lefts) if free(x)), None)
            agent = next((x for x in rights if re.search(r"\bby\s+(?:the\s+)?$", text[max(0, x.start - 10):x.start])), None)
            if "undergoer" in marker.split("|"):     # "Turkey could face sanctions from the United States": the
                coordinated = re.search(r"\b(?:or|and)\s+$", text[max(0, a - 8):a])     # "Ankara to drop it or face"
                if patient is not None and not coordinated and not _AUXILIARIES.fullmatch(text, patient.end, a):
                    return None                      # "any country buying the S-400 could face": not the one named
                agent = agent or self._marked(text, rights, "from")
            subject = agent
            if relation == "buys":                                  # "Turkey was sold ...": the buyer stands before
                subject, obj = patient or agent, self._marked(text, rights, "from")
            elif relation in ("supplies", "offered_to"):            # "Turkey was offered" / "were delivered to Turkey"
                obj = patient or self._marked(text, rights, "to")
            elif relation in ("removed_from", "sanctions"):         # "Turkey was removed from the F-35 programme"
                obj = patient
                if in_form:          # "sanctions were imposed on SSB by the United States": the one after the form
                    obj = next((x for mark in marker.split("|") for x in [self._marked(text, rights, mark)] if x), None)
        else:
            # "Turkey's request to buy": the possessor of the request; a noun ("Turkey's purchase of", "the sale
            # of US F-16s"): its possessor, else "by X", else the system's origin further down
            owner = next((x for x in reversed(lefts) if re.fullmatch(r"[’']s\s+(?:[\w$.,\-]+\s+){0,3}?(?:to\s+)?",
                                                                      text[x.end:a])), None)
            if nominal:
                subject = owner or next((x for x in rights if x.start < segment and   # "the sale of X by Y", not past a comma
                                         re.search(r"\bby\s+(?:the\s+)?$", text[max(0, x.start - 10):x.start])), None)
                if subject is None and re.search(r"\b(?:its|their)\s+(?:\w+\s+){0,2}$", text[max(0, a - 30):a]):
                    subject = next((x for x in reversed([y for y in actors if y.end <= a]) if x.kind != "person"
                                    and x not in origins), None)           # "Turkey ... its purchase of"
            elif pronoun:          # "it"/"they" of a relative clause: the actor the sentence opened with
                opening = dateline_prefix(text)
                subject = next((x for x in actors if opening <= x.start and x.end <= system.start and x.kind != "person"
                                and (x.kind in ACTOR_KINDS or not x.known) and x not in origins
                                and not _PREPOSITION.search(text, max(0, x.start - 30), x.start)
                                and not self.reporting.match(text, x.end)), None)   # not "NATO says the S-400 it bought"
            else:
                subject = owner or next((x for x in reversed(lefts) if free(x)), None)
                if subject is None and sole is not None and _IT_SUBJECT.search(before):
                    subject = sole                           # "The following year, it test-fired the system"
                    notes.append(f"'it': {sole.name}, the one actor the sentence before names")
                prompted = self.prompt.search(before)        # "urged the administration to impose": not the urger
                if prompted:
                    subject = self._prompted(text, left + prompted.start("slot"), left + prompted.end("slot"),
                                             left + prompted.start(), actors)
                    status = status if status.startswith("not ") else "planned"
            for mark in marker.split("|"):
                if obj is None and mark == "direct":
                    obj = next((x for x in rights if len(text[b:x.start].split()) <= 2 and "," not in text[b:x.start]
                                and x not in origins
                                and not _PREPOSITION.search(text, max(0, x.start - 30), x.start)), None)
                elif obj is None and mark == "system":
                    obj = system
                elif obj is None:
                    obj = self._marked(text, [x for x in near if x.start < segment or system is not None
                                              and system.end <= x.start and "," not in text[b:system.start]], mark)
        if subject is not None and obj is not None and subject.name == obj.name:
            # no one removes, sanctions or supplies itself: "The US demanded that Turkey abandon the S-400 and
            # excluded Ankara": a verb coordinated after another's clause has the subject the sentence opened with
            first = next((x for x in lefts if free(x)), None)
            coordinated = re.search(r"\band\s+(?:[\w,]+\s+){0,3}$", text[subject.end:a]) is not None
            subject = first if coordinated and first is not None and first.name != obj.name else None
        if obj is None and not passive and relation == "sanctions":           # "threatened Ankara with sanctions"
            obj = next((x for x in actors if a < x.start and x.end < b and re.match(r"\s+with\b", text[x.end:b])), None)
        if obj is None and not passive and re.match(r"\s+(?:on|against)\s+(?:its|their)\b", text[b:]) and "on" in marker:
            obj = next((x for x in reversed([y for y in actors if y.end <= a]) if x is not subject and x not in origins
                        and x.kind in ("country", "organization", "alliance")), None)   # "sanctions on its industry"
        if system is None and relation == "buys" and subject is not None and subject.name in (received or {}) \
                and re.match(r"\s+more\s*(?:[?.!,;]|$|(?:of them|next|this|later|soon)\b)", text[b:]):
            system = received[subject.name]              # "Will Turkey buy more?": more of what it received
            notes.append(f"system of {subject.name}'s last transfer in the article: {system.name}")
        recipient = subject if relation == "buys" else obj if relation == "supplies" else None
        if back is not None and recipient is not None and (received or {}).get(recipient.name, system).name != system.name:
            system = received[recipient.name]          # "another batch" of what it received, not the last system named
            notes[back] = f"system of {recipient.name}'s last transfer in the article: {system.name}"
        if deal and subject is not None and self.reporting.match(text, subject.end):
            subject = None                     # "Erdogan said a deal with ...": the speaker is no party to it
        if deal and obj is not None and obj.kind == "person":
            obj = None                         # "a deal with Putin": the party is the state, taken from the system
        if deal and subject is not None and subject.name in self.suppliers.get(system.name, ()):
            relation = "supplies"              # "Russia signed a contract with Turkey for the S-400": the seller's deal
        if relation in ("supplies", "offered_to") and subject is None and system is not None:
            made = next((x for x in origins if abs(x.end - system.start) <= 6), None)
            subject = made or self._origin(system, notes, "supplier")
        if relation == "buys" and obj is None and system is not None:
            made = next((x for x in origins if abs(x.end - system.start) <= 6), None)
            obj = made or self._origin(system, notes, "supplier")
        if relation == "removed_from" and subject is None and system is not None:
            subject = self._origin(system, notes, "programme's country")
        if subject is not None and obj is not None and subject.name == obj.name and relation != "operates":
            subject = None                  # "Russia's arms exporter, by procuring the S-400": no buyer buys from itself
            notes.append("subject left empty: it would be the other end too")
        if self.register.get(relation) == "transfer" or relation == "operates":
            if system is None:
                return None                               # a transfer names what is transferred
        if relation == "operates" and obj is None:
            obj = system
        if subject is None and obj is None:
            return None
        status = status if nominal else self._status(text, left, a, status)   # "would not reverse its purchase"
        start = min([x.start for x in (subject, obj, system) if x is not None and x.start >= left] + [quoted[0]]
                    + ([subject.start] if relative and subject is not None and subject.start >= 0 else []))  # "India, which"
        end = max([x.end for x in (subject, obj, system) if x is not None and x.end <= right] + [quoted[1]])
        return Claim(relation, status, m.group(1), subject, obj, system, start, end, a, notes)

    def _prompted(self, text: str, a: int, b: int, cue: int, actors: list) -> Actor | None:
        """The subject of "X urged/required <slot> to <verb>": the actor named in the slot; for an unnamed
        body or office there ("the administration", "the President"), the country of the one urging when
        the text names it on them ("U.S. lawmakers", "U.S. Senator X"); else none."""
        named = next((x for x in actors if a <= x.start and x.end <= b), None)
        if named is not None or not self.office.search(text, a, b):
            return named
        return next((x for x in reversed(actors) if x.end <= cue and x.kind == "country"
                     and self.member.match(text, x.end)), None)

    def _marked(self, text: str, rights: list, mark: str) -> Actor | None:
        return next((x for x in rights if re.search(rf"\b{mark}\s+(?:the\s+)?$", text[max(0, x.start - 12):x.start])), None)

    def _origin(self, system: Actor, notes: list, what: str) -> Actor | None:
        country = self.origin.get(system.name)
        if not country:
            return None
        notes.append(f"{what} not named in the sentence: {country}, the origin of {system.name} in systems.csv")
        return Actor(-1, -1, country, "country", True)

    def _status(self, text: str, left: int, a: int, status: str) -> str:
        before = text[max(left, a - 50):a]
        if self.negation.search(before):
            return f"not {status}"
        if self.agreement.search(before):
            return "agreed"
        plan = self.intent.search(before)
        if plan and self.negation.search(before[:plan.start()]):
            return "not planned"                                   # "does not plan to send", "will not seek to"
        if plan:
            return "planned"
        return status


def claims(docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None,
           occ: pd.DataFrame | None = None) -> pd.DataFrame:
    """Machine-suggested claims: one row per sentence-level claim in the shape of relations.csv.

    Every row is marked ``suggested_by`` = "machine (claims)", cites its doc_id, sent_id and quote (words
    of the sentence), and carries `relations_row`, the line to paste into corpus/relations.csv (or call
    `accept_claim(claim_id)`). `curated` is True where relations.csv already has a row citing the same
    sentence for the same relation: the curated row wins, and notebooks leave such suggestions out.
    `subject_known`/`object_known`/`system_known` say whether the tables know the name yet (accepting a
    row with a new name needs its entities.csv row first; `candidates` has it ready). `register` is
    "transfer" for the relations of notebook 02's register.

    `occ`: the rows of `candidate_sentences` over the whole corpus for these articles, when they are a
    part of it (as for `statements`: the cache computes claims a part at a time).

    Returns
    -------
    DataFrame with CLAIM_COLUMNS, in text order.
    """
    sents = sentences(docs) if sents is None else sents
    found = all_mentions(docs, path, sents)
    occ = candidate_sentences(docs, path, sents, found) if occ is None else occ
    kinds = kind_mentions(docs, linked(found), sents, path)      # "the missile system" after the S-400 was named
    rules = ClaimRules(path)
    start_of = {(d, s): a for d, s, a in _columns(sents, "doc_id", "sent_id", "start")}
    actors, systems = {}, {}
    settled = found[~found["kind"].isin(["ambiguous", "unlinked"])]
    for d, s, a, b, e, k in _columns(settled, "doc_id", "sent_id", "start", "end", "entity", "kind"):
        x = Actor(a - start_of[(d, s)], b - start_of[(d, s)], e, k, True)
        (systems if k == "weapon_system" else actors).setdefault((d, s), []).append(x)
    for d, s, a, b, e in _columns(kinds, "doc_id", "sent_id", "start", "end", "entity"):
        inside = (d, s)
        systems.setdefault(inside, []).append(Actor(a - start_of[inside], b - start_of[inside], e, "weapon_system", True))
        actors[inside] = [x for x in actors.get(inside, []) if not (a - start_of[inside] <= x.start < b - start_of[inside])]
    for d, s, a, b, n, k in _columns(occ, "doc_id", "sent_id", "start", "end", "surface", "kind"):
        if k == "ambiguous" or k and k != "weapon_system" and k not in ACTOR_KINDS:
            continue                      # a new name guessed a law or a place ("... Integrity Act") does not act
        x = Actor(a - start_of[(d, s)], b - start_of[(d, s)], n, k, False)
        (systems if k == "weapon_system" else actors).setdefault((d, s), []).append(x)
    dates = _dates(docs, sents)
    rows, last_system, sole, last_doc, received = [], {}, None, None, {}
    for doc_id, sent_id, text in _columns(sents, "doc_id", "sent_id", "text"):
        key = (doc_id, sent_id)
        sole, received = (sole, received) if doc_id == last_doc else (None, {})
        xs = [x for x in sorted(actors.get(key, []), key=lambda x: x.start) if x.known or not rules.place(text, x)]
        ys = sorted(systems.get(key, []), key=lambda x: x.start)
        for k, c in enumerate(rules.sentence(text, xs, ys, last_system.get(doc_id), sole, received), start=1):
            rows.append(_row(c, key, text, k, dates.get(key, []), rules))
            recipient = c.subject if c.relation == "buys" else c.object if c.relation == "supplies" else None
            if recipient is not None and not c.status.startswith("not "):
                received[recipient.name] = c.system
        if ys:
            last_system[doc_id] = Actor(-1, -1, ys[-1].name, ys[-1].kind, ys[-1].known)
        sole, last_doc = _sole_actor(text, xs, ys), doc_id
    table = pd.DataFrame(rows, columns=[c for c in CLAIM_COLUMNS if c not in ("curated", "outlet", "published",
                                                                              "relations_row")])
    table["curated"] = pd.array(_curated(table, docs, path, sents), dtype=bool)
    for col in ("subject_known", "object_known", "system_known"):
        table[col] = table[col].astype(bool)
    table["sent_id"] = table["sent_id"].astype("int64")
    for col in ("date_start", "date_end"):
        table[col] = pd.to_datetime(table[col]).astype("datetime64[ns]")
    cells = {f: table[f].tolist() if f in table else [""] * len(table) for f in RELATIONS_FIELDS}
    cells["notes"] = ["; ".join(filter(None, ["machine-suggested (claims), checked by hand", n])) for n in cells["notes"]]
    table["relations_row"] = pd.Series([_csv_line(row) for row in zip(*cells.values())], index=table.index, dtype=object)
    catalog = docs[["doc_id"]].assign(outlet=docs["outlet"] if "outlet" in docs else "",
                                      published=docs["published"] if "published" in docs else pd.NaT)
    table = table.merge(catalog, on="doc_id", how="left")
    return table[CLAIM_COLUMNS]


def _sole_actor(text: str, actors: list, systems: list) -> Actor | None:
    """The one known country, organisation or alliance a sentence names (however often), not counting the
    origins of its systems ("Turkey activated the S-400's radars, tracking Turkish F-16s": Turkey); None when
    it names none, several, or a person (whom a later "it" cannot stand for, but who may be what "it" is not)."""
    origins = _origins(text, actors, systems)
    names = {(x.name, x.kind) for x in actors if x not in origins and (x.known or x.kind in ACTOR_KINDS)}
    if len(names) != 1:
        return None
    (name, kind), = names
    return Actor(-1, -1, name, kind, True) if kind in ("country", "organization", "alliance") else None


def _row(c: Claim, key: tuple, text: str, k: int, dates: list, rules: ClaimRules) -> dict:
    doc_id, sent_id = key
    left, right = rules._clause(text, c.at, c.at)
    seg_left = max(left, text.rfind(",", 0, c.at) + 1)
    seg_right = text.find(",", c.at)
    seg_right = right if seg_right < 0 else min(seg_right, right)
    segment = text[seg_left:seg_right]                            # quantity and value: the verb's own stretch
    quantity = next((m.group(1) for m in _QUANTITY.finditer(segment)), "")
    value = next((m.group() for m in _VALUE.finditer(segment)), "")
    date = min(dates, key=lambda d: (not (left <= d[0] < right), abs(d[0] - c.at)), default=None)
    quote = text[c.start:c.end].strip(" ,.;:“”\"")
    name = lambda x: x.name if x is not None else ""                                # noqa: E731
    known = lambda x: bool(x is not None and x.known)                               # noqa: E731
    return {"claim_id": f"{doc_id}:{sent_id}:{k}", "subject": name(c.subject), "relation": c.relation,
            "object": name(c.object), "system": name(c.system), "status": c.status, "quantity": quantity,
            "value": value, "date": date[1] if date else "", "date_start": date[2] if date else pd.NaT,
            "date_end": date[3] if date else pd.NaT, "doc_id": doc_id, "sent_id": sent_id, "quote": quote,
            "verb": c.verb, "register": rules.register.get(c.relation, ""), "suggested_by": "machine (claims)",
            "subject_known": known(c.subject), "object_known": known(c.object), "system_known": known(c.system),
            "notes": "; ".join(c.notes), "sentence": text}


def _dates(docs: pd.DataFrame, sents: pd.DataFrame) -> dict:
    """(doc_id, sent_id) -> [(offset in the sentence, surface, start, end)] from the chronology."""
    if "reference_date" not in docs:
        return {}
    from .time.tagger import time_expressions

    ev = time_expressions(docs, sents)
    start_of = {(d, s): a for d, s, a in _columns(sents, "doc_id", "sent_id", "start")}
    out = {}
    for d, s, surface, a, b, at in _columns(ev, "doc_id", "sent_id", "surface", "start", "end", "char_start"):
        if (d, s) in start_of:
            out.setdefault((d, s), []).append((at - start_of[(d, s)], surface, a, b))
    return out


def _columns(table: pd.DataFrame, *names: str):
    """The rows of `table`'s columns `names` as tuples of plain values (one pass, no pandas per row)."""
    return zip(*(table[c].tolist() for c in names))


def _family(relation: str, register: dict) -> str:
    return "transfer" if register.get(relation) == "transfer" else relation


def _curated(table: pd.DataFrame, docs: pd.DataFrame, path, sents: pd.DataFrame) -> list[bool]:
    """True where relations.csv cites the same sentence for the same relation (transfers as one family)."""
    if table.empty:
        return []
    register = dict(zip(*relation_types(path)[["relation", "register"]].T.values))
    rel = cited_table("relations.csv", docs, path, sents=sents)
    done = {(d, int(s), _family(r, register)) for d, s, r in zip(rel["doc_id"], rel["sent_id"], rel["relation"])
            if d and not pd.isna(s)}
    return [(d, int(s), _family(r, register)) in done for d, s, r in zip(table["doc_id"], table["sent_id"], table["relation"])]


def _csv_line(cells) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(["" if pd.isna(c) else c for c in cells])
    return out.getvalue()


def accept_claim(claim, docs: pd.DataFrame, path=None, sents: pd.DataFrame | None = None) -> str:
    """Accept one suggestion: append its row to corpus/relations.csv (of `path`) and check the table.

    `claim` is a claim_id ("doc:sent:k") or a row of `claims`. Raises CorpusError, leaving relations.csv as
    it was, when the row would not pass the table's checks (a new name not yet in entities.csv, an empty
    subject or object, a status the relation needs): fix the row (its `relations_row`) by hand instead.
    Returns the line written.
    """
    if isinstance(claim, str):
        table = claims(docs, path, sents)
        rows = table[table["claim_id"] == claim]
        if rows.empty:
            raise CorpusError([f"no suggested claim '{claim}'; list them with helpers.claims(docs)"])
        claim = rows.iloc[0]
    file = table_file("relations.csv", path)
    before = file.read_bytes()
    line = claim["relations_row"]
    header = before.decode("utf-8").splitlines()[0].split(",")
    cells = next(csv.reader(io.StringIO(line)))
    row = dict(zip(RELATIONS_FIELDS, cells))
    with open(file, "a", encoding="utf-8", newline="") as f:
        if not before.endswith(b"\n"):
            f.write("\n")
        f.write(_csv_line([row.get(h, "") for h in header]) + "\n")
    try:
        cited_table("relations.csv", docs, path, sents=sents)
    except CorpusError as err:
        file.write_bytes(before)
        raise CorpusError([f"{claim['claim_id']}: not accepted, relations.csv is unchanged: {p}" for p in err.problems]) from err
    return line


def as_register(table: pd.DataFrame, path=None) -> pd.DataFrame:
    """The transfer claims of `claims` in the register's shape (notebook 02): supplier, recipient, system,
    status, quantity, value, date, date_start, date_end, doc_id, sent_id, quote, claim_id, curated, notes,
    relations_row; which end supplies comes from the relation's direction in relation_types.csv."""
    types = relation_types(path)
    transfer = table[table["register"] == "transfer"]
    object_supplies = transfer["relation"].isin(types.loc[types["direction"] == "object_supplies", "relation"])
    out = transfer.assign(supplier=transfer["object"].where(object_supplies, transfer["subject"]),
                          recipient=transfer["subject"].where(object_supplies, transfer["object"]))
    return out[["supplier", "recipient", "system", "status", "quantity", "value", "date", "date_start", "date_end",
                "doc_id", "sent_id", "quote", "claim_id", "curated", "suggested_by", "notes", "relations_row"]]
