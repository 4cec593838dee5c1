#!/usr/bin/python3
"""Reference log-mel (and MFCC) computed with torchaudio, for SerKit's parity test and benchmark.

The log-mel is torchaudio.transforms.MelSpectrogram(sample_rate, n_fft, win_length, hop_length,
n_mels) -- periodic Hann window, power 2, centred frames with reflect padding, HTK mel scale,
f_min 0, f_max sr/2, no filterbank norm -- followed by log(max(x, 1e-10)).  The MFCC is the
orthonormal DCT-II (torchaudio.functional.create_dct(n_mfcc, n_mels, "ortho")) of that log-mel.

Usage:
  torchaudio_logmel.py --out DIR [options] INPUT...      write DIR/<stem>.npy, float32 [frames, dims]
  torchaudio_logmel.py --filterbank FILE.npy [options]    write torchaudio's filterbank [n_fft/2+1, n_mels]
  torchaudio_logmel.py --bench [--repeat R] INPUT...      time the log-mel (1 thread), print JSON

INPUT is a 16-bit/float WAV read with torchaudio.load (mono, at --sample-rate) or a .npy of
float32 samples.  Run with Debian's python3-torch 1.13 + python3-torchaudio 0.13 (/usr/bin/python3).
"""
import argparse
import json
import os
import resource
import sys
import time

import numpy as np
import torch
import torchaudio


def load(path, sample_rate):
    if path.endswith(".npy"):
        samples = np.load(path)
        if samples.ndim != 1:
            sys.exit(f"{path}: expected a 1-D array of samples, got shape {samples.shape}")
        return torch.from_numpy(samples.astype(np.float32, copy=False))
    waveform, sr = torchaudio.load(path)
    if sr != sample_rate:
        sys.exit(f"{path}: sample rate {sr} Hz, expected {sample_rate} Hz")
    if waveform.shape[0] != 1:
        sys.exit(f"{path}: {waveform.shape[0]} channels, expected mono")
    return waveform[0]


def transform(args):
    return torchaudio.transforms.MelSpectrogram(
        sample_rate=args.sample_rate, n_fft=args.n_fft, win_length=args.win_length,
        hop_length=args.hop, n_mels=args.mels)


def log_mel(mel, samples):
    # [n_mels, frames] -> [frames, n_mels]
    return torch.log(torch.clamp(mel(samples), min=1e-10)).transpose(0, 1).contiguous()


def cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("inputs", nargs="*")
    p.add_argument("--out", help="folder for the .npy outputs")
    p.add_argument("--kind", choices=["logmel", "mfcc"], default="logmel")
    p.add_argument("--sample-rate", type=int, default=16000)
    p.add_argument("--n-fft", type=int, default=400)
    p.add_argument("--win-length", type=int, default=None)
    p.add_argument("--hop", type=int, default=160)
    p.add_argument("--mels", type=int, default=64)
    p.add_argument("--mfcc", type=int, default=13)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--filterbank", help="write torchaudio's mel filterbank here and exit")
    p.add_argument("--bench", action="store_true", help="time the log-mel instead of writing it")
    p.add_argument("--repeat", type=int, default=3, help="timed passes over all inputs (--bench)")
    args = p.parse_args()
    if args.win_length is None:
        args.win_length = args.n_fft
    torch.set_num_threads(args.threads)
    mel = transform(args)

    if args.filterbank:
        np.save(args.filterbank, mel.mel_scale.fb.numpy().astype(np.float32))
        return

    if not args.inputs:
        p.error("no inputs")
    signals = [(path, load(path, args.sample_rate)) for path in args.inputs]

    if args.bench:
        for _, x in signals:  # warm up allocator and code paths
            log_mel(mel, x[: min(len(x), args.sample_rate * 2)])
        audio = sum(len(x) for _, x in signals) / args.sample_rate * args.repeat
        with torch.no_grad():
            cpu0, wall0 = cpu_seconds(), time.perf_counter()
            frames = 0
            for _ in range(args.repeat):
                for _, x in signals:
                    frames += log_mel(mel, x).shape[0]
            cpu1, wall1 = cpu_seconds(), time.perf_counter()
        print(json.dumps({
            "implementation": f"torchaudio {torchaudio.__version__} (torch {torch.__version__})",
            "threads": torch.get_num_threads(), "audio_seconds": audio, "frames": frames,
            "cpu_seconds": cpu1 - cpu0, "wall_seconds": wall1 - wall0,
        }))
        return

    if not args.out:
        p.error("--out is required unless --bench or --filterbank is given")
    os.makedirs(args.out, exist_ok=True)
    dct = torchaudio.functional.create_dct(args.mfcc, args.mels, "ortho")
    with torch.no_grad():
        for path, x in signals:
            features = log_mel(mel, x)
            if args.kind == "mfcc":
                features = torch.matmul(features, dct)
            stem = os.path.splitext(os.path.basename(path))[0]
            target = os.path.join(args.out, stem + ".npy")
            partial = target + ".partial"
            with open(partial, "wb") as f:
                np.save(f, features.numpy().astype(np.float32))
            os.replace(partial, target)


if __name__ == "__main__":
    main()
