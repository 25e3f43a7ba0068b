"""Candidates (workbook.candidates): unknown names surfaced with their sentence and likely variants."""
import csv

from conftest import add_article

import helpers

NEW_ARTICLE = ("ANKARA (Reuters) - Turkish Defence Minister Hulusi Akar said on Monday that the S-400 batteries "
               "would be active by April. Akar told Anadolu Agency that Ankara had no plans to return them.\n"
               "Meanwhile, Ibrahim Kalin, the presidential spokesman, said talks with Washington continued. "
               "Kalin said Turkey would not step back.")


def test_new_article_shows_its_unknown_people_as_candidates(corpus_copy):
    add_article(corpus_copy, "new_minister", NEW_ARTICLE, published="2019-12-02")
    docs = helpers.load_corpus(corpus_copy)
    cands = helpers.candidates(docs, corpus_copy)
    new = cands[cands["doc_id"] == "new_minister"]
    assert {"Hulusi Akar", "Akar", "Anadolu Agency", "Ibrahim Kalin", "Kalin"} <= set(new["surface"])
    for noise in ["Meanwhile", "Monday", "April", "Defence Minister", "Turkish", "Ankara", "ANKARA", "I"]:
        assert noise not in set(cands["surface"]), noise
    assert (new["sentence"].str.contains("Hulusi Akar") | (new["surface"] != "Hulusi Akar")).all()


def test_candidates_suggest_variants_of_known_names(corpus_copy):
    rows = [r for r in csv.DictReader(open(corpus_copy / "aliases.csv", encoding="utf-8"))
            if r["alias"] not in {"Tod Walters", "Walters", "Mekhev"}]
    with open(corpus_copy / "aliases.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    docs = helpers.load_corpus(corpus_copy)
    variants = helpers.candidates(docs, corpus_copy).drop_duplicates("surface").set_index("surface")["possible_variant"]
    assert variants["Tod Walters"].startswith("Tod D. Wolters")
    assert variants["Mekhev"].startswith("Alexander Mikheev")


def test_candidates_ranked_by_frequency_with_their_sentence(docs, sents):
    cands = helpers.candidates(docs)
    assert cands["count"].is_monotonic_decreasing
    text_of = sents.set_index(["doc_id", "sent_id"])["text"]
    for r in cands.itertuples():
        assert r.surface in r.sentence and text_of[(r.doc_id, r.sent_id)] == r.sentence
