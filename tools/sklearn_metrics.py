#!/usr/bin/env python3
"""scikit-learn reference values for nnj's ClassificationMetrics and RegressionMetrics (run by hand).

    /usr/bin/python3 tools/sklearn_metrics.py        # from the repository root

Needs numpy and scikit-learn (on Debian: apt-get install python3-sklearn). It writes, overwriting,
nn-core/src/test/resources/sklearn/metrics.json (or the file given as the first argument) and prints
the scikit-learn version. The inputs come from numpy RandomState generators with fixed seeds, so
running it again with the same numpy and scikit-learn gives a byte-identical file; floats are written
with repr, which round-trips exactly.

The file: {"sklearn", "numpy", "cases": [...]}. A classification case has "kind": "classification",
"labels" (int per example), "probabilities" (one row per example: k >= 2 class probabilities, or
the probability of class 1 alone for a binary case) and "expected": per-class "precision", "recall",
"f1", "support" (zero_division=0), "macro" and "weighted" {"precision", "recall", "f1"},
"accuracy", "logLoss" (labels given explicitly; scikit-learn 1.2 clips with its default
eps="auto", np.finfo(float64).eps = 2^-52, not 1e-15 as before 1.2, then renormalises each row) and, for two classes, "rocAuc" and "averagePrecision". A regression case has
"kind": "regression", "targets" and "predictions" (rows of one or more outputs) and "expected":
"mae", "rmse", "r2" (multioutput='uniform_average').
"""
import json
import sys

import numpy as np
import sklearn
from sklearn import metrics


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def classification(name, labels, probabilities):
    labels = np.asarray(labels, dtype=int)
    p = np.asarray(probabilities, dtype=float)
    binary = p.ndim == 1
    k = 2 if binary else p.shape[1]
    classes = list(range(k))
    predicted = (p > 0.5).astype(int) if binary else p.argmax(axis=1)
    pr, rc, f1, support = metrics.precision_recall_fscore_support(
        labels, predicted, labels=classes, zero_division=0)
    expected = {
        "precision": pr.tolist(), "recall": rc.tolist(), "f1": f1.tolist(),
        "support": [int(s) for s in support],
    }
    for average in ("macro", "weighted"):
        a = metrics.precision_recall_fscore_support(
            labels, predicted, labels=classes, average=average, zero_division=0)
        expected[average] = {"precision": float(a[0]), "recall": float(a[1]), "f1": float(a[2])}
    expected["accuracy"] = float(metrics.accuracy_score(labels, predicted))
    expected["logLoss"] = float(metrics.log_loss(labels, p, labels=classes))
    if binary:
        expected["rocAuc"] = float(metrics.roc_auc_score(labels, p))
        expected["averagePrecision"] = float(metrics.average_precision_score(labels, p))
    return {"case": name, "kind": "classification", "labels": labels.tolist(),
            "probabilities": p.tolist(), "expected": expected}


def regression(name, targets, predictions):
    t = np.asarray(targets, dtype=float)
    y = np.asarray(predictions, dtype=float)
    expected = {
        "mae": float(metrics.mean_absolute_error(t, y)),
        "rmse": float(np.sqrt(metrics.mean_squared_error(t, y))),
        "r2": float(metrics.r2_score(t, y)),
    }
    return {"case": name, "kind": "regression", "targets": t.reshape(len(t), -1).tolist(),
            "predictions": y.reshape(len(y), -1).tolist(), "expected": expected}


def multiclass():
    # Class 2 occurs in the labels but is never predicted: its logit is pushed below the others,
    # so its precision is 0/0 (zero_division=0) and its recall 0.
    rng = np.random.RandomState(14)
    labels = rng.randint(0, 3, size=40)
    z = rng.normal(size=(40, 3))
    z[np.arange(40), labels] += 1.0
    z[:, 2] = np.minimum(z[:, 0], z[:, 1]) - rng.uniform(0.1, 1.0, size=40)
    return classification("multiclass-3", labels, softmax(z))


def multiclass_clipped():
    # Probabilities of exactly 0 and 1, so the log loss depends on the clipping.
    labels = [0, 1, 2, 2, 1, 0]
    p = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.2, 0.3, 0.5], [0.0, 1.0, 0.0],
         [0.5, 0.5, 0.0], [0.1, 0.6, 0.3]]
    return classification("multiclass-clipped", labels, p)


def binary():
    # Scores rounded to one decimal: many ties, across both classes.
    rng = np.random.RandomState(2024)
    labels = rng.randint(0, 2, size=50)
    scores = np.clip(0.35 + 0.3 * labels + rng.normal(scale=0.25, size=50), 0.0, 1.0)
    return classification("binary", labels, np.round(scores, 1))


def regression_single():
    rng = np.random.RandomState(7)
    t = rng.normal(loc=3.0, scale=2.0, size=30)
    return regression("regression", t, t + rng.normal(scale=0.8, size=30))


def regression_multi():
    rng = np.random.RandomState(8)
    t = rng.normal(size=(30, 2)) * np.array([1.0, 10.0]) + np.array([0.0, 5.0])
    return regression("regression-2-outputs", t, t + rng.normal(size=(30, 2)) * np.array([0.5, 4.0]))


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "nn-core/src/test/resources/sklearn/metrics.json"
    cases = [multiclass(), multiclass_clipped(), binary(), regression_single(), regression_multi()]
    doc = {"sklearn": sklearn.__version__, "numpy": np.__version__, "cases": cases}
    with open(out, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("scikit-learn", sklearn.__version__, "->", out)


if __name__ == "__main__":
    main()
