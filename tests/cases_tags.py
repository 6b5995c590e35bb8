"""Markup and the start tags a browser's tokenizer reads in it, for `macros/wiring/tags.py`.

Each case: (markup, the tags as (element, [(attribute, value)]), whether a browser reads exactly those).
tests/unit/test_tags.py holds the reader to these; tests/browser/test_tokenizer.py holds these to Chromium.
A case that is not exact has tags a browser reads as text (in a comment, inside a value): the reader may
find more than a browser, never fewer.
"""

TAG_CASES = {
    "text in a value": (
        '<meta name="description" content="Werk en onderwijs = samen">',
        [("meta", [("name", "description"), ("content", "Werk en onderwijs = samen")])],
        True,
    ),
    "escaped markup is text": ("<p>&lt;img src=x onerror=alert(1)&gt;</p>", [("p", [])], True),
    "a stray quote in an unquoted value": (
        '<img src=a"b onload=x>',
        [("img", [("src", 'a"b'), ("onload", "x")])],
        True,
    ),
    "a slash after the name": ("<svg/onload=x>", [("svg", [("onload", "x")])], True),
    "no space after a quoted value": ('<img src="x"onerror=y>', [("img", [("src", "x"), ("onerror", "y")])], True),
    "a '>' in a quoted value": ('<img alt=">" onerror=z>', [("img", [("alt", ">"), ("onerror", "z")])], True),
    "capitals and spaces around '='": ('<P ONCLICK = "a">', [("p", [("onclick", "a")])], True),
    "only ASCII capitals are lowered": ("<A ON\u212aEYDOWN=x>", [("a", [("on\u212aeydown", "x")])], True),
    "a name without a value": ("<img onerror>", [("img", [("onerror", None)])], True),
    "a name that starts with '='": ("<a =onclick=x>", [("a", [("=onclick", "x")])], True),
    "a quote in the tag name": ('<img"onerror=x>', [('img"onerror=x', [])], True),
    "entities in a value": ("<a href=&#106;avascript:x>", [("a", [("href", "javascript:x")])], True),
    "single quotes, a line break in a value": (
        "<a href='javascript:x'\ntitle=\"a\nb\">",
        [("a", [("href", "javascript:x"), ("title", "a\nb")])],
        True,
    ),
    "two attributes of one name": ('<a href="/a" HREF="/b">', [("a", [("href", "/a"), ("href", "/b")])], True),
    "a tag inside a value": (
        '<a title="<img src=x onerror=q>">',
        [("a", [("title", "<img src=x onerror=q>")]), ("img", [("src", "x"), ("onerror", "q")])],
        False,
    ),
    "a comment a browser ends early": (
        '<!-- <a title=" --!> <b onclick=x>a</b> "> -->',
        [("a", [("title", " --!> <b onclick=x>a</b> ")]), ("b", [("onclick", "x")])],
        False,
    ),
}
