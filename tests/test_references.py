"""Every reference a rule cites is the regulator or the law itself, over https (a compliance
reviewer checks sources first): no patient blog copying an FDA page, no affiliate-marketing news
about an FTC action, no mirror of the eCFR, no Welsh view of a UK law. The evidence behind a
comparison may be the peer-reviewed paper itself."""

from __future__ import annotations

from urllib.parse import urlsplit

from copylint.rulebook import load_rulebook

REGULATORS_AND_LAW = {
    "www.fda.gov": "US Food and Drug Administration",
    "www.ecfr.gov": "Code of Federal Regulations",
    "www.ftc.gov": "US Federal Trade Commission",
    "law.georgia.gov": "Georgia Attorney General (a joint action with the FTC)",
    "www.asa.org.uk": "UK Advertising Standards Authority and CAP",
    "asa.org.uk": "UK Advertising Standards Authority and CAP",
    "www.gov.uk": "UK government (MHRA)",
    "www.legislation.gov.uk": "UK legislation",
    "eur-lex.europa.eu": "EU law",
    "www.tga.gov.au": "Australian Therapeutic Goods Administration",
    "tga.gov.au": "Australian Therapeutic Goods Administration",
    "www.ahpra.gov.au": "Ahpra",
    "ahpra.gov.au": "Ahpra",
    "www.medicalboard.gov.au": "Medical Board of Australia",
    "medicalboard.gov.au": "Medical Board of Australia",
}
PEER_REVIEWED = {"medicaljournalssweden.se", "thieme-connect.de"}
OWN_DOCS = "https://github.com/copylint/copylint"  # copylint's own rules point at its README


def test_every_reference_is_a_regulator_the_law_or_the_paper_itself():
    wrong = []
    for rule in load_rulebook():
        for reference in rule.references:
            url = urlsplit(reference.url)
            if reference.url.startswith(OWN_DOCS + "#"):
                continue
            if url.scheme != "https" or url.hostname not in {*REGULATORS_AND_LAW, *PEER_REVIEWED}:
                wrong.append(f"{rule.id}: {reference.url}")
            elif url.hostname == "www.legislation.gov.uk" and url.path.startswith("/cy/"):
                wrong.append(f"{rule.id}: {reference.url} (the Welsh view)")
            elif url.netloc != url.netloc.lower():
                wrong.append(f"{rule.id}: {reference.url} (host in capitals)")
    assert not wrong, "\n".join(sorted(set(wrong)))
