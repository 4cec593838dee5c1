#!/usr/bin/env python3
"""PyTorch definition of the SerKit SER model; loads a SerKit model folder.

A SerKit model folder holds config.json, model.safetensors (every weight under its
PyTorch state-dict name) and normalization.json. This file rebuilds the same network
from config.json with stock PyTorch modules (nn.Conv1d, nn.TransformerEncoderLayer,
nn.LSTM, nn.Linear, ...) and loads the weights with load_state_dict(strict=True).
Both encoders are covered: the default transformer and the chunk-level encoder
(encoder.kind == "chunk": dynamic chunking, LSTM or CNN chunk encoder, mean, gated
attention or self-attention aggregation). It needs only
torch and numpy: the safetensors file is parsed here (8-byte header length, JSON header,
raw little-endian float32 data).

    from serkit_model import load
    model, config = load("MODEL")            # eval mode
    emb = model(features, lengths)            # features [B, T, 64] raw log-mel, lengths [B]
    logits = model.logits("ser", emb)

Command line (used by SerKit's parity test):
    serkit_model.py MODEL_DIR FEATURES.npy LENGTHS.npy OUT_DIR [MODEL_DIR FEATURES.npy LENGTHS.npy OUT_DIR ...]
FEATURES.npy is float32 [B, T, F] (or [B*T, F]), LENGTHS.npy the B real lengths; writes
OUT_DIR/embedding.npy [B, width] and OUT_DIR/logits_<head>.npy [B, classes]. Several
groups of four arguments run several models in one process.
"""
import json
import math
import os
import sys

import numpy as np
import torch
from torch import nn


def read_safetensors(path):
    """Returns {name: torch.Tensor} for a float32 safetensors file."""
    with open(path, "rb") as f:
        data = f.read()
    n = int.from_bytes(data[:8], "little")
    header = json.loads(data[8:8 + n].decode("utf-8"))
    start = 8 + n
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        if info["dtype"] != "F32":
            raise ValueError(f"{path}: tensor {name} is {info['dtype']}, F32 expected")
        a, b = info["data_offsets"]
        array = np.frombuffer(data, dtype="<f4", count=(b - a) // 4, offset=start + a).reshape(info["shape"])
        tensors[name] = torch.from_numpy(array.copy())
    return tensors


def lengths_mask(lengths, frames):
    """Boolean [B, frames]: True on real frames."""
    return torch.arange(frames, device=lengths.device).unsqueeze(0) < lengths.unsqueeze(1)


def activation(name):
    return {"gelu": nn.functional.gelu, "relu": nn.functional.relu}[name]


class InputNorm(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.register_buffer("mean", torch.zeros(dim))
        self.register_buffer("std", torch.ones(dim))

    def forward(self, x):
        return (x - self.mean) / self.std


class FrontEnd(nn.Module):
    """Conv1d layers; padding frames are zeroed before every convolution."""

    def __init__(self, cfg):
        super().__init__()
        k = cfg["conv_kernel"]
        self.kernel, self.strides = k, cfg["conv_strides"]
        self.act = activation(cfg["activation"])
        channels = [cfg["input_dim"]] + [cfg["width"]] * len(self.strides)
        self.layers = nn.ModuleList(
            nn.Conv1d(channels[i], channels[i + 1], k, stride=s, padding=k // 2) for i, s in enumerate(self.strides))

    def out_lengths(self, lengths):
        for s in self.strides:
            lengths = torch.div(lengths + 2 * (self.kernel // 2) - self.kernel, s, rounding_mode="floor") + 1
        return lengths

    def forward(self, x, lengths):
        x = x.transpose(1, 2)
        for conv, s in zip(self.layers, self.strides):
            x = x * lengths_mask(lengths, x.shape[2]).unsqueeze(1)
            x = self.act(conv(x))
            lengths = torch.div(lengths + 2 * (self.kernel // 2) - self.kernel, s, rounding_mode="floor") + 1
        x = x * lengths_mask(lengths, x.shape[2]).unsqueeze(1)
        return x.transpose(1, 2)


def sinusoidal(frames, width):
    position = torch.arange(frames, dtype=torch.float32).unsqueeze(1)
    frequency = torch.exp(torch.arange(0, width, 2, dtype=torch.float32) * (-math.log(10000.0) / width))
    angle = position * frequency.unsqueeze(0)
    return torch.stack([angle.sin(), angle.cos()], dim=-1).reshape(frames, width)


class AttentivePooling(nn.Module):
    def __init__(self, width, hidden):
        super().__init__()
        self.hidden = nn.Linear(width, hidden)
        self.score = nn.Linear(hidden, 1)

    def weights(self, h, mask):
        s = self.score(torch.tanh(self.hidden(h))).squeeze(-1)
        return s.masked_fill(~mask, float("-inf")).softmax(-1)

    def forward(self, h, mask):
        return torch.bmm(self.weights(h, mask).unsqueeze(1), h).squeeze(1)


def chunk_indices(frames, m, chunks):
    """Dynamic chunking: the C*m frame indices of an utterance of `frames` frames (SerKit's DynamicChunking)."""
    if frames < m:
        return [j % frames for _ in range(chunks) for j in range(m)]
    if chunks == 1:
        starts = [(frames - m) // 2]
    else:
        step = (frames - m) // (chunks - 1)
        starts = [i * step for i in range(chunks)]
    return [s + j for s in starts for j in range(m)]


def dynamic_chunks(features, lengths, m, chunks):
    """[B, T, F] padded features and [B] lengths -> [B*C, m, F] chunks of the real frames."""
    rows = [features[b, chunk_indices(int(n), m, chunks)] for b, n in enumerate(lengths.tolist())]
    return torch.stack(rows).reshape(len(rows) * chunks, m, features.shape[2])


class LstmChunkEncoder(nn.Module):
    """nn.LSTM over each chunk's frames; the chunk vector is the top layer's last output."""

    def __init__(self, cfg):
        super().__init__()
        self.lstm = nn.LSTM(cfg["input_dim"], cfg["width"], cfg["chunk"]["lstm_layers"], batch_first=True)

    def forward(self, x):
        return self.lstm(x)[0][:, -1]


class CnnChunkEncoder(nn.Module):
    """The front end's Conv1d stack over each chunk, then the mean over the chunk's output frames."""

    def __init__(self, cfg):
        super().__init__()
        k, strides = cfg["conv_kernel"], cfg["conv_strides"]
        self.act = activation(cfg["activation"])
        channels = [cfg["input_dim"]] + [cfg["width"]] * len(strides)
        self.layers = nn.ModuleList(
            nn.Conv1d(channels[i], channels[i + 1], k, stride=s, padding=k // 2) for i, s in enumerate(strides))

    def forward(self, x):
        x = x.transpose(1, 2)
        for conv in self.layers:
            x = self.act(conv(x))
        return x.mean(2)


class MeanAggregation(nn.Module):
    def forward(self, h):
        return h.mean(1)


class GatedAttentionAggregation(nn.Module):
    """score_c = w^T (tanh(V h_c) * sigmoid(U h_c)) + b, softmax over chunks, weighted sum."""

    def __init__(self, width, hidden):
        super().__init__()
        self.attention_v = nn.Linear(width, hidden)
        self.attention_u = nn.Linear(width, hidden)
        self.score = nn.Linear(hidden, 1)

    def weights(self, h):
        return self.score(torch.tanh(self.attention_v(h)) * torch.sigmoid(self.attention_u(h))).squeeze(-1).softmax(-1)

    def forward(self, h):
        return torch.bmm(self.weights(h).unsqueeze(1), h).squeeze(1)


def transformer(cfg, layers):
    w = cfg["width"]
    layer = nn.TransformerEncoderLayer(w, cfg["heads"], cfg["feed_forward"], cfg["dropout"],
                                       activation=cfg["activation"], layer_norm_eps=1e-5,
                                       batch_first=True, norm_first=cfg["norm_first"])
    if cfg.get("attention_dropout") is not None:
        layer.self_attn.dropout = cfg["attention_dropout"]
    norm = nn.LayerNorm(w, eps=1e-5) if cfg["norm_first"] else None
    return nn.TransformerEncoder(layer, layers, norm=norm, enable_nested_tensor=False)


class SelfAttentionAggregation(nn.Module):
    """Sinusoidal chunk positions, one transformer encoder layer over the chunks, mean over chunks."""

    def __init__(self, cfg):
        super().__init__()
        self.encoder = transformer(cfg, 1)

    def forward(self, h):
        return self.encoder(h + sinusoidal(h.shape[1], h.shape[2])).mean(1)


class SerKitModel(nn.Module):
    def __init__(self, encoder, heads):
        super().__init__()
        self.cfg = encoder
        w = encoder["width"]
        self.input_norm = InputNorm(encoder["input_dim"])
        self.chunked = encoder.get("kind", "transformer") == "chunk"
        self.head_dropout = nn.Dropout(encoder["head_dropout"])
        self.dropout = nn.Dropout(encoder["dropout"])
        self.heads = nn.ModuleDict({h["name"]: nn.Linear(w, len(h["classes"])) for h in heads})
        self.classes = {h["name"]: list(h["classes"]) for h in heads}
        if self.chunked:
            chunk = encoder["chunk"]
            self.chunk_encoder = LstmChunkEncoder(encoder) if chunk["encoder"] == "lstm" else CnnChunkEncoder(encoder)
            self.aggregation = {"mean": MeanAggregation, "gated_attention": lambda: GatedAttentionAggregation(w, encoder["pooling_dim"]),
                                "self_attention": lambda: SelfAttentionAggregation(encoder)}[chunk["aggregation"]]()
            return
        self.frontend = FrontEnd(encoder)
        if encoder["positions"] == "learned":
            self.positions = nn.Embedding(encoder["max_positions"], w)
        self.encoder = transformer(encoder, encoder["layers"])
        self.pooling = AttentivePooling(w, encoder["pooling_dim"])

    def encode(self, features, lengths):
        """Transformer: frame outputs [B, T', D] and mask; chunk-level: chunk vectors [B, C, D] and an all-true mask."""
        if self.chunked:
            chunk = self.cfg["chunk"]
            c = chunk["chunks"]
            x = self.chunk_encoder(self.input_norm(dynamic_chunks(features, lengths, chunk["frames"], c)))
            x = self.dropout(x.reshape(features.shape[0], c, -1))
            return x, torch.ones(x.shape[:2], dtype=torch.bool)
        x = self.frontend(self.input_norm(features), lengths)
        lengths = self.frontend.out_lengths(lengths)
        t = x.shape[1]
        x = x + (self.positions.weight[:t] if self.cfg["positions"] == "learned" else sinusoidal(t, x.shape[2]))
        x = self.dropout(x)
        mask = lengths_mask(lengths, t)
        return self.encoder(x, src_key_padding_mask=~mask), mask

    def forward(self, features, lengths):
        h, mask = self.encode(features, lengths)
        return self.aggregation(h) if self.chunked else self.pooling(h, mask)

    def logits(self, head, embedding):
        return self.heads[head](self.head_dropout(embedding))


def load(model_dir):
    """The model of a SerKit model folder, in eval mode, and its config."""
    with open(os.path.join(model_dir, "config.json")) as f:
        config = json.load(f)
    model = SerKitModel(config["encoder"], config["heads"])
    model.load_state_dict(read_safetensors(os.path.join(model_dir, "model.safetensors")), strict=True)
    return model.eval(), config


def main(argv):
    if len(argv) < 5 or (len(argv) - 1) % 4 != 0:
        sys.exit(__doc__)
    torch.set_num_threads(1)
    for i in range(1, len(argv), 4):
        run(*argv[i:i + 4])


def run(model_dir, features, lengths, out):
    model, config = load(model_dir)
    n = torch.from_numpy(np.load(lengths).astype(np.int64).reshape(-1))
    x = np.load(features).astype(np.float32)
    x = torch.from_numpy(x.reshape(len(n), -1, x.shape[-1]))  # [B, T, F] (also accepts [B*T, F])
    os.makedirs(out, exist_ok=True)
    with torch.no_grad():
        emb = model(x, n)
        np.save(os.path.join(out, "embedding.npy"), emb.numpy().astype(np.float32))
        for head in config["heads"]:
            np.save(os.path.join(out, f"logits_{head['name']}.npy"), model.logits(head["name"], emb).numpy().astype(np.float32))


if __name__ == "__main__":
    main(sys.argv)
