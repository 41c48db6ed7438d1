"""Reporting verbs: which tokens of a clause report speech (the language's ``reporting_verbs``, less the
forms that are not speech: infinitive complements, participles without their auxiliary, pronominal uses)."""

from __future__ import annotations

from .languages import LanguageSpec
from .quantities import Tok


def _is_reporting(t: Tok, spec: LanguageSpec, prev: Tok | None = None, nxt: Tok | None = None) -> bool:
    low = t.lower
    if (
        spec.light_reporting_verbs
        and t.pos in ("VERB", "AUX")
        and low.startswith(spec.light_reporting_verbs)
        and nxt is not None
        and nxt.lower in spec.light_reporting_words
    ):
        return True  # "on fait valoir que…", "the ministry made clear that…"
    if not low.startswith(spec.reporting_verbs):
        return False
    if low in spec.not_reporting:
        return False
    prev_aux = prev is not None and (prev.pos == "AUX" or prev.lower in spec.aux_words)
    if t.pos == "VERB":
        if t.inf and prev is not None and prev.lower in spec.infinitive_markers:
            return False  # "accusent l'Ouganda de soutenir le M23": the speaker is the finite verb's
        if (
            t.part
            and spec.participle_needs_aux
            and not prev_aux
            and not low.endswith(spec.present_participle_suffixes or ("\0",))
        ):
            # '…", dit un responsable': the present tense the tagger read as a participle
            after_quote = prev is not None and prev.text in (",", '"', "»", "”")
            # "le dirigeant dit avoir…": followed by an infinitive, it is the present too
            before_inf = nxt is not None and nxt.inf
            return (after_quote or before_inf) and low in spec.participle_like_presents
        return True
    return prev_aux and t.pos in ("X", "NOUN", "ADJ", "PROPN")


def _reporting_indices(toks: list[Tok], spec: LanguageSpec) -> list[int]:
    out = []
    for i, t in enumerate(toks):
        prev = None
        k = i - 1
        while k >= 0 and (toks[k].pos in ("ADV",) or toks[k].lower.startswith("-") and toks[k].pos == "PRON"):
            k -= 1
        if k >= 0:
            prev = toks[k]
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if (
            _is_reporting(t, spec, prev, nxt)
            and not _reflexive(toks, i, spec)
            and not _passive(toks, i, k, spec)
        ):
            out.append(i)
    return out


def _passive(toks: list[Tok], i: int, k: int, spec: LanguageSpec) -> bool:
    """A reporting participle after "être"/"be" ("dont la découverte a été annoncée", "the plan was
    announced"): the subject is what was said, not who said it. ``k`` is the word before the verb (adverbs
    skipped); a pronominal "s'est dit" is no passive."""
    t = toks[i]
    if not spec.passive_aux or k < 0 or toks[k].lower not in spec.passive_aux:
        return False
    if t.lower.endswith(spec.present_participle_suffixes or ("\0",)) or t.inf:
        return False  # "is saying", "est en train de dire"
    if not (t.part or t.pos in ("VERB", "ADJ")):
        return False
    j = k - 1
    while j >= 0 and toks[j].lower in spec.reflexive_between:
        j -= 1
    return not (j >= 0 and toks[j].lower in spec.reflexive_clitics)


def _reflexive(toks: list[Tok], i: int, spec: LanguageSpec) -> bool:
    """French pronominal use, which is not speech: "le feu s'est déclaré", "l'année s'annonce" (but
    "il s'est dit prêt" is)."""
    if not spec.reflexive_clitics or toks[i].lower.startswith(spec.reflexive_reporting or ("\0",)):
        return False
    k = i - 1
    while k >= 0 and (toks[k].pos == "AUX" or toks[k].lower in spec.reflexive_between):
        k -= 1
    return k >= 0 and toks[k].lower in spec.reflexive_clitics
