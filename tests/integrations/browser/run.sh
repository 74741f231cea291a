#!/usr/bin/env bash
# Opens the report of data/ in a real browser (Debian's chromium, headless) and checks what a
# reader sees: the timeline shows every event of data/ in date order, and the highlighted
# quotes of a source link to elements that exist. Saves a screenshot of the timeline and of the
# source page under target/report-screenshots/ (kept as CI artifacts).
#
# Usage: tests/integrations/browser/run.sh   (from anywhere; installs chromium with apt if missing)
set -euo pipefail
cd "$(dirname "$0")/../../.."

if ! command -v chromium >/dev/null; then
  echo "installing chromium (Debian package)"
  sudo_if_needed=()
  [ "$(id -u)" -eq 0 ] || sudo_if_needed=(sudo)
  "${sudo_if_needed[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_if_needed[@]}" apt-get install -y -qq chromium >/dev/null
fi
echo "$(chromium --version)"

# Built every run (a no-op when fresh), so that an accord older than the code is never used.
cargo build --locked --quiet
out=target/report-browser
rm -rf "$out"
target/debug/accord report data --out "$out/site"
target/debug/accord export data --out "$out/export.json"

browse() { # browse MODE URL: the DOM after load (dump) or a screenshot (PNG path as MODE)
  local flags=(--headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars
    --disable-extensions --disable-background-networking --user-data-dir="$out/profile")
  if [ "$1" = dump ]; then
    timeout 60 chromium "${flags[@]}" --dump-dom "$2" 2>/dev/null
  else
    timeout 60 chromium "${flags[@]}" --window-size=1200,1600 --screenshot="$1" "$2" >/dev/null 2>&1
  fi
}

site="file://$PWD/$out/site"
for page in index timeline agreements claims actors vocabulary; do
  browse dump "$site/$page.html" > "$out/$page.dom.html"
done
for source in "$out"/site/sources/*.html; do
  browse dump "file://$PWD/$source" > "$out/source-$(basename "$source" .html).dom.html"
done
mkdir -p target/report-screenshots
browse target/report-screenshots/timeline.png "$site/timeline.html"
first_source=$(ls "$out"/site/sources/*.html | head -1)
browse target/report-screenshots/source.png "file://$PWD/$first_source"

python3 tests/integrations/browser/check_report.py "$out"
