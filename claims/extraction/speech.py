"""Speakers, part 3: speech that runs past its quotation marks.

News copy often loses the marks of a quote that runs over several sentences (one sentence per line, as in
the WMT news sets): ``He said: "In some cases, it has reached too far." / I assure you innocent people are
not being abused.`` GUIDELINES.md makes the whole quote one item with its speaker. After a quote that ends
its sentence, the sentences that follow keep its speaker while they read as speech and until narration
resumes: a sentence with quotation marks or a reporting verb of its own, a question, or one that names the
speaker (narration about them). A sentence reads as speech in the first or second person, or when it opens with
a word pointing back into the quote ("It", "Cela"), judges with a modal or conditional, or is joined to it by a
connective ("And", "Et"), without narration's marks (a date, a person or organisation named, an opening
adverbial, a long sentence). Up to ``_MAX_GAP`` sentences that read as neither are kept when first-person
speech follows them; further on, a "we" is more likely the writer's ("Le crématorium nous a autorisés…").
The same holds backwards for speech whose opening marks were lost before ``"…", said X.``; first-person words
right after reported speech ("selon X, …") are X's; an interview's answers belong to the person interviewed."""

from __future__ import annotations

from dataclasses import dataclass, field

from .classify import _cues
from .document import _Item
from .quantities import Tok

_MAX_RUN = 8  # sentences a quote may run on after its marks were lost
_MAX_BACK = 3  # sentences before a quote that may be its lost beginning
_MAX_BETWEEN = 2  # unmarked sentences between two quotes of one speaker that are taken as the same quote
_MAX_GAP = 3  # a sentence that reads as neither speech nor narration, kept when speech follows it
_TITLE_WORDS = 8  # a title in quotation marks ("Le Baiser de la femme araignée") is a few words
_LONG = 25  # tokens: a longer sentence, with its clauses and appositions, reads as the writer's
_MAX_ATTRIBUTED = (
    0.25  # an interview's answers rarely quote or report anyone: above this share, it is not one
)


@dataclass
class _Sent:
    """What the speech pass needs to know about one sentence of the article."""

    start: int
    end: int
    toks: list[Tok]
    items: list[_Item] = field(default_factory=list)
    headline: bool = False
    quoted: bool = False  # it has quotation marks of its own
    question: bool = False
    attributed: bool = False  # it names its own speaker (reporting verb, incise, "selon")
    opens: str | None = None  # a quote ends the sentence: its speech may run on, lost marks and all
    reports: str | None = None  # reported speech without marks ("selon X, …"): first-person words may follow
    closes: str | None = None  # a quote starts it and is attributed after: speech may have begun before
    said: str | None = None  # whom its own reporting verb reports ("Obama urged Americans to …")


def _past(words: list[Tok], spec) -> bool:
    """A verb in a past tense: a finite one ("venait", "said"), or a compound past ("a équipé")."""
    for k, t in enumerate(words):
        if t.past:
            return True
        if t.lower in spec.past_auxiliaries and any(w.part and w.pos == "VERB" for w in words[k + 1 : k + 3]):
            return True
    return False


def _acronym(word: str) -> bool:
    """ "US" is the country, not "us"."""
    return len(word) > 1 and word.isupper()


def _words(name: str) -> set[str]:
    return {
        w.lower().strip(".,'’") for w in name.replace("(", " ").replace(")", " ").split() if w[:1].isupper()
    }


class _Speech:
    def __init__(self, ctx):
        self.ctx = ctx
        self.spec = ctx.spec

    def marked(self, st: _Sent) -> bool:
        """The words of someone speaking: first or second person."""
        return any(t.lower in self.spec.speech_persons and not _acronym(t.text) for t in st.toks)

    def anchored(self, st: _Sent) -> bool:
        """Narration's marks: a date or time, a person or organisation named, an opening adverbial ("In June,
        …", "Selon elle, …"), or the length of a sentence that carries the writer's clauses and appositions."""
        words = [t for t in st.toks if t.pos not in ("PUNCT", "SYM", "SPACE")]
        if not words or len(st.toks) > _LONG:
            return True
        if words[0].pos == "ADP" or (len(words) > 1 and st.toks[st.toks.index(words[0]) + 1].text == ","):
            return True
        if any(e.label in ("PER", "ORG") for e in self.ctx.doc.ents_in(st.start, st.end)):
            return True
        date = _cues(self.spec).get("date_cues")
        return bool(date and date.search(self.ctx.doc.norm[st.start : st.end]))

    def tells_of_speaker(self, st: _Sent) -> bool:
        """The writer telling what the person quoted did: a verb in a past tense, "he" / "his" and no first or
        second person ("His state recently put tracking devices on 500 cars")."""
        words = [t for t in st.toks if t.pos not in ("PUNCT", "SYM", "SPACE")]
        if not words or self.marked(st) or not any(t.lower in self.spec.third_singular for t in words):
            return False
        return _past(words, self.spec)

    def speaks_on(self, st: _Sent) -> bool:
        """A sentence without "I" or "you" that still reads as the quote going on: it opens with a pronoun or
        demonstrative pointing back into the quote ("It was not something people wanted", "Cela va se
        passer…"), judges with a modal or conditional ("Some people can die…", "Ce serait historique"), or is
        joined to it by a connective ("And…", "Et…") without reporting the past; and bears none of
        narration's marks."""
        words = [t for t in st.toks if t.pos not in ("PUNCT", "SYM", "SPACE")]
        if not words:
            return False
        spec = self.spec
        first = words[0].lower
        if first in spec.speech_connectives and self.goes_on(st, words):
            return True
        if self.anchored(st):
            return False
        if first in spec.speech_openers or any(t.cond or t.tag in spec.modal_tags for t in words):
            return True
        return first in spec.speech_connectives and not _past(words, spec)

    def reports_on(self, st: _Sent, speaker: str) -> bool:
        """First-person words after someone's reported speech, with nothing to say who else speaks."""
        return self.marked(st) and not (self.writer_resumes(st, speaker) or self.anchored(st))

    def goes_on(self, st: _Sent, words: list[Tok]) -> bool:
        """A connective and then the rest of the speaker's reasoning: a clause hung on the sentence before ("Et
        aussi parce que si…", "And because…") or the same conditional judgement ("Et ce serait aussi la première
        fois depuis 1996…"). However long, or dated, it adds to what was said; naming a person or an
        organisation, or reporting the past, is the writer's again."""
        if _past(words, self.spec) or any(
            e.label in ("PER", "ORG") for e in self.ctx.doc.ents_in(st.start, st.end)
        ):
            return False
        hung = any(t.pos == "SCONJ" for t in words[1:3])
        return hung or any(t.cond or t.tag in self.spec.modal_tags for t in words[1:4])

    def writer_resumes(self, st: _Sent, speaker: str) -> bool:
        """The sentence is no continuation of ``speaker``'s words: a quote of its own ends or starts it, it
        bears narration's marks, or it names the speaker."""
        return bool(st.opens or st.closes or self.narrates(st) or self.mentions(st, speaker))

    def mentions(self, st: _Sent, speaker: str) -> bool:
        """The sentence names the speaker: narration about them, not their words."""
        names = {w for w in _words(speaker) if len(w) > 2}
        return any(t.lower.strip("'’") in names for t in st.toks if t.text[:1].isupper())

    def narrates(self, st: _Sent) -> bool:
        if st.headline or st.quoted or st.question or st.attributed:
            return True
        if any(it.speaker for it in st.items):
            return True  # its own reporting verb named a speaker ("Mr Kerry insisted that …")
        # a sentence too short to be an item: the same test its item would have had
        return not st.items and bool(self.ctx._speaker_from(st.toks, "first", strict=True))

    def give(self, st: _Sent, speaker: str) -> None:
        for it in st.items:
            if not it.speaker:
                it.speaker = speaker
                if "quote" not in it.types:
                    it.types.append("quote")

    def interviewee(self, sents: list[_Sent], first_turn: int) -> str | None:
        """The person an interview questions: named before its first question and never in the third person
        after it; the one named right before the first question, else the first one named."""
        ctx = self.ctx
        later = {t.lower.strip("'’") for st in sents[first_turn:] for t in st.toks if t.text[:1].isupper()}
        cands: list[tuple[int, str]] = []
        for k, st in enumerate(sents[:first_turn]):
            for e in ctx.doc.ents_in(st.start, st.end):
                if e.label != "PER":
                    continue
                name = ctx.full_name(e.text)
                if len(name.split()) >= 2 and not any(w in later for w in _words(name) if len(w) > 2):
                    cands.append((k, name))
        if not cands:
            return None
        just_before = [n for k, n in cands if k == first_turn - 1]
        return (just_before or [cands[0][1]])[0]

    def interview(self, sents: list[_Sent]) -> None:
        """Questions put to someone, each followed by the answer: the answers are that person's words."""
        turns = [k for k, st in enumerate(sents) if st.question and not st.quoted and not st.headline]
        if len(turns) < 2:
            return
        after = sents[turns[0] :]
        answers = [st for k, st in enumerate(after, turns[0]) if k not in turns]
        if not answers or any(k + 1 < len(sents) and sents[k + 1].question for k in turns[:1]):
            return
        attributed = sum(1 for st in answers if st.quoted or self.narrates(st))
        if attributed > _MAX_ATTRIBUTED * len(answers):
            return
        who = self.interviewee(sents, turns[0])
        if not who:
            return
        for st in answers:
            if st.quoted or self.narrates(st):
                continue
            if any(t.lower in self.spec.second_person for t in st.toks) and not any(
                t.lower in self.spec.first_person for t in st.toks
            ):
                continue  # the interviewer speaking ("vous revenez aujourd'hui")
            self.give(st, who)

    def asks_on(self, st: _Sent, after: list[_Sent]) -> bool:
        """A question in the first or second person ("So what if you were able to stop it?") that the next
        sentence answers in the first person, with no marks or reporting of its own: the speaker asking it."""
        if not st.question or st.quoted or st.headline or any(it.speaker for it in st.items):
            return False
        return self.marked(st) and bool(after) and not after[0].question and self.marked(after[0])

    def speech_run(self, run: list[_Sent]) -> list[_Sent]:
        """The sentences after a quote that are still its words: while each reads as speech (first or second
        person, or ``speaks_on``), and across at most ``_MAX_GAP`` sentences that do not when speech in the
        first or second person follows; the first sentence of narration ends it."""
        k = 0
        while k < len(run):
            if self.marked(run[k]) or self.speaks_on(run[k]):
                k += 1
                continue
            nxt = next(
                (j for j in range(k + 1, min(len(run), k + 1 + _MAX_GAP)) if self.marked(run[j])), None
            )
            if nxt is None:
                break
            k = nxt + 1
        return run[:k]

    def bridge(self, speaker: str, after: list[_Sent]) -> None:
        """Someone's reported words, then at most ``_MAX_BETWEEN`` sentences with nothing of narration (no
        date, name, opening adverbial, past tense, marks or reporting of their own), then that person's
        quote attributed after it ('"…," he said'): the sentences between are theirs, marks lost
        ("Obama urged Americans to shop for new coverage. / Most people are going to be able to get better
        plans … / "You're going to get a better deal," he said.")."""
        run: list[_Sent] = []
        for t in after:
            if t.closes == speaker and run:
                for r in run:
                    self.give(r, speaker)
                return
            if self.writer_resumes(t, speaker) or self.anchored(t):
                return
            words = [w for w in t.toks if w.pos not in ("PUNCT", "SYM", "SPACE")]
            if _past(words, self.spec) or self.tells_of_speaker(t):
                return
            run.append(t)

    def carry(self, sents: list[_Sent]) -> None:
        for i, st in enumerate(sents):
            if st.opens:
                run: list[_Sent] = []
                stop = None
                window = sents[i + 1 : i + 1 + _MAX_RUN]
                for k, t in enumerate(window):
                    if self.asks_on(t, window[k + 1 : k + 2]) and not self.mentions(t, st.opens):
                        run.append(t)  # the speaker's own question, answered in the first person next
                        continue
                    if self.writer_resumes(t, st.opens):
                        stop = t
                        break
                    run.append(t)
                if (
                    stop is not None
                    and stop.closes == st.opens
                    and len(run) <= _MAX_BETWEEN
                    and not any(self.tells_of_speaker(t) for t in run)
                ):
                    # between two quotes of the same speaker, with nothing to say the writer took over:
                    # one quote whose marks were lost in between
                    taken = run
                else:
                    taken = self.speech_run(run)
                for t in taken:
                    self.give(t, st.opens)
            if st.said and not st.opens:
                self.bridge(st.said, sents[i + 1 : i + 2 + _MAX_BETWEEN])
            if st.reports:
                # reported speech, then words in the first person with nothing to say who speaks: the
                # reported speaker's, marks lost ("…, selon une porte-parole, X. / Si on mettait l'accent…")
                window = sents[i + 1 : i + 1 + _MAX_RUN]
                for k, t in enumerate(window):
                    if not self.reports_on(t, st.reports):
                        # the person's reasoning without "I" or "we" in the one sentence between, when their
                        # first-person words follow it ("…, comme en témoigne X. / Le mandat de la BCE… /
                        # Nous anticipons…")
                        nxt = window[k + 1] if k + 1 < len(window) else None
                        bridged = k == 0 and nxt is not None and self.reports_on(nxt, st.reports)
                        if not bridged or self.marked(t) or not self.ctx.is_person(st.reports):
                            break
                        if self.writer_resumes(t, st.reports):
                            break
                    self.give(t, st.reports)
            if st.closes:
                back: list[_Sent] = []
                for t in sents[max(0, i - _MAX_BACK) : i][::-1]:
                    if self.writer_resumes(t, st.closes):
                        break
                    back.append(t)
                marked = [k for k, t in enumerate(back) if self.marked(t)]
                for t in back[: marked[-1] + 1] if marked else []:
                    self.give(t, st.closes)


def _title(norm: str, q, s: int, stoks: list[Tok]) -> bool:
    """Quotation marks around a title ('des projets comme "Rent" ou "Le Baiser de la femme araignée"',
    'shows like "Rent"', '"Le Nouvel Observateur" a questionné X'): a capitalised name of a few words without a
    finite verb or a sentence's end, inside the sentence or its subject, nobody's words."""
    words = norm[q.start : q.end].split()
    if not words or len(words) > _TITLE_WORDS or not words[0][:1].isupper():
        return False
    if not norm[s : q.open].strip() and not norm[q.close : q.close + 3].strip()[:1].isalpha():
        # opening the sentence, a title is its subject, a word right after it; '"Une farce", a dit X' is speech
        return False
    inner = [t for t in stoks if q.start <= t.start < q.end]
    finite = any(t.pos in ("VERB", "AUX") and not t.part and not t.inf for t in inner)
    return not finite and not norm[q.start : q.end].rstrip().endswith((".", "!", "?"))


def _sentence_record(norm, s, e, stoks, its, squotes, standalone, q_items) -> _Sent:
    """What the speech pass reads about a sentence: its quotes (titles in quotation marks are none), whether
    it names its speaker, and whether a quote ends it (its speech may run on) or starts it with the
    attribution after (it may have begun before)."""
    titles = [q for q in squotes if _title(norm, q, s, stoks)]
    st = _Sent(s, e, stoks, its, quoted=len(titles) < len(squotes))
    st.question = norm[s:e].rstrip(' "»”').endswith("?")
    sentence_items = [it for it in its if it.kind == "sentence"]
    st.attributed = any(it.speaker for it in sentence_items)
    st.said = next((it.speaker for it in sentence_items if it.speaker), None)
    if standalone and q_items:
        last, first = standalone[-1], standalone[0]
        if not norm[last.close : e].strip(" .!?…»\"”'’)") and q_items[-1].speaker and last not in titles:
            st.opens = q_items[-1].speaker
        if (
            not norm[s : first.open].strip(" -–—")
            and first.close < e - 2
            and q_items[0].speaker
            and first not in titles
        ):
            st.closes = q_items[0].speaker
            if len(standalone) == 1:
                # '"…," X said.' and the next paragraph's marks lost: its speech may run on too
                st.opens = st.opens or q_items[0].speaker
    elif not squotes and sentence_items and "quote" in sentence_items[0].types and sentence_items[0].speaker:
        st.opens = sentence_items[0].speaker  # first-person continuation of the previous quote
        st.attributed = False
    elif not squotes and st.attributed and not st.question:
        st.reports = next(it.speaker for it in sentence_items if it.speaker)
    return st


def carry_speech(ctx, sents: list[_Sent]) -> None:
    speech = _Speech(ctx)
    speech.carry(sents)
    speech.interview(sents)
