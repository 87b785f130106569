#!/usr/bin/env bash
# Headless screenshot of a report.html, to look at what stakeholders get:
#   scripts/screenshot-report.sh <report.html> <out.png> [width] [height]
# Also prints an A4 PDF next to the PNG (<out>.pdf) to check the print layout.
# Installs Chromium (Debian package) when it is missing. The browser runs with networking features off: the report
# must render from the file alone.
set -euo pipefail

if [ $# -lt 2 ]; then
	echo "usage: $0 <report.html> <out.png> [width] [height]" >&2
	exit 2
fi
report=$(realpath "$1")
out=$(realpath -m "$2")
width=${3:-1280}
height=${4:-2000}

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	echo "installing chromium (Debian package)" >&2
	apt-get update -qq && apt-get install -y -qq chromium >/dev/null
	browser=$(command -v chromium)
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
	--disable-sync --no-first-run --hide-scrollbars --user-data-dir="$profile")

"$browser" "${flags[@]}" --screenshot="$out" --window-size="$width,$height" "file://$report" 2>/dev/null
"$browser" "${flags[@]}" --no-pdf-header-footer --print-to-pdf="${out%.png}.pdf" "file://$report" 2>/dev/null
echo "$out"
echo "${out%.png}.pdf"
