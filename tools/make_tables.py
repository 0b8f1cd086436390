#!/usr/bin/env python3
"""Recreate the CSV tables in data/ from Debian's scikit-learn data folder (run by hand).

    /usr/bin/python3 tools/make_tables.py            # from the repository root

Reads sklearn/datasets/data/ of the python3-sklearn package (the folder given as the first argument,
or the default below; no scikit-learn import is needed) and writes, overwriting, data/iris.csv,
data/wine.csv and data/diabetes.csv (the output folder may be given as the second argument). The
values are copied as text, so the numbers are not changed or reformatted; only the headers are added
and the class indices are replaced by strings:

  iris.csv      the sklearn file's first line is "150,4,setosa,versicolor,virginica": class index i
                becomes the i-th name given there.
  wine.csv      the first line is "178,13,class_0,class_1,class_2": class index i becomes
                cultivar_<i+1> (the cultivars of the UCI description are numbered 1 to 3).
  diabetes.csv  the raw (unscaled) data, diabetes_data_raw.csv.gz (10 space-separated columns:
                age, sex, bmi, bp, s1..s6) and diabetes_target.csv.gz (the progression, written
                there as 1.510000000000000000e+02 and so on, all whole numbers: written as 151).
                s1..s6 get the short names of sklearn's descr/diabetes.rst: tc, ldl, hdl, tch, ltg,
                glu. sex is coded 1/2 as in the source.

Lines end with "\n"; running it again gives byte-identical files (check with git diff).
"""
import csv
import gzip
import io
import os
import sys

SKLEARN_DATA = "/usr/lib/python3/dist-packages/sklearn/datasets/data"

IRIS_HEADER = ["sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm", "species"]
WINE_HEADER = ["alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium", "total_phenols",
               "flavanoids", "nonflavanoid_phenols", "proanthocyanins", "color_intensity", "hue",
               "od280_od315", "proline", "cultivar"]
DIABETES_HEADER = ["age", "sex", "bmi", "bp", "tc", "ldl", "hdl", "tch", "ltg", "glu", "progression"]


def read_sklearn_csv(path):
    """The sklearn layout: first line "n_samples,n_features,name_0,name_1,...", then rows whose last
    field is the class index. Returns (names, rows of text fields)."""
    with open(path, newline="") as f:
        lines = list(csv.reader(f))
    first, rows = lines[0], [r for r in lines[1:] if r]
    n_samples, n_features = int(first[0]), int(first[1])
    if len(rows) != n_samples or any(len(r) != n_features + 1 for r in rows):
        raise SystemExit(f"{path}: expected {n_samples} rows of {n_features + 1} fields")
    return first[2:], rows


def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        for r in [header] + rows:
            f.write(",".join(r) + "\n")
    print(f"{path}: {len(rows)} rows, {len(header)} columns")


def classes(rows, name_of):
    return [r[:-1] + [name_of(int(r[-1]))] for r in rows]


def iris(src, out):
    names, rows = read_sklearn_csv(os.path.join(src, "iris.csv"))
    write_csv(os.path.join(out, "iris.csv"), IRIS_HEADER, classes(rows, lambda i: names[i]))


def wine(src, out):
    names, rows = read_sklearn_csv(os.path.join(src, "wine_data.csv"))
    if names != [f"class_{i}" for i in range(len(names))]:
        raise SystemExit(f"wine_data.csv: unexpected class names {names}")
    write_csv(os.path.join(out, "wine.csv"), WINE_HEADER, classes(rows, lambda i: f"cultivar_{i + 1}"))


def read_gz_lines(path):
    with gzip.open(path, "rb") as f:
        return [l.split() for l in io.TextIOWrapper(f, encoding="ascii") if l.strip()]


def diabetes(src, out):
    data = read_gz_lines(os.path.join(src, "diabetes_data_raw.csv.gz"))
    target = read_gz_lines(os.path.join(src, "diabetes_target.csv.gz"))
    if len(data) != 442 or len(target) != 442 or any(len(r) != 10 for r in data) \
            or any(len(t) != 1 for t in target):
        raise SystemExit("diabetes: expected 442 rows of 10 fields and 442 targets")
    rows = []
    for r, (t,) in zip(data, target):
        y = float(t)
        if y != int(y):
            raise SystemExit(f"diabetes: target {t} is not a whole number")
        rows.append(r + [str(int(y))])
    write_csv(os.path.join(out, "diabetes.csv"), DIABETES_HEADER, rows)


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else SKLEARN_DATA
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
    out = os.path.normpath(out)
    iris(src, out)
    wine(src, out)
    diabetes(src, out)


if __name__ == "__main__":
    main()
