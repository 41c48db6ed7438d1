"""The figures the training script reports (precision/recall at a threshold, threshold choice, calibration)."""

import json

import numpy as np

from training import train_cw as T


def test_summary_reports_brier_and_saturation():
    y = np.array([1, 1, 0, 0])
    prob = np.array([0.995, 0.6, 0.4, 0.0])
    s = T.summary(y, prob)
    assert s["precision"] == 1.0 and s["recall"] == 1.0
    assert s["share_ge_0.99"] == 0.25 and s["share_le_0.01"] == 0.25
    assert abs(s["brier"] - np.mean((prob - y) ** 2)) < 1e-4


def test_threshold_choice_prefers_f1_and_honours_a_precision_floor(monkeypatch):
    y = np.array([1, 1, 1, 0, 1, 0, 0, 0])
    lg = np.array([4.0, 3.0, 2.0, 1.5, 1.0, 0.5, -1.0, -2.0])
    assert T.choose_threshold(y, lg) == 1.0  # F1 0.89 at 4 of 5 flagged right
    monkeypatch.setattr(T, "TARGET_PRECISION", 0.99)
    assert T.choose_threshold(y, lg) == 2.0  # the best F1 among thresholds with precision 1.0


def test_threshold_rises_while_recall_stays_above_the_floor(monkeypatch):
    y = np.array([1, 1, 1, 0, 1])
    lg = np.array([4.0, 3.0, 2.0, 1.0, 0.0])
    monkeypatch.setattr(T, "RECALL_FLOOR", None)
    assert T.choose_threshold(y, lg) == 0.0  # best F1 (0.89) flags everything
    monkeypatch.setattr(T, "RECALL_FLOOR", 0.75)
    assert T.choose_threshold(y, lg) == 2.0  # 3 of 4 positives kept, the false positive dropped
    monkeypatch.setattr(T, "RECALL_FLOOR", 1.0)
    assert T.choose_threshold(y, lg) == 0.0  # a floor of 1.0 keeps every positive


def test_calibration_scores_predictions_against_matched_checkworthy_gold(tmp_path):
    from training.cw_report import calibration

    text = "Prices rose 3% in May. It was sunny. Nobody cared."
    (tmp_path / "a.jsonl").write_text(json.dumps({"doc_id": "d", "lang": "en", "text": text}) + "\n")
    gold = {
        "doc_id": "d",
        "lang": "en",
        "claims": [
            {"text": "Prices rose 3% in May.", "types": ["quantity"], "checkworthy": True},
            {"text": "It was sunny.", "types": ["other"], "checkworthy": False},
        ],
    }
    (tmp_path / "g.jsonl").write_text(json.dumps(gold) + "\n")
    pred = {
        "doc_id": "d",
        "claims": [
            {"start": 0, "end": 22, "score": 1.0},
            {"start": 23, "end": 36, "score": 0.5},
            {"start": 37, "end": 51, "score": 0.0},
        ],
    }
    (tmp_path / "p.jsonl").write_text(json.dumps(pred) + "\n")
    out = calibration(tmp_path / "a.jsonl", tmp_path / "g.jsonl", tmp_path / "p.jsonl")["en"]
    assert out == {"items": 3, "share_ge_0.99": 0.3333, "share_le_0.01": 0.3333, "brier": round(0.25 / 3, 4)}


def test_platt_slope_spreads_overconfident_logits():
    rng = np.random.default_rng(0)
    z = rng.normal(0, 2, 4000)
    y = (rng.random(4000) < 1 / (1 + np.exp(-z))).astype(int)
    assert abs(T.platt_slope(y, z) - 1.0) < 0.15  # calibrated logits keep their slope
    assert abs(T.platt_slope(y, 4 * z) - 0.25) < 0.05  # four times too confident: shrunk back


def test_apply_oof_replaces_scores_and_refuses_stale_items(tmp_path):
    from training.cw_report import apply_oof

    pred = tmp_path / "p.jsonl"
    doc = {
        "doc_id": "d",
        "claims": [
            {"start": 0, "end": 5, "score": 0.99, "checkworthy": True},
            {"start": 6, "end": 9, "score": 0.2, "checkworthy": False},
        ],
    }
    pred.write_text(json.dumps(doc) + "\n")
    assert not apply_oof(pred, {("d", 0, 5): 0.3})  # an item without an out-of-fold score: stale cache
    assert json.loads(pred.read_text())["claims"][0]["score"] == 0.99
    assert apply_oof(pred, {("d", 0, 5): 0.3, ("d", 6, 9): 0.7})
    claims = json.loads(pred.read_text())["claims"]
    assert [(c["score"], c["checkworthy"]) for c in claims] == [(0.3, False), (0.7, True)]
