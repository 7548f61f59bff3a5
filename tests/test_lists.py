"""List entries (Block.item) in each projector, and the lead each entry reads with."""

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


def test_a_heading_is_never_a_short_entry_and_starts_a_new_lead():
    projection = project_markdown("## Conditions we treat\n\nArthritis\n\n## Risks\n\nInfection\n")
    assert entries(projection) == [
        ("Arthritis", "Conditions we treat", None),
        ("Infection", "Risks", None),
    ]
