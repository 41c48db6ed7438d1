"""Speakers, part 2: finding who speaks around a reporting verb, a quote or an incise, and carrying the
article's state (last speaker, recent person and organisation) from sentence to sentence."""

from __future__ import annotations

import re

from .document import _outside_tokens
from .mentions import _clitic, _Mentions, outside_with_marks  # noqa: F401
from .names import _Names
from .quantities import Tok
from .quotes import QuoteSpan
from .reporting import _reporting_indices
from .subjects import _Subjects


class _Context(_Subjects, _Mentions, _Names):
    """Article-level state for speaker resolution."""

    def _find_verbs(self, toks: list[Tok], strict: bool = False) -> list[int]:
        idx = _reporting_indices(toks, self.spec)
        if not strict:
            return idx
        out = []
        for i in idx:
            if (
                toks[i].lower.startswith(self.spec.strong_reporting)
                or any(t.lower in self.spec.complement_words for t in toks[i + 1 : i + 4])
                or self._as_clause(toks, i)  # "comme en témoigne X": an attribution whatever the verb
            ):
                out.append(i)
        return out

    def _according(self, toks: list[Tok]) -> tuple[str | None, str]:
        if not toks:
            return None, "NP"
        s, e = toks[0].start, toks[-1].end
        seg = self.doc.norm[s:e]
        for m in re.finditer(
            r"(?:^|(?<=[\s,(]))(?:" + "|".join(self.spec.according) + r")\s+", seg, re.IGNORECASE
        ):
            if m.group(0).strip().lower() in self.spec.according_at_start:
                # "Pour la ministre, « … »": only at the start of the clause, about a person
                if m.start() > 0:
                    continue
                k = next((i for i, t in enumerate(toks) if t.start >= s + m.end()), None)
                if k is None:
                    continue
                np = self.subject_after(toks, k - 1)
                if not np or not (
                    any(t.ent in ("PER", "PERSON") for t in np)
                    or any(t.lower in self.spec.title_nouns for t in np)
                ):
                    continue
                sp = self.np_speaker(np)
                if sp[0]:
                    return sp
                continue
            pos = s + m.end()
            k = next((i for i, t in enumerate(toks) if t.start >= pos), None)
            if k is None:
                continue
            np = self.subject_after(toks, k - 1)
            figures = next(
                (i for i in range(k, min(k + 3, len(toks))) if toks[i].lower in self.spec.source_nouns), None
            )
            if figures is not None:
                sp = self._source_of(toks, figures)
                if sp:
                    return sp
                continue  # "selon les chiffres officiels": figures are no speaker
            if np:
                sp = self.np_speaker(np)
                if sp[0]:
                    return sp
        return None, "NP"

    def _speaker_from(
        self, toks: list[Tok], prefer: str, strict: bool = False, anchor: str | None = None
    ) -> str | None:
        verbs = self._find_verbs(toks, strict)
        if prefer == "last":
            verbs = verbs[::-1]
        cands: list[tuple[str, str]] = []
        first_found = None
        for v in verbs:
            if self.in_relative_aside(toks, v):
                continue
            vt = toks[v]
            if vt.lower.endswith(self.spec.present_participle_suffixes or ("\0",)) and vt.pos == "VERB":
                if strict and self._gerund(toks, v):
                    continue
                head = next((i for i, t in enumerate(toks) if t.pos in ("VERB", "AUX")), v)
                np = self.subject_before(toks, head) if head < v else []
                if not np and head < v:
                    # "Asked if …, Mr Blair was quoted as saying:": the finite verb nearest the participle
                    near = next(
                        (
                            i
                            for i in range(v - 1, head, -1)
                            if toks[i].pos in ("VERB", "AUX") and not toks[i].part and not toks[i].inf
                        ),
                        None,
                    )
                    np = self.subject_before(toks, near) if near is not None else []
                if np:
                    sp = self.choose(np, anchor)
                    if sp[0]:
                        cands.append(sp)
                continue
            may_invert = self._may_invert(toks, v)
            # "…is Hungary's Wizz Air, said airline consultant Jay Sorensen": after ", said" + a noun
            # phrase the subject follows the verb; otherwise it precedes it, inversion being the fallback
            # ", a affirmé le général Alexander": the auxiliary between the comma and the verb changes nothing
            c = v - 1
            while c > 0 and (toks[c].pos == "AUX" or toks[c].lower in self.spec.aux_words):
                c -= 1
            after_first = (
                may_invert
                and v > 0
                and toks[c].text == ","
                and v + 1 < len(toks)
                and toks[v + 1].pos in ("DET", "PROPN", "NOUN", "ADJ")
                and toks[v + 1].lower not in self.spec.complement_words
                # "Cette boutique, réservée aux développeurs, propose quelques accessoires": a subject and
                # its apposition before the comma (no finite verb) keep the verb's subject before it
                and (c == 0 or any(self._finite(t) for t in toks[:c]))
            )
            if self._as_clause(toks, v):
                # "…, comme l'explique X" / "comme en témoigne X": after "comme" the subject follows its verb
                after_first, may_invert = True, True
            if vt.lower in self.spec.addressee_verbs:
                # '"…," X told Reuters': the name after "told" is the one spoken to, never the speaker
                after_first, may_invert = False, False
            if after_first and c < v - 1:
                # with an auxiliary, only as a closing incise ("…, a affirmé le général Alexander."), not
                # after a subject's apposition ("X, président, a appelé les rebelles à…")
                np_after = self.subject_after(toks, v)
                k = next((i for i, t in enumerate(toks) if np_after and t is np_after[-1]), len(toks))
                after_first = bool(np_after) and all(
                    t.pos == "PUNCT" and t.text != "," for t in toks[k + 1 :]
                )
            finders = (
                [self.subject_after, self.subject_before]
                if after_first
                else [self.subject_before] + ([self.subject_after] if may_invert else [])
            )
            sp = (None, "NP")
            for find in finders:
                np = find(toks, v)
                if np and find == self.subject_after and not self._ends_clause(toks, np):
                    np = []  # 'X, who …, said the launch has gone': the subject of the reported clause
                sp = self.choose(np, anchor) if np else (None, "NP")
                if sp[0]:
                    break
            if sp[0]:
                cands.append(sp)
                first_found = v if first_found is None else min(first_found, v)
                if prefer == "last" or sp[1] == "PERX":
                    break
        if not cands:
            sp = self._control_speaker(toks, anchor, strict)
            if not sp[0]:
                sp = self._narrative_infinitive(toks, anchor)
            if sp[0]:
                cands.append(sp)
        # "X said the sites were, according to Syria, abandoned": a source named inside what X reports is
        # X's source, not the speaker
        acc = self._according(toks if first_found is None else toks[:first_found])
        if acc[0]:
            cands.append(acc)
        if not cands:
            return None
        cands = [sp for sp in cands if self.can_speak(sp[0])]
        for kind in ("PERX", "PER"):
            for sp in cands:
                if sp[1] == kind:
                    return sp[0]
        return cands[0][0] if cands else None

    def _as_clause(self, toks: list[Tok], v: int) -> bool:
        """The verb opens a comment clause that inverts its subject ("comme l'explique X", "comme en
        témoigne X", "comme l'a rappelé X"): one of the language's ``inverting_conjunctions``, then only
        object clitics and auxiliaries before the verb."""
        k = v - 1
        while k >= 0 and (
            toks[k].lower in self.spec.object_clitics
            or toks[k].lower in self.spec.aux_words
            or toks[k].pos == "PRON"
        ):
            if toks[k].lower in self.spec.person_pronouns or toks[k].lower in self.spec.group_pronouns:
                return False  # "comme il l'a dit": the subject before the verb
            k -= 1
        return k >= 0 and toks[k].lower in self.spec.inverting_conjunctions

    def _finite(self, t: Tok) -> bool:
        return (
            t.pos in ("VERB", "AUX")
            and not t.part
            and not t.inf
            and not t.lower.endswith(self.spec.present_participle_suffixes or ("\0",))
        )

    def can_speak(self, name: str | None) -> bool:
        """A pronoun, a clitic ("-elle") or a bare date is never a speaker: the name it stands for is."""
        if not name:
            return False
        low = name.lower().strip()
        spec = self.spec
        if low.startswith("-") or low in spec.first_person or low in spec.second_person:
            return False
        if low in spec.person_pronouns or low in spec.group_pronouns:
            return False
        return not all(w in spec.time_words for w in low.split())

    def _anchor(self, toks: list[Tok]) -> str | None:
        if not toks:
            return None
        for x in self.doc.ents_in(toks[0].start, toks[-1].end):
            if x.label in ("ORG", "PER"):
                return self.full_name(x.text) if x.label == "PER" else x.text
        return None

    def quote_speaker(self, q: QuoteSpan, s: int, e: int, stoks: list[Tok]) -> str | None:
        after = [t for t in stoks if t.start >= q.close]
        before = [t for t in stoks if t.end <= q.open]
        anchor = self._anchor(before)
        sp = None
        if after and after[0].start - q.close <= 3:
            cut = next((k for k, t in enumerate(after) if k > 0 and t.text in ('"', "«", "“")), len(after))
            sp = self._speaker_from(after[: min(cut, 16)], "first", anchor=anchor)
            if not sp:
                comma_inside = "," in self.doc.norm[q.end : q.close]
                sp = self.incise_after_quote(after[: min(cut, 16)], anchor, comma_inside)
        if not sp and before:
            sp = self._speaker_from(before, "last", anchor=anchor)
            if not sp and self.doc.norm[s : q.open].rstrip().endswith(":"):
                np = self.subject_before(before, len(before) - 1)
                sp = self.choose(np, anchor)[0] if np else None
        if not sp and after:
            sp = self._speaker_from(after, "first", anchor=anchor)
        if not sp:
            # '« Cela risque d'être juste, reconnaît-il »': French marks hold the incise, unclosed before it
            inc = self.incise([t for t in stoks if q.start <= t.start < q.end])
            sp = inc[1] if inc else None
        if not sp:
            sp = self.prev_attribution
        if not sp and before:
            sp = self.quoting_subject(before)  # 'X nous relate l'histoire d'un "…"'
        return sp

    def quoting_subject(self, toks: list[Tok], titles: bool = False) -> str | None:
        """Quoted words inside the writer's sentence with no reporting verb ('X veut une "guerre mondiale"',
        'X has vowed "no surrender"'): the named subject of the sentence's first finite verb said them. Quotes
        that all start with a capital (``titles``) are titles ('X rose to prominence on "The League"'): nobody
        said them, unless the title itself reports ('"Double Down" claims …')."""
        title = self.title_speaker(toks)
        if title or titles:
            return title
        v = next(
            (
                i
                for i, t in enumerate(toks)
                if t.pos in ("VERB", "AUX") and not t.part and not t.inf and i > 0
            ),
            None,
        )
        if v is None:
            return None
        np = self.subject_before(toks, v)
        if len(np) == 1 and np[0].pos == "PRON":
            # 'À l'APHP, on préfère le terme de "transformation"': the organisation the pronoun speaks for
            return self.place_speaker(np[0])
        if not np or not any(t.ent in ("PER", "PERSON", "ORG") for t in np) or np[0].pos == "PRON":
            return None
        return self.np_speaker(np)[0]

    def sentence_speaker(self, toks: list[Tok], strict: bool) -> str | None:
        if not toks:
            return None
        sp = self._speaker_from(toks, "first", strict=strict)
        k = self._contrast_at(toks) if sp else None
        if k is None:
            return sp
        # "X a demandé …, tandis que Y a réclamé …": two people reporting in one sentence speak together
        left = self._speaker_from(toks[:k], "first", strict=strict)
        right = self._speaker_from(toks[k:], "first", strict=strict)
        if left and right and left != right and all(self.is_person(self.full_name(n)) for n in (left, right)):
            return f"{left} {self.spec.and_word} {right}"
        return sp

    def _contrast_at(self, toks: list[Tok]) -> int | None:
        """Where a clause opened by one of the language's ``contrast_clauses`` ("tandis que", "while")
        starts, after a comma."""
        for phrase in self.spec.contrast_clauses:
            words = phrase.split()
            for i in range(1, len(toks) - len(words)):
                if toks[i - 1].text == "," and [t.lower for t in toks[i : i + len(words)]] == words:
                    return i
        return None

    def incise(self, toks: list[Tok]) -> tuple[int, str | None] | None:
        """Unquoted direct speech closed by an incise: "…, a-t-elle ajouté." / "…, explique X."
        Returns (index of the comma, speaker)."""
        if len(toks) < 8:
            return None
        commas = [i for i, t in enumerate(toks) if t.text == ","]
        if not commas:
            return None
        for c in commas[::-1][:2]:
            r = self._incise_at(toks, c)
            if r is not None:
                return r
        return None

    def _incise_at(self, toks: list[Tok], c: int) -> tuple[int, str | None] | None:
        tail = toks[c + 1 :]
        while tail and tail[-1].pos == "PUNCT":
            tail = tail[:-1]
        if not tail or len(tail) > 16 or c < 5:
            return None
        if not any(t.pos in ("VERB", "AUX") for t in toks[:c]):
            # "Le patron de la NSA, le général X, a démenti ces informations": a subject and its apposition
            # before the comma, no speech; the verb's object is not an inverted speaker
            return None
        verbs = [v for v in self._find_verbs(tail) if tail[v].lower.startswith(self.spec.incise_verbs)]
        if not verbs or verbs[0] > 3:
            verbs = self._inverted_incise_verb(tail)
            if not verbs:
                return None
        v = verbs[0]
        if any(t.pos == "VERB" for t in tail[:v]):
            return None
        inverted = all(t.pos in ("AUX", "ADV") or _clitic(t) for t in tail[:v])
        rest = tail[v + 1 :]
        if inverted:
            # "…, a-t-elle ajouté." / "…, explique le directeur, Félix Bisson."
            if rest and not (
                _clitic(rest[0])
                or rest[0].pos in ("PROPN", "DET", "NOUN", "ADV", "ADP")
                or rest[0].lower in self.spec.indefinite_subjects
            ):
                return None
        elif any(t.pos not in ("ADV", "PUNCT") for t in rest):
            # "…, X a dit." : nothing but adverbs after the verb
            return None
        sp = self._speaker_from(tail, "first")
        if not sp and inverted:
            # "…, calcule Cyrille Bataller, directeur …": any verb closing the speech has its inverted subject
            # — a person named right after it, nothing else ("…, a fait l'objet de trois alarmes" is no incise)
            np = self.subject_after(tail, v)
            named = bool(np) and np[0].pos == "PROPN" and any(t.ent in ("PER", "PERSON") for t in np)
            sp = self.choose(np) if named else (None, "NP")
            sp = sp[0] if sp[1] in ("PER", "PERX") and self.can_speak(sp[0]) else None
        return c, sp

    def observe(self, s: int, e: int, stoks: list[Tok], qs: list[QuoteSpan]) -> None:
        toks = _outside_tokens(stoks, qs)
        ents = [x for x in self.doc.ents_in(s, e) if not any(q.open <= x.start < q.close for q in qs)]
        per = [x for x in ents if x.label == "PER"]
        names = [self.full_name(x.text) for x in per]
        # someone the reporter's sentence did not name ends what it reported
        new_person = any(n.split()[-1].lower() not in self._reporter_text for n in names if n)
        if per:
            multi = [n for n in names if len(n.split()) >= 2]
            # the person this sentence quoted or reported is the one "he"/"she" will mean next
            ls = self.last_speaker or ""
            if ls and (ls in names or any(n and n in ls for n in names)):
                # "un habitant de Jomba" quoted: "il" next is the resident, not the place NER took for a name
                self.recent_person = ls
            else:
                self.recent_person = (multi or names)[0]
        org = [x for x in ents if x.label == "ORG"]
        if org:
            self.recent_org = org[-1].text
        self.prev_group = self.plural_people(toks)  # whom "ces derniers" next may mean
        self.note_filer(toks)  # who "the lawsuit", "la plainte" next speaks for
        self.prev_attribution = None
        # whom the sentence reports: "he"/"il" as the next sentence's reporting subject is that one
        # ("Mr Hare said the decision was made by X. He said it was…": Hare, not X)
        sp = self._speaker_from(toks, "first") if toks else None
        sp = self.full_name(sp) if self.can_speak(sp) else None
        if sp or qs or self._held or new_person:
            self.prev_reporter = sp if self.is_person(sp) else None
            self._held = False
            self._reporter_text = self.doc.text[s:e].lower()
        else:
            # "X affirme que Müller… / Müller n'a pas survécu. / « … », a-t-il assuré": one sentence of what
            # X reported, with no voice and nobody new, leaves X the one "il"/"he" reports next
            self._held = True
        if self.doc.norm[s:e].rstrip().endswith(":") and not qs:
            self.prev_attribution = self._speaker_from(toks, "last")
