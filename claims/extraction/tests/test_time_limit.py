"""The engine falls back to cruder rules when spaCy, the analysis or the scorer fails, but it never
swallows Celery's soft time limit: the task must see it and stop."""

from __future__ import annotations

import signal

import pytest
from celery.exceptions import SoftTimeLimitExceeded

from claims.extraction import extract, extract_many


def _raise_soft_limit(signum, frame):
    raise SoftTimeLimitExceeded()


@pytest.fixture
def soft_limit_alarm():
    """Deliver SoftTimeLimitExceeded from a signal handler, as Celery's prefork pool does (SIGUSR1 there,
    SIGALRM here so that a timer can send it while the extractor is busy)."""
    previous = signal.signal(signal.SIGALRM, _raise_soft_limit)
    yield lambda seconds: signal.setitimer(signal.ITIMER_REAL, seconds)
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


LONG_FR = " ".join(
    f"Le maire de la commune numéro {i}, Jean Dupont, a déclaré lundi que « le budget a augmenté de {i} % »."
    for i in range(400)
)
LONG_EN = " ".join(
    f'The mayor of town {i}, John Smith, said on Monday that "the budget grew by {i} per cent".'
    for i in range(400)
)


@pytest.mark.parametrize("text,lang", [(LONG_FR, "fr"), (LONG_EN, "en")])
def test_soft_time_limit_is_re_raised(soft_limit_alarm, text, lang):
    extract("Il a dit « oui ».", "fr")  # models loaded before the clock starts
    extract("He said yes.", "en")
    # the signal lands wherever the extractor is: inside spaCy, the analysis or the scorer, each of
    # which has a catch-all fallback
    for delay in (0.01, 0.2, 0.6):
        soft_limit_alarm(delay)
        with pytest.raises(SoftTimeLimitExceeded):
            extract_many([text] * 3, [lang] * 3)
        soft_limit_alarm(0)


def test_without_a_time_limit_the_same_text_is_extracted(soft_limit_alarm):
    assert len(extract(LONG_EN, "en").claims) >= 400
