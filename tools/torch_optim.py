#!/usr/bin/env python3
"""PyTorch reference trajectories for nnj's optimizers, in float64 and float32 (run by hand; CI has
no PyTorch).

    /usr/bin/python3 tools/torch_optim.py        # from the repository root

Needs torch (on Debian: apt-get install python3-torch). It writes, overwriting,
nn-optim/src/test/resources/torch/optim.json (or the file given as the first argument) and prints
the torch version; running it again with the same torch gives the same bytes (no randomness, one
thread, torch.optim's single-tensor code: foreach=False).

Every case minimises the quadratic 0.5 * sum(a * (w - c)^2), whose gradient a * (w - c) is
computed in the case's dtype, for STEPS steps from w0; a, c and w0 are multiples of 1/64, so that
they are exact in both types. The file: {"torch", "a", "c", "w0", "steps", "cases": [{"case",
"optimizer" (nnj's model-file keys), "dtype" ("float64" or "float32"), "values" (w after each
step, one list per step), "state" (torch's state after the last step, by nnj's state names)}]}.
"""
import json
import os
import sys

import torch

torch.set_num_threads(1)

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "nn-optim", "src", "test", "resources", "torch", "optim.json")
STEPS = 20
A = [v / 64 for v in [64, 192, 32, 128, 16, 96, 80, 48, 112, 24, 144, 56]]
C = [v / 64 for v in [32, -64, 128, 0, -16, 40, 8, -96, 72, 0, -24, 100]]
W0 = [v / 64 for v in [64, 128, -64, 19, 200, -3, 0, 45, -150, 7, 33, -81]]

# (case, nnj's optimizer keys, torch optimizer factory, {torch state name: nnj state name})
CASES = [
    ("sgd", {"type": "sgd", "learningRate": 0.1},
     lambda p: torch.optim.SGD([p], lr=0.1), {}),
    ("momentum", {"type": "momentum", "learningRate": 0.05, "momentum": 0.9},
     lambda p: torch.optim.SGD([p], lr=0.05, momentum=0.9), {"momentum_buffer": "momentum"}),
    ("nesterov", {"type": "momentum", "learningRate": 0.02, "momentum": 0.8, "nesterov": True, "weightDecay": 0.1},
     lambda p: torch.optim.SGD([p], lr=0.02, momentum=0.8, nesterov=True, weight_decay=0.1),
     {"momentum_buffer": "momentum"}),
    ("adam", {"type": "adam", "learningRate": 0.05, "weightDecay": 0.01},
     lambda p: torch.optim.Adam([p], lr=0.05, weight_decay=0.01, foreach=False),
     {"exp_avg": "exp_avg", "exp_avg_sq": "exp_avg_sq"}),
    ("adamw", {"type": "adamw", "learningRate": 0.05, "beta1": 0.8, "beta2": 0.99, "weightDecay": 0.1},
     lambda p: torch.optim.AdamW([p], lr=0.05, betas=(0.8, 0.99), weight_decay=0.1, foreach=False),
     {"exp_avg": "exp_avg", "exp_avg_sq": "exp_avg_sq"}),
    ("rmsprop-centered", {"type": "rmsprop", "learningRate": 0.01, "alpha": 0.9, "weightDecay": 0.01,
                          "momentum": 0.5, "centered": True},
     lambda p: torch.optim.RMSprop([p], lr=0.01, alpha=0.9, weight_decay=0.01, momentum=0.5, centered=True,
                                   foreach=False),
     {"square_avg": "square_avg", "grad_avg": "grad_avg", "momentum_buffer": "momentum_buffer"}),
    ("rmsprop", {"type": "rmsprop", "learningRate": 0.01},
     lambda p: torch.optim.RMSprop([p], lr=0.01, foreach=False), {"square_avg": "square_avg"}),
    ("adagrad", {"type": "adagrad", "learningRate": 0.1, "lrDecay": 0.01, "weightDecay": 0.001,
                 "initialAccumulatorValue": 0.1},
     lambda p: torch.optim.Adagrad([p], lr=0.1, lr_decay=0.01, weight_decay=0.001, initial_accumulator_value=0.1,
                                   foreach=False),
     {"sum": "sum"}),
]


def run(make, names, dtype):
    a = torch.tensor(A, dtype=dtype)
    c = torch.tensor(C, dtype=dtype)
    w = torch.tensor(W0, dtype=dtype, requires_grad=True)
    optimizer = make(w)
    values = []
    for _ in range(STEPS):
        with torch.no_grad():
            w.grad = a * (w - c)
        optimizer.step()
        values.append([float(v) for v in w.detach()])
    state = optimizer.state[w]
    return values, {nnj: [float(v) for v in state[name]] for name, nnj in names.items()}


def main():
    cases = []
    for dtype, label in ((torch.float64, "float64"), (torch.float32, "float32")):
        for case, keys, make, names in CASES:
            values, state = run(make, names, dtype)
            cases.append({"case": case, "optimizer": keys, "dtype": label, "values": values, "state": state})
    out = {"torch": torch.__version__, "a": A, "c": C, "w0": W0, "steps": STEPS, "cases": cases}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(torch.__version__)


if __name__ == "__main__":
    main()
