"""The encoder's OpenMP threads sleep at their barriers instead of spinning (claims.matching.encoder):
on a shared 2-core machine spinning tripled the CPU and wall time of an encoding. The policy changes
how threads wait, never what they compute."""

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
TEXTS = ["Le budget atteint 3 milliards d'euros.", "Unemployment fell to 4.1% in March, the ONS said."]
SCRIPT = f"""
import json, os, sys
sys.path.insert(0, {str(REPO)!r})
from claims.matching.encoder import Encoder
vectors = Encoder().embed({TEXTS!r})
print(json.dumps({{"policy": os.environ.get("OMP_WAIT_POLICY"), "vectors": vectors.tolist()}}))
"""


def _encode(policy: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if policy:
        env["OMP_WAIT_POLICY"] = policy
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_the_encoder_waits_passively_unless_told_otherwise_and_encodes_the_same_bits():
    default = _encode(None)
    assert default["policy"] == "PASSIVE"
    active = _encode("ACTIVE")
    assert active["policy"] == "ACTIVE"  # an operator's choice is kept
    assert default["vectors"] == active["vectors"]
