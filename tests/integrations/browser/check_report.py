#!/usr/bin/env python3
"""Checks the report as chromium rendered it (DOM dumps in DIR, beside export.json):

- the timeline lists every event of the dataset, each once, in date order, undated events last;
- every highlighted quote on a source page links to an element that exists on its target page;
- every page has one h1, header, nav, main and footer landmarks, a language, and no script;
- the stylesheet's text colours have a WCAG contrast ratio of at least 7:1 (AAA) on their
  backgrounds.

Usage: check_report.py DIR
"""

import json
import re
import pathlib
import sys
from html.parser import HTMLParser


class Dom(HTMLParser):
    """The parts of a page the checks need."""

    def __init__(self):
        super().__init__()
        self.ids = set()
        self.events = []  # (id, data-date) of li.event, in order
        self.quote_links = []  # href of a <mark><a>
        self.tags = {}
        self.lang = None
        self._in_mark = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        if tag == "html":
            self.lang = attrs.get("lang")
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "li" and "event" in (attrs.get("class") or "").split():
            self.events.append((attrs["id"], attrs.get("data-date", "")))
        if tag == "mark":
            self._in_mark = True
        if tag == "a" and self._in_mark:
            self.quote_links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark = False


def parse(path):
    dom = Dom()
    dom.feed(path.read_text(encoding="utf-8"))
    return dom


def main():
    out = pathlib.Path(sys.argv[1])
    failures = []

    def check(ok, message):
        print(("PASS " if ok else "FAIL ") + message)
        if not ok:
            failures.append(message)

    export = json.loads((out / "export.json").read_text(encoding="utf-8"))
    timeline = parse(out / "timeline.dom.html")
    ids = [event_id for event_id, _ in timeline.events]
    expected = [event["id"] for event in export["events"]]
    check(sorted(ids) == sorted(expected) and len(ids) == len(set(ids)),
          f"the timeline shows each of the {len(expected)} events of data/ once")
    dates = [date for _, date in timeline.events]
    dated = [d for d in dates if d]
    order_ok = dated == sorted(dated) and dates == dated + [""] * (len(dates) - len(dated))
    check(order_ok, "the timeline is in date order, undated events last: " + ", ".join(d or "undated" for d in dates))

    pages = {p.name.removesuffix(".dom.html"): parse(p) for p in out.glob("*.dom.html")}
    sources = {name: dom for name, dom in pages.items() if name.startswith("source-")}
    links = 0
    for name, dom in sources.items():
        check(len(dom.quote_links) > 0, f"{name}: quoted passages are highlighted ({len(dom.quote_links)})")
        for href in dom.quote_links:
            page, _, anchor = href.partition("#")
            target = pages.get(pathlib.Path(page).name.removesuffix(".html"))
            if target is None or anchor not in target.ids:
                check(False, f"{name}: the quote link {href} lands on an element")
            links += 1
    check(links > 0 and not failures, f"all {links} quote links land on an element of their page")

    for name, dom in pages.items():
        landmarks = all(dom.tags.get(tag, 0) >= 1 for tag in ("header", "nav", "main", "footer"))
        check(dom.tags.get("h1", 0) == 1 and landmarks and dom.lang == "en" and "script" not in dom.tags,
              f"{name}: one h1, header/nav/main/footer, lang=en, no script")

    css = (out / "site" / "style.css").read_text(encoding="utf-8")
    colours = dict(re.findall(r"--([a-z]+): (#[0-9a-f]{6})", css))

    def luminance(hex_colour):
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(a, b):
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    for text, background in [("ink", "#ffffff"), ("muted", "#ffffff"), ("accent", "#ffffff"),
                             ("ink", colours["mark"]), ("accent", "#f2f4f7"), ("muted", "#f2f4f7")]:
        ratio = contrast(colours[text], colours.get(background.lstrip("-"), background))
        check(ratio >= 7, f"contrast of {text} on {background}: {ratio:.1f}:1")

    print(f"{len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
