#!/usr/bin/env bash
# Counts the machine instructions one pass of bytes → typed events takes (4 MiB stream, CHUNK-byte
# chunks, default 1024) with the reader in this checkout, under valgrind's callgrind. Unlike timings
# on a shared machine (±10 % between runs), the count repeats within ~0.5 %, so changes of a few
# percent can be compared: run it before and after a change. Needs valgrind (apt-get install valgrind).
# Usage: bash bench/instructions/count.sh [chunk bytes]
set -euo pipefail
cd "$(dirname "$0")/../.."
export CHUNK=${1:-1024}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export STREAM_FILE=$work/stream.bin
node --import tsx bench/instructions/write-stream.ts "$STREAM_FILE"
# Bundled ahead: loading TypeScript through tsx's loader thread makes the counts vary by ±15 %.
npx esbuild bench/instructions/typed-events.ts --bundle --platform=node --format=esm \
  --outfile="$work/typed-events.mjs" --log-level=error
# Single-threaded with a fixed GC schedule: background compilation and GC would make counts vary.
count() {
  ROUNDS=$1 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    node --single-threaded --predictable-gc-schedule "$work/typed-events.mjs" 2>&1 |
    awk '/Collected/ { print $4 }'
}
# The difference between 6 and 2 rounds leaves out start-up and most compilation.
two=$(count 2)
six=$(count 6)
echo "bytes → typed events, ${CHUNK}-byte chunks: $(((six - two) / 4)) instructions per 4 MiB pass"
