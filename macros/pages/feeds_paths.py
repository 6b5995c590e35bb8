"""Where the per-experiment and per-round feeds live (shared by the pages that link to them)."""


def experiment_feed(slug: str) -> str:
    return f"experimenten/{slug}/feed.xml"


def round_feed(number: int) -> str:
    return f"rondes/ronde-{number}/feed.xml"
