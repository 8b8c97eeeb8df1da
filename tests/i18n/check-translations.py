#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a user-visible string has no finished translation: runs lupdate over the sources
into a scratch copy of each catalog, then checks every message is translated, keeps the
placeholders (%1, %2 …, %n) of its source, and is not marked unfinished."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
lupdate = os.environ.get("LUPDATE", "/usr/lib/qt6/bin/lupdate")
dirs = [d for d in ("core", "ui", "app", "cli", "live") if os.path.isdir(os.path.join(root, d))]
catalogs = sorted(f for f in os.listdir(os.path.join(root, "translations")) if f.endswith(".ts"))
if not catalogs:
    sys.exit("no catalogs in translations/")

problems = []
total = 0
with tempfile.TemporaryDirectory() as scratch:
    for catalog in catalogs:
        copy = os.path.join(scratch, catalog)
        shutil.copy(os.path.join(root, "translations", catalog), copy)
        subprocess.run([lupdate, "-silent", "-locations", "none", "-no-obsolete", *dirs, "-ts", copy],
                       cwd=root, check=True)
        for context in ET.parse(copy).getroot().iter("context"):
            name = context.findtext("name")
            for message in context.iter("message"):
                total += 1
                source = message.findtext("source") or ""
                translation = message.find("translation")
                text = "".join(translation.itertext()) if translation is not None else ""
                where = f"{catalog} [{name}] {source[:70]!r}"
                if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") or not text.strip():
                    problems.append(f"{where}: no translation")
                    continue
                wanted = sorted(set(re.findall(r"%(?:\d+|n)", source)))
                have = sorted(set(re.findall(r"%(?:\d+|n)", text)))
                if wanted != have:
                    problems.append(f"{where}: placeholders {wanted} in the source, {have} in the translation")

for problem in problems:
    print(problem)
print(f"{total} messages checked in {len(catalogs)} catalog(s), {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
