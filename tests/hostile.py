"""Hostile PR/FAQ pages: payloads in every front-matter field and in the body, and a checker that
reads HTML the way a browser would (html.parser) and lists anything that could run script or
reach another host."""

from __future__ import annotations

import html.parser
import re
from typing import Any

import yaml

from benchmarks.generate import proposal_data

# Each reached a page as live HTML in version 1, or is a classic of its kind.
PAYLOADS = [
    "<script>alert(1)</script>",
    "\\`<img/src/onerror=alert(1)>\\`",
    "<mailto:x/autofocus/onfocus=alert(1)>",
    "<https:y/onmouseover=alert(1)>",
    "  ```\n<img src=x onerror=alert(1)>\n  ```",
    "<svg/onload=alert(1)>",
    "<img/src/onerror=alert(1)>",
    "<base href=//evil.example/>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<form action=//evil.example/><button>go</button></form>",
    "<style>@import '//evil.example/x.css';</style>",
    "[click](javascript:alert(1))",
    "[click](  jav&#x61;script:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](x){onerror=alert(1)}",
    "text{: onclick=alert(1) }",
    "<a href=\"vbscript:msgbox(1)\">v</a>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "</div></article><script>alert(1)</script>",
    "<!--><img src=x onerror=alert(1)>-->",
    "<div markdown=\"1\" onclick=alert(1)>*md*</div>",
    "<input autofocus onfocus=alert(1)>",
    "<object data=javascript:alert(1)>",
    "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
    "<a href=\"&#106;avascript:alert(1)\">e</a>",
    "<img src=\"//evil.example/pixel.png\" srcset=\"//evil.example/a.png 1x\">",
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<video><source onerror=alert(1)></video>",
    # Material trusts the JSON of the first #__config on the page, and starts its search worker from it.
    '<p id="__config">{"base":".","features":[],"translations":{},"search":"data:text/javascript,'
    "setInterval(()=>postMessage({type:3,data:{items:[[{location:'',title:'\\u003cimg src=x onerror=alert(1)>',"
    "text:'',score:1,terms:{}}]],total:1}}),500)\"}</p>",
    '<form id="mkdocs-search-results"><input name="__search"></form>',
]
# Headings with attr_list ids: the table of contents prints ids and titles unescaped.
HEADINGS = [
    '## Two {#a"><script>alert(1)</script>}',
    "## <img src=x onerror=alert(1)> heading",
    "## Three {#x' onmouseover='alert(1)}",
    "## Plain &lt;script&gt;alert(1)&lt;/script&gt;",
    "## Config {#__config}",
]


def hostile_data(i: int, payload: str, status: str = "in-review") -> dict[str, Any]:
    """A complete proposal with ``payload`` in every text field."""
    data = proposal_data(i, status)
    data["id"] = f"hostile-{i}"
    data["title"] = f"Title {payload}"
    data["subtitle"] = f"Subtitle {payload}"
    data["owner"] = payload
    data["authors"] = [payload]
    data["reviewers"] = [payload]
    data["tags"] = [payload, "safe"]
    data["dateline"]["location"] = payload
    for key in data["press_release"]:
        data["press_release"][key] = f"{key} {payload}\n\n{payload}"
    for quote in data["quotes"]:
        quote.update(name=payload, role=payload, text=f"Quote {payload}")
    for part in ("external", "internal"):
        for n, qa in enumerate(data["faq"][part]):
            qa.update(question=f"Question {n} {payload}?", answer=f"Answer {payload}\n\n{HEADINGS[0]}\n\nmore")
    if "decision" in data:
        data["decision"]["summary"] = payload
    data["customer"] = {k: payload for k in ("who", "problem", "benefit", "evidence", "experience")}
    # Keys themes print unescaped, or that change the template: never the page's to choose.
    data.update(description=payload, author=payload, template="redirect.html", location="javascript:alert(1)")
    data["faq"]["external"][0]["id"] = 'x"><script>alert(1)</script>'
    return data


def hostile_page(i: int, payload: str, status: str = "in-review") -> str:
    front = yaml.safe_dump(hostile_data(i, payload, status), sort_keys=False, allow_unicode=True)
    body = "\n\n".join([f"Body {payload}", *HEADINGS, payload, "Last line."])
    return f"---\n{front}---\n\n{body}\n"


_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "background"}
_SAFE_SCHEMES = ("http:", "https:", "mailto:")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:")
_FORBIDDEN_TAGS = {"script", "style", "base", "iframe", "frame", "form", "object", "embed", "meta", "link",
                   "textarea", "noscript", "template", "math"}



class Findings(html.parser.HTMLParser):
    """What in an HTML fragment could run script or load from elsewhere."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in ("style", "srcdoc", "formaction"):
                self.found.append(f"<{tag} {name}>")
            if name in _URL_ATTRS and value is not None:
                url = "".join(value.split()).lower()
                if _SCHEME.match(url) and not url.startswith(_SAFE_SCHEMES):
                    self.found.append(f"<{tag} {name}={value!r}>")


def unsafe(fragment: str) -> list[str]:
    """Everything in ``fragment`` that could run script: empty for sanitised HTML."""
    finder = Findings()
    finder.feed(fragment)
    finder.close()
    return finder.found
