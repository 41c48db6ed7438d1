"""Language layer: one module per language holding its rules, cue words and spaCy model name.

Adding a language = adding a module here that defines ``SPEC = LanguageSpec(...)`` and listing it
in ``_MODULES``. Everything language-specific the engine uses lives in the spec. A language's module may
take groups of fields from sibling modules (``fr_quantities.QUANTITIES``, ``fr_types.TYPE_CUES``)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

_MODULES = {"fr": "fr", "en": "en"}
DEFAULT_LANG = "en"


@dataclass
class LanguageSpec:
    code: str
    model: str  # spaCy package name, loaded with spacy.load()
    disable: tuple[str, ...]  # pipes the extractor does not use
    decimal_comma: bool  # "1,5" is 1.5 (fr) vs "1,500" is 1500 (en)
    dot_thousands: bool  # "38.000" is 38000 (fr)
    space_thousands: bool  # "25 000" with ordinary spaces is one number
    abbreviations: frozenset[str]  # tokens ending in "." that do not end a sentence
    number_words: frozenset[str]  # words text2num understands
    number_joiners: frozenset[str]  # "et", "and" inside spelled numbers
    scales: dict[str, float]  # "milliard" -> 1e9, "bn" -> 1e9
    approx_words: dict[str, float]  # "une trentaine" style words -> value (approximate, not vague)
    vague_words: dict[str, float]  # "milliers" -> 1000 (with "des"/"thousands of")
    vague_prefixes: tuple[str, ...]  # regex alternations preceding a vague word ("des", "plusieurs")
    qualifiers: tuple[str, ...]  # regex alternations, before a number => approximate
    post_qualifiers: tuple[str, ...]  # after the counted noun ("au moins")
    currency_words: dict[str, str]  # symbol/abbrev -> unit name
    percent_words: tuple[str, ...]
    unit_preps: frozenset[str]  # prepositions allowed inside a unit phrase ("de", "of", "par")
    unit_skip: frozenset[str]  # words between number and unit ("de", "d'", "of")
    unit_stop: frozenset[str]  # words that never start/continue a unit
    months: frozenset[str]
    date_preps: frozenset[str]  # "en 2012", "in 2012"
    fractions: dict[str, float]  # "tiers" -> 1/3
    ratio_words: tuple[str, ...]  # "sur", "in", "out of"
    range_words: tuple[tuple[str, str], ...]  # ("entre", "et"), ("de", "à")
    reporting_verbs: tuple[str, ...]  # lowercase prefixes of reporting verbs
    according: tuple[str, ...]  # regex alternations: "selon", "according to"
    age_unit: str
    future_cues: tuple[str, ...]
    causal_cues: tuple[str, ...]
    comparison_cues: tuple[str, ...]
    event_cues: tuple[str, ...]
    opinion_cues: tuple[str, ...] = ()
    date_cues: tuple[str, ...] = ()  # a time anchor: weekday, month, year, "hier", "last week"
    # closed-class words that start a sentence after a dotted acronym ("… in the U.S. The bank …")
    sentence_starters: frozenset[str] = field(default_factory=frozenset)
    non_speakers: frozenset[str] = field(default_factory=frozenset)
    # "Nissan, qui a dû …, a annoncé": a relative clause between a subject and its verb
    relative_pronouns: frozenset[str] = field(default_factory=frozenset)
    # words before an infinitive complement ("accusent X de soutenir"), which is never the reporting verb
    infinitive_markers: frozenset[str] = field(default_factory=frozenset)
    # the narrative infinitive's "de" ("Et la Marine de certifier que…": the noun phrase before it spoke)
    narrative_infinitive_markers: frozenset[str] = field(default_factory=frozenset)
    # a clause that sets a second reporter beside the first (", tandis que Y a réclamé", ", while Y said")
    contrast_clauses: tuple[str, ...] = ()
    # present-tense incise verbs the tagger reads as participles ('…", dit un responsable')
    participle_like_presents: frozenset[str] = field(default_factory=frozenset)
    # speaker resolution (lower-case words; "prefixes" match the start of a word)
    honorifics: str = ""  # regex alternation of titles dropped from names ("m\\.|mme|dr\\.?")
    aux_words: frozenset[str] = field(default_factory=frozenset)  # auxiliaries between subject and verb
    strong_reporting: tuple[str, ...] = ()  # prefixes of verbs that report speech without "que"/"that"
    incise_verbs: tuple[str, ...] = ()  # prefixes of verbs that close unquoted speech ("…, a-t-il ajouté")
    complement_words: frozenset[str] = field(default_factory=frozenset)  # "que", "that", ":" after the verb
    first_sg: frozenset[str] = field(default_factory=frozenset)  # "je", "I": the writer's own voice
    first_person: frozenset[str] = field(default_factory=frozenset)  # singular and plural
    generic_speakers: tuple[str, ...] = ()  # head-noun prefixes of unnamed speakers ("spokes", "source")
    person_pronouns: frozenset[str] = field(default_factory=frozenset)  # "il", "he", "ce dernier"
    group_pronouns: frozenset[str] = field(default_factory=frozenset)  # "ils", "they", "it"
    org_nouns: frozenset[str] = field(default_factory=frozenset)  # "la banque", "the airline"
    title_nouns: frozenset[str] = field(default_factory=frozenset)  # "le ministre", "the mayor"
    # agentive suffixes: a definite description ending so may stand for the last person named
    person_noun_suffixes: str = ""
    scale_words: str = ""  # regex: a bare scaled amount ("340 millions") ends with one of these
    anaphoric_after: str = ""  # regex after a count whose noun is a pronoun ("of them")
    anaphoric_before: str = ""  # regex before it ("parmi elles", "dont")
    # check-worthiness cue concepts -> words (first_sg, opinion, hedge, attribution, comparative, causal, ...)
    cw_cues: dict = field(default_factory=dict)
    # check-worthiness: split "l'emploi" / "pensez-vous" into their words when counting cues, and which
    # debate model reads the language ("lexical": word n-grams fitted on English debates; "cue": cue counts)
    cw_split_elisions: bool = False
    cw_debate_model: str = "cue"
    # -- speakers: what used to be `spec.code == …` branches in the engine -----------------------
    # words that begin like a reporting verb and are not one ("a", "note": prefixes "a…", "note…")
    not_reporting: frozenset[str] = field(default_factory=frozenset)
    # a participle without its auxiliary reports speech only as one of participle_like_presents (after a
    # comma or a quote); present participles (these suffixes) still do ("affirmant")
    participle_needs_aux: bool = False
    present_participle_suffixes: tuple[str, ...] = ()
    # prepositions that make a present participle a gerund, an earlier act told in the writer's sentence,
    # not its speech: "sentenced for falsely claiming she was assaulted", "found guilty after telling police"
    gerund_preps: frozenset[str] = field(default_factory=frozenset)
    # pronominal use is not speech ("le feu s'est déclaré"): the clitics, the words allowed between clitic
    # and verb, and the verbs that stay reporting when pronominal ("il s'est dit prêt")
    reflexive_clitics: frozenset[str] = field(default_factory=frozenset)
    reflexive_between: frozenset[str] = field(default_factory=frozenset)
    reflexive_reporting: tuple[str, ...] = ()
    # forms of "être"/"be" that make a reporting participle passive ("la découverte a été annoncée", "it was
    # announced"): its subject is what was said, or who was told, never who spoke
    passive_aux: frozenset[str] = field(default_factory=frozenset)
    # a light verb and the word after it that together report speech ("on fait valoir que", "X made clear
    # that"): prefixes of the light verb's forms, and the words that make it reporting
    light_reporting_verbs: tuple[str, ...] = ()
    light_reporting_words: frozenset[str] = field(default_factory=frozenset)
    # an inverted subject ('…," said X') must hold a proper noun or start with a determiner
    inverted_subject_needs_name: bool = False
    # reporting verbs whose direct object is the person spoken to ("told Reuters"): never inverted
    addressee_verbs: frozenset[str] = field(default_factory=frozenset)
    # time words between a reporting verb and its inverted subject ("a déclaré lundi soir X")
    time_words: frozenset[str] = field(default_factory=frozenset)
    # first- and second-person words: a sentence with one reads as someone speaking (speech.py)
    speech_persons: frozenset[str] = field(default_factory=frozenset)
    second_person: frozenset[str] = field(default_factory=frozenset)  # an interviewer's "vous", "you"
    # the first word of a sentence that goes on with the words before it rather than open new narration: a
    # subject pronoun or demonstrative pointing back into the quote ("It", "They", "Cela") (speech.py)
    speech_openers: frozenset[str] = field(default_factory=frozenset)
    # a first word that joins the sentence to the one before ("And", "Et"): the quote's argument goes on
    speech_connectives: frozenset[str] = field(default_factory=frozenset)
    # tagger tags of modal verbs ("MD": "would", "can"): the speaker's judgement, not the writer's report
    modal_tags: frozenset[str] = field(default_factory=frozenset)
    # auxiliaries of a compound past tense that narrates ("a équipé"): with a past participle, the past
    past_auxiliaries: frozenset[str] = field(default_factory=frozenset)
    # third-person singular pronouns and possessives: the writer speaking of the person quoted ("His state…")
    third_singular: frozenset[str] = field(default_factory=frozenset)
    # a conjunction opening a comment clause whose subject follows its verb ("comme l'explique X")
    inverting_conjunctions: frozenset[str] = field(default_factory=frozenset)
    # object pronouns between a subject and its verb ("X l'avait consacré", "X nous relate")
    object_clitics: frozenset[str] = field(default_factory=frozenset)
    # what an organisation speaks through: "a statement from X" is X speaking
    document_nouns: frozenset[str] = field(default_factory=frozenset)
    # what a party files against another ("the lawsuit said", "selon la plainte"): the filer speaks through it,
    # the subject of a filing verb ("X sued Y", "X a assigné Y") or of the clause that files it ("X a porté
    # plainte"); the nouns (singular) and the prefixes of the verbs
    filed_documents: frozenset[str] = field(default_factory=frozenset)
    filing_verbs: tuple[str, ...] = ()
    # -- speaker names (names.py; each language's values in <code>_names.py) ------------------------
    group_anaphors: frozenset[str] = field(default_factory=frozenset)  # "ces derniers": a group named before
    negative_dets: frozenset[str] = field(default_factory=frozenset)  # "aucun", "no": nobody spoke
    plural_pronouns: frozenset[str] = field(default_factory=frozenset)  # "ils", "they": may be people just named
    name_particles: frozenset[str] = field(default_factory=frozenset)  # skipped by initials ("de", "of")
    articles: str = ""  # regex alternation of articles dropped before an organisation's name
    indefinite_dets: frozenset[str] = field(default_factory=frozenset)  # "un", "a"
    definite_dets: frozenset[str] = field(default_factory=frozenset)  # "le", "the"
    possessive_dets: frozenset[str] = field(default_factory=frozenset)  # "son", "its"
    demonstrative_dets: frozenset[str] = field(default_factory=frozenset)  # "ce", "this"
    group_counts: dict[str, int] = field(default_factory=dict)  # "les deux entreprises", "both banks"
    and_word: str = "and"  # joins the names a plural description stands for
    # an institution's nickname ("la Royale", "the Fed") -> the full names it stands for, one of which the
    # article must give for the speaker to be named by it (coref.py)
    nicknames: dict[str, tuple[str, ...]] = field(default_factory=dict)
    singular: Callable[[str], str] | None = None  # head of a plural description -> an org_nouns word
    locative_preps: frozenset[str] = field(default_factory=frozenset)  # "À l'ARS, on …", "At X, they …"
    # capitals typeset without their accent, read as the accented word ("A l'ARS, on …" is "À l'ARS")
    bare_capitals: dict[str, str] = field(default_factory=dict)
    impersonal_pronouns: frozenset[str] = field(default_factory=frozenset)  # "on", "they" in that frame
    # the words of a subject noun phrase around a reporting verb (speakers.py)
    subject_skip: frozenset[str] = field(default_factory=frozenset)  # between subject and verb: "ne", "also"
    inversion_skip: frozenset[str] = field(default_factory=frozenset)  # clitics before an inverted verb
    subject_preps: frozenset[str] = field(default_factory=frozenset)  # inside a subject: "de", "of"
    # phrases joining two parts of one subject: "X ainsi que Y ont affirmé", "X as well as Y said"
    subject_joins: tuple[str, ...] = ()
    inverted_subject_preps: frozenset[str] = field(default_factory=frozenset)  # inside an inverted one
    addressee_preps: frozenset[str] = field(default_factory=frozenset)  # "a dit à l'AFP X", "told to"
    # a preposition typed without its accent, read as it when it cannot be what it spells: "a indiqué a
    # l'AFP X" (right after the verb, "a" is no auxiliary: the auxiliary comes before the participle)
    unaccented_preps: dict[str, str] = field(default_factory=dict)
    indefinite_subjects: frozenset[str] = field(default_factory=frozenset)  # "l'un", "one" opening one
    according_at_start: frozenset[str] = field(default_factory=frozenset)  # "Pour la ministre, « … »"
    # "selon les chiffres de l'exploitant", "according to data released by the ONS": figures are no
    # speaker, whoever published them is (speakers.py); the nouns and the prepositions naming the source
    source_nouns: frozenset[str] = field(default_factory=frozenset)
    source_preps: frozenset[str] = field(default_factory=frozenset)
    # -- models: whose trained models (check-worthiness, news layer, type heads) and library language
    # (text2num) this language uses; empty means its own code. A copy under another code keeps them.
    model_code: str = ""

    @property
    def models(self) -> str:
        """The code to look trained models and text2num up by."""
        return self.model_code or self.code

    # ---- quantities: how the counted noun phrase is read (units.py, counts.py) ----
    unit_adverb_lead: bool = False  # an adverb may open a unit before an adjective/participle
    unit_verb_tags: frozenset[str] | None = None  # verb tags allowed inside a unit; None: any verb form
    unit_verb_first_stops: bool = False  # a verb right after the number is not what is counted
    unit_verb_after_any_stops: bool = False  # a verb ends the unit after any word (else only after a noun)
    unit_prep_articles: dict[str, frozenset[str]] = field(default_factory=dict)  # "of" -> {"the"}
    unit_needs_noun: bool = True  # False: participle/adjective units are allowed ("blessés")
    plural: Callable[[str], str] | None = None  # plural of a measure noun ("page" -> "pages")
    attributive_measures: bool = False  # "a 2700 page law" counts pages
    one_words: frozenset[str] = field(default_factory=frozenset)  # the word "one"
    one_not_a_count: str = ""  # regex after "one" that makes it no count ("one of", "one day")
    point_words: frozenset[str] = field(default_factory=frozenset)  # percent-pattern words that stay a unit
    # ---- quantities: units glued to the number, durations ----
    measure_units: str = ""  # regex alternation of unit symbols, glued or not ("30ft", "180 km/h")
    glued_hours: str = ""  # regex after a number for "3h15" (group 1: minutes)
    clock_words: str = "(?!)"  # regex: before "3h15" these make it a clock time, not a duration
    hours_unit: str = ""  # unit of a glued hour duration
    half_scale: str = ""  # regex: "half a million" (group s: the scale word)
    duration_one: str = ""  # regex: "une heure", "a quarter of an hour" (group u: unit; q: fraction word)
    half_after: str = ""  # regex after a duration or a number: "et demie", "and a half"
    duration_anchors: str = ""  # regex after "a year", "un an" that makes it a point in time ("earlier")
    ordinal_suffixes: str = ""  # regex after digits: "e|ème" / "th|st|nd|rd"
    ordinal_words: dict[str, float] = field(default_factory=dict)  # "cinquième" -> 5
    dating_nouns: frozenset[str] = field(default_factory=frozenset)  # "quarter", "siècle": ordinal dates
    streak_words: str = ""  # regex: "straight", "consécutif": a dating noun that counts again
    rate_words: str = ""  # regex: "a", "per", "par" between a price and what it is for
    rate_stop: str = ""  # regex after the rate noun that makes it a time phrase ("a year earlier")
    fraction_unit: str = "{}"  # a share's unit: "fraction of {}" (what the gold labels call it)
    copula_after: str = ""  # regex: "61,067 are civilians" reads the unit after the copula
    age_before: str = ""  # regex before a bare number that makes it an age ("at age", "when he was")
    age_at: str = ""  # same, only when a comma follows the number ("But at 38, he ...")
    elision_before: str = ""  # regex before a bare number that takes the previous amount's unit ("from 83")
    range_joiners: str = "(?!)"
    partitive_joiners: str = "(?!)"  # regex: "21 of 23 sites" - the first number counts the same things
    approx_articles: str = "(?!)"  # regex before "trentaine", "dozen"
    ordinal_endings: tuple[str, ...] = ()  # word endings before "quarter"/"trimestre" that make it a period
    street_words: str = ""  # regex: "12 rue ...", "10 Downing Street" - a house number, not a quantity
    lone_ones: frozenset[str] = field(default_factory=frozenset)  # "un", "a": articles, not counts, alone
    one_qualifiers: str = ""  # regex before "one" that makes it a count ("at least one", "au moins un")  # regex between the bounds of a range ("10 to 15", besides "-")


_CACHE: dict[str, LanguageSpec] = {}


def supported() -> list[str]:
    return list(_MODULES)


def register(spec: LanguageSpec) -> None:
    """Make ``spec`` the language of ``spec.code`` (a language defined outside this package, or a test's)."""
    _CACHE[spec.code] = spec


def unregister(code: str) -> None:
    """Forget a language added with ``register`` (the built-in ones are reloaded on demand)."""
    _CACHE.pop(code, None)


def get(code: str | None) -> LanguageSpec:
    code = (code or DEFAULT_LANG).lower().split("-")[0].split("_")[0]
    if code in _CACHE:
        return _CACHE[code]
    if code not in _MODULES:
        code = DEFAULT_LANG
    if code not in _CACHE:
        mod = importlib.import_module(f"{__name__}.{_MODULES[code]}")
        _CACHE[code] = mod.SPEC
    return _CACHE[code]
