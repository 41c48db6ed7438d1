import numpy as np

from claims.matching import adapter as adapters
from claims.services import matching


def test_fact_check_candidates_are_nearest_the_vector_and_its_adapted_image(monkeypatch):
    rng = np.random.default_rng(1)
    matrix = rng.normal(size=(400, 384)).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    store = matching.VectorStore("factcheck")
    store.ids, store.groups, store.matrix = np.arange(1, 401), np.zeros(400, np.int64), matrix
    monkeypatch.setattr(matching, "FACT_CHECKS", store)
    vector = matrix[0]
    plain = store.nearest(vector, matching.POOL)
    adapted = store.nearest(adapters.apply(vector, adapters.load()), matching.POOL)
    found = matching._nearest_fact_checks(vector)
    assert len(found) == len(set(found)) == len(set(plain) | set(adapted))
    assert set(found) == set(plain) | set(adapted)
    assert set(adapted) - set(plain)  # the adapter does bring other candidates
