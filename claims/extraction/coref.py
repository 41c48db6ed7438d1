"""Speakers, part 1b: what a mention that is not a name stands for.

A pronoun, a title ("le ministre", "the Secretary of State"), a description of an organisation ("the
company", "les deux entreprises", "a press regulator" named only later), "ces derniers" for people just
named, a pronoun in a place ("À l'ARS, on fait valoir…") or a short name ("said Kaplowitz", "the Times") is
never the speaker string: the fullest name the article gives for it is. Every word list comes from the language spec
(``languages/<code>_names.py``); this module only holds the rules.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .document import _rx
from .languages import LanguageSpec, get, supported
from .quantities import Tok
from .types import Entity


@lru_cache(maxsize=1)
def name_particles() -> frozenset[str]:
    """Particles an organisation's initials skip, in every language: names keep their own language's
    particles whatever the article's language ("Office for the Protection…" in a French article)."""
    out: set[str] = set()
    for code in supported():
        out |= get(code).name_particles
    return frozenset(out)


def strip_article(spec: LanguageSpec, name: str) -> str:
    """ "l'OMS" -> "OMS", "the Foreign Office" -> "Foreign Office" (the language's articles)."""
    if not spec.articles:
        return name
    return re.sub(rf"^(?:{spec.articles})(?:\s+|(?<=['’]))", "", name, flags=re.IGNORECASE)


def strip_titles(spec: LanguageSpec, words: list[str]) -> list[str]:
    """ "Chancellor Angela Merkel" -> "Angela Merkel": titles and honorifics before a name are no part of
    it (GUIDELINES: the name, as the article gives it most fully). Keeps at least one word."""
    hon = _rx(spec, "honorifics")
    k = 0
    while k < len(words) - 1 and (words[k].lower() in spec.title_nouns or hon.match(words[k] + " ")):
        k += 1
    return words[k:] if k < len(words) and words[k][:1].isupper() else words


def _named(t: Tok) -> bool:
    return t.pos == "PROPN" or t.ent in ("PER", "PERSON", "ORG")


class _Coref:
    """Mixin of ``_Names``: resolves the mentions that are not names. Needs ``doc``, ``spec``, ``orgs``,
    ``recent_person``, ``recent_org``, ``last_speaker`` and ``full_name``."""

    # -- titles: "le ministre des Finances, Wolfgang Schäuble" ----------------------------------------
    def _collect_titles(self, persons: list[Entity]) -> None:
        """Each title noun the article puts right before a person (in the same noun phrase or in
        apposition: "the finance minister, Wolfgang Schaeuble", "Secretary of State John Kerry")."""
        self._title_at: dict[str, list[tuple[int, str]]] = {}
        for e in persons:
            pre = self.doc.tokens_in(max(0, e.start - 80), e.start)[-8:]
            if pre and pre[-1].text == ",":
                pre = pre[:-1]
            for t in reversed(pre):
                if t.text in (".", ";", ":", "!", "?", '"', "«", "»") or t.pos == "VERB":
                    break
                if t.lower in self.spec.title_nouns:
                    name = " ".join(strip_titles(self.spec, e.text.split()))
                    self._title_at.setdefault(t.lower, []).append((e.start, self.full_name(name)))
                    break

    def title_holder(self, title: str, before: int) -> str | None:
        """The person last introduced with ``title`` before offset ``before``."""
        hits = [n for pos, n in self._title_at.get(title, []) if pos < before]
        return hits[-1] if hits else None

    def titled_np(self, toks: list[Tok], anchor: str | None = None) -> str | None:
        """ "The Secretary of State", "le ministre de l'Intérieur": a definite title whose complement may
        name an organisation speaks as the person holding it: the one the article introduced with that
        title, else the person last named (not for the generic heads "spokesman", "porte-parole")."""
        spec = self.spec
        if len(toks) < 2 or toks[0].lower not in spec.definite_dets | spec.demonstrative_dets:
            return None
        k = 1
        while k < len(toks) and toks[k].pos == "ADJ":
            k += 1
        if k >= len(toks) or toks[k].lower not in spec.title_nouns:
            return None
        title = toks[k].lower
        rest = toks[k + 1 :]
        if rest and rest[0].pos != "ADP" and rest[0].lower not in spec.title_nouns:
            return None  # "the minister's aide": another head
        holder = self.title_holder(title, toks[0].start)
        if holder:
            return holder
        if title.startswith(spec.generic_speakers):
            return None
        return self.recent_person

    # -- short names: the fuller one the article gave ("said Kaplowitz", "the Times", "the ACLU of Nevada")
    def _surname_of(self, name: str) -> str | None:
        """The full name of the person whose surname ``name`` is (one word the tagger may have read as an
        organisation), when the article introduced them in full."""
        if len(name.split()) != 1 or not name[:1].isupper():
            return None
        full = self.full_name(name)
        if len(full.split()) > 1 and any(" ".join(w) == full for w in self._person_words()):
            return full
        return None

    def _fuller_org(self, name: str, before: int) -> str | None:
        """ "the Times" after "the New York Times", "la Commission" after "la Commission européenne": the
        fuller name of the same organisation the article gave before."""
        low = name.lower()
        best = None
        for e in self.orgs:
            if e.start >= before:
                break
            full = strip_article(self.spec, e.text)
            # the name ends the fuller one, or opens it followed by adjectives only ("Commission européenne",
            # not "Cogeco Câble", another company)
            ends = full.lower().endswith(" " + low)
            opens = full.lower().startswith(low + " ") and full[len(name) :].strip().islower()
            if len(full) > len(name) and (ends or opens):
                best = full
        return best

    def _branch(self, toks: list[Tok], end: int) -> str:
        """ "the ACLU of Nevada": the place an organisation's branch is named after stays with the
        expanded name ("American Civil Liberties Union of Nevada")."""
        rest = [t for t in toks if t.start >= end]
        if len(rest) < 2 or rest[0].lower not in self.spec.subject_preps or rest[0].start - end > 1:
            return ""
        k = 1
        while k < len(rest) and rest[k].pos == "PROPN" and rest[k].ent in ("LOC", "GPE"):
            k += 1
        return " " + self.doc.text[rest[0].start : rest[k - 1].end] if k > 1 else ""

    # -- "the lawsuit said", "selon la plainte": the party that filed it ---------------------------------
    def note_filer(self, toks: list[Tok]) -> None:
        """The party a sentence shows filing against another, kept as ``filer``: the named subject of a
        filing verb ("Rockstar, the consortium …, sued Samsung", "X a assigné Y") or of the verb before a
        filed document ("X a porté plainte", "X filed a lawsuit")."""
        spec = self.spec
        if not spec.filed_documents or not spec.singular:
            return
        for k, t in enumerate(toks):
            v: int | None = k
            if not (t.pos == "VERB" and spec.filing_verbs and t.lower.startswith(spec.filing_verbs)):
                if t.pos != "NOUN" or spec.singular(t.lower) not in spec.filed_documents:
                    continue
                v = next(
                    (i for i in range(k - 1, -1, -1) if toks[i].pos == "VERB" or toks[i].text in ",;:"), None
                )
                if v is None or toks[v].pos != "VERB":
                    continue
            np = self.subject_before(toks, v)
            if v > 1 and toks[v - 1].text == ",":
                # "Rockstar, the consortium that bought the patents, sued": the name before the apposition
                c = next(i for i, x in enumerate(toks) if x.text == ",")
                if c < v - 1 and _named(toks[0]) and all(_named(x) or x.pos == "DET" for x in toks[:c]):
                    np = toks[:c]
            head = [x for x in np if x.pos not in ("DET", "ADJ")][:2]
            # a name heads the subject ("Rockstar", "la société Acme"), not a description that holds one
            # ("thousands of former Nortel patents")
            if not head or not (
                _named(head[0]) or head[0].lower in spec.org_nouns and len(head) > 1 and _named(head[1])
            ):
                continue
            sp, kind = self.choose(np)
            if sp and kind != "NP":
                self.filer = sp

    # -- groups: "les deux entreprises", "the two companies", "ces derniers" ---------------------------
    def group_np(self, toks: list[Tok]) -> str | None:
        """A definite plural description of organisations with a count ("les deux entreprises", "both
        banks"): the last that many distinct organisations named before it, joined."""
        spec = self.spec
        if not spec.singular or len(toks) < 2:
            return None
        words = [t.lower for t in toks]
        n = next((spec.group_counts[w] for w in words[:3] if w in spec.group_counts), None)
        head = next((t for t in toks if t.pos == "NOUN"), None)
        if not n or head is None or spec.singular(head.lower) not in spec.org_nouns:
            return None
        names: list[str] = []
        for e in reversed([x for x in self.orgs if x.end <= toks[0].start]):
            name = strip_article(spec, e.text)
            if name not in names and not any(name in x or x in name for x in names):
                names.append(name)
            if len(names) == n:
                break
        if len(names) < n:
            return None
        names.reverse()
        return ", ".join(names[:-1]) + f" {spec.and_word} " + names[-1]

    def group_anaphor(self) -> str | None:
        """ "ces derniers" for a group: the people the previous sentence named in the plural ("soutenu par
        d'influents sénateurs républicains et démocrates. Mais ces derniers ont critiqué…"), else the last
        speaker when it was not one person, else nobody (a pronoun is never the speaker string)."""
        if self.prev_group:
            return self.prev_group
        sp = self.last_speaker
        return None if not sp or self.is_person(sp) else sp

    def plural_people(self, toks: list[Tok]) -> str | None:
        """The last plural noun phrase of people in ``toks`` ("d'influents sénateurs républicains et
        démocrates", "senior Republican senators"), as the text gives it: a plural head that is a title or
        has an agentive suffix, with its determiner, adjectives and coordinated words."""
        spec = self.spec
        if not spec.singular:
            return None
        agentive = _rx(spec, "person_noun_suffixes")
        found = None
        for i, t in enumerate(toks):
            if t.pos != "NOUN" or not t.text.islower():
                continue
            one = spec.singular(t.lower)
            if one == t.lower or not (one in spec.title_nouns or agentive.search(one)):
                continue
            a = i
            while (
                a > 0
                and toks[a - 1].pos in ("ADJ", "DET", "NUM")
                and toks[a - 1].lower not in spec.definite_dets
            ):
                a -= 1
            if a == i or toks[a].pos != "DET" and not any(x.pos == "ADJ" for x in toks[a:i]):
                continue  # a bare plural ("des habitants" keeps its determiner; "soldiers" alone is too vague)
            b = i
            while b + 1 < len(toks) and (
                toks[b + 1].pos == "ADJ"
                or toks[b + 1].pos == "CCONJ"
                and b + 2 < len(toks)
                and toks[b + 2].pos in ("ADJ", "NOUN")
                and toks[b + 2].text.islower()
            ):
                b += 2 if toks[b + 1].pos == "CCONJ" else 1
            found = self.doc.text[toks[a].start : toks[b].end]
        return found

    def is_person(self, name: str | None) -> bool:
        """Whether ``name`` is a person the article names (not a group, a description, an organisation)."""
        return bool(name) and (
            name == self.recent_person or any(name == " ".join(w) for w in self._person_words())
        )

    # -- "a press regulator says" … "the order came from the Guangdong Administration of Press…" ---------
    def name_descriptions(self, speakers: list[str | None]) -> dict[str, str]:
        """Descriptions of an organisation given as speakers ("a press regulator", "l'organisme de
        contrôle"), mapped to the organisation the article names, before or LATER, whose name holds one of
        the description's own words ("Press"): GUIDELINES give the name, not the description."""
        spec = self.spec
        dets = spec.indefinite_dets | spec.definite_dets
        out: dict[str, str] = {}
        for sp in {x for x in speakers if x}:
            words = re.findall(r"[^\W\d_][\w'’-]*", sp)
            if len(words) < 2 or words[0].lower() not in dets or any(w[:1].isupper() for w in words[1:]):
                continue
            heads = [
                w.lower() for w in words[1:] if spec.singular and spec.singular(w.lower()) in spec.org_nouns
            ]
            if not heads or any(spec.singular(h) != h for h in heads):
                # "les organisations dédiées à la protection de la vie privée": several, not the one named
                continue
            own = [
                w.lower()
                for w in words[1:]
                if len(w) > 3 and w.lower() not in heads and w.lower() not in name_particles()
            ]
            best = None
            for e in self.orgs:
                low = e.text.lower()
                if any(re.search(rf"\b{re.escape(w)}\b", low) for w in own) and len(e.text.split()) >= 2:
                    best = self._whole_org(e)
                    break
            if best:
                out[sp] = strip_article(spec, best)
        out.update(self.nicknamed(speakers))
        return out

    def nicknamed(self, speakers: list[str | None]) -> dict[str, str]:
        """An institution's nickname given as speaker ("la Royale", "the Fed"), mapped to the full name the
        article also gives ("Marine nationale", "Federal Reserve"): GUIDELINES name a speaker as the article
        gives it most fully."""
        low_text = self.doc.text.lower()
        out: dict[str, str] = {}
        for sp in {x for x in speakers if x}:
            for full in self.spec.nicknames.get(strip_article(self.spec, sp).lower(), ()):
                k = low_text.find(full.lower())
                if k >= 0:
                    out[sp] = self.doc.text[k : k + len(full)]
                    break
        return out

    def _whole_org(self, e: Entity) -> str:
        """ "the Guangdong Administration of Press and Publication, Radio" + ", Film and Television": a name
        that already enumerates with commas goes on over the next organisation after a comma."""
        text = e.text
        words = text.split()
        if words and words[-1].lower() in name_particles():
            # "l'Administration de la presse et des publications du" + "Guangdong": a name cut at its particle
            nxt = [t for t in self.doc.tokens_in(e.end, e.end + 80) if t.start >= e.end]
            k = 0
            while (
                k < len(nxt)
                and nxt[k].pos == "PROPN"
                and nxt[k].start - (nxt[k - 1].end if k else e.end) <= 1
            ):
                k += 1
            return self.doc.text[e.start : nxt[k - 1].end] if k else text
        if ", " not in text:
            return text
        nxt = next((x for x in self.orgs if x.start > e.start), None)
        if nxt is not None and self.doc.text[e.end : nxt.start] == ", ":
            return self.doc.text[e.start : nxt.end]
        return text

    # -- "À l'ARS, on fait valoir…", "At the ministry, they argue…" ----------------------------------------
    def place_speaker(self, pron: Tok) -> str | None:
        """An impersonal pronoun after a clause-opening "at <organisation>," speaks for that organisation
        ("À l'ARS comme à l'APHP, on défend…": both, each named as the article writes it, article and all:
        "l'ARS et l'APHP")."""
        spec = self.spec
        if pron.lower not in spec.impersonal_pronouns:
            return None
        pre = self.doc.tokens_in(max(0, pron.start - 160), pron.start)
        if not pre or pre[-1].text != ",":
            return None
        k = len(pre) - 2
        while k >= 0 and pre[k].text not in (".", ";", ":", "!", "?", ",", '"', "»", "«"):
            k -= 1
        clause = pre[k + 1 : -1]

        def locative(t: Tok) -> bool:
            # "A l'ARS": a capital typeset without its accent is the accented preposition
            low = spec.bare_capitals.get(t.lower, t.lower) if t.text[:1].isupper() else t.lower
            return low in spec.locative_preps

        if not clause or not locative(clause[0]) or len(clause) > 12:
            return None
        names: list[str] = []
        written: list[str] = []  # with their articles: how a coordination names them
        seg: list[Tok] = []
        for t in clause[1:] + [clause[0]]:  # the preposition again closes the last segment
            if not locative(t):
                seg.append(t)
                continue
            det = seg[0] if seg and seg[0].pos == "DET" else None
            while seg and seg[0].pos == "DET":
                seg = seg[1:]
            while seg and seg[-1].pos in ("CCONJ", "SCONJ", "ADV", "ADP"):
                seg = seg[:-1]  # "à l'ARS comme à l'APHP"
            if not seg or not seg[0].text[:1].isupper():
                return None
            name = strip_article(spec, self.doc.text[seg[0].start : seg[-1].end])
            acronym = len(seg) == 1 and sum(c.isupper() for c in name) >= 2
            ents = self.doc.ents_in(seg[0].start, seg[-1].end + 1)
            if not (
                acronym or any(t.lower in spec.org_nouns for t in seg) or any(x.label == "ORG" for x in ents)
            ):
                return None  # "In Paris, they say": a place, not an organisation
            names.append(self.full_name(name) if acronym else name)
            # an acronym the article spells out is named in full instead
            written.append(
                self.doc.text[(det or seg[0]).start : seg[-1].end] if names[-1] == name else names[-1]
            )
            seg = []
        if len(names) == 1:
            return names[0]
        return ", ".join(written[:-1]) + f" {spec.and_word} " + written[-1]
