#!/usr/bin/env python3
"""The PyTorch side of bench/compare.sh's CNN: the same network as nnj's models/fashion-cnn.json
(conv 32 3x3 without bias, batch-norm, ReLU, max-pool 2, conv 64 3x3 without bias, batch-norm,
ReLU, max-pool 2, flatten, dense 128 ReLU, dense 10; cross-entropy on logits, Adam lr 1e-3),
Fashion-MNIST images [1, 28, 28] in memory, 2 threads.

Prints one JSON line: training samples/s at batch 64 over EXAMPLES examples, after a warm-up of
WARMUP examples on a model of its own, and the BLAS library the process loaded.

Usage: pytorch_cnn.py FASHION_DIR float64|float32 [EXAMPLES [WARMUP]]
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_mlp import blas_libraries, peak_resident_megabytes, read_idx, train_epoch  # noqa: E402


def model(dtype):
    torch.manual_seed(1)
    return torch.nn.Sequential(
        torch.nn.Conv2d(1, 32, 3, bias=False), torch.nn.BatchNorm2d(32), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Conv2d(32, 64, 3, bias=False), torch.nn.BatchNorm2d(64), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
        torch.nn.Flatten(), torch.nn.Linear(64 * 5 * 5, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10)).to(dtype)


def train(net, x, y, batch, n):
    return train_epoch(net, x, y, batch, limit=n, optimizer=lambda params: torch.optim.Adam(params, lr=1e-3))


def main():
    directory, precision = sys.argv[1], sys.argv[2]
    examples = int(sys.argv[3]) if len(sys.argv) > 3 else 6_400
    warm_up = int(sys.argv[4]) if len(sys.argv) > 4 else 3_200
    dtype = {"float64": torch.float64, "float32": torch.float32}[precision]
    torch.set_num_threads(2)
    torch.manual_seed(1)
    x = torch.from_numpy(read_idx(os.path.join(directory, "train-images-idx3-ubyte.gz")) / 255.0).to(dtype)
    x = x.reshape(-1, 1, 28, 28)
    y = torch.from_numpy(read_idx(os.path.join(directory, "train-labels-idx1-ubyte.gz")).astype("int64"))
    train(model(dtype), x, y, 64, warm_up)
    rate = train(model(dtype), x, y, 64, examples)
    print('{"framework": "pytorch %s", "precision": "%s", "threads": %d, "examples": %d, "warmUpExamples": %d, '
          '"trainSamplesPerSecondBatch64": %d, "peakResidentMegabytes": %d, "blas": "%s"}'
          % (torch.__version__, precision, torch.get_num_threads(), examples, warm_up, round(rate),
             peak_resident_megabytes(), ", ".join(blas_libraries())))


if __name__ == "__main__":
    main()
