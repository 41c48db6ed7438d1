"""English: the words speaker names are read with (who a speaker is, and how an article names them).

Spread into ``en.SPEC``; the fields are documented on ``LanguageSpec``."""

from __future__ import annotations


def _singular(word: str) -> str:
    """ "companies" -> "company", "banks" -> "bank" (the head of a plural description)."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


SPEAKER_NAMES = dict(
    # news agencies credited in a byline, and the negative subjects ("no one told me"): nobody spoke
    non_speakers=frozenset(
        {"ap", "reuters", "afp", "twitter", "the associated press", "no one", "nobody", "none", "no-one"}
    ),
    honorifics=(
        r"dr\.?|mr\.?|mrs\.?|ms\.?|prof\.?|professor|sir|president|sen\.?|senator|rep\.?|gov\.?|pm|mp|supt\.?|insp\.?|"
        r"sgt\.?|capt\.?"
    ),
    generic_speakers=(
        "spokes", "representative", "official", "source", "aide", "adviser", "advisor", "statement",
    ),
    person_pronouns=frozenset({"he", "she", "the latter"}),
    group_pronouns=frozenset({"it", "they"}),
    negative_dets=frozenset({"no"}),
    plural_pronouns=frozenset({"they"}),
    group_anaphors=frozenset({"the latter", "these", "those"}),
    org_nouns=frozenset(
        {
            "bank", "company", "firm", "group", "airline", "carrier", "agency", "ministry", "department",
            "government", "club", "party", "union", "court", "council", "commission", "authority",
            "regulator", "embassy", "police", "retailer", "network", "channel", "board", "organisation",
            "organization", "association", "institute", "insurer", "manufacturer", "maker", "watchdog",
        }
    ),
    title_nouns=frozenset(
        {
            "billionaire", "president", "minister", "mayor", "chief", "boss", "founder", "lawyer",
            "spokesman", "spokeswoman", "spokesperson", "senator", "judge", "director", "secretary", "ceo",
            "chairman", "executive", "magnate", "mp", "leader", "governor", "candidate", "businessman",
            "tycoon", "star", "actor", "actress", "singer", "player", "coach", "manager", "premier",
            "entrepreneur", "patron", "chancellor", "king", "queen", "pope", "prince", "princess",
            "general", "commissioner", "ambassador", "prosecutor", "sheriff", "chairwoman", "prime",
        }
    ),
    document_nouns=frozenset({"statement", "release", "letter", "message"}),
    filed_documents=frozenset({"lawsuit", "suit", "complaint", "petition"}),
    filing_verbs=("sue", "sued", "suing"),
    # -- names (names.py) -------------------------------------------------------------------------
    # particles an organisation's initials skip ("Office for the Protection of the Constitution"); every
    # language's are skipped, whatever the article's
    name_particles=frozenset({"of", "the", "for", "and", "on", "in", "to", "a", "an"}),
    nicknames={
        "fed": ("Federal Reserve",),
        "met": ("Metropolitan Police",),
        "beeb": ("BBC",),
        "foggy bottom": ("State Department",),
        "old lady of threadneedle street": ("Bank of England",),
    },
    articles=r"the",  # dropped before an organisation's name ("the OPCW" -> OPCW)
    indefinite_dets=frozenset({"a", "an"}),
    definite_dets=frozenset({"the"}),
    possessive_dets=frozenset({"its", "his", "her", "their"}),
    demonstrative_dets=frozenset({"this", "that", "these", "those"}),
    # "the two companies", "both banks": that many organisations named before
    group_counts={"two": 2, "both": 2, "three": 3, "four": 4},
    and_word="and",
    contrast_clauses=("while", "whereas"),
    singular=_singular,
    # "At the ministry, they argue that…": the pronoun speaks for the place named before it
    locative_preps=frozenset({"at"}),
    impersonal_pronouns=frozenset({"they"}),
    # -- the words of a subject noun phrase around a reporting verb (speakers.py) ------------------
    subject_skip=frozenset({"also", "then", "later", "further"}),
    subject_preps=frozenset({"of", "for", "from", "at"}),  # "X, chief executive at SAP, says"
    subject_joins=("as well as", "along with", "together with"),
    inverted_subject_preps=frozenset({"of", "for", "at"}),
    addressee_preps=frozenset({"to", "on"}),
    indefinite_subjects=frozenset({"one"}),
    according_at_start=frozenset({"per"}),
    source_nouns=frozenset(
        {
            "figures", "data", "statistics", "estimates", "research", "inquiries", "tests", "study", "studies",
            "survey", "surveys", "poll", "polls",
        }
    ),
    source_preps=frozenset({"of", "from", "by"}),
    present_participle_suffixes=("ing",),  # "…, claiming that": the subject is the main verb's
    gerund_preps=frozenset({"for", "after", "before", "since", "without", "by", "of"}),
)
