#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks `nfviz-cli explain --json` against the expected packet paths of real kernel captures.

For every scenario and capture method in the expectations file it runs nfviz-cli on
<captures>/<method>-<scenario>.log (with the ruleset snapshots the method lists) and compares,
for the packets of the scenario's protocol: how many there are and in how many flows, and per
packet (in id order) the direction, the outcome and the sequence of observed node ids. Beyond
the expectations it checks what holds for any correct analysis of these captures: every line
is read, every trace event ends up in exactly one packet, the hops of a packet are in line
order, and all lines of one packet describe the same packet on the wire (same IP id; for
IPv6, same ICMPv6 id/sequence or trace id), which is what catches interleaved lines being
mixed up.

Standard library only. Exit code 0 when everything matches, 1 otherwise.
"""

import argparse
import json
import os
import re
import subprocess
import sys

PACKET_LINE_NFT = re.compile(r"^trace id ([0-9a-f]+) \S+ \S+ \S+ packet: ")
TRACE_ID_NFT = re.compile(r"^trace id ([0-9a-f]+) ")
PACKET_LINE_XT = re.compile(r"^PACKET: (\d+) ([0-9a-f]+) ")
TRACE_LINE_XT = re.compile(r"^ TRACE: \d+ ([0-9a-f]+) ")


class Capture:
    """The lines of one capture file and what identifies the packet each line is about."""

    def __init__(self, path, style):
        with open(path, encoding="utf-8", errors="replace") as f:
            self.lines = f.read().splitlines()
        self.style = style
        self.identity = {}  # 1-based line number -> identity tuple
        self.event_of = {}  # line number of a header line -> line number of its event
        self.events = set()  # line numbers of trace events (one hop each)
        getattr(self, "_scan_" + style.replace("-", "_"))()

    def _scan_kernel_log(self):
        for number, line in enumerate(self.lines, 1):
            if "TRACE: " not in line:
                continue
            self.events.add(number)
            source = re.search(r" SRC=(\S+)", line)
            if source and ":" in source.group(1):
                icmp = re.search(r" TYPE=(\d+) CODE=\d+ ID=(\d+) SEQ=(\d+)", line)
                self.identity[number] = ("ipv6",) + (icmp.groups() if icmp else (line,))
            else:
                ip_id = re.search(r" ID=(\d+)", line)
                self.identity[number] = ("ipv4", ip_id.group(1) if ip_id else line)

    def _scan_nft_monitor(self):
        headers = {}  # trace id -> identity from its latest packet: line
        pending = {}  # trace id -> header line waiting for its event
        for number, line in enumerate(self.lines, 1):
            match = TRACE_ID_NFT.match(line)
            if not match:
                continue
            trace_id = match.group(1)
            if PACKET_LINE_NFT.match(line):
                ip_id = re.search(r" ip id (\d+) ", line)
                headers[trace_id] = ("ipv4", ip_id.group(1)) if ip_id else ("trace", trace_id)
                pending[trace_id] = number
                self.identity[number] = headers[trace_id]
                continue
            if " conntrack: " in line:
                continue
            self.events.add(number)
            self.identity[number] = headers.get(trace_id, ("trace", trace_id))
            if trace_id in pending:
                self.event_of[pending.pop(trace_id)] = number

    def _scan_xtables_monitor(self):
        headers = {}
        pending = {}
        for number, line in enumerate(self.lines, 1):
            match = PACKET_LINE_XT.match(line)
            if match:
                trace_id = match.group(2)
                headers[trace_id] = self._xt_identity(line, trace_id)
                pending[trace_id] = number
                self.identity[number] = headers[trace_id]
                continue
            match = TRACE_LINE_XT.match(line)
            if not match:
                continue
            trace_id = match.group(1)
            self.events.add(number)
            self.identity[number] = headers.get(trace_id, ("trace", trace_id))
            if trace_id in pending:
                self.event_of[pending.pop(trace_id)] = number

    @staticmethod
    def _xt_identity(line, trace_id):
        ip_id = re.search(r" ID=(\d+)", line)
        if ip_id:
            return ("ipv4", ip_id.group(1))
        header = re.search(r" NH=([0-9a-f]+)", line)
        if header:
            # Bridge-family headers come as hex bytes, those >= 0x80 sign-extended to ffffffXX.
            data = [int(b[-2:], 16) for b in re.findall(r"ffffff[0-9a-f]{2}|[0-9a-f]{2}", header.group(1))]
            if len(data) >= 6 and data[0] >> 4 == 4:
                return ("ipv4", str(data[4] * 256 + data[5]))
        return ("trace", trace_id)

    def event_line(self, number):
        """The event a hop line stands for (a header line stands for the event it introduces)."""
        return self.event_of.get(number, number)


def run_cli(cli, capture, rulesets, timeout):
    command = [cli, "explain", "--json"]
    for ruleset in rulesets:
        command += ["--ruleset", ruleset]
    command.append(capture)
    try:
        result = subprocess.run(command, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timed out after %d s: %s" % (timeout, " ".join(command))
    except OSError as error:
        return None, "cannot run %s: %s" % (cli, error)
    if result.returncode != 0:
        messages = result.stderr.decode(errors="replace").strip().splitlines()
        if len(messages) > 6:
            messages = messages[:4] + ["   …"] + messages[-1:]
        return None, "exit code %d from %s\n%s" % (result.returncode, " ".join(command), "\n".join(messages))
    try:
        answer = json.loads(result.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        return None, "output is not JSON (%s): %r" % (error, result.stdout[:200])
    if not isinstance(answer, dict):
        return None, "output is not one JSON object"
    return answer, None


def observed_hops(packet):
    return [hop for hop in packet.get("hops", []) if hop.get("observed")]


def describe_line(capture, number):
    if isinstance(number, int) and 1 <= number <= len(capture.lines):
        return "line %d: %s" % (number, capture.lines[number - 1][:160])
    return "line %r (not in the file)" % (number,)


def check_capture(name, capture, answer, expected_packets, protocol, flows):
    """Returns the list of problems found in one capture's analysis."""
    problems = []
    source = answer.get("source", {})
    if source.get("lines") != len(capture.lines):
        problems.append("source.lines is %r, the file has %d lines" % (source.get("lines"), len(capture.lines)))
    if source.get("skipped") != 0:
        problems.append("source.skipped is %r, but every line of this capture is trace output" % source.get("skipped"))

    packets = sorted(answer.get("packets", []), key=lambda p: p.get("id", 0))

    # Every trace event belongs to exactly one packet.
    owner = {}
    for packet in packets:
        for hop in observed_hops(packet):
            event = capture.event_line(hop.get("line"))
            if event not in capture.events:
                problems.append(
                    "packet %s: observed hop %s does not point at a trace event (%s)"
                    % (packet.get("id"), hop.get("node"), describe_line(capture, hop.get("line")))
                )
                continue
            if event in owner and owner[event] != packet.get("id"):
                problems.append(
                    "packets %s and %s both claim %s" % (owner[event], packet.get("id"), describe_line(capture, event))
                )
            owner[event] = packet.get("id")
    missing = sorted(capture.events - set(owner))
    if missing:
        problems.append(
            "%d trace event(s) in no packet, first %s" % (len(missing), describe_line(capture, missing[0]))
        )

    mine = [p for p in packets if str(p.get("protocol", "")).lower() == protocol]
    if len(mine) != len(expected_packets):
        problems.append(
            "%d %s packet(s), expected %d (all packets: %s)"
            % (len(mine), protocol, len(expected_packets), [p.get("protocol") for p in packets])
        )
    flow_ids = {p.get("flow") for p in mine}
    if mine and len(flow_ids) != flows:
        problems.append("the %s packets are in %d flow(s), expected %d" % (protocol, len(flow_ids), flows))

    for index, (packet, expected) in enumerate(zip(mine, expected_packets), 1):
        label = "packet #%d (id %s)" % (index, packet.get("id"))
        hops = observed_hops(packet)
        lines = [hop.get("line") for hop in hops]
        if any(not isinstance(n, int) for n in lines) or lines != sorted(lines) or len(set(lines)) != len(lines):
            problems.append("%s: observed hops are not in line order: %s" % (label, lines))
        identities = {capture.identity.get(n) for n in lines if isinstance(n, int)}
        if len(identities) > 1:
            problems.append(
                "%s: its lines describe %d different packets on the wire: %s"
                % (label, len(identities), sorted(str(i) for i in identities))
            )
        if packet.get("direction") != expected["direction"]:
            problems.append("%s: direction %r, expected %r" % (label, packet.get("direction"), expected["direction"]))
        outcome = packet.get("outcome", {})
        if outcome.get("kind") != expected["outcome"]:
            problems.append(
                "%s: outcome %r at %r, expected %r (%s)"
                % (label, outcome.get("kind"), outcome.get("node"), expected["outcome"], outcome.get("text"))
            )
        for key in ("node", "chain"):
            want = expected.get("outcome_" + key)
            if want is not None and outcome.get(key) != want:
                problems.append("%s: outcome %s %r, expected %r" % (label, key, outcome.get(key), want))
        path = [hop.get("node") for hop in hops]
        if path != expected["path"]:
            problems.append("%s: %s" % (label, path_difference(capture, hops, expected["path"])))
    return problems


def path_difference(capture, hops, expected):
    actual = [hop.get("node") for hop in hops]
    for position, (got, want) in enumerate(zip(actual, expected)):
        if got != want:
            return "hop %d is %s, expected %s (%s)\n      got:      %s\n      expected: %s" % (
                position + 1,
                got,
                want,
                describe_line(capture, hops[position].get("line")),
                " ".join(map(str, actual)),
                " ".join(expected),
            )
    return "%d observed hops, expected %d\n      got:      %s\n      expected: %s" % (
        len(actual),
        len(expected),
        " ".join(map(str, actual)),
        " ".join(expected),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cli", required=True, help="path of nfviz-cli")
    parser.add_argument("--captures", required=True, help="directory with <method>-<scenario>.log and the snapshots")
    parser.add_argument("--expectations", required=True, help="expectations.json")
    parser.add_argument("--only", default="", help="check only captures whose name contains this text")
    parser.add_argument(
        "--skip-missing", action="store_true", help="leave out captures the directory does not have (a partial set)"
    )
    parser.add_argument("--timeout", type=int, default=30, help="seconds per nfviz-cli run (default 30)")
    parser.add_argument("--keep-json", metavar="DIR", help="write each nfviz-cli answer to DIR/<capture>.json")
    args = parser.parse_args()

    with open(args.expectations, encoding="utf-8") as f:
        expectations = json.load(f)

    checked = failed = 0
    for scenario, spec in expectations["scenarios"].items():
        for method, expected_packets in spec["methods"].items():
            name = "%s-%s.log" % (method, scenario)
            if args.only not in name:
                continue
            path = os.path.join(args.captures, name)
            if args.skip_missing and not os.path.isfile(path):
                continue
            checked += 1
            method_spec = expectations["methods"][method]
            if not os.path.isfile(path):
                print("FAIL %s: capture missing" % name)
                failed += 1
                continue
            rulesets = [os.path.join(args.captures, r) for r in method_spec["rulesets"]]
            absent = [r for r in rulesets if not os.path.isfile(r)]
            if absent:
                print("FAIL %s: ruleset snapshot missing: %s" % (name, ", ".join(absent)))
                failed += 1
                continue
            capture = Capture(path, method_spec["identity"])
            answer, error = run_cli(args.cli, path, rulesets, args.timeout)
            if error:
                print("FAIL %s: %s" % (name, error))
                failed += 1
                continue
            if args.keep_json:
                os.makedirs(args.keep_json, exist_ok=True)
                with open(os.path.join(args.keep_json, name + ".json"), "w", encoding="utf-8") as f:
                    json.dump(answer, f, indent=1)
            problems = check_capture(name, capture, answer, expected_packets, spec["protocol"], spec["flows"])
            if problems:
                failed += 1
                print("FAIL %s:" % name)
                for problem in problems:
                    print("   - " + problem)
            else:
                print("ok   %s (%d packets)" % (name, len(expected_packets)))

    if checked == 0:
        print("nothing checked (no capture in %s matches --only %r)" % (args.captures, args.only))
        return 1
    print("%d of %d captures match" % (checked - failed, checked))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
