"""Writes data/names/given.txt and data/names/surnames.txt from the US Census 1990 name files
(public domain; credit "US Census Bureau"), for telling "Michael Jordan" or "Chad Johnson"
from a state.

given.txt: every given name of the male and female files with a frequency of at least
0.002 % (about 3,000 names); surnames.txt: the 6,000 most frequent surnames. One lower-case
ASCII name a line, sorted. Deterministic; run:

    python3 tools/gen_names.py --data ../shared/data --out data/names
"""
import argparse
import os


def read(path, min_freq=0.0, top=None):
    out = []
    for line in open(path, encoding="ascii"):
        parts = line.split()
        if len(parts) >= 4 and float(parts[1]) >= min_freq:
            out.append(parts[0].lower())
        if top and len(out) >= top:
            break
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--out", default="data/names")
    a = ap.parse_args()
    d = os.path.join(a.data, "us-census-names")
    given = set(read(os.path.join(d, "dist.male.first"), 0.002)) | set(read(os.path.join(d, "dist.female.first"), 0.002))
    surnames = set(read(os.path.join(d, "dist.all.last"), top=6000))
    os.makedirs(a.out, exist_ok=True)
    for name, words in (("given.txt", given), ("surnames.txt", surnames)):
        with open(os.path.join(a.out, name), "w", encoding="ascii", newline="\n") as f:
            f.write("".join(w + "\n" for w in sorted(words)))


if __name__ == "__main__":
    main()
