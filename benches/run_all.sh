#!/usr/bin/env bash
# Runs every measurement of BENCHMARKS.md and keeps the raw output in
# target/bench-results/<time>/ (one file per measurement, each with `uptime` before and
# after). Takes about 10 minutes. Needs ../shared (corpus and PETRARCH files) for the real
# inputs; without it, generated stand-ins are used.
#
#   bash benches/run_all.sh            # everything
#   SKIP_PY=1 bash benches/run_all.sh  # without the Python comparison
set -uo pipefail
cd "$(dirname "$0")/.."
out="target/bench-results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
echo "results in $out"

machine() {
    echo "nproc: $(nproc)"
    grep -m1 'model name' /proc/cpuinfo
    free -m | head -2
    uptime
}
machine > "$out/machine.txt"

run() { # name, command...
    local name=$1
    shift
    echo "== $name: $*"
    { uptime; echo "\$ $*"; "$@"; echo "exit: $?"; uptime; } > "$out/$name.txt" 2>&1
}

cargo build --release --benches --examples --quiet

run criterion cargo bench --bench extract
run build_1m /usr/bin/time -v target/release/examples/build_1m 1000000 --raw
run build_1m_x4 /usr/bin/time -v target/release/examples/build_1m 1000000 --per-entity 4
if command -v hyperfine > /dev/null; then
    run cold_start hyperfine -N --warmup 3 --runs 30 target/release/examples/cold_start
else
    run cold_start bash -c 'for i in $(seq 20); do /usr/bin/time -f "%e s %M KiB" target/release/examples/cold_start; done'
fi
run cold_start_phases target/release/examples/cold_start --phases
run scale cargo test --release --test integration scale -- --ignored --nocapture

if [ -z "${SKIP_PY:-}" ] && [ -x .venv/bin/python ]; then
    # A release build of the extension, kept out of the source tree.
    rm -rf target/bench-wheel target/bench-py
    .venv/bin/maturin build --release --quiet -o target/bench-wheel
    .venv/bin/python -m zipfile -e target/bench-wheel/geopol-*.whl target/bench-py
    for mb in 4 23; do
        run "python_${mb}mb" env PYTHONPATH=target/bench-py GEOPOL_BENCH_MB=$mb \
            .venv/bin/pytest benches/python/bench_match.py -o addopts="" -p no:cacheprovider \
            --benchmark-only --benchmark-columns=min,median,max,rounds \
            --benchmark-sort=name --benchmark-json="$out/python_${mb}mb.json" -q
    done
fi
uptime >> "$out/machine.txt"
grep -h -E "thrpt|time:|^\[|Benchmarking [a-z_0-9]+/[a-z_]+$" "$out/criterion.txt" | head -80
