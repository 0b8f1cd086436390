#!/usr/bin/env python3
"""The PyTorch side of bench/compare.sh: the same Fashion-MNIST MLP as nnj's (784-256-128-10, ReLU,
cross-entropy on logits, SGD with momentum 0.9 and lr 0.05), data already in memory, 2 threads.

Prints one JSON line: training samples/s at batch 32 and 128 (one full epoch each, after a warm-up),
batch-1 inference latency (median), batch-1000 inference throughput, peak resident memory, and the
BLAS library the process actually loaded (from /proc/self/maps).

Usage: pytorch_mlp.py FASHION_DIR float64|float32
"""
import gzip
import json
import os
import struct
import sys
import time

import numpy as np
import torch


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, count = struct.unpack(">II", data[:8])
    if magic == 0x803:
        rows, cols = struct.unpack(">II", data[8:16])
        return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(count, rows * cols)
    return np.frombuffer(data, dtype=np.uint8, offset=8)


def model(dtype):
    torch.manual_seed(1)
    return torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10)).to(dtype)


def train_epoch(net, x, y, batch, limit=None, optimizer=None):
    """Trains up to limit examples (default: all) in one pass and returns samples/s; the optimizer
    defaults to the comparison's SGD with momentum 0.9 and lr 0.05."""
    loss_fn = torch.nn.CrossEntropyLoss()
    opt = optimizer(net.parameters()) if optimizer else torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
    n = x.shape[0] if limit is None else min(limit, x.shape[0])
    order = torch.randperm(x.shape[0])[:n]
    start = time.perf_counter()
    for i in range(0, n, batch):
        idx = order[i:i + batch]
        opt.zero_grad()
        loss = loss_fn(net(x[idx]), y[idx])
        loss.backward()
        opt.step()
    return n / (time.perf_counter() - start)


def blas_libraries():
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if len(line.split()) >= 6}
    return sorted(p for p in paths if "blas" in os.path.basename(p) or "mkl" in os.path.basename(p))


def peak_resident_megabytes():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    return -1


def main():
    directory, precision = sys.argv[1], sys.argv[2]
    warm_up = int(sys.argv[3]) if len(sys.argv) > 3 else 60_000
    dtype = {"float64": torch.float64, "float32": torch.float32}[precision]
    torch.set_num_threads(2)
    torch.manual_seed(1)
    x = torch.from_numpy(read_idx(os.path.join(directory, "train-images-idx3-ubyte.gz")) / 255.0).to(dtype)
    y = torch.from_numpy(read_idx(os.path.join(directory, "train-labels-idx1-ubyte.gz")).astype(np.int64))

    result = {"framework": "pytorch " + torch.__version__, "precision": precision,
              "threads": torch.get_num_threads(), "warmUpExamples": warm_up}
    for batch in (32, 128):
        train_epoch(model(dtype), x, y, batch, limit=warm_up)  # warm-up
        result["trainSamplesPerSecondBatch%d" % batch] = round(train_epoch(model(dtype), x, y, batch))

    net = model(dtype).eval()
    with torch.no_grad():
        times = []
        for i in range(-5_000, 20_000):
            sample = x[i % x.shape[0]].unsqueeze(0)
            t0 = time.perf_counter()
            net(sample)
            if i >= 0:
                times.append(time.perf_counter() - t0)
        result["inferenceLatencyBatch1Micros"] = round(sorted(times)[len(times) // 2] * 1e6, 2)
        for p in range(2):
            start = time.perf_counter()
            for b in range(10):
                net(x[b * 1000:(b + 1) * 1000])
        result["inferenceSamplesPerSecondBatch1000"] = round(10_000 / (time.perf_counter() - start))
    result["peakResidentMegabytes"] = peak_resident_megabytes()
    result["blas"] = ", ".join(blas_libraries())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
