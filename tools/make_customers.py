#!/usr/bin/env python3
"""A synthetic "customers" table, like a user's own database export, for nnj's tabular tests (run by hand).

    /usr/bin/python3 tools/make_customers.py         # from the repository root

Needs numpy only. Writes, overwriting, into nn-examples/src/test/resources/tables/ (or the folder
given as the first argument):

  customers-train.csv          1,200 rows, no missing values
  customers-train-missing.csv  the same rows, with about 1% of the income cells empty and about 1%
                               of the region cells "NA"
  customers-test.csv           400 rows, no missing values

Header: id,income,age,debt_ratio,region,plan,churn

  id          100001, 100002, ... (unique, in file order; carries no information, to be ignored)
  income      lognormal around 55,000 (sigma 0.5), whole numbers, truncated to 20,000..200,000
              (values outside are drawn again)
  age         normal(45, 14), rounded, truncated to 18..80 the same way
  debt_ratio  beta(2, 4), 3 decimals
  region      north, south, east, west, central with probabilities .30, .25, .20, .15, .10
  plan        basic, plus, premium with probabilities .50, .30, .20
  churn       yes/no, drawn as Bernoulli(sigmoid(logit)) with
                logit = INTERCEPT + sum of COEF[c] * standardised c (income, age, debt_ratio; mean
                and standard deviation of the 1,600 generated rows) + REGION[region] + PLAN[plan]
              so the labels are noisy (a linear model cannot reach 100%) and region matters.

All draws come from one numpy RandomState(SEED) in a fixed order (train rows first, then test rows,
then the cells to empty), so running it again with the same numpy gives byte-identical files.
Lines end with "\n".
"""
import os
import sys

import numpy as np

SEED = 20240614
N_TRAIN, N_TEST = 1200, 400
MISSING_FRACTION = 0.01

REGIONS = ["north", "south", "east", "west", "central"]
REGION_P = [0.30, 0.25, 0.20, 0.15, 0.10]
PLANS = ["basic", "plus", "premium"]
PLAN_P = [0.50, 0.30, 0.20]

INTERCEPT = -0.9
COEF = {"income": -1.8, "age": -1.2, "debt_ratio": 2.0}
REGION = {"north": -2.4, "south": 2.1, "east": 0.0, "west": 2.7, "central": -1.2}
PLAN = {"basic": 1.0, "plus": 0.0, "premium": -1.5}

HEADER = ["id", "income", "age", "debt_ratio", "region", "plan", "churn"]


def truncated(rng, draw, low, high, n):
    """Whole numbers from draw(size), rounded; values outside low..high are drawn again (no pile-up
    at the bounds, as clipping would give)."""
    x = np.round(draw(n))
    bad = (x < low) | (x > high)
    while bad.any():
        x[bad] = np.round(draw(int(bad.sum())))
        bad = (x < low) | (x > high)
    return x.astype(int)


def generate(rng, n):
    income = truncated(rng, lambda k: rng.lognormal(np.log(55000), 0.5, k), 20000, 200000, n)
    age = truncated(rng, lambda k: rng.normal(45, 14, k), 18, 80, n)
    debt = np.round(rng.beta(2, 4, n), 3)
    region = rng.choice(len(REGIONS), size=n, p=REGION_P)
    plan = rng.choice(len(PLANS), size=n, p=PLAN_P)
    return {"income": income, "age": age, "debt_ratio": debt, "region": region, "plan": plan}


def churn(rng, cols):
    logit = np.full(len(cols["income"]), INTERCEPT)
    for c, b in COEF.items():
        x = cols[c].astype(float)
        logit += b * (x - x.mean()) / x.std()
    logit += np.array([REGION[REGIONS[i]] for i in cols["region"]])
    logit += np.array([PLAN[PLANS[i]] for i in cols["plan"]])
    p = 1.0 / (1.0 + np.exp(-logit))
    return rng.uniform(size=len(p)) < p


def rows(cols, y, first_id):
    out = []
    for i in range(len(y)):
        out.append([str(first_id + i), str(cols["income"][i]), str(cols["age"][i]),
                    f"{cols['debt_ratio'][i]:.3f}", REGIONS[cols["region"][i]], PLANS[cols["plan"][i]],
                    "yes" if y[i] else "no"])
    return out


def write(path, table):
    with open(path, "w", newline="") as f:
        for r in [HEADER] + table:
            f.write(",".join(r) + "\n")
    print(f"{path}: {len(table)} rows")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "nn-examples", "src", "test", "resources", "tables")
    out = os.path.normpath(out)
    os.makedirs(out, exist_ok=True)
    rng = np.random.RandomState(SEED)
    n = N_TRAIN + N_TEST
    cols = generate(rng, n)
    y = churn(rng, cols)
    table = rows(cols, y, 100001)
    train, test = table[:N_TRAIN], table[N_TRAIN:]

    k = int(round(MISSING_FRACTION * N_TRAIN))
    no_income = set(rng.choice(N_TRAIN, size=k, replace=False).tolist())
    no_region = set(rng.choice(N_TRAIN, size=k, replace=False).tolist())
    missing = [list(r) for r in train]
    for i in no_income:
        missing[i][HEADER.index("income")] = ""
    for i in no_region:
        missing[i][HEADER.index("region")] = "NA"

    write(os.path.join(out, "customers-train.csv"), train)
    write(os.path.join(out, "customers-train-missing.csv"), missing)
    write(os.path.join(out, "customers-test.csv"), test)
    print(f"churn yes: train {sum(r[-1] == 'yes' for r in train)}/{N_TRAIN}, "
          f"test {sum(r[-1] == 'yes' for r in test)}/{N_TEST}; "
          f"emptied income cells {len(no_income)}, NA region cells {len(no_region)}")


if __name__ == "__main__":
    main()
