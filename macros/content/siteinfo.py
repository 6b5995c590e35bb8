"""Who publishes the site and how readers reach them: configuration, not content.

`extra.site` in mkdocs.yml names the publisher (the site's owner), the contact route, the
controller of the server logs (AVG: verwerkingsverantwoordelijke) and the host with what it logs,
and whether the open-data licence is confirmed. The footer, the privacy and accessibility
statements (through building blocks), "cite this page" and the open data's creator use these
values; where one is missing, the pages say it is not known rather than guess.

`python -m macros check --launch` (run by the deploy workflow) lists every placeholder still in
place and fails while any is: example.org addresses, the placeholder CODEOWNERS team, an
unconfirmed licence, a missing contact route, publisher, controller or host.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

PLACEHOLDER_TEAM = "@waardevol-werk/beheer"
# What keeps the site safe beyond the content check: without it a pull request is not reviewed or not
# checked, or the site is not built the safe way.
SAFEGUARDS = {
    ".github/CODEOWNERS": "zonder dit bestand keurt geen beheerder wijzigingen in de code goed; zet het terug",
    ".github/workflows/check.yml": "zonder deze workflow wordt geen pull request gecontroleerd; zet hem terug",
    ".github/workflows/deploy.yml": "zonder deze workflow wordt de site niet veilig gebouwd; zet hem terug",
}
PLACEHOLDER_HOSTS = ("example.org", "example.com", "example.net", "example")


class SiteConfig(Protocol):
    """What the launch check reads of the site's configuration (wiring/config.py's SiteConfig has it)."""

    @property
    def extra(self) -> Mapping[str, Any]: ...
    @property
    def config_file_path(self) -> str: ...
    @property
    def site_url(self) -> str | None: ...
    @property
    def repo_url(self) -> str | None: ...


@dataclass(frozen=True)
class SiteInfo:
    publisher: str | None = None
    publisher_url: str | None = None
    contact_email: str | None = None
    contact_url: str | None = None
    controller: str | None = None
    host: str | None = None
    host_logs: str | None = None
    data_license: str | None = None
    data_license_confirmed: bool = False
    site_name: str | None = None

    @classmethod
    def from_extra(cls, extra: Mapping[str, Any], site_name: str | None = None) -> SiteInfo:
        site = extra.get("site") or {}

        def text(key: str) -> str | None:
            value = site.get(key)
            return str(value).strip() or None if value not in (None, "") else None

        return cls(
            publisher=text("publisher"),
            publisher_url=text("publisher_url"),
            contact_email=text("contact_email"),
            contact_url=text("contact_url"),
            controller=text("controller"),
            host=text("host"),
            host_logs=text("host_logs"),
            data_license=extra.get("data_license"),
            data_license_confirmed=bool(extra.get("data_license_confirmed")),
            site_name=site_name,
        )

    @property
    def author(self) -> str | None:
        """Who a page of the site is by, for 'cite this page': the publisher, or else the site
        itself as a group author (APA's rule for a page without a named author)."""
        return self.publisher or self.site_name

    @property
    def contact(self) -> str | None:
        """Where a reader writes to: a mailto: or a web address."""
        if self.contact_email:
            return f"mailto:{self.contact_email}"
        return self.contact_url


def _placeholder(url: str | None) -> bool:
    host = (urlsplit(url or "").hostname or "").lower()
    return not host or any(host == p or host.endswith("." + p) for p in PLACEHOLDER_HOSTS)


def launch_problems(config: SiteConfig, project: Path) -> list[str]:
    """Every placeholder that must go before the real site goes live, as `file: what and how`."""
    info = SiteInfo.from_extra(dict(config.extra))
    problems = []
    config_file = Path(config.config_file_path).name
    if _placeholder(config.site_url):
        problems.append(
            f"{config_file}: site_url: '{config.site_url}' is een voorbeeldadres; zet SITE_URL op het "
            "echte adres van de site"
        )
    if config.repo_url and _placeholder(config.repo_url):
        problems.append(
            f"{config_file}: repo_url: '{config.repo_url}' is een voorbeeldadres; zet REPO_URL op de echte repository"
        )
    required = (
        (
            info.publisher,
            "extra.site.publisher",
            "de uitgever (eigenaar) van de site ontbreekt; vul de organisatie in die verantwoordelijk is voor de site",
        ),
        (
            info.contact,
            "extra.site.contact_email",
            "er is geen contactroute voor lezers; vul een e-mailadres van een rol (of contact_url) in",
        ),
        (
            info.controller,
            "extra.site.controller",
            "de verwerkingsverantwoordelijke voor de serverlogs ontbreekt; vul de organisatie in",
        ),
        (
            info.host,
            "extra.site.host",
            "de hosting ontbreekt; vul in waar de site draait en (host_logs) wat die bijhoudt",
        ),
        (
            info.data_license_confirmed,
            "extra.data_license_confirmed",
            "de licentie van de open data is niet bevestigd; bevestig haar (true) of kies een andere",
        ),
    )
    problems += [f"{config_file}: {key}: {message}" for value, key, message in required if not value]
    codeowners = project / ".github" / "CODEOWNERS"
    for safeguard in SAFEGUARDS:  # a pull request that removes or moves one must not pass unnoticed
        if not (project / safeguard).is_file():
            problems.append(f"{safeguard}: ontbreekt; {SAFEGUARDS[safeguard]}")
    if codeowners.is_file() and PLACEHOLDER_TEAM in codeowners.read_text(encoding="utf-8"):
        problems.append(
            f".github/CODEOWNERS: {PLACEHOLDER_TEAM} is een voorbeeldteam; vervang het door het team "
            "van de echte beheerders"
        )
    return problems


def contact_markdown(info: SiteInfo) -> str:
    """Publisher and contact route, for the accessibility and privacy statements (Markdown)."""
    from ..base.markup import md_escape

    publisher = (
        f"[{md_escape(info.publisher)}](<{info.publisher_url}>)"
        if info.publisher and info.publisher_url
        else md_escape(info.publisher)
        if info.publisher
        else None
    )
    who = (
        f"Deze site wordt uitgegeven door {publisher}."
        if publisher
        else "Wie deze site uitgeeft, is nog niet ingevuld."
    )
    if info.contact_email:
        route = f"U bereikt ons via [{md_escape(info.contact_email)}](<mailto:{info.contact_email}>)."
    elif info.contact_url:
        route = f"U bereikt ons via [het contactformulier](<{info.contact_url}>)."
    else:
        route = "Een contactadres is nog niet ingevuld."
    return f"{who} {route}"


def hosting_markdown(info: SiteInfo) -> str:
    """Host, what it logs, and the controller, for the privacy statement (Markdown)."""
    from ..base.markup import md_escape

    host = (
        f"De site staat bij {md_escape(info.host)}."
        if info.host
        else "Bij welke hostingpartij de site staat, is nog niet ingevuld."
    )
    logs = (
        f"Wat die bijhoudt: {md_escape(info.host_logs)}"
        if info.host_logs
        else "Wat de hostingpartij van een bezoek bijhoudt (zoals IP-adres en tijdstip in serverlogs), "
        "hangt van die partij af en is hier nog niet beschreven."
    )
    controller = (
        f"Verantwoordelijk voor die gegevens (verwerkingsverantwoordelijke) is {md_escape(info.controller)}."
        if info.controller
        else "Wie verantwoordelijk is voor die gegevens, is nog niet ingevuld."
    )
    return f"{host} {logs.rstrip('.')}. {controller}"
