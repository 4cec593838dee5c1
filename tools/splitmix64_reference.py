#!/usr/bin/env python3
"""Reference outputs of SplitMix64 (Vigna's splitmix64.c) and of a Fisher-Yates shuffle driven
by it, for tests/SerKit.Tests/Corpus/SplitMix64Tests.cs. Independent of the C# code: Python
integers masked to 64 bits.

usage: tools/splitmix64_reference.py
"""
MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        # Reject the top 2^64 mod bound values so that r % bound is uniform.
        rem = (1 << 64) % bound
        limit = (1 << 64) - rem
        while True:
            r = self.next()
            if rem == 0 or r < limit:
                return r % bound

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]


for seed in (0, 1234567):
    g = SplitMix64(seed)
    print(f"seed {seed}:", [g.next() for _ in range(5)])
g = SplitMix64(42)
xs = list(range(10))
g.shuffle(xs)
print("shuffle of 0..9 with seed 42:", xs)
g = SplitMix64(0)
actors = [str(a) for a in range(1001, 1092)]
g.shuffle(actors)
print("CREMA-D actors shuffled with seed 0, first 14:", actors[:14])
