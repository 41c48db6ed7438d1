"""Speakers, part 1: the names a speaker can be given (the fullest form the article
offers for a person, an acronym or an organisation; descriptions and pronouns resolved from context)."""

from __future__ import annotations

import re

from .coref import _Coref, name_particles, strip_article, strip_titles
from .document import _Doc, _rx
from .languages import LanguageSpec
from .quantities import Tok
from .types import Entity

_NP_POS = {"PROPN", "NOUN", "ADJ", "DET", "NUM"}
# entity labels (spaCy's, both models) of a country, a place or an institution: it speaks, but is no person
_PLACE_OR_BODY = {"LOC", "GPE", "FAC", "ORG", "NORP", "MISC"}
_ACRONYM = re.compile(r"[A-Z][A-Za-z]{1,7}")


def _initials(name: str) -> str:
    """ "Organisation pour l'interdiction des armes chimiques" -> OIAC: every word but the particles, an
    elided article dropped."""
    words = [re.sub(r"^[ldLD]['’]", "", w) for w in name.split()]
    return "".join(w[0] for w in words if w and w.lower() not in name_particles()).upper()


def _is_acronym(word: str) -> bool:
    """ "OMS", "OPCW", "BfV": two capitals or more, nothing but letters."""
    return bool(_ACRONYM.fullmatch(word)) and sum(c.isupper() for c in word) >= 2


def _only_when_and_where(toks: list[Tok], spec: LanguageSpec) -> bool:
    """ "le 8 décembre 1929 à Paris": a noun phrase whose words are all a date, a time or a place, with a
    date or time among them, names nobody."""
    words = [t for t in toks if t.pos in ("NOUN", "PROPN", "NUM")]

    def when(t: Tok) -> bool:
        return (
            t.ent in ("DATE", "TIME")
            or t.lower in spec.months
            or t.lower in spec.time_words
            or t.pos == "NUM"
        )

    return bool(words) and all(when(t) or t.ent in ("LOC", "GPE") for t in words) and any(map(when, words))


def _caps(name: str) -> str:
    """The capitals of a name's words, particles skipped ("Banque de France" -> BF)."""
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() not in name_particles())


class _Names(_Coref):
    """Article-level state for speaker resolution: who was named, and how to name a speaker."""

    def __init__(self, doc: _Doc):
        self.doc = doc
        self.spec = doc.spec
        self._said_by: list[str] = []  # every speaker so far, in order (see last_speaker)
        self.recent_person: str | None = None
        self.recent_org: str | None = None
        self.prev_attribution: str | None = None
        self.prev_reporter: str | None = None  # the speaker the previous sentence reported
        self._held = False  # prev_reporter kept over one sentence without a voice of its own
        self._reporter_text = ""  # the sentence prev_reporter reported in (lower case)
        self.prev_quote_speaker: str | None = None
        self.prev_group: str | None = None  # the people the previous sentence named in the plural
        self.filer: str | None = None  # the party last shown filing a lawsuit or a complaint (coref.py)
        self.persons = [e for e in doc.ents if e.label == "PER"]
        # proper-noun runs the NER missed ("MP Clive Palmer"), used only to expand surnames
        run: list[Tok] = []
        toks = doc.toks + [Tok(0, 0, "", "", "X", "", "")]
        for i, t in enumerate(toks):
            if t.pos == "PROPN" and t.text[:1].isupper() and (not run or t.start - run[-1].end <= 1):
                j = i - 1
                while not run and j > 0 and toks[j].lower in self.spec.name_particles:
                    j -= 1
                if j < i - 1 and toks[j].lower in self.spec.title_nouns:
                    # "Chief of Staff Bill Daley", "le ministre de l'Intérieur Manuel Valls": the title's
                    # complement is no part of the name
                    continue
                run.append(t)
                continue
            if 2 <= len(run) <= 4 and not any(t2.ent in ("ORG", "LOC", "GPE") for t2 in run):
                self.persons.append(
                    Entity(doc.text[run[0].start : run[-1].end], "PER", run[0].start, run[-1].end)
                )
            run = [t] if t.pos == "PROPN" else []
        self.orgs = [e for e in doc.ents if e.label in ("ORG",)]
        self._titles: dict[str, str] = {}
        for e in self.persons:
            pre = doc.tokens_in(max(0, e.start - 60), e.start)[-3:]
            while pre and pre[-1].pos in ("ADJ", "PUNCT") and pre[-1].text != ".":
                pre = pre[:-1]
            if pre and pre[-1].pos == "NOUN" and pre[-1].lower not in self.spec.org_nouns:
                self._titles.setdefault(pre[-1].lower, self.full_name(e.text))
        self._collect_titles(self.persons)
        low_text = doc.text.lower()
        self._org_weight: dict[str, int] = {}
        for e in self.orgs:
            if e.text in self._org_weight:
                continue
            w = low_text.count(e.text.lower())
            caps = _caps(e.text)
            if len(caps) >= 2:
                w += len(re.findall(r"\b" + re.escape(caps) + r"\b", doc.text))
            self._org_weight[e.text] = w

    @property
    def last_speaker(self) -> str | None:
        return self._said_by[-1] if self._said_by else None

    @last_speaker.setter
    def last_speaker(self, name: str | None) -> None:
        if name:
            self._said_by.append(name)

    # -- name normalisation ------------------------------------------------------------------
    def full_name(self, name: str) -> str:
        cache = self.__dict__.setdefault("_fn_cache", {})
        if name not in cache:
            cache[name] = self._full_name(name)
        return cache[name]

    def _person_words(self) -> list[list[str]]:
        pw = self.__dict__.get("_pw")
        if pw is None or len(pw) != len(self.persons):
            hon = _rx(self.spec, "honorifics")
            pw = self.__dict__["_pw"] = [
                strip_titles(self.spec, hon.sub("", e.text.strip()).split()) for e in self.persons
            ]
        return pw

    def _full_name(self, name: str) -> str:
        name = name.strip(" ,.:;\"'«»“”()")
        name = re.sub(r"'s$", "", name)
        base = _rx(self.spec, "honorifics").sub("", name).strip()
        if not base:
            return name
        words = strip_titles(self.spec, base.split())
        base = " ".join(words)
        last = words[-1].lower()
        best = None
        low_words = [w.lower() for w in words]
        for ew in self._person_words():
            if not ew:
                continue
            if [w.lower() for w in ew[-len(words) :]] == low_words or (
                len(words) == 1 and last in (w.lower() for w in ew)
            ):
                if best is None or len(ew) > len(best.split()):
                    best = " ".join(ew)
        if best:
            return best
        if _is_acronym(base) and base in self.acronyms():
            return self.acronyms()[base]
        if _is_acronym(base):
            base_up = base.upper()
            for e in self.doc.ents:
                if e.label not in ("ORG", "LOC", "MISC", "NORP"):
                    continue
                caps = _caps(e.text)
                if (
                    len(caps) >= len(base)
                    and caps.endswith(base)
                    and caps != base
                    or caps == base
                    and len(e.text) > len(base)
                    # "Organisation mondiale de la santé" spells OMS with its lower-case words
                    or len(e.text) > len(base)
                    and _initials(e.text) == base_up
                ):
                    return strip_article(self.spec, e.text)
        return base

    def acronyms(self) -> dict[str, str]:
        """Acronyms the article expands: "Organisation mondiale de la santé (OMS)" -> the name before the
        parenthesis whose initials spell it, or the organisation named right before it."""
        acr = self.__dict__.get("_acr")
        if acr is None:
            acr = self.__dict__["_acr"] = {}
            text = self.doc.text
            for m in re.finditer(r"\(\s*([A-Z][A-Za-z]{1,7})\s*\)", text):
                a = m.group(1)
                if sum(c.isupper() for c in a) < 2 or a in acr:
                    continue
                words = re.findall(r"[^\W\d_][\w'’-]*", text[max(0, m.start() - 120) : m.start()])[-10:]
                for k in range(len(words) - 1, -1, -1):
                    cand = words[k:]
                    initials = _initials(" ".join(cand))
                    if initials == a.upper() and cand[0][:1].isupper():
                        start = text.rfind(cand[0], 0, m.start())
                        acr[a] = text[start : m.start()].strip()
                        break
                else:
                    # initials in another language ("Office for the Protection of the Constitution (BfV)"):
                    # the run of capitalised words (and particles) right before the parenthesis
                    k = len(words)
                    while k > 0 and (words[k - 1][:1].isupper() or words[k - 1].lower() in name_particles()):
                        k -= 1
                    while k < len(words) and words[k].lower() in name_particles():
                        k += 1
                    if len(words) - k >= 2 and words[k][:1].isupper():
                        start = text.rfind(words[k], 0, m.start())
                        acr[a] = text[start : m.start()].strip()
            for a, name in list(acr.items()):
                acr[a] = strip_article(self.spec, name)
        return acr

    def _org_for(self, head: str, before: int, described: bool = False) -> str | None:
        """The organisation a definite description headed by ``head`` stands for: a named one holding the
        head word; else, for a bare description ("l'agence britannique"), the fullest description with that
        head an earlier speaker was given, else the organisation last named. A description with its own
        complement ("l'agence chargée de l'hygiène alimentaire") names the speaker itself (None)."""
        head = head.lower()
        best, best_w = None, -1
        for e in self.orgs:
            if e.start >= before:
                break
            if head in e.text.lower():
                w = self._org_weight.get(e.text, 1)
                if w >= best_w:
                    best, best_w = e.text, w
        if best or described:
            return best
        # "l'agence britannique" after "a annoncé l'agence chargée de l'hygiène alimentaire": the fullest
        # description with that head an earlier speaker was given
        said = [sp for sp in self._said_by if head in re.findall(r"\w+", sp.lower())]
        return max(said, key=len) if said else self.recent_org

    def resolve(self, np: str, np_toks: list[Tok], anchor: str | None = None) -> tuple[str | None, str]:
        """(speaker, kind) for a noun phrase without a named entity; kind is PER/ORG/NP."""
        spec = self.spec
        low = np.lower().strip()
        if not low or low in spec.non_speakers or (np_toks and np_toks[0].lower in spec.negative_dets):
            return None, "NP"  # "aucun responsable n'a dit", "no official said": nobody spoke
        if np_toks and len(np_toks) == 1 and np_toks[0].pos == "PRON":
            place = self.place_speaker(np_toks[0])
            if place:
                return place, "ORG"
        if low in spec.group_anaphors and low not in spec.person_pronouns:
            return self.group_anaphor(), "ORG"
        if low in spec.person_pronouns:
            sp = self.prev_reporter or self.recent_person or self.last_speaker
            return sp, "PER"
        if low in spec.group_pronouns:
            # "ils", "they", "it": a group or an organisation, never the one person quoted last (then
            # nobody: a first-person sentence goes on with the previous quote's speaker)
            if (
                low in spec.plural_pronouns
                and self.prev_group
                and not (self.last_speaker and not self.is_person(self.last_speaker))
            ):
                # "…soutenu par d'influents sénateurs. Ils ont exigé…": the people just named in the plural
                return self.prev_group, "ORG"
            if self.is_person(self.last_speaker):
                return None, "NP"
            return (self.last_speaker or self.recent_org), "ORG"
        if np_toks and len(np_toks) == 1 and np_toks[0].pos == "PRON":
            return None, "NP"
        has_propn = any(t.pos == "PROPN" for t in np_toks)
        heads = [t.lower for t in np_toks if t.pos == "NOUN"]
        if not has_propn and np_toks:
            first = np_toks[0].lower
            if (
                self.filer
                and first in spec.definite_dets | spec.demonstrative_dets | spec.possessive_dets
                and spec.singular
                and any(spec.singular(h) in spec.filed_documents for h in heads[:2])
            ):
                return self.filer, ("PER" if self.is_person(self.filer) else "ORG")  # "the lawsuit said"
            if any(h.startswith(spec.generic_speakers) for h in heads[:1]) and first in (
                spec.indefinite_dets | spec.definite_dets | spec.possessive_dets
            ):
                org = anchor or self.last_speaker
                if org:
                    org = re.sub(r"^.*\((.*)\)$", r"\1", org)  # "a spokesman (Commission)" again: Commission
                return (f"{np.strip()} ({org})" if org else np.strip()), "NP"
            if first in spec.demonstrative_dets | spec.definite_dets:
                group = self.group_np(np_toks)
                if group:
                    return group, "ORG"
                for h in heads:
                    holder = self.title_holder(h, np_toks[0].start) or self._titles.get(h)
                    if holder:
                        return holder, "PER"
                if heads and heads[0] in spec.org_nouns:
                    described = any(t.pos == "ADP" or t.part for t in np_toks[2:])
                    org = self._org_for(heads[0], np_toks[0].start, described)
                    return (org or np.strip()), "ORG"
                plural = bool(heads) and spec.singular is not None and spec.singular(heads[0]) != heads[0]
                if first in spec.demonstrative_dets and not plural:
                    return (self.last_speaker or self.recent_person), "PER"
                if heads and (
                    heads[0] in spec.title_nouns
                    or (
                        len(np_toks) <= 3
                        and not plural
                        and not any(t.pos == "ADP" for t in np_toks)
                        and _rx(spec, "person_noun_suffixes").search(heads[0])
                    )
                ):
                    # anaphoric definite description: "le milliardaire", "la pharmacienne"
                    return (self.recent_person or self.last_speaker or np.strip()), "PER"
            return np.strip(), "NP"
        place = all(t.ent in _PLACE_OR_BODY for t in np_toks if t.pos == "PROPN")
        return self.full_name(np), ("ORG" if place else "PER")  # "selon la Syrie": a country, no person

    def np_speaker(self, toks: list[Tok], anchor: str | None = None) -> tuple[str | None, str]:
        if not toks:
            return None, "NP"
        spec = self.spec
        s, e = toks[0].start, toks[-1].end
        if _only_when_and_where(toks, spec):
            return None, "NP"  # "X, né le 8 décembre 1929 à Paris, assurait": a date, not who spoke
        # a name the noun phrase ends inside ("…, Richard" of "Richard Bordeaux") is the whole name
        ents = [x for x in self.doc.ents_in(s, e + 80) if x.label in ("PER", "ORG") and x.start < e]
        per = [x for x in ents if x.label == "PER"]
        parts: list[list[Tok]] = [[]]
        for t in toks:
            if t.text == ",":
                parts.append([])
            else:
                parts[-1].append(t)
        parts = [p for p in parts if p]
        indefinite = (
            parts
            and len(parts[0]) >= 2
            and parts[0][0].pos == "DET"
            and parts[0][1].pos in ("NOUN", "ADJ")
            and not any(t.lower in spec.org_nouns or t.lower in spec.title_nouns for t in parts[0][1:3])
            and any(t.pos == "ADP" for t in parts[0])
            and parts[0][0].lower not in spec.definite_dets
        )
        # "un habitant de Jomba", "un proche de Nicolas Sarkozy": an indefinite description is the
        # speaker, even when a name is its complement; a name in apposition ("…, Félix Bisson") wins
        if per and not (indefinite and all(x.end <= parts[0][-1].end for x in per)):
            # a full name beats a one-word PER the NER may have given to a company ("SpaceX et de Tesla, Elon Musk")
            multi = [x for x in per if len(_rx(self.spec, "honorifics").sub("", x.text).split()) >= 2]
            return self.full_name((multi or per)[0].text), "PERX"
        if indefinite and parts[0][1].lower in spec.document_nouns and ents:
            # "a statement from the OPCW": the organisation speaks through its statement
            org = ents[-1].text
            bare = strip_article(spec, org)
            return (self.full_name(bare) if _is_acronym(bare) else org), "ORG"
        if indefinite:
            head = parts[0]
            return self.doc.text[head[0].start : head[-1].end], "NP"
        lead = parts[0] if len(parts) >= 2 else []
        if (
            lead
            and len(lead) <= 4
            and all(t.pos == "PROPN" and t.text[:1].isupper() and not t.ent for t in lead)
            and lead[0].lower not in spec.non_speakers
        ):
            # "Prof Georgio Vallortigara, a neuroscientist from the University of Trento, said": the
            # proper names before the apposition are the speaker, not the organisation named in it
            return self.full_name(self.doc.text[lead[0].start : lead[-1].end]), "PERX"
        if parts and not per:
            holder = self.titled_np(parts[0])
            # a named organisation in the complement ("the chief executive of General Motors") is what
            # speaks when nobody holding the title was named; an entity over the title itself is not one
            head_end = next((t.end for t in parts[0] if t.lower in spec.title_nouns), s)
            if holder and not any(
                x.label == "ORG" and x.start >= head_end and len(strip_article(spec, x.text).split()) >= 2
                for x in ents
            ):
                return holder, "PER"  # "The Secretary of State admitted": the person, not "State"
        if ents and _rx(spec, "honorifics").match(ents[0].text):
            # "Prof Crystal" read as an organisation: an honorific makes it a person
            return self.full_name(ents[0].text), "PERX"
        if ents:
            name = ents[0].text
            bare = strip_article(spec, name)
            if _is_acronym(bare):
                name = self.full_name(bare) + self._branch(toks, ents[0].end)
            elif ents[0].label == "ORG":
                person = self._surname_of(bare)
                if person:
                    return person, "PERX"  # '"…," said Kaplowitz' tagged an organisation: Dr. Paul Kaplowitz
                name = self._fuller_org(bare, toks[0].start) or name
            return strip_article(spec, name) if len(name) > 8 else name, "ORG"
        if not parts:
            return None, "NP"
        head = parts[0]
        if len(head) == 1 and head[0].pos == "PROPN" and head[0].lower not in self.spec.non_speakers:
            # a country or an institution the tagger knows ("according to Syria") is not a person
            kind = "ORG" if head[0].ent in _PLACE_OR_BODY else "PER"
            return self.full_name(head[0].text), kind
        return self.resolve(self.doc.text[head[0].start : head[-1].end], head, anchor)

    # -- subject / inverted subject around a reporting verb ------------------------------------
