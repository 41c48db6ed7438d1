"""Social-media posts as queries: a post that carries its text twice (the post and its image's
caption, a copy under a share) is searched as if it said it once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from claims.matching.encoder import Encoder, _key
from claims.matching.text import drop_repeats, words

REPO = Path(__file__).resolve().parents[3]

FR_CLAIM = "Le vaccin contre le Covid-19 contient de l'oxyde de graphène."
EN_CLAIM = "The Covid-19 vaccine contains graphene oxide."


def test_a_sentence_met_again_goes_in_french_and_english():
    fr = f"ALERTE ! {FR_CLAIM} Partagez avant suppression.\n{FR_CLAIM} Partagez avant suppression."
    assert drop_repeats(fr) == f"ALERTE ! {FR_CLAIM} Partagez avant suppression."
    en = f"BREAKING: {EN_CLAIM} Share before they delete it!\n\nbreaking:   {EN_CLAIM.upper()}"
    assert drop_repeats(en) == f"BREAKING: {EN_CLAIM} Share before they delete it!"
    # BM25 sees each word of the claim once, not twice.
    assert words(drop_repeats(en)).count("graphene") == 1 and words(en).count("graphene") == 2


def test_a_text_repeated_whole_without_punctuation_is_halved():
    fr = "le vaccin contient du graphène regardez la vidéo " * 2
    assert drop_repeats(fr) == "le vaccin contient du graphène regardez la vidéo"
    en = "Bill Gates wants to microchip everyone Bill Gates wants to microchip everyone"
    assert drop_repeats(en) == "Bill Gates wants to microchip everyone"


def test_a_post_without_repeats_comes_back_as_it_was():
    for text in (
        f"{FR_CLAIM}\n\nC'est faux… Vraiment ? ... Oui. ...",
        f"{EN_CLAIM} It is. It is not.  Really?\nhttps://t.co/x #Covid",
        "Non non non.",
    ):
        assert drop_repeats(text) == text


def test_the_engine_encodes_the_post_once(tmp_path):
    corpus = tmp_path / "corpus.tsv"
    corpus.write_text(f"id\ttext\nfr\t{FR_CLAIM}\nen\t{EN_CLAIM}\n", encoding="utf-8")
    fr_post = f"{FR_CLAIM} Incroyable ! {FR_CLAIM} Incroyable !"  # a TSV field: one line
    en_post = f"{EN_CLAIM} Wake up! {EN_CLAIM} Wake up!"
    cache = tmp_path / "cache"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "claims.matching",
            "search",
            "--corpus",
            str(corpus),
            "--top",
            "1",
            "--cache",
            str(cache),
        ],
        input=f"id\ttext\npfr\t{fr_post}\npen\t{en_post}\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert [line.split("\t")[:2] for line in result.stdout.splitlines()] == [["pfr", "fr"], ["pen", "en"]]
    stored = Encoder(cache)._memory
    for post in (fr_post, en_post):
        assert _key("query", drop_repeats(post)) in stored and _key("query", post) not in stored
