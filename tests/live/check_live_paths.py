#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the JSON lines of `nfviz-cli watch --json` against expected-live-paths.json.

usage: check_live_paths.py OUTPUT.json SCENARIO EXPECTATIONS.json [SUBNET]

SUBNET (e.g. 192.168.32) replaces 192.168.0 in the expectations: the test runs the article's layout
on a subnet of its own.

Each expected packet names its summary (a fragment) and the diagram nodes its observed hops must
visit in that order (other observed hops may lie between them), and optionally its family
("ipv4", "ipv6") and outcome. Packets are matched in order.
With --print, shows the packets' observed paths instead (for writing expectations).
"""
import json
import sys


def observed(packet):
    return [hop["node"] for hop in packet.get("hops", []) if hop.get("observed")]


def main():
    args = [a for a in sys.argv[1:] if a != "--print"]
    packets = []
    with open(args[0], encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                packets.append(json.loads(line))
            except json.JSONDecodeError as e:
                print(f"line {number}: not JSON: {e}")
                return 1
    if "--print" in sys.argv:
        for p in packets:
            print(p.get("summary"), "|", p.get("outcome", {}).get("kind"), "|", " ".join(observed(p)))
        return 0
    with open(args[2], encoding="utf-8") as f:
        text = f.read()
    if len(args) > 3:
        text = text.replace("192.168.0.", args[3] + ".")
    expected = json.loads(text)[args[1]]
    ok = True
    if len(packets) != len(expected):
        print(f"{len(packets)} packets, {len(expected)} expected")
        ok = False
    for index, (packet, want) in enumerate(zip(packets, expected), 1):
        summary = packet.get("summary", "")
        if want["summary"] not in summary:
            print(f"packet {index}: summary {summary!r} lacks {want['summary']!r}")
            ok = False
        path = observed(packet)
        position = 0
        for node in want["nodes"]:
            try:
                position = path.index(node, position) + 1
            except ValueError:
                print(f"packet {index} ({summary}): {node} missing or out of order in {' '.join(path)}")
                ok = False
                break
        if "family" in want and packet.get("family") != want["family"]:
            print(f"packet {index} ({summary}): family {packet.get('family')}, {want['family']} expected")
            ok = False
        outcome = packet.get("outcome", {}).get("kind")
        if "outcome" in want and outcome != want["outcome"]:
            print(f"packet {index} ({summary}): outcome {outcome}, {want['outcome']} expected")
            ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
