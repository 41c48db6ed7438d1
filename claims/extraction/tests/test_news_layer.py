"""What the engine tells the scorer about news items: quote frames, time anchors, the writer's own voice,
pronominal verbs that are not speech, and counts whose noun is a pronoun."""

from __future__ import annotations

from claims.extraction import checkworthiness as cw
from claims.extraction import extract

from .conftest import check_offsets


def by_text(ext, start):
    found = [c for c in ext.claims if c.text.startswith(start)]
    assert found, f"no claim starting with {start!r}: {[c.text for c in ext.claims]}"
    return found[0]


FRAMED = (
    "Les discussions ont repris à Kampala.\n"
    "« Nous avons terminé les pourparlers, il ne reste plus qu'à organiser la signature », a affirmé "
    "Roger Lumbala, vice-président de la délégation du M23, cité dans un communiqué publié à Kampala."
)


def test_a_reporting_frame_alone_is_not_a_claim():
    ext = extract(FRAMED, "fr")
    check_offsets(FRAMED, ext)
    quote = by_text(ext, "Nous avons terminé les pourparlers")
    assert quote.speaker == "Roger Lumbala"
    # the sentence says nothing beyond "X said", however long the speaker's description: only the
    # quote is an item
    assert not [c for c in ext.claims if c.text.startswith("« Nous avons")]


def test_a_frame_with_only_a_number_about_the_speaker_is_kept_but_not_flagged():
    text = (
        "« Ce matin nous avons retraversé pour aller dans nos champs, mais les militaires nous ont dit de "
        "nous replier », a indiqué à l'AFP Imelda Nyirankusi, entourée de ses neuf enfants, dont un "
        "nourrisson sur le dos."
    )
    ext = extract(text, "fr")
    check_offsets(text, ext)
    frame = by_text(ext, "« Ce matin")
    assert not frame.checkworthy


def test_a_frame_with_a_claim_of_its_own_is_judged_on_that_claim():
    text = (
        "« Ça n'a pas cessé depuis ce matin, les combats continuent », a indiqué un habitant de Jomba, "
        "selon qui une fillette a été blessée par balle dans la matinée."
    )
    ext = extract(text, "fr")
    sentence = by_text(ext, "« Ça n'a pas cessé")
    assert sentence.score > 0.5


def test_scorer_hints_mark_frames_dates_and_first_person():
    from claims.extraction import engine

    seen = []

    def spy(texts, lang, hints):
        seen.extend(zip(texts, hints))
        return [0.5] * len(texts)

    original = engine._scorer
    engine._scorer = lambda: (spy, 0.5)
    try:
        extract(
            "« Nous avons terminé les pourparlers », a affirmé Roger Lumbala, entouré de ses 12 conseillers.",
            "fr",
        )
        extract("I dressed my dogs up last year. The bank cut 400 jobs on Tuesday.", "en")
    finally:
        engine._scorer = original
    hints = dict(seen)
    frame = next(h for t, h in seen if t.startswith("a affirmé Roger Lumbala"))
    assert frame["frame_only"] is True
    assert hints["I dressed my dogs up last year."]["first_person"] is True
    bank = hints["The bank cut 400 jobs on Tuesday."]
    assert bank["dated"] is True and bank["n_specific_quantities"] == 1
    assert "first_person" not in bank


def test_frame_only_and_first_person_lower_the_score():
    text = "The company cut 400 jobs in Ohio last year."
    hint = {
        "types": ["quantity", "event"],
        "n_quantities": 1,
        "n_specific_quantities": 1,
        "is_quote": False,
        "speaker": None,
        "n_entities": 1,
        "dated": True,
    }
    plain = cw.score_texts([text], "en", [hint])[0]
    assert cw.score_texts([text], "en", [{**hint, "first_person": True}])[0] < plain
    assert cw.score_texts([text], "en", [{**hint, "frame_only": True}])[0] <= cw.FRAME_ONLY_CAP < plain


def test_vague_amounts_weigh_less_than_specific_figures():
    base = {"types": ["quantity"], "is_quote": False, "speaker": None, "n_entities": 0}
    text = "Des soldats montaient vers la ligne de front."
    specific = cw.score_texts([text], "fr", [{**base, "n_quantities": 1, "n_specific_quantities": 1}])[0]
    vague = cw.score_texts([text], "fr", [{**base, "n_quantities": 1, "n_specific_quantities": 0}])[0]
    assert vague < specific


def test_undated_events_get_no_event_bonus():
    text = "The bank notified the relevant authorities."
    hint = {"types": ["event"], "n_quantities": 0, "is_quote": False, "speaker": None, "n_entities": 1}
    dated = cw.score_texts([text], "en", [{**hint, "dated": True}])[0]
    undated = cw.score_texts([text], "en", [{**hint, "dated": False}])[0]
    assert undated < dated


def test_pronominal_french_verbs_are_not_speech():
    text = (
        "Le feu s'est déclaré à l'avant de l'immeuble vendredi.\n"
        "L'année 2014 s'annonce nettement plus facile pour le département.\n"
        "Le ministre s'est dit prêt à négocier avec les syndicats."
    )
    ext = extract(text, "fr")
    assert by_text(ext, "Le feu").speaker is None
    assert by_text(ext, "L'année 2014").speaker is None
    assert by_text(ext, "Le ministre").speaker  # "se dire" reports what someone says


def test_counts_whose_noun_is_a_pronoun_take_the_antecedent():
    fr = "Trois cent cinquante personnes travaillaient à l'hôtel.\nParmi elles, 200 n'ont pas retrouvé d'emploi."
    ext = extract(fr, "fr")
    check_offsets(fr, ext)
    q = by_text(ext, "Parmi elles").quantities[0]
    assert (q.raw, q.value, q.unit) == ("200", 200.0, "personnes")

    en = "The majority of Americans - 158 million of them in fact - will celebrate Halloween this year."
    ext = extract(en, "en")
    q = next(q for c in ext.claims for q in c.quantities if q.raw == "158 million")
    assert (q.value, q.unit) == (158_000_000, "Americans")

    dont = "Le club compte 300 adhérents, dont 120 ont voté contre la fusion."
    units = [(q.value, q.unit) for c in extract(dont, "fr").claims for q in c.quantities]
    assert units == [(300, "adhérents"), (120, "adhérents")]


def test_a_dotted_acronym_ends_a_sentence_only_before_a_sentence_starter():
    def sentences(text):
        return [c.text for c in extract(text, "en").claims]

    assert sentences(
        "Frontier is the only carrier charging fees in the U.S. The move angered passengers."
    ) == [
        "Frontier is the only carrier charging fees in the U.S.",
        "The move angered passengers.",
    ]
    assert len(sentences("The ruling by the U.S. Supreme Court was welcomed by 26 states.")) == 1
    assert len(sentences("Sales rose 5% in the U.S. and Europe last year.")) == 1


def test_a_bare_scaled_amount_counts_what_the_sentence_counted_before():
    text = (
        "La métropole a voté un budget de 1,2 milliard d'euros pour 2025, dont 340 millions consacrés aux "
        "transports publics."
    )
    ext = extract(text, "fr")
    check_offsets(text, ext)
    assert [(q.value, q.unit) for q in ext.claims[0].quantities] == [(1.2e9, "euros"), (340e6, "euros")]
    en = "The firm raised $4bn last year, of which 300 million went to pay down debt."
    assert [(q.value, q.unit) for c in extract(en, "en").claims for q in c.quantities] == [
        (4e9, "dollars"),
        (300e6, "dollars"),
    ]


def test_a_group_noun_is_not_taken_for_the_last_person_named():
    text = (
        "La présidente de la métropole, Claire Dumont, a ouvert la séance.\n"
        "Selon l'opposition, la dette atteindrait près de 900 millions d'euros à la fin du mandat.\n"
        "Selon la pharmacienne, les stocks sont vides."
    )
    ext = extract(text, "fr")
    assert by_text(ext, "Selon l'opposition").speaker == "l'opposition"
    assert by_text(ext, "Selon la pharmacienne").speaker == "Claire Dumont"  # a person noun may refer back


def test_the_news_prior_is_centred_on_unlabelled_english_news_only(monkeypatch):
    # the hand-set prior is the path for languages without a news model: switch the news stage off
    monkeypatch.setitem(cw._load(), "news", {})
    info = cw.model_info()
    centre = info["news_prior_center"]
    assert 0.0 < centre["en"] < 1.5 and "fr" not in centre
    assert "unlabelled" in info["news_prior_center_source"]
    text = "The bank cut 400 jobs in Ohio on Tuesday."
    hint = {
        "types": ["quantity", "event"],
        "n_quantities": 1,
        "n_specific_quantities": 1,
        "is_quote": False,
        "speaker": None,
        "n_entities": 1,
        "dated": True,
    }
    centred = cw.score_texts([text], "en", [hint])[0]
    monkeypatch.setitem(cw._load()["meta"], "news_prior_center", {})
    assert cw.score_texts([text], "en", [hint])[0] > centred


def test_reported_speech_with_the_subject_after_the_verb_and_a_pronoun_after_it():
    text = (
        "The only other airline with such a fee is Hungary's Wizz Air, said airline consultant Jay Sorensen, "
        "who tracks add-on fees. He estimated in a December 2011 report that the fee brings in $50 million a year."
    )
    ext = extract(text, "en")
    assert by_text(ext, "The only other airline").speaker == "Jay Sorensen"
    assert by_text(ext, "He estimated").speaker == "Jay Sorensen"
    # a comma before the verb that closes an apposition keeps the subject before it
    ext = extract("Elon Musk, the chief executive, said that sales rose 5% last year.", "en")
    assert ext.claims[0].speaker == "Elon Musk"
