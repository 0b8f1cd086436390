#!/usr/bin/env python3
"""scikit-learn reference figures for nnj's tabular tests on the CSV tables (run by hand).

    /usr/bin/python3 tools/sklearn_tables.py         # from the repository root

Needs numpy and scikit-learn (on Debian: apt-get install python3-sklearn); no pandas. It reads
data/iris.csv, data/wine.csv, data/diabetes.csv (tools/make_tables.py) and
nn-examples/src/test/resources/tables/customers-*.csv (tools/make_customers.py), writes,
overwriting, nn-examples/src/test/resources/tables/sklearn.json (or the file given as the first
argument) and prints a summary. Every model has a fixed random_state or none is needed, so running it
again with the same numpy and scikit-learn gives the same file; floats are written with repr.

The cases ("cases" in the JSON, each with its "features", "train"/"test" sizes and "results"):

  customers            train customers-train.csv, test customers-test.csv; id dropped; income, age,
                       debt_ratio -> StandardScaler; region, plan -> OneHotEncoder(handle_unknown=
                       "error"); label churn (yes/no). LogisticRegression(max_iter=1000) and
                       MLPClassifier(hidden_layer_sizes=(32,), max_iter=500, random_state=0): test
                       accuracy (and the number of correct test rows).
  customers-missing    the same with customers-train-missing.csv (empty fields and "NA" are
                       missing): SimpleImputer(strategy="mean") before the scaler,
                       SimpleImputer(strategy="most_frequent") before the encoder;
                       LogisticRegression(max_iter=1000).
  customers-numeric    customers without region and plan (income, age, debt_ratio only), and
  customers-no-region  without region (plan kept): LogisticRegression(max_iter=1000), to show what
                       the categories are worth.
  diabetes             rows with 0-based index i % 5 == 4 (file order) are the test set, the rest
                       train; sex -> OneHotEncoder, the other 9 columns -> StandardScaler; target
                       progression. LinearRegression(), Ridge(alpha=1.0), and
                       MLPRegressor(hidden_layer_sizes=(32,), max_iter=2000, random_state=0) inside a
                       TransformedTargetRegressor(transformer=StandardScaler()): test "mae", "rmse",
                       "r2".
  iris, wine           the same split rule; StandardScaler + LogisticRegression(max_iter=1000): test
                       accuracy.
"""
import csv
import json
import os
import sys
import warnings

import numpy as np
import sklearn
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, mean_absolute_error, mean_squared_error, r2_score
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
TABLES = os.path.join(ROOT, "nn-examples", "src", "test", "resources", "tables")
DATA = os.path.join(ROOT, "data")
MISSING = ("", "NA")


def read(path):
    """(header, rows of text fields)."""
    with open(path, newline="") as f:
        r = list(csv.reader(f))
    return r[0], r[1:]


def columns(header, rows, numeric, categorical):
    """An object array: the numeric columns as floats, the categorical ones as strings; "" and "NA"
    become np.nan in both."""
    idx = [header.index(c) for c in numeric + categorical]
    out = np.empty((len(rows), len(idx)), dtype=object)
    for j, (k, name) in enumerate(zip(idx, numeric + categorical)):
        for i, r in enumerate(rows):
            v = r[k]
            out[i, j] = np.nan if v in MISSING else (float(v) if name in numeric else v)
    return out


def labels(header, rows, name):
    k = header.index(name)
    return np.array([r[k] for r in rows], dtype=object)


def preprocess(numeric, categorical, impute=False):
    n, c = list(range(len(numeric))), list(range(len(numeric), len(numeric) + len(categorical)))
    num = make_pipeline(SimpleImputer(strategy="mean"), StandardScaler()) if impute else StandardScaler()
    cat = OneHotEncoder(handle_unknown="error")
    if impute:
        cat = make_pipeline(SimpleImputer(strategy="most_frequent"), cat)
    parts = [("numeric", num, n)] + ([("categorical", cat, c)] if categorical else [])
    return ColumnTransformer(parts)


def fit_quietly(model, x, y):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always", ConvergenceWarning)
        model.fit(x, y)
    return any(issubclass(x.category, ConvergenceWarning) for x in w)


def classify(name, model, x_train, y_train, x_test, y_test):
    warned = fit_quietly(model, x_train, y_train)
    predicted = model.predict(x_test)
    last = model.steps[-1][1]
    result = {"model": name, "accuracy": float(accuracy_score(y_test, predicted)),
              "correct": int((predicted == y_test).sum()),
              "trainAccuracy": float(accuracy_score(y_train, model.predict(x_train))),
              "iterations": int(np.max(last.n_iter_)), "convergenceWarning": warned}
    return result


def regress(name, model, x_train, y_train, x_test, y_test):
    warned = fit_quietly(model, x_train, y_train)
    p = model.predict(x_test)
    result = {"model": name, "mae": float(mean_absolute_error(y_test, p)),
              "rmse": float(np.sqrt(mean_squared_error(y_test, p))), "r2": float(r2_score(y_test, p))}
    inner = model.regressor_ if isinstance(model, TransformedTargetRegressor) else model
    last = inner.steps[-1][1]
    if getattr(last, "n_iter_", None) is not None:
        result["iterations"] = int(last.n_iter_)
        result["convergenceWarning"] = warned
    return result


def split(rows):
    """Rows with 0-based index i % 5 == 4 are the test set."""
    return [r for i, r in enumerate(rows) if i % 5 != 4], [r for i, r in enumerate(rows) if i % 5 == 4]


LOGISTIC = "LogisticRegression(max_iter=1000)"
MLP_C = "MLPClassifier(hidden_layer_sizes=(32,), max_iter=500, random_state=0)"


def customers_case(case, train_file, numeric, categorical, impute=False, mlp=False):
    header, train = read(os.path.join(TABLES, train_file))
    header_test, test = read(os.path.join(TABLES, "customers-test.csv"))
    assert header == header_test
    xs = [columns(header, rows, numeric, categorical) for rows in (train, test)]
    ys = [labels(header, rows, "churn") for rows in (train, test)]
    models = [(LOGISTIC, LogisticRegression(max_iter=1000))]
    if mlp:
        models.append((MLP_C, MLPClassifier(hidden_layer_sizes=(32,), max_iter=500, random_state=0)))
    missing = {c: int(sum(r[header.index(c)] in MISSING for r in train)) for c in numeric + categorical}
    return {"case": case, "train": train_file, "test": "customers-test.csv",
            "trainRows": len(train), "testRows": len(test), "label": "churn",
            "numeric": numeric, "categorical": categorical,
            "preprocessing": ("SimpleImputer(strategy='mean') + StandardScaler for numeric, "
                              "SimpleImputer(strategy='most_frequent') + OneHotEncoder(handle_unknown='error') "
                              "for categorical; '' and 'NA' are missing") if impute else
                             ("StandardScaler for numeric" +
                              (", OneHotEncoder(handle_unknown='error') for categorical" if categorical else "")),
            "missingTrainCells": {c: k for c, k in missing.items() if k},
            "results": [classify(name, make_pipeline(preprocess(numeric, categorical, impute), m),
                                 xs[0], ys[0], xs[1], ys[1]) for name, m in models]}


def diabetes_case():
    header, rows = read(os.path.join(DATA, "diabetes.csv"))
    numeric = [c for c in header if c not in ("sex", "progression")]
    categorical = ["sex"]
    train, test = split(rows)
    xs = [columns(header, r, numeric, categorical) for r in (train, test)]
    ys = [np.array([float(x[header.index("progression")]) for x in r]) for r in (train, test)]
    pre = lambda: preprocess(numeric, categorical)
    models = [
        ("LinearRegression()", make_pipeline(pre(), LinearRegression())),
        ("Ridge(alpha=1.0)", make_pipeline(pre(), Ridge(alpha=1.0))),
        ("TransformedTargetRegressor(MLPRegressor(hidden_layer_sizes=(32,), max_iter=2000, random_state=0), "
         "transformer=StandardScaler())",
         TransformedTargetRegressor(
             regressor=make_pipeline(pre(), MLPRegressor(hidden_layer_sizes=(32,), max_iter=2000, random_state=0)),
             transformer=StandardScaler())),
    ]
    return {"case": "diabetes", "file": "data/diabetes.csv", "split": "test = rows with 0-based index i % 5 == 4",
            "trainRows": len(train), "testRows": len(test), "target": "progression",
            "numeric": numeric, "categorical": categorical,
            "preprocessing": "StandardScaler for numeric, OneHotEncoder for sex",
            "results": [regress(name, m, xs[0], ys[0], xs[1], ys[1]) for name, m in models]}


def small_case(case, file, label):
    header, rows = read(os.path.join(DATA, file))
    numeric = [c for c in header if c != label]
    train, test = split(rows)
    xs = [columns(header, r, numeric, []) for r in (train, test)]
    ys = [labels(header, r, label) for r in (train, test)]
    return {"case": case, "file": "data/" + file, "split": "test = rows with 0-based index i % 5 == 4",
            "trainRows": len(train), "testRows": len(test), "label": label, "numeric": numeric,
            "categorical": [], "preprocessing": "StandardScaler",
            "results": [classify(LOGISTIC, make_pipeline(preprocess(numeric, []), LogisticRegression(max_iter=1000)),
                                 xs[0], ys[0], xs[1], ys[1])]}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(TABLES, "sklearn.json")
    numeric, categorical = ["income", "age", "debt_ratio"], ["region", "plan"]
    cases = [
        customers_case("customers", "customers-train.csv", numeric, categorical, mlp=True),
        customers_case("customers-missing", "customers-train-missing.csv", numeric, categorical, impute=True),
        customers_case("customers-numeric", "customers-train.csv", numeric, []),
        customers_case("customers-no-region", "customers-train.csv", numeric, ["plan"]),
        diabetes_case(),
        small_case("iris", "iris.csv", "species"),
        small_case("wine", "wine.csv", "cultivar"),
    ]
    doc = {"sklearn": sklearn.__version__, "numpy": np.__version__,
           "command": "/usr/bin/python3 tools/sklearn_tables.py", "cases": cases}
    with open(out, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}: wrote {out}")
    for c in cases:
        for r in c["results"]:
            figures = (f"accuracy {r['accuracy']:.4f} ({r['correct']}/{c['testRows']})" if "accuracy" in r
                       else f"MAE {r['mae']:.3f}  RMSE {r['rmse']:.3f}  R2 {r['r2']:.4f}")
            note = " (ConvergenceWarning)" if r.get("convergenceWarning") else ""
            print(f"  {c['case']:20s} {r['model'][:40]:40s} {figures}{note}")


if __name__ == "__main__":
    main()
