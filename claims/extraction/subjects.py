"""Speakers, part 2b: the subject of a reporting verb: the noun phrase before it, or the inverted one
after it ('…, a répondu Musk', '"…," said X'), with what sits between a subject and its verb skipped
(relative clauses, participle appositions, auxiliaries) and a date glued on dropped. Mixed into
``speakers._Context``; every word list comes from the language module."""

from __future__ import annotations

from .mentions import _CLOSING, _OPENING, _clitic
from .names import _NP_POS
from .quantities import Tok


class _Subjects:
    """Needs ``spec`` and ``_participle`` from the class it is mixed into."""

    def subject_before(self, toks: list[Tok], v: int) -> list[Tok]:
        """The subject region left of verb ``v``: NP tokens, appositions between commas."""
        j = v - 1
        while j >= 0 and (
            toks[j].pos in ("AUX", "ADV", "PART")
            or toks[j].lower in self.spec.aux_words
            or toks[j].lower in self.spec.subject_skip
        ):
            j -= 1
        if (
            j > 0
            and toks[j].lower in self.spec.object_clitics
            and (toks[j - 1].pos in ("PROPN", "NOUN") or toks[j - 1].ent in ("PER", "PERSON", "ORG"))
        ):
            j -= 1  # "le New York Times l'avait consacré": the clitic is the object, the name the subject
        if j >= 0 and toks[j].pos == "PRON":
            return [toks[j]]
        if j > 0 and toks[j].pos == "CCONJ":
            # "Ditta denied wrongdoing and claimed: …": coordinated verbs share the first one's subject
            k = j - 1
            while (
                k >= 0
                and toks[k].pos != "VERB"
                and toks[k].text not in (".", ";", ":", '"', "«", "»", "“", "”")
            ):
                k -= 1
            if k > 0 and toks[k].pos == "VERB":
                return self.subject_before(toks, k)
        if j > 0 and toks[j].text == ",":
            # "Nissan, qui a dû procéder à une telle révision, a annoncé": skip the relative clause
            for c in range(j - 1, max(-1, j - 30), -1):
                if toks[c].text in (".", ";", ":"):
                    break
                if (
                    toks[c].text == ","
                    and c + 1 < j
                    and toks[c + 1].lower in self.spec.relative_pronouns
                    and any(x.pos in ("VERB", "AUX") for x in toks[c + 2 : j])
                ):
                    # (a verbless "…, dont la CGT, la ministre X, avait décidé" is an aside, not a clause)
                    j = c - 1
                    break
        if j > 0 and toks[j].pos != "PUNCT":
            # "un habitant qui avait fait état de combats toute la journée a indiqué": a relative clause
            # without commas between the subject and its verb
            for c in range(j - 1, max(0, j - 25), -1):
                if (
                    toks[c].text in (".", ";", ":", ",")
                    or toks[c].text in _OPENING
                    or toks[c].text in _CLOSING
                ):
                    break
                if toks[c].lower in self.spec.relative_pronouns and toks[c - 1].pos in ("NOUN", "PROPN"):
                    if any(x.pos in ("VERB", "AUX") for x in toks[c + 1 : j + 1]):
                        j = c - 1
                    break
        if j > 0 and toks[j].text == ",":
            # "Obama, speaking at a rally, said": a participle apposition between subject and verb
            for c in range(j - 1, max(-1, j - 20), -1):
                if toks[c].text in (".", ";", ":") or toks[c].text in _OPENING:
                    break
                k = c + 2 if c + 2 < j and toks[c + 1].lower in self.spec.reflexive_clitics else c + 1
                while k < j and toks[k].pos == "ADV":
                    k += 1  # "Cette boutique, strictement réservée aux développeurs, propose"
                if toks[c].text == "," and k < j and self._participle(toks[k]):
                    j = c - 1
                    break
        end = j
        while j >= 0:
            t = toks[j]
            if self._participle(t) and j < end:
                # "an attorney representing the family, told": the participle is inside the apposition
                c = next((c for c in range(j - 1, max(-1, j - 7), -1) if toks[c].text == ","), None)
                if c is not None and all(x.pos in _NP_POS or x.pos == "ADP" for x in toks[c + 1 : j]):
                    j -= 1
                    continue
                if self._noun_participle(toks, j, end):
                    j -= 1  # "L'entreprise établie à Montréal explique": on to the noun
                    continue
            if t.text in _CLOSING and j < end:
                # a quoted title inside the noun phrase ('founder of the "Lick Me" company, said'):
                # walk over it to its opening mark
                k = next((k for k in range(j - 1, max(-1, j - 12), -1) if toks[k].text in _OPENING), None)
                if k is not None and not any(x.text in (".", ";", ":") for x in toks[k:j]):
                    j = k - 1
                    continue
            if (
                t.pos in _NP_POS
                or (t.ent in ("PER", "PERSON", "ORG") and t.text[:1].isupper())  # "Times" tagged X
                or t.text in (",", "-", "&", "'s")
                or (t.pos == "ADP" and t.lower in self.spec.subject_preps)
                or (t.pos == "CCONJ" and j > 0 and toks[j - 1].pos in ("PROPN", "NOUN"))
                or (t.text == "." and j > 0 and toks[j - 1].pos == "PROPN")
                # "the world's third-largest planemaker": a word hyphened to the next is one word with it
                or (j + 1 <= end and toks[j + 1].text == "-" and toks[j + 1].start == t.end)
            ):
                j -= 1
                continue
            if t.pos == "ADP" and j < end and self._noun_participle(toks, j - 1, end):
                j -= 2  # "the association based in Leeds said": over the participle, on to its noun
                continue
            join = self._join_before(toks, j) if j < end else 0
            if join:
                j -= join  # "des responsables de l'armée ainsi que de la mouvance activiste ont affirmé"
                continue
            break
        np = toks[j + 1 : end + 1]
        governed = j >= 0 and toks[j].pos == "ADP"
        while np and (np[0].pos in ("ADP", "CCONJ") or np[0].text in (",", "-")):
            governed = np[0].pos == "ADP"  # "pas encore de date précise": "de" heads the noun phrase
            np = np[1:]
        while np and np[-1].text in (",", "-"):
            np = np[:-1]
        # a subject is not the object of a preposition ("aux quatre autres territoires admis")
        if np and governed:
            commas = [k for k, x in enumerate(np) if x.text == ","]
            if not commas:
                return np if any(x.ent in ("PER", "PERSON") for x in np) else []
            np = np[commas[0] + 1 :]
        return self._untimed(np)

    def _noun_participle(self, toks: list[Tok], p: int, end: int) -> bool:
        """The participle at ``p`` follows its noun and only a prepositional phrase comes after it up to
        ``end`` ("L'entreprise établie à Montréal", "a firm based in Leeds"): part of the subject."""
        return (
            0 < p < end
            and self._participle(toks[p])
            and toks[p - 1].pos in ("NOUN", "PROPN")
            and toks[p + 1].pos == "ADP"
            and all(x.pos in _NP_POS or x.pos == "ADP" for x in toks[p + 1 : end + 1])
        )

    def _join_before(self, toks: list[Tok], j: int) -> int:
        """How many words of one of the language's ``subject_joins`` end at ``j`` (0 if none), when a
        noun phrase precedes them."""
        for phrase in self.spec.subject_joins:
            words = phrase.split()
            k = j - len(words) + 1
            if k > 0 and [t.lower for t in toks[k : j + 1]] == words and toks[k - 1].pos in _NP_POS:
                return len(words)
        return 0

    def subject_after(self, toks: list[Tok], v: int) -> list[Tok]:
        j = v + 1
        n = len(toks)
        if j < n and _clitic(toks[j]):  # "a-t-il dit", "dit-il", "indique t-il"
            if toks[j].lower == "t" and j + 1 < n and toks[j + 1].lower.startswith("-"):
                return [toks[j + 1]]
            if toks[j].lower == "-t" and j + 1 < n:
                return [toks[j + 1]]
            return [toks[j]]
        while j < n:
            t = toks[j]
            if t.pos in ("ADV",):
                j += 1
                continue
            if (t.pos == "ADP" and t.lower in self.spec.addressee_preps) or (
                j == v + 1 and self.spec.unaccented_preps.get(t.lower) in self.spec.addressee_preps
            ):
                k = j + 1
                while k < n and toks[k].pos in ("DET", "PROPN", "NOUN", "ADJ", "NUM"):
                    prev_t = toks[k - 1]
                    if k > j + 1 and toks[k].pos == prev_t.pos == "PROPN" and toks[k].ent != prev_t.ent:
                        break  # "a indiqué à l'AFP Imelda Nyirankusi": the name after the addressee
                    if (
                        k > j + 2
                        and toks[k].pos == "PROPN"
                        and toks[k].ent in ("PER", "PERSON")
                        and (prev_t.pos in ("NOUN", "ADJ"))
                    ):
                        break  # "a indiqué à une radio locale Oscar Bell": a person named after it
                    k += 1
                    if toks[k - 1].pos in ("PROPN", "NOUN") and (
                        k >= n or toks[k].pos not in ("PROPN", "NOUN", "ADJ")
                    ):
                        break
                j = k
                continue
            if t.lower in self.spec.time_words:
                j += 1
                continue
            if t.pos == "ADP":
                # "assure sans détour Loïc Capron", "said in a statement John Smith": a short adverbial
                # phrase between the verb and the person named after it
                k = j + 1
                while k < min(n, j + 4) and toks[k].pos in ("DET", "NOUN", "ADJ"):
                    k += 1
                if k > j + 1 and k < n and toks[k].pos == "PROPN" and toks[k].ent in ("PER", "PERSON"):
                    j = k
                    continue
            break
        start = j
        while j < n:
            t = toks[j]
            nxt = toks[j + 1] if j + 1 < n else None
            if (
                t.pos in _NP_POS
                or (j == start and t.lower in self.spec.indefinite_subjects)
                or (
                    t.pos == "ADP"
                    and t.lower in self.spec.inverted_subject_preps
                    and nxt is not None
                    and nxt.pos in _NP_POS
                )
                or (
                    t.pos == "VERB"
                    and t.part
                    and nxt is not None
                    and nxt.pos in ("ADP", "PROPN", "NOUN")
                    and j > start
                )
                or (
                    # "said cabin interiors expert Mary Kirby": a lower-case word of the description the
                    # tagger read as a verb, right before the person's name
                    j > start
                    and t.text.isalpha()
                    and t.text.islower()
                    and nxt is not None
                    and nxt.pos == "PROPN"
                    and nxt.ent in ("PER", "PERSON")
                )
            ):
                j += 1
                continue
            # apposition carrying the name: "le directeur ..., Félix Bisson"
            if t.text == "," and nxt is not None and nxt.pos == "PROPN" and j > start:
                k = j + 1
                while k < n and (
                    toks[k].pos == "PROPN" or toks[k].ent in ("PER", "PERSON") and toks[k].text != ","
                ):
                    k += 1
                if k - (j + 1) >= 2 or any(x.ent in ("PER", "PERSON") for x in toks[j + 1 : k]):
                    j = k
                    break
            break
        np = toks[start:j]
        while np and np[-1].pos in ("ADP", "DET"):
            np = np[:-1]
        if not np or not any(t.pos in ("PROPN", "NOUN", "PRON") for t in np):
            return []
        if (
            self.spec.inverted_subject_needs_name
            and np[0].pos not in ("PROPN", "DET")
            and not any(t.pos == "PROPN" for t in np)
        ):
            return []
        return self._untimed(np)

    def _untimed(self, np: list[Tok]) -> list[Tok]:
        """ "l'institut vendredi", "financial results released Wednesday": the date glued on is no part of
        the speaker's name."""
        while np and (np[-1].ent in ("DATE", "TIME") or np[-1].lower in self.spec.time_words):
            np = np[:-1]
        while np and np[-1].pos in ("ADP", "DET", "PUNCT"):
            np = np[:-1]
        return np

    def _may_invert(self, toks: list[Tok], v: int) -> bool:
        """Subject-verb inversion ("…, a répondu Musk", '…," said X') only right after a comma, a quote or
        the start of the clause."""
        k = v - 1
        while k >= 0 and (
            toks[k].pos in ("AUX", "ADV")
            or toks[k].lower.startswith("-")
            or toks[k].lower in self.spec.aux_words
            or toks[k].lower in self.spec.inversion_skip
        ):
            k -= 1
        return k < 0 or toks[k].pos == "PUNCT" or toks[k].text in (",", ":", '"', "»", "”")
