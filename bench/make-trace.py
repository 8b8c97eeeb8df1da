#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes a large kernel trace made of real TRACE lines, repeated with varied IP ids and
ICMP sequence numbers and increasing dmesg time stamps, so that the copies are distinct packets."""
import re
import sys

def main():
    if len(sys.argv) < 4:
        sys.exit("usage: make-trace.py OUT SIZE_MB SAMPLE...")
    out_path, size_mb, samples = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
    lines = []
    for sample in samples:
        with open(sample, encoding="utf-8", errors="replace") as f:
            lines.extend(l.rstrip("\n") for l in f if "TRACE:" in l)
    stamp = re.compile(r"^\[\s*\d+\.\d+\]")
    ip_id = re.compile(r"( TTL=\d+ ID=)(\d+)")
    seq = re.compile(r"( SEQ=)(\d+)")
    target = size_mb * 1024 * 1024
    written = 0
    copy = 0
    with open(out_path, "w", encoding="utf-8") as out:
        while written < target:
            copy += 1
            offset = copy * 7
            block = []
            for line in lines:
                line = stamp.sub("[%12.6f]" % (1000.0 + copy * 0.001), line)
                line = ip_id.sub(lambda m: m.group(1) + str((int(m.group(2)) + offset) % 65536), line)
                line = seq.sub(lambda m: m.group(1) + str((int(m.group(2)) + copy) % 65536), line)
                block.append(line)
            text = "\n".join(block) + "\n"
            out.write(text)
            written += len(text)
    print(f"wrote {written / 1048576:.0f} MB, {copy} copies of {len(lines)} lines", file=sys.stderr)

if __name__ == "__main__":
    main()
