#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Refreshes translations/*.ts from every source folder with user-visible strings. New strings
# arrive as unfinished; translate them (Qt Linguist, or by editing the XML) before committing:
# tests/i18n fails while any string lacks a translation.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
lupdate=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
cd "$here"
dirs=(core)
for d in ui app cli live; do [ -d "$d" ] && dirs+=("$d"); done
for ts in translations/*.ts; do
    "$lupdate" -silent -locations none -no-obsolete "${dirs[@]}" -ts "$ts"
done
