"""Speakers, part 4: which mention of a reporting clause is the speaker (issue 11): the name heading an
apposition, participle appositions, an inverted subject that ends its clause, verbs in an incise, a reporting
infinitive's governing verb. Mixed into ``speakers._Context``; every word list comes from the language
module."""

from __future__ import annotations

import re

from .quantities import Tok
from .quotes import QuoteSpan

_OPENING = {'"', "«", "“", "„"}
_CLOSING = {'"', "»", "”", "“"}


def _clitic(t: Tok) -> bool:
    """An inverted subject clitic: "-il", "-t-elle", and "t-il" typed without its first hyphen."""
    return (
        t.lower.startswith("-") or t.lower == "t" or bool(re.match(r"t-(?:il|elle|ils|elles|on)$", t.lower))
    )


def outside_with_marks(stoks: list[Tok], qs: list[QuoteSpan]) -> list[Tok]:
    """The tokens outside the quotes, each quote leaving its closing mark: 'the vaccine "…," say the
    researchers' must not read as 'the vaccine say the researchers'."""
    if not qs:
        return stoks
    return [
        t
        for t in stoks
        if not any(q.open <= t.start < q.close and not (q.closed and t.end >= q.close) for q in qs)
    ]


class _Mentions:
    """Choosing the speaker among a clause's mentions; needs ``subject_before``/``subject_after``,
    ``np_speaker``, ``full_name`` and ``can_speak`` from the class it is mixed into."""

    def _control_speaker(
        self, toks: list[Tok], anchor: str | None, strict: bool = False
    ) -> tuple[str | None, str]:
        """ "L'armée s'est contentée d'évoquer …", "the minister declined to say …": a reporting infinitive
        governed by a verb has that verb's subject. In the writer's own sentence (``strict``: no quote)
        an infinitive with a plain object reports nothing: "continue à soutenir le gouvernement",
        "rassemblés pour observer son exploit", "declined to comment on the notice"."""
        for i, t in enumerate(toks):
            if not (
                t.inf
                and t.pos == "VERB"
                and t.lower.startswith(self.spec.strong_reporting + self.spec.incise_verbs)
            ):
                continue
            if (
                t.lower in self.spec.not_reporting
                or i < 2
                or toks[i - 1].lower not in self.spec.infinitive_markers
            ):
                continue
            h = i - 2
            while h > 0 and toks[h].pos == "ADV":
                h -= 1
            if toks[h].pos != "VERB" or toks[h].inf:
                continue
            if strict and self._plain_object(toks, i):
                continue
            np = self.subject_before(toks, h)
            sp = self.choose(np, anchor) if np else (None, "NP")
            if sp[0]:
                return sp
        return None, "NP"

    def _plain_object(self, toks: list[Tok], i: int) -> bool:
        """The verb at ``i`` takes a noun phrase or a prepositional object ("observer son exploit", "comment
        on the notice"), not what was said ("dire que", "say whether", "déclarer :")."""
        k = i + 1
        while k < len(toks) and toks[k].pos == "ADV":
            k += 1
        nxt = toks[k] if k < len(toks) else None
        return (
            nxt is not None
            and nxt.lower not in self.spec.complement_words
            and nxt.pos in ("DET", "NOUN", "PROPN", "ADJ", "NUM", "ADP")
        )

    def _gerund(self, toks: list[Tok], v: int) -> bool:
        """A present participle after one of the language's ``gerund_preps`` (adverbs skipped): "for
        falsely claiming", an earlier act, not the sentence's speech."""
        k = v - 1
        while k >= 0 and toks[k].pos == "ADV":
            k -= 1
        return k >= 0 and toks[k].lower in self.spec.gerund_preps

    def _narrative_infinitive(self, toks: list[Tok], anchor: str | None) -> tuple[str | None, str]:
        """ "Et la Marine nationale de certifier que…": a noun phrase opening the clause, the language's
        narrative-infinitive marker and a reporting infinitive: the noun phrase spoke."""
        markers = self.spec.narrative_infinitive_markers
        for i, t in enumerate(toks):
            if not (markers and t.inf and t.pos == "VERB" and i >= 2 and toks[i - 1].lower in markers):
                continue
            if not t.lower.startswith(self.spec.strong_reporting + self.spec.reporting_verbs):
                continue
            k = 1 if toks[0].pos == "CCONJ" else 0
            np = toks[k : i - 1]
            if np and np[0].pos == "DET" and all(x.pos in ("DET", "PROPN", "NOUN", "ADJ") for x in np):
                sp = self.choose(np, anchor)
                if sp[0]:
                    return sp
        return None, "NP"

    def title_speaker(self, toks: list[Tok]) -> str | None:
        """'"Double Down" claims Daley spearheaded …': a quoted title opening the sentence as the subject of a
        reporting word (whatever the tagger made of it) is the work speaking, named by the fullest quoted title
        the article gives that begins with it ('"Double Down: Game Change 2012."')."""
        if (
            not toks
            or not toks[0].lower.startswith(self.spec.reporting_verbs)
            or toks[0].lower in self.spec.not_reporting
        ):
            return None
        norm = self.doc.norm
        m = re.search(
            r"(?:^|\n|[.!?]\s)\s*[«\"“]\s*([A-Z][^\"«»“”\n]{0,60}?)[\s,]*[»\"”]\s*$", norm[: toks[0].start]
        )
        if not m:
            return None
        title = m.group(1).strip()
        fuller = [
            q.group(1).strip(" .,;")
            for q in re.finditer(r"[«\"“]\s*([^\"«»“”\n]{1,120}?)\s*[»\"”]", norm)
            if q.group(1).startswith(title) and q.group(1)[len(title) : len(title) + 1] in (":", " ", ",")
        ]
        return max(fuller + [title], key=len)

    def _source_of(self, toks: list[Tok], figures: int) -> tuple[str, str] | None:
        """Who published the figures: "les chiffres de l'exploitant", "data released by the ONS", "une étude
        Ipsos" (the name right after the noun)."""
        k = figures + 1
        while k < len(toks) and toks[k].pos == "PROPN":
            k += 1
        if k > figures + 1:
            sp = self.np_speaker(toks[figures + 1 : k])
            if sp[0]:
                return sp
        for j in range(figures + 1, min(figures + 10, len(toks))):
            if toks[j].pos == "PUNCT":
                return None
            if toks[j].lower in self.spec.source_preps:
                np = self.subject_after(toks, j)
                sp = self.np_speaker(np) if np else (None, "NP")
                return sp if sp[0] else None
        return None

    def in_relative_aside(self, toks: list[Tok], v: int) -> bool:
        """ "Shares of Bombardier, which also announced that X would join the board, were down 8.5%": a
        reporting verb inside a relative clause set between commas, the main clause's verb right after it,
        reports for the relative clause only, not the sentence (one that runs to the end still does: "…, qui
        a déclaré qu'il avait été poussé vers la sortie")."""
        c = next((k for k in range(v - 1, -1, -1) if toks[k].text in (",", ".", ";", ":")), None)
        if (
            c is None
            or toks[c].text != ","
            or c + 1 >= v
            or toks[c + 1].lower not in self.spec.relative_pronouns
        ):
            return False
        return any(
            toks[k].text == "," and toks[k + 1].pos in ("VERB", "AUX") and not toks[k + 1].part
            for k in range(v + 1, len(toks) - 1)
        )

    def _ends_clause(self, toks: list[Tok], np: list[Tok]) -> bool:
        """An inverted subject ends its clause; a noun phrase followed by a verb is the subject of the
        reported clause ("said the launch has gone"), one followed by a conjunction the verb's object
        ("propose quelques accessoires tels qu'un chargeur")."""
        k = next((i for i, t in enumerate(toks) if t is np[-1]), None)
        nxt = toks[k + 1] if k is not None and k + 1 < len(toks) else None
        return nxt is None or nxt.pos not in ("VERB", "AUX", "SCONJ")

    def _opening_participle(self, head: list[Tok]) -> bool:
        """A participle phrase before the subject ("Prosecuting, X said", "Interrogée, X a répondu")."""
        first = head[0]
        return first.lower.endswith(self.spec.present_participle_suffixes or ("\0",)) or (
            first.pos == "VERB" and first.part
        )

    def _participle(self, t: Tok) -> bool:
        return t.pos == "VERB" and (
            t.part or t.lower.endswith(self.spec.present_participle_suffixes or ("ing",))
        )

    def choose(self, np: list[Tok], anchor: str | None = None) -> tuple[str | None, str]:
        """The speaker a subject noun phrase names. In an apposition headed by a proper name ("Hasso
        Plattner, chairman of SAP, says"; "Charlie, founder of the … company, said") the name is the speaker,
        whatever the tagger made of it, and the description's organisation is not. Figures, a survey, research
        ("Earlier research had revealed …", "Des tests ont révélé …") are no speaker: whoever published them
        is, when named ("a survey carried out by the Cloud Security Alliance")."""
        src = next((k for k, t in enumerate(np[:3]) if t.lower in self.spec.source_nouns), None)
        if src is not None:
            sp = self._source_of(np, src)
            return sp if sp and sp[1] != "NP" else (None, "NP")  # "Des tests de routine": no one named
        comma = next((k for k, t in enumerate(np) if t.text == ","), None)
        if comma and comma <= 3 and comma + 1 < len(np) and self._opening_participle(np[:comma]):
            return self.choose(np[comma + 1 :], anchor)  # "Prosecuting, Anne Whyte said": Anne Whyte
        if comma:
            head = [t for t in np[:comma] if t.text != "."]
            names = [t for t in head if t.pos == "PROPN" or t.ent in ("PER", "PERSON")]
            if (
                names
                and len(names) == len(head)
                and head[0].text[:1].isupper()
                and self.doc.text[head[0].start : head[-1].end].lower() not in self.spec.non_speakers
            ):
                sp = self.np_speaker(np[:comma], anchor)
                if sp[0]:
                    return sp
                text = self.doc.text[head[0].start : head[-1].end]
                return self.full_name(text), ("PERX" if len(head) >= 2 else "PER")
        return self.np_speaker(np, anchor)

    def incise_after_quote(
        self, toks: list[Tok], anchor: str | None, comma_inside: bool = False
    ) -> str | None:
        """'« … », prédit X' / '"…," X predicted': in the incise right after a quote, any verb reports the
        quote, whether or not it is a reporting verb. English puts the incise's comma inside the quotation
        marks (``comma_inside``)."""
        k0 = 0 if comma_inside and toks and toks[0].text != "," else 1
        if len(toks) < 2 + k0 or (k0 and toks[0].text != ","):
            return None
        for v in range(k0, min(len(toks), 7)):
            t = toks[v]
            if t.pos == "VERB":
                break
            if t.pos not in ("PROPN", "NOUN", "DET", "ADJ", "AUX", "ADV", "PRON") and not t.lower.startswith(
                "-"
            ):
                return None
        else:
            return None
        # '« … », énumère Philippe Robin': a verb the tagger read as an infinitive is finite when a name follows
        named_next = v + 1 < len(toks) and toks[v + 1].pos == "PROPN"
        if (toks[v].inf and not named_next) or any(x.pos == "VERB" for x in toks[v + 1 : v + 3]):
            return None
        if toks[v].part and v > k0 and toks[v - 1].lower in self.spec.passive_aux:
            return None  # '"…," the Commission was told': who was told is no speaker
        # '« … », s'interroge X': a reflexive clitic before the verb leaves the subject inverted
        inverted = all(
            x.pos in ("AUX", "ADV") or x.lower.startswith("-") or x.lower in self.spec.reflexive_clitics
            for x in toks[k0:v]
        )
        np = self.subject_after(toks, v) if inverted else self.subject_before(toks, v)
        sp = self.choose(np, anchor) if np else (None, "NP")
        return sp[0] if self.can_speak(sp[0]) else None

    def _inverted_incise_verb(self, tail: list[Tok]) -> list[int]:
        """ "…, prévient X." / "…, justifie t-il.": at the end of a sentence, a verb followed by its inverted
        subject (a clitic, or a name or determiner) closes the speech before it, whatever the verb."""
        v = next((k for k, t in enumerate(tail[:3]) if t.pos == "VERB"), None)  # "a annoncé": the verb
        if v is None or any(t.pos not in ("ADV", "AUX") for t in tail[:v]):
            return []
        t = tail[v]
        if t.pos != "VERB" or t.inf or (t.part and not (v > 0 and tail[v - 1].pos == "AUX")):
            return []
        if t.lower.endswith(self.spec.present_participle_suffixes or ("ing",)):
            return []
        rest = tail[v + 1 :]
        if rest and not _clitic(rest[0]):
            # "…, a annoncé aujourd'hui l'agence chargée de…": a time word before the inverted subject
            while rest and (rest[0].pos == "ADV" or rest[0].lower in self.spec.time_words):
                rest = rest[1:]
        if not rest:
            return []
        if _clitic(rest[0]) and len(rest) <= 2:
            return [v]
        # the subject may hold a participle ("l'agence chargée de…"), never a finite verb
        if rest[0].pos in ("PROPN", "DET") and not any(x.pos in ("VERB", "AUX") and not x.part for x in rest):
            return [v]
        return []
