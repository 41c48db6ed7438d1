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


def test_calibration_scores_predictions_against_matched_checkworthy_gold(tmp_path):
    from training.cw_report import calibration

    text = "Prices rose 3% in May. It was sunny. Nobody cared."
    (tmp_path / "a.jsonl").write_text(json.dumps({"doc_id": "d", "lang": "en", "text": text}) + "\n")
    gold = {"doc_id": "d", "lang": "en", "claims": [
        {"text": "Prices rose 3% in May.", "types": ["quantity"], "checkworthy": True},
        {"text": "It was sunny.", "types": ["other"], "checkworthy": False}]}
    (tmp_path / "g.jsonl").write_text(json.dumps(gold) + "\n")
    pred = {"doc_id": "d", "claims": [{"start": 0, "end": 22, "score": 1.0}, {"start": 23, "end": 36, "score": 0.5},
                                       {"start": 37, "end": 51, "score": 0.0}]}
    (tmp_path / "p.jsonl").write_text(json.dumps(pred) + "\n")
    out = calibration(tmp_path / "a.jsonl", tmp_path / "g.jsonl", tmp_path / "p.jsonl")["en"]
    assert out == {"items": 3, "share_ge_0.99": 0.3333, "share_le_0.01": 0.3333, "brier": round(0.25 / 3, 4)}
