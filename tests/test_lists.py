"""List entries (Block.item) in each projector, and the lead each entry reads with."""

import pytest

from copylint.sources.html import project_html
from copylint.sources.lists import list_leads
from copylint.sources.markdown import project_markdown
from copylint.sources.text import project_text


def entries(projection):
    """(entry text, its lead's text, the heading above the lead's text) per list entry."""
    leads = list_leads(projection)
    shown = []
    for block in projection.blocks:
        lead = leads.get(block.start)
        if lead is not None:
            heading = projection.block_text(lead.heading) if lead.heading else None
            shown.append((projection.block_text(block), projection.block_text(lead.block), heading))
    return shown


def test_html_list_items_and_table_cells_are_entries_of_the_block_before():
    projection = project_html(
        "<h2>Conditions we treat</h2><ul><li>Arthritis</li><li><p>Lupus</p> and gout</li></ul>"
        "<p>Our team can help with:</p><table><tr><td>Tendon pain</td></tr></table><p>Book now</p>"
    )
    assert [(b.kind, b.item) for b in projection.blocks] == [
        ("heading", False),
        ("text", True),
        ("text", True),
        ("text", True),
        ("text", False),
        ("text", True),
        ("text", False),
    ]
    assert entries(projection) == [
        ("Arthritis", "Conditions we treat", None),
        ("Lupus", "Conditions we treat", None),
        ("and gout", "Conditions we treat", None),
        ("Tendon pain", "Our team can help with:", "Conditions we treat"),
    ]


def test_html_alt_text_inside_a_list_does_not_break_it():
    projection = project_html(
        '<h3>What can it treat?</h3><ul><li><img alt="a knee"> Arthritis</li><li>Gout</li></ul>'
    )
    assert [e[0] for e in entries(projection)] == ["Arthritis", "Gout"]


def test_markdown_items_nested_items_and_table_cells():
    projection = project_markdown(
        "## Who can benefit?\n\n- Arthritis\n  - knee arthritis\n- Gout\n\n"
        "A paragraph after the list that says more than six words.\n\n"
        "| Condition |\n|-|\n| Lupus |\n"
    )
    assert entries(projection) == [
        ("Arthritis", "Who can benefit?", None),
        ("knee arthritis", "Who can benefit?", None),
        ("Gout", "Who can benefit?", None),
        (
            "Condition",
            "A paragraph after the list that says more than six words.",
            "Who can benefit?",
        ),
        ("Lupus", "A paragraph after the list that says more than six words.", "Who can benefit?"),
    ]


def test_text_bullets_and_short_lines_after_a_lead_in():
    projection = project_text(
        "PRP may help with:\n- arthritis\n* tendon injuries\n\nStem cells may benefit:\n"
        "Multiple sclerosis\nLong COVID\n\nA longer paragraph about something else entirely here.\n"
        "Short line\n"
    )
    assert [b.item for b in projection.blocks] == [False, True, True, False, False, False] + [
        False,
        False,
    ]
    assert entries(projection) == [
        ("- arthritis", "PRP may help with:", None),
        ("* tendon injuries", "PRP may help with:", None),
        ("Multiple sclerosis", "Stem cells may benefit:", None),
        ("Long COVID", "Stem cells may benefit:", None),
    ]


def test_an_entry_ending_with_a_colon_leads_the_entries_after_it():
    projection = project_markdown("## Treatments\n\n- PRP can help with:\n  - gout\n- Lupus\n")
    assert entries(projection) == [
        ("PRP can help with:", "Treatments", None),
        ("gout", "PRP can help with:", "Treatments"),
        ("Lupus", "PRP can help with:", "Treatments"),
    ]


def test_a_heading_is_never_a_short_entry_and_starts_a_new_lead():
    projection = project_markdown("## Conditions we treat\n\nArthritis\n\n## Risks\n\nInfection\n")
    assert entries(projection) == [
        ("Arthritis", "Conditions we treat", None),
        ("Infection", "Risks", None),
    ]


# --- the list rules, end to end with spaCy --------------------------------------------------

LISTED = ("listed-as-treatable", "listed-as-treatable-unapproved")


def listed(engine, path: str, source: str):
    """(line text from column to end column, rule, message) of each standing list finding."""
    lines = source.split("\n")
    return [
        (lines[f.line - 1][f.column - 1 : f.end_column - 1], f.rule, f.message)
        for f in engine.lint_source(path, source)
        if f.rule in LISTED and not f.suppressed
    ]


def test_html_heading_naming_a_product_and_its_list_is_an_error_per_condition(engine):
    source = (
        "<h2>What can exosomes treat?</h2>\n<ul>\n  <li>Multiple sclerosis</li>\n"
        "  <li>Lupus &amp; gout</li>\n  <li>People with <b>autism</b></li>\n</ul>\n"
    )
    found = listed(engine, "page.html", source)
    assert [(text, rule) for text, rule, _ in found] == [
        ("Multiple sclerosis", "listed-as-treatable-unapproved"),
        ("Lupus", "listed-as-treatable-unapproved"),
        ("gout", "listed-as-treatable-unapproved"),
        ("autism", "listed-as-treatable-unapproved"),
    ]
    assert found[0][2].startswith(
        "'What can exosomes treat?' lists multiple sclerosis as treatable."
    )


def test_markdown_list_and_table_under_a_treatment_heading_are_warnings(engine):
    source = (
        "## Conditions we treat\n\n- Fibromyalgia\n- Migraine\n\n"
        "| Condition | Sessions |\n|---|---|\n| Gout | 3 |\n"
    )
    found = listed(engine, "page.md", source)
    assert [(text, rule) for text, rule, _ in found] == [
        ("Fibromyalgia", "listed-as-treatable"),
        ("Migraine", "listed-as-treatable"),
        ("Gout", "listed-as-treatable"),
    ]
    assert found[2][2].startswith("'Conditions we treat' lists gout as treatable.")


def test_text_lead_in_with_short_lines_and_bullets(engine):
    source = "Stem cell therapy may benefit patients with:\nrheumatoid arthritis\n• Long COVID\n"
    found = listed(engine, "copy.txt", source)
    assert [(text, rule) for text, rule, _ in found] == [
        ("rheumatoid arthritis", "listed-as-treatable-unapproved"),
        ("Long COVID", "listed-as-treatable-unapproved"),
    ]
    assert found[1][2].startswith(
        "'Stem cell therapy may benefit patients with' lists long COVID as treatable."
    )


@pytest.mark.parametrize(
    "lead",
    [
        "You may be a good candidate for PRP if you have:",
        "Exosome therapy is used to treat conditions such as:",
        "We see patients with:",
        "What conditions can be treated with stem cells?",
    ],
)
def test_other_leads_that_announce_treatment(engine, lead):
    found = listed(engine, "copy.txt", lead + "\n- sciatica\n- lupus\n")
    assert [text for text, _, _ in found] == ["sciatica", "lupus"]


def test_the_message_keeps_the_capitals_of_abbreviations_and_eponyms(engine):
    source = "## Who can benefit?\n\n- MS\n- Parkinson's disease\n- Tennis elbow\n"
    assert [
        message.split(" as treatable")[0] for _, _, message in listed(engine, "p.md", source)
    ] == [
        "'Who can benefit?' lists MS",
        "'Who can benefit?' lists Parkinson's disease",
        "'Who can benefit?' lists tennis elbow",
    ]


def test_a_bare_lead_in_reads_with_the_heading_above_it(engine):
    source = "## Treatable conditions\n\nThese include:\n\n- sciatica\n- gout\n"
    found = listed(engine, "page.md", source)
    assert [text for text, _, _ in found] == ["sciatica", "gout"]
    assert found[0][2].startswith("'Treatable conditions' lists sciatica")


@pytest.mark.parametrize(
    "source",
    [
        "<h2>Who should not have this treatment</h2><ul><li>People with lupus</li></ul>",
        "<h2>Contraindications</h2><ul><li>Epilepsy</li><li>Multiple sclerosis</li></ul>",
        "<p>Risks and side effects of PRP:</p><ul><li>Nerve injury</li></ul>",
        "<p>This treatment is not suitable for people with:</p><ul><li>gout</li></ul>",
        "<p>Avoid if you have:</p><ul><li>lupus</li></ul>",
        "<h2>Common causes of hair loss</h2><ul><li>Thyroid disease</li><li>Lupus</li></ul>",
        "<h2>Conditions we treat</h2><p>We treat every patient as a person.</p>",
        "<h2>Conditions we treat</h2><ul><li>Do we treat arthritis?</li></ul>",
        "<h2>What can PRP treat?</h2><ul><li>" + "word " * 12 + "arthritis</li></ul>",
        "<p>Exosome therapy for arthritis</p><p>Osteoarthritis is common.</p>",
        "<p>Stem cell products have not been approved by the FDA for:</p><ul><li>Parkinson's"
        " disease</li></ul>",
        "<h2>Beware of clinics that advertise stem cells for:</h2><ul><li>autism</li></ul>",
        "<p>Before your PRP treatment, tell us if you are being treated for:</p>"
        "<ul><li>diabetes</li><li>epilepsy</li></ul>",
        "<p>The following can be treated with PRP in trials:</p><ul><li>gout</li></ul>",
        "<p>You are not a candidate for PRP if you have:</p><ul><li>lupus</li></ul>",
        "<p>Patients with these conditions should speak to their GP first:</p>"
        "<ul><li>epilepsy</li></ul>",
    ],
)
def test_lists_that_are_no_treatment_claim_pass(engine, source):
    assert listed(engine, "page.html", source) == []


def test_the_heading_of_a_list_decides_even_far_down_a_page(engine):
    source = "## Conditions we treat\n\n- gout\n\n## Risks\n\n- lupus flare\n- gout attack\n"
    assert [text for text, _, _ in listed(engine, "page.md", source)] == ["gout"]


def test_an_entry_that_warns_is_no_condition_offered_for_treatment(engine):
    # listed_under.not_entries: the entry itself says the condition makes the product unsafe
    source = (
        "## Who can benefit from PRP?\n\n- Sepsis makes PRP injections dangerous\n"
        "- Gout: you should not have PRP\n- Tendonitis\n"
    )
    assert [text for text, _, _ in listed(engine, "page.md", source)] == ["Tendonitis"]
