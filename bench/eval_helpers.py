"""The plumbing of bench/eval.py: run a scorer or the extractor in a subprocess, print a table, join
JSONL files."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(cmd, stdin_path=None, stdout_path=None):
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    # the item embeddings of the check-worthiness scorer are cached by text (quality figures, not speed)
    env.setdefault("CLAIMTRACK_CW_EMBED_CACHE", str(REPO / "var" / "enc_cache"))
    fin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL  # noqa: SIM115
    fout = open(stdout_path, "wb") if stdout_path else subprocess.PIPE  # noqa: SIM115
    try:
        p = subprocess.run(
            cmd, stdin=fin, stdout=fout, stderr=subprocess.PIPE, cwd=REPO, env=env, check=False
        )
    finally:
        if stdin_path:
            fin.close()
        if stdout_path:
            fout.close()
    if p.returncode != 0:
        raise SystemExit(
            f"command failed ({p.returncode}): {' '.join(map(str, cmd))}\n{p.stderr.decode()[-3000:]}"
        )
    return p.stdout.decode() if not stdout_path else None


def table(title, rows, cols):
    print(f"\n{title}")
    print(f"{'':18}" + "".join(f"{c[:14]:>15}" for c in cols))
    for name, r in rows.items():
        print(f"{name:18}" + "".join(f"{r.get(c)!s:>15}" for c in cols))


def concat(paths, dest):
    with open(dest, "wb") as f:
        for p in paths:
            data = Path(p).read_bytes()
            f.write(data if data.endswith(b"\n") or not data else data + b"\n")
    return dest


def _jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
