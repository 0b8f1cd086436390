#!/usr/bin/env python3
"""Checks that nnj's safetensors weights move to PyTorch and back (run by hand; CI has no PyTorch).

    java -jar nn-examples/target/nnj.jar train --model models/digits-mlp.json --data digits --save d.nnj
    java -jar nn-examples/target/nnj.jar export --model d.nnj --out w.safetensors
    (write some rows of 64 features, scaled to [0, 1], to in.csv)
    /usr/bin/python3 tools/pytorch_interop.py            # in the directory of w.safetensors and in.csv
    java -jar nn-examples/target/nnj.jar predict --model d.nnj --input in.csv   # same probabilities
    java -jar nn-examples/target/nnj.jar import --model models/digits-mlp.json \
        --weights from_torch_f32.safetensors --out d3.nnj

It reads the file with a few lines of its own (no safetensors package needed), loads it into
torch.nn.Sequential(Linear(64, 256), ReLU(), Linear(256, 10)) - nnj's layers.0 and layers.1 are
PyTorch's 0 and 2, since nnj counts the activation as part of its layer - prints the softmax of
each input row, and writes the weights back as F32 safetensors for 'nnj import'.
"""
import json, struct, sys, numpy as np, torch
def load(path):
    data = open(path, "rb").read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    out = {}
    for k, v in header.items():
        if k == "__metadata__": continue
        b, e = v["data_offsets"]
        out[k] = torch.from_numpy(np.frombuffer(data[8 + n + b: 8 + n + e], dtype="<f8").copy()).reshape(v["shape"])
    return out
sd = load("w.safetensors")
net = torch.nn.Sequential(torch.nn.Linear(64, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10)).double()
net.load_state_dict({"0.weight": sd["layers.0.weight"], "0.bias": sd["layers.0.bias"],
                     "2.weight": sd["layers.1.weight"], "2.bias": sd["layers.1.bias"]})
x = torch.tensor(np.loadtxt("in.csv", delimiter=","), dtype=torch.float64)
p = torch.softmax(net(x), dim=1)
print({k: tuple(v.shape) for k, v in sd.items()})
for row in p: print(",".join("%.6g" % v for v in row))
# and back: write a float32 safetensors from torch for nnj import
t = {k: v.float().contiguous() for k, v in sd.items()}
header = {}; off = 0; blobs = []
for k, v in t.items():
    b = v.numpy().astype("<f4").tobytes(); header[k] = {"dtype": "F32", "shape": list(v.shape), "data_offsets": [off, off + len(b)]}; off += len(b); blobs.append(b)
h = json.dumps(header).encode(); h += b" " * ((8 - len(h) % 8) % 8)
open("from_torch_f32.safetensors", "wb").write(struct.pack("<Q", len(h)) + h + b"".join(blobs))
