"""Each context detector on sentences of our own, seen through the real spaCy pipeline."""

import pytest

from copylint import context
from copylint.nlp import pipeline


def contexts_of(sentence: str, trigger: str) -> tuple[str, ...]:
    doc = pipeline()(sentence)
    start_char = sentence.index(trigger)
    span = doc.char_span(start_char, start_char + len(trigger), alignment_mode="expand")
    return context.detect(context.MatchSite(doc, span.start, span.end))


@pytest.mark.parametrize(
    "sentence, trigger, expected, absent",
    [
        ("Exosome treatments aren't FDA-approved yet.", "FDA-approved", "negated", None),
        ("There are currently no FDA-approved exosome products.", "FDA-approved", "negated", None),
        ("They are not just a miracle trend.", "miracle", None, "negated"),
        (
            "The procedure is FDA-approved, but no surgery is needed.",
            "FDA-approved",
            None,
            "negated",
        ),
        ("No surgery is needed, and the serum is FDA-approved.", "FDA-approved", None, "negated"),
        ("Is exosome therapy FDA-approved?", "FDA-approved", "question", None),
        ("But is this just another miracle cure?", "miracle", "question", None),
        ("How is exosome therapy better than PRP?", "better", None, "question"),
        ("Is this just another “miracle cure” for baldness?", "miracle", "quoted", None),
        ("Clinics sell so-called cures for baldness.", "cures", "quoted", None),
        ("Some clinics claim that exosomes cure baldness.", "cure", "quoted", None),
        ("Claimed to reverse signs of ageing.", "reverse", None, "quoted"),
        (
            "If the device is FDA-cleared, ask for its indication.",
            "FDA-cleared",
            "conditional",
            None,
        ),
        (
            "Even if you choose donor cells, the surgeon will ensure complete safety.",
            "complete",
            None,
            "conditional",
        ),
        ("Such products require FDA approval.", "FDA approval", "conditional", None),
        (
            "According to the FDA, approved products are listed online.",
            "approved",
            "attributed",
            None,
        ),
        ("The FTC says the clinic promised a miracle.", "miracle", "attributed", None),
        ("Patients say it is a miracle.", "miracle", None, "attributed"),
        (
            "Our serum is FDA-approved and has no side effects.",
            "no side effects",
            None,
            "attributed",
        ),
        (
            "Studies have reported no serious side effects.",
            "no serious side effects",
            "attributed",
            None,
        ),
        ("Unscrupulous clinics promise miracle cures.", "miracle", "attributed", None),
        ("Unlike unscrupulous clinics, we offer a miracle cure.", "miracle", None, "attributed"),
        (
            "There is little evidence that exosomes regrow hair.",
            "regrow hair",
            "evidence_gap",
            None,
        ),
        ("It has not been shown to cure baldness.", "cure", "evidence_gap", None),
        ("Exosomes may help regrow hair.", "regrow hair", "hedged", None),
        ("The serum can help alleviate psoriasis.", "help alleviate psoriasis", "hedged", None),
        ("Our serum regrows hair. Results are not guaranteed.", "regrows hair", "disclaimer", None),
        ("IT HASN'T BEEN APPROVED BY THE FDA", "APPROVED", "negated", None),
        ('Our serum is "FDA-approved".', "FDA-approved", None, "quoted"),
        ('Rival clinics say theirs is "FDA-approved".', "FDA-approved", "quoted", None),
        ("Clinics claim exosomes cure everything.", "cure", "quoted", None),
        ("We claim that exosomes cure baldness.", "cure", None, "quoted"),
        ("Avoid aspirin and Botox for a week before treatment.", "Botox", "precaution", None),
        ("Let us know if you are taking Ozempic.", "Ozempic", "precaution", None),
        ("Avoid frown lines with Botox before the wedding.", "Botox", None, "precaution"),
        ("Avoid the queues: Botox online.", "Botox", None, "precaution"),
        # a sentence about the medicine's regulation reports on it; with we/our it sells it
        (
            "Toxins such as Botox are regulated as prescription-only medicines.",
            "Botox",
            "precaution",
            None,
        ),
        ("Botox may not be advertised to the public.", "Botox", "precaution", None),
        ("Our Botox is regulated and safe, from £99.", "Botox", None, "precaution"),
        # the claim's own clause goes on to deny it
        ("Hangover cures do not really work.", "cures", "negated", None),
        ("That stem cells cure MS has not been established.", "cure", "negated", None),
        ("Our serum cures hair loss and is not tested on animals.", "cures", None, "negated"),
        ("Our PRP cures baldness, not just thinning.", "cures", None, "negated"),
        ("Complications are rare but include infection.", "are rare", "qualified", None),
        ("The risk of scarring is low but not zero.", "is low", "qualified", None),
        ("Complications are rare, but we check every patient.", "are rare", None, "qualified"),
        ("Side effects are rare and mild.", "are rare", None, "qualified"),
    ],
)
def test_detectors(sentence, trigger, expected, absent):
    found = contexts_of(sentence, trigger)
    if expected:
        assert expected in found, found
    if absent:
        assert absent not in found, found


def test_absence_claims_negator_does_not_negate_a_later_claim():
    doc = pipeline()("No risk, no side effects.")
    # tokens: No risk , no side effects .   -> "no" at 0 belongs to another absence claim
    site = context.MatchSite(doc, 3, 6, claim_words=frozenset({0}))
    assert "negated" not in context.detect(site)


def test_a_name_introduced_by_called_is_not_a_scare_quote():
    assert "quoted" not in contexts_of("Our serum called Regrow is FDA-approved.", "FDA-approved")
    assert "quoted" not in contexts_of("A procedure called the miracle lift.", "miracle")


def test_an_authority_inside_another_claim_attributes_nothing():
    doc = pipeline()("Approved by the FDA and 100% safe.")
    # tokens: Approved by the FDA and 100 % safe .  -> "FDA" at 3 is part of the first claim
    assert "attributed" in context.detect(context.MatchSite(doc, 5, 8))
    assert "attributed" not in context.detect(
        context.MatchSite(doc, 5, 8, claim_words=frozenset({3}))
    )


@pytest.mark.parametrize(
    "sentence, trigger, expected, absent",
    [
        # a third party's belief, hope or claim reported, not the clinic's own
        ("Exosomes are thought to rejuvenate ageing skin.", "rejuvenate", "quoted", None),
        ("Our exosomes are thought to rejuvenate ageing skin.", "rejuvenate", None, "quoted"),
        ("The brand claims it can erase stretch marks.", "erase", "quoted", None),
        ("Many readers have heard that PRP regrows hair.", "regrows", "quoted", None),
        ("The drips are sold as a hangover cure online.", "cure", "quoted", None),
        # a frame still reports the items of its list after ", and"
        (
            "Visitors have read that it heals joints, lifts the mood, and cures insomnia.",
            "cures",
            "quoted",
            None,
        ),
        (
            "Other spas promise glowing skin, and we cure insomnia.",
            "cure",
            None,
            "quoted",
        ),
        ("The lab has been run sans FDA approval.", "FDA approval", "negated", None),
        # history, harm, a doubt and a trial's report: attributed
        (
            "The laser received FDA clearance for hair removal in 2003.",
            "FDA clearance",
            "attributed",
            None,
        ),
        ("Our laser received FDA clearance in 2003.", "FDA clearance", None, "attributed"),
        (
            "The drug was formerly approved by the FDA for acne.",
            "approved by the FDA",
            "attributed",
            None,
        ),
        ("The device is FDA-cleared for acne.", "FDA-cleared", None, "attributed"),
        (
            "Patients were harmed after taking the pills for arthritis.",
            "for arthritis",
            "attributed",
            None,
        ),
        ("Surgery is dangerous; our PRP heals arthritis.", "heals arthritis", None, "attributed"),
        (
            "It seemed too good to be true: thicker hair with zero downtime.",
            "zero downtime",
            "attributed",
            None,
        ),
        (
            "No serious adverse events were seen in the follow-up.",
            "No serious adverse events",
            "attributed",
            None,
        ),
        (
            "In our clinic no serious adverse events were seen.",
            "no serious adverse events",
            None,
            "attributed",
        ),
        # an approval to come, or said to be limited
        (
            "The filler is expected to be approved by the FDA next year.",
            "approved",
            "conditional",
            None,
        ),
        ("The patch is only FDA-cleared for use on the arms.", "FDA-cleared", "conditional", None),
        ("It is the only FDA-cleared patch for the arms.", "FDA-cleared", None, "conditional"),
        ("Results are expected to be permanent.", "permanent", None, "conditional"),
        ("A rash or an allergy to lidocaine rules out Botox.", "Botox", "precaution", None),
        # a check for what the claim denies
        (
            "The nurse reviews your history to confirm that there are no contraindications.",
            "no contraindications",
            "checked",
            None,
        ),
        ("There are no contraindications at all.", "no contraindications", None, "checked"),
        # a hedged claim conceded before a cautioning main clause
        (
            "Although peels can be a safe way to brighten skin, they carry some risks.",
            "safe",
            "conceded",
            None,
        ),
        (
            "Whilst it might outperform creams, the evidence is thin.",
            "outperform",
            "conceded",
            None,
        ),
        (
            "While peels can brighten skin, lasers work twice as fast.",
            "brighten",
            None,
            "conceded",
        ),
        (
            "Although it may sound daunting, the treatment is completely painless.",
            "completely painless",
            None,
            "conceded",
        ),
    ],
)
def test_reported_and_weighed_claims(sentence, trigger, expected, absent):
    found = contexts_of(sentence, trigger)
    if expected:
        assert expected in found, found
    if absent:
        assert absent not in found, found


def test_a_conceded_claim_is_dropped_by_rules_that_read_hedges():
    from dataclasses import replace

    from copylint.rulebook import load_rulebook
    from copylint.stages.decide import rule_policy

    rules = {r.id: r for r in load_rulebook().rules}
    softening = rules["better-than"]  # softens on hedged
    assert rule_policy(softening, ("hedged", "conceded")).suppressed_by == ("conceded",)
    deaf = replace(softening, suppress_when=frozenset({"negated"}), soften_when=frozenset())
    assert rule_policy(deaf, ("conceded",)).suppressed_by == ()
