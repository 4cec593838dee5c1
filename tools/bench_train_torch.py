#!/usr/bin/env python3
"""Training-step throughput of the SerKit encoder in PyTorch (the reference side of
SerKit's 'train-throughput' benchmark).

The network is tools/serkit_model.py's SerKitModel with SerKit's default sizes (or
those of --config, a config.json 'encoder' object); each step is a forward pass on a
batch of random 3 s log-mel inputs, cross-entropy on the SER head, backward, and
torch.optim.Adam(lr=0.725e-3). Prints one JSON line: threads, steps, seconds,
steps_per_s.

    bench_train_torch.py --threads 1 --steps 20 --warmup 3
"""
import argparse
import json
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from serkit_model import SerKitModel  # noqa: E402

DEFAULT_ENCODER = {
    "input_dim": 64, "conv_kernel": 3, "conv_strides": [1, 2], "width": 128, "layers": 4, "heads": 4,
    "feed_forward": 256, "dropout": 0.1, "activation": "gelu", "norm_first": True, "positions": "sinusoidal",
    "max_positions": 1024, "pooling_dim": 128, "head_dropout": 0.1,
}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--frames", type=int, default=301)
    p.add_argument("--classes", type=int, default=6)
    p.add_argument("--config", help="JSON file with an 'encoder' object (a SerKit config.json)")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    encoder = dict(DEFAULT_ENCODER)
    if a.config:
        with open(a.config) as f:
            encoder.update(json.load(f)["encoder"])
    model = SerKitModel(encoder, [{"name": "ser", "classes": [str(i) for i in range(a.classes)]}]).train()
    opt = torch.optim.Adam(model.parameters(), lr=0.725e-3)
    x = torch.randn(a.batch, a.frames, encoder["input_dim"])
    lengths = torch.full((a.batch,), a.frames, dtype=torch.int64)
    y = torch.randint(0, a.classes, (a.batch,))

    def step():
        logits = model.logits("ser", model(x, lengths))
        loss = torch.nn.functional.cross_entropy(logits, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(a.warmup):
        step()
    start = time.perf_counter()
    for _ in range(a.steps):
        step()
    seconds = time.perf_counter() - start
    print(json.dumps({"threads": a.threads, "steps": a.steps, "seconds": seconds, "steps_per_s": a.steps / seconds,
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
