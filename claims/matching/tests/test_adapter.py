import numpy as np

from claims.matching import adapter as adapters
from claims.matching.index import MatchIndex


def test_the_shipped_adapter_keeps_vectors_unit_length_and_close_to_themselves():
    shipped = adapters.load()
    assert shipped is not None and shipped[0].shape[0] == 384
    rng = np.random.default_rng(0)
    q = rng.normal(size=(5, 384)).astype(np.float32)
    q /= np.linalg.norm(q, axis=1, keepdims=True)
    out = adapters.apply(q, shipped)
    assert np.allclose(np.linalg.norm(out, axis=1), 1, atol=1e-5)
    # a correction around the identity, not a new space
    assert (np.sum(out * q, axis=1) > 0.5).all()


def test_vectors_of_another_space_are_left_as_they_are():
    a, b = np.ones((384, 2), np.float32), np.ones((2, 384), np.float32)
    v = np.array([0.6, 0.8], np.float32)
    assert adapters.apply(v, (a, b)) is v
    assert adapters.apply(v, None) is v


def test_the_adapted_nearest_document_is_a_candidate_and_a_signal():
    # Four documents, pool of one: the plain cosine picks "a", the adapter turns the query toward "c".
    vectors = np.eye(4, dtype=np.float32)
    index = MatchIndex.from_vectors(["a", "b", "c", "d"], ["w x", "y z", "p q", "r s"], vectors)
    index.pool = 1
    q = np.array([1, 0, 0, 0], np.float32)
    toward_c = np.array([0, 0, 1, 0], np.float32)
    found = {index.ids[i]: f for i, f in index.candidates("nothing shared", q, toward_c)}
    assert set(found) == {"a", "c"}
    assert found["a"]["cosine"] == 1.0 and found["a"]["acosine"] == 0.0
    assert found["c"]["acosine"] == 1.0 and found["c"]["acosine_rrf"] > found["a"]["acosine_rrf"]
