#!/usr/bin/env python3
"""PyTorch float64 reference numbers for nnj's layers (run by hand; CI has no PyTorch).

    /usr/bin/python3 tools/torch_layers.py        # from the repository root

Needs torch and scikit-learn (on Debian: apt-get install python3-torch python3-sklearn). It writes,
overwriting, one JSON file per case plus README.md into nn-core/src/test/resources/torch/layers/
(or into the directory given as the first argument), and prints the torch version. The Java tests
read those files; regenerating with the same torch and scikit-learn gives byte-identical files (each
case seeds torch from the CRC-32 of its name, float64 everywhere, one thread).

Each file: {"case", "torch", "layer" (nnj type id), "config" (nnj model-file keys), "inputShape"
and "outputShape" (one example, no batch dimension), "params" and "buffers" (PyTorch names and
layout, before the first step), "steps"}. A tensor is {"shape": [...], "values": [row-major]}.
Each step: "mode" (train or eval), "input" [B, ...], "gradOutput" (random), "output", "gradInput",
"paramGrads" (this step's gradients only; grads are zeroed before each step), "buffersAfter" (the
buffers after this step's forward). Parameters are never updated; only buffers change between steps.
Backward runs in eval steps too.

normalization-basic.json has no torch counterpart: it is scikit-learn's StandardScaler (population
variance, a constant feature scaled by 1), with "adaptData" and "buffers" holding mean and variance
after adapt. cnn-small.json is a small network: "layers" (nnj type and config of each layer) instead
of "layer"/"config", a softmax-cross-entropy (CrossEntropyLoss, mean) loss on int "targets", and
per-step "loss"; parameter and buffer names are nnj's ("layers.<index>.<name>").
"""
import json
import os
import sys
import zlib

import numpy as np
import torch
import torch.nn as nn
from sklearn.preprocessing import StandardScaler

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "nn-core", "src", "test", "resources", "torch", "layers")


def tensor(t):
    t = t.detach()
    if t.is_floating_point():
        values = [float(v) for v in t.reshape(-1).tolist()]
    else:
        values = [int(v) for v in t.reshape(-1).tolist()]
    return {"shape": list(t.shape), "values": values}


def tensors(named):
    return {k: tensor(v) for k, v in named}


def emit(obj, indent=0):
    """JSON with nested objects indented and every list on one line."""
    pad = "  " * indent
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [pad + "  " + json.dumps(k) + ": " + emit(v, indent + 1) for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list) and any(isinstance(v, dict) for v in obj):
        items = [pad + "  " + emit(v, indent + 1) for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(obj, allow_nan=False)


def write(case, doc):
    doc = {"case": case, "torch": torch.__version__, **doc}
    path = os.path.join(OUT, case + ".json")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(emit(doc) + "\n")
    size = os.path.getsize(path)
    assert size < 200_000, (case, size)
    print("%-22s %7d bytes" % (case + ".json", size))


def seed(case):
    torch.manual_seed(zlib.crc32(case.encode("utf-8")))


def buffers_of(m):
    return tensors((k, v.clone()) for k, v in m.named_buffers())


def randomize(m):
    """Random parameters and running statistics instead of PyTorch's ones/zeros defaults."""
    with torch.no_grad():
        for name, p in m.named_parameters():
            p.copy_(torch.randn(p.shape))
        for name, b in m.named_buffers():
            if name.endswith("running_mean"):
                b.copy_(torch.randn(b.shape))
            elif name.endswith("running_var"):
                b.copy_(torch.rand(b.shape) + 0.5)


def layer_case(case, layer, config, module, input_shape, batch, modes):
    seed(case)
    randomize(module)
    params0 = tensors((k, v.clone()) for k, v in module.named_parameters())
    buffers0 = buffers_of(module)
    steps = []
    output_shape = None
    for mode in modes:
        module.train(mode == "train")
        for p in module.parameters():
            p.grad = None
        x = torch.randn([batch] + input_shape, requires_grad=True)
        y = module(x)
        output_shape = list(y.shape[1:])
        g = torch.randn(y.shape)
        y.backward(g)
        steps.append({
            "mode": mode,
            "input": tensor(x),
            "gradOutput": tensor(g),
            "output": tensor(y),
            "gradInput": tensor(x.grad),
            "paramGrads": tensors((k, v.grad.clone()) for k, v in module.named_parameters()),
            "buffersAfter": buffers_of(module),
        })
    write(case, {"layer": layer, "config": config, "inputShape": input_shape, "outputShape": output_shape,
                 "params": params0, "buffers": buffers0, "steps": steps})


def pair(v):
    return tuple(v) if isinstance(v, list) else v


def batch_norm_cases():
    T, E = "train", "eval"
    for case, shape, batch, modes, mom, eps in [
            ("batch-norm-1d", [5], 6, [T, T, T, E], 0.1, 1e-5),
            ("batch-norm-2d", [3, 4, 5], 4, [T, T, T, E], 0.1, 1e-5),
            ("batch-norm-1d-seq", [3, 7], 2, [T, T, E], 0.1, 1e-5),
            ("batch-norm-momentum", [4], 5, [T, T, E], 0.3, 1e-3)]:
        c = shape[0]
        module = (nn.BatchNorm2d if len(shape) == 3 else nn.BatchNorm1d)(c, eps=eps, momentum=mom)
        layer_case(case, "batch-norm", {"momentum": mom, "eps": eps}, module, shape, batch, modes)


def layer_norm_cases():
    for case, shape, batch, modes in [("layer-norm-1d", [6], 4, ["train", "eval"]),
                                      ("layer-norm-3d", [2, 3, 4], 3, ["train"])]:
        module = nn.LayerNorm(shape, eps=1e-5, elementwise_affine=True)
        layer_case(case, "layer-norm", {"eps": 1e-5}, module, shape, batch, modes)


def conv_cases():
    for case, shape, config, batch in [
            ("conv2d-basic", [2, 5, 5], {"filters": 3, "kernel": 3}, 2),
            ("conv2d-stride-pad", [3, 6, 7], {"filters": 4, "kernel": [3, 2], "stride": [2, 1], "padding": [1, 2]}, 2),
            ("conv2d-nobias", [1, 8, 8], {"filters": 2, "kernel": 5, "stride": 3, "bias": False}, 3),
            ("conv2d-1x1", [4, 3, 3], {"filters": 2, "kernel": 1}, 2)]:
        module = nn.Conv2d(shape[0], config["filters"], pair(config["kernel"]), stride=pair(config.get("stride", 1)),
                           padding=pair(config.get("padding", 0)), bias=config.get("bias", True))
        layer_case(case, "conv2d", config, module, shape, batch, ["train"])


def pool_cases():
    for case, layer, shape, config, batch in [
            ("max-pool2d-basic", "max-pool2d", [2, 4, 4], {"size": 2}, 2),
            ("max-pool2d-overlap", "max-pool2d", [1, 5, 6], {"size": 3, "stride": [2, 1]}, 2),
            ("max-pool2d-pad", "max-pool2d", [2, 5, 5], {"size": 3, "stride": 2, "padding": 1}, 1),
            ("avg-pool2d-basic", "avg-pool2d", [2, 4, 6], {"size": 2}, 2),
            ("avg-pool2d-pad", "avg-pool2d", [1, 5, 5], {"size": 3, "stride": 2, "padding": 1}, 2)]:
        size = pair(config["size"])
        stride = pair(config.get("stride", config["size"]))
        padding = pair(config.get("padding", 0))
        if layer == "max-pool2d":
            module = nn.MaxPool2d(size, stride=stride, padding=padding)
        else:
            module = nn.AvgPool2d(size, stride=stride, padding=padding, ceil_mode=False, count_include_pad=True)
        layer_case(case, layer, config, module, shape, batch, ["train"])


def flatten_case():
    layer_case("flatten-basic", "flatten", {}, nn.Flatten(start_dim=1), [2, 3, 4], 2, ["train"])


def normalization_case():
    case = "normalization-basic"
    seed(case)
    adapt = torch.randn(20, 5) * torch.tensor([1.0, 3.0, 0.5, 1.0, 2.0]) + torch.tensor([0.0, -2.0, 5.0, 0.0, 1.0])
    adapt[:, 3] = 2.5  # a constant feature
    scaler = StandardScaler().fit(adapt.numpy())
    x = torch.randn(4, 5)
    g = torch.randn(4, 5)
    y = torch.from_numpy(scaler.transform(x.numpy()))
    gx = g / torch.from_numpy(scaler.scale_)
    buffers = {"mean": tensor(torch.from_numpy(scaler.mean_)), "variance": tensor(torch.from_numpy(scaler.var_))}
    step = {"mode": "eval", "input": tensor(x), "gradOutput": tensor(g), "output": tensor(y),
            "gradInput": tensor(gx), "paramGrads": {}, "buffersAfter": buffers}
    write(case, {"layer": "normalization", "config": {}, "inputShape": [5], "outputShape": [5],
                 "adaptData": tensor(adapt), "params": {}, "buffers": buffers,
                 "scale": tensor(torch.from_numpy(scaler.scale_)), "steps": [step]})


def cnn_case():
    case = "cnn-small"
    seed(case)
    layers = [{"type": "conv2d", "config": {"filters": 2, "kernel": 3, "padding": 1}},
              {"type": "batch-norm", "config": {"momentum": 0.1, "eps": 1e-5}},
              {"type": "activation", "config": {"activation": "relu"}},
              {"type": "max-pool2d", "config": {"size": 2}},
              {"type": "flatten", "config": {}},
              {"type": "dense", "config": {"units": 3}}]
    net = nn.Sequential(nn.Conv2d(1, 2, 3, padding=1), nn.BatchNorm2d(2, eps=1e-5, momentum=0.1), nn.ReLU(),
                        nn.MaxPool2d(2), nn.Flatten(), nn.Linear(8, 3))
    randomize(net)
    with torch.no_grad():  # smaller weights for a tamer loss
        for p in net.parameters():
            p.mul_(0.5)
    name = lambda k: "layers." + k  # torch's Sequential index equals nnj's layer index here
    params0 = tensors((name(k), v.clone()) for k, v in net.named_parameters())
    buffers_now = lambda: tensors((name(k), v.clone()) for k, v in net.named_buffers())
    buffers0 = buffers_now()
    net.train()
    x = torch.randn(3, 1, 4, 4, requires_grad=True)
    targets = torch.tensor([2, 0, 1])
    logits = net(x)
    loss = nn.CrossEntropyLoss(reduction="mean")(logits, targets)
    loss.backward()
    step = {"mode": "train", "input": tensor(x), "targets": tensor(targets), "output": tensor(logits),
            "loss": float(loss), "gradInput": tensor(x.grad),
            "paramGrads": tensors((name(k), v.grad.clone()) for k, v in net.named_parameters()),
            "buffersAfter": buffers_now()}
    write(case, {"layers": layers, "loss": "softmax-cross-entropy", "inputShape": [1, 4, 4], "outputShape": [3],
                 "params": params0, "buffers": buffers0, "steps": [step]})


README = """# PyTorch reference numbers for nnj's layers

Written by `tools/torch_layers.py` (run it from the repository root with `/usr/bin/python3
tools/torch_layers.py`; it rewrites every file here, this README included) with torch {torch},
scikit-learn {sklearn} and NumPy {numpy}, all in float64. The torch version is also in each file's
`"torch"` key. Regenerating gives byte-identical files. CI has no Python: the Java tests read these.

One file per case; the format is described in the script's docstring. `normalization-basic.json`
comes from scikit-learn's `StandardScaler`, not torch. `cnn-small.json` is a small network
(conv2d, batch-norm, relu, max-pool2d, flatten, dense) with a softmax-cross-entropy loss.
"""


def main():
    import sklearn
    os.makedirs(OUT, exist_ok=True)
    print("torch", torch.__version__, "scikit-learn", sklearn.__version__, "numpy", np.__version__)
    batch_norm_cases()
    layer_norm_cases()
    conv_cases()
    pool_cases()
    flatten_case()
    normalization_case()
    cnn_case()
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8", newline="\n") as f:
        f.write(README.format(torch=torch.__version__, sklearn=sklearn.__version__, numpy=np.__version__))


if __name__ == "__main__":
    main()
