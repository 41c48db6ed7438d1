"""Speakers, part 3: speech that runs past its quotation marks.

News copy often loses the marks of a quote that runs over several sentences (one sentence per line, as in
the WMT news sets): ``He said: "In some cases, it has reached too far." / I assure you innocent people are
not being abused.`` GUIDELINES.md makes the whole quote one item with its speaker. After a quote that ends
its sentence, the sentences that follow keep its speaker while they read as speech (first or second person)
and until narration resumes: a sentence with quotation marks or a reporting verb of its own, a question, or
one that names the speaker (narration about them). The same holds backwards for speech whose opening marks
were lost before ``"…", said X.``. An interview's answers belong to the person interviewed."""

from __future__ import annotations

from dataclasses import dataclass, field

from .document import _Item
from .quantities import Tok

_MAX_RUN = 8  # sentences a quote may run on after its marks were lost
_MAX_BACK = 3
_MAX_BETWEEN = 2  # unmarked sentences between two quotes of one speaker that are taken as the same quote  # sentences before a quote that may be its lost beginning
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
    closes: str | None = None  # a quote starts it and is attributed after: speech may have begun before


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

    def carry(self, sents: list[_Sent]) -> None:
        for i, st in enumerate(sents):
            if st.opens:
                run: list[_Sent] = []
                stop = None
                for t in sents[i + 1 : i + 1 + _MAX_RUN]:
                    if t.opens or t.closes or self.narrates(t) or self.mentions(t, st.opens):
                        stop = t
                        break
                    run.append(t)
                if stop is not None and stop.closes == st.opens and len(run) <= _MAX_BETWEEN:
                    # between two quotes of the same speaker, with nothing to say the writer took over:
                    # one quote whose marks were lost in between
                    marked = [len(run) - 1]
                else:
                    marked = [k for k, t in enumerate(run) if self.marked(t)]
                for t in run[: marked[-1] + 1] if marked else []:
                    self.give(t, st.opens)
            if st.closes:
                back: list[_Sent] = []
                for t in sents[max(0, i - _MAX_BACK) : i][::-1]:
                    if t.opens or t.closes or self.narrates(t) or self.mentions(t, st.closes):
                        break
                    back.append(t)
                marked = [k for k, t in enumerate(back) if self.marked(t)]
                for t in back[: marked[-1] + 1] if marked else []:
                    self.give(t, st.closes)


def _sentence_record(norm, s, e, stoks, its, squotes, standalone, q_items) -> _Sent:
    """What the speech pass reads about a sentence: its quotes, whether it names its speaker, and whether
    a quote ends it (its speech may run on) or starts it with the attribution after (it may have begun
    before)."""
    st = _Sent(s, e, stoks, its, quoted=bool(squotes))
    st.question = norm[s:e].rstrip(' "»”').endswith("?")
    sentence_items = [it for it in its if it.kind == "sentence"]
    st.attributed = any(it.speaker for it in sentence_items)
    if standalone and q_items:
        last, first = standalone[-1], standalone[0]
        if not norm[last.close : e].strip(" .!?…»\"”'’)") and q_items[-1].speaker:
            st.opens = q_items[-1].speaker
        if not norm[s : first.open].strip(" -–—") and first.close < e - 2 and q_items[0].speaker:
            st.closes = q_items[0].speaker
            if len(standalone) == 1:
                # '"…," X said.' and the next paragraph's marks lost: its speech may run on too
                st.opens = st.opens or q_items[0].speaker
    elif not squotes and sentence_items and "quote" in sentence_items[0].types and sentence_items[0].speaker:
        st.opens = sentence_items[0].speaker  # first-person continuation of the previous quote
        st.attributed = False
    return st


def carry_speech(ctx, sents: list[_Sent]) -> None:
    speech = _Speech(ctx)
    speech.carry(sents)
    speech.interview(sents)
