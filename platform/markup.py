"""Text that people write for the public (news, recommendations), rendered safely.

Markdown is parsed by markdown-it-py with raw HTML off (it comes out escaped), and what it
produces is cleaned again by nh3 (a maintained sanitiser): only plain formatting tags, links
with http(s) addresses only, every link opening with rel="noopener noreferrer nofollow".
"""

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_PARSER = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https"}


def render_markdown(text: str | None) -> Markup:
    """Sanitised HTML of the Markdown text; headings start at h2 (the page has its h1)."""
    html = _PARSER.render(text or "")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(cleaned)  # noqa: S704 — cleaned by nh3 just above
