#!/bin/sh
# Runs one fuzz target: copies its checked-in seeds into its (git-ignored) corpus, then fuzzes
# with its dictionary, one job, for SECONDS (default 600).
#
#   fuzz/run.sh TARGET [SECONDS] [extra libFuzzer flags...]
#
# The job's output goes to fuzz/logs/TARGET.log (libFuzzer's -jobs mode writes fuzz-0.log in
# the working directory, which is fuzz/logs/ here). Crashes go to fuzz/artifacts/TARGET/.
set -eu
target=$1
seconds=${2:-600}
[ $# -ge 2 ] && shift 2 || shift 1
fuzz_dir=$(cd "$(dirname "$0")" && pwd)
case $target in
    verify_inspect) max_len=12288 ;;   # past MAX_TOKEN_LEN (8 KiB), in either input form
    bind_inputs)    max_len=16384 ;;   # values past MAX_VALUE_LEN (4 KiB) and tokens past 8 KiB
    load_toml)      max_len=8192 ;;
    scope_claim)    max_len=4096 ;;
    formats)        max_len=12288 ;;   # past MAX_TOKEN_LEN, in either input form
    policy_file)    max_len=8192 ;;
    *) echo "unknown target: $target" >&2; exit 2 ;;
esac
mkdir -p "$fuzz_dir/corpus/$target" "$fuzz_dir/artifacts/$target" "$fuzz_dir/logs"
cp -R "$fuzz_dir/seeds/$target/." "$fuzz_dir/corpus/$target/"
cargo +nightly fuzz build --fuzz-dir "$fuzz_dir" "$target"
# Which library source the binary was built from, for the results table.
root=$(dirname "$fuzz_dir")
source_rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
git -C "$root" --no-optional-locks diff --quiet HEAD -- capability-runtime src 2>/dev/null ||
    source_rev="$source_rev+uncommitted"
echo "$(date -u '+%F %T') $target: library source $source_rev" >> "$fuzz_dir/logs/runs.txt"
cd "$fuzz_dir/logs"
rm -f fuzz-0.log
status=0
cargo +nightly fuzz run --fuzz-dir "$fuzz_dir" "$target" "$fuzz_dir/corpus/$target" -- \
    -dict="$fuzz_dir/dicts/$target.dict" \
    -max_len="$max_len" \
    -max_total_time="$seconds" \
    -jobs=1 -workers=1 \
    -print_final_stats=1 \
    -artifact_prefix="$fuzz_dir/artifacts/$target/" \
    "$@" || status=$?
mv fuzz-0.log "$target.log"
tail -n 40 "$target.log"
exit $status
