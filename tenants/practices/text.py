"""The body of a practice: Markdown rendered by markdown-it-py and cleaned by nh3.

Raw HTML in the Markdown is shown as text (html off), and whatever the renderer makes passes
nh3's allow-list: no scripts, no event handlers, no `javascript:` links; every link gets
rel="noopener nofollow".
"""

import html

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")

_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "th": {"align"},
    "td": {"align"},
}


def render(markdown: str) -> Markup:
    """Sanitised HTML of the practice's body, safe to put in a page."""
    html = _MARKDOWN.render(markdown or "")
    return Markup(  # noqa: S704 — nh3 has cleaned it
        nh3.clean(
            html,
            tags=_TAGS,
            attributes=_ATTRIBUTES,
            url_schemes={"http", "https", "mailto"},
            link_rel="noopener nofollow",
        )
    )


def plain(markdown: str) -> str:
    """The words of the body without the markup, for the search index."""
    return html.unescape(nh3.clean(_MARKDOWN.render(markdown or ""), tags=set()))
