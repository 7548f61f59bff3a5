"""Context that real clinic copy needs and the seed pages do not show: FAQ answers, named real
approvals, patients' words, disclaimers near and far, lexical false friends, and the many ways
one claim is spelled. Sentences are our own; every case runs the real pipeline end to end."""

import json

import pytest


def rules_of(findings):
    return sorted(f.rule for f in findings)


# --- FAQ: the question is exempt, a "yes" answer makes the claim -------------------------


def test_a_yes_answer_to_a_faq_heading_is_flagged_on_the_answer(lint):
    page = "# FAQ\n\n## Is exosome therapy FDA-approved?\n\nYes. It has been for years.\n"
    [finding] = lint(page, "faq.md")
    assert (finding.rule, finding.line, finding.column, finding.end_column) == (
        "regulator-approval",
        5,
        1,
        4,
    )
    assert finding.text == "Yes"
    assert finding.where == "text"
    assert 'Answers "Is exosome therapy FDA-approved?" with yes' in finding.message
    assert "answers_question" in finding.contexts and "question" not in finding.contexts
    assert finding.fix is None
    # where the question is: JSON's "related", SARIF's relatedLocations, LSP's relatedInformation
    [question] = finding.related
    line = page.split("\n")[question.line - 1]
    assert line[question.column - 1 : question.end_column - 1] == (
        "Is exosome therapy FDA-approved?"
    )
    assert question.line == question.end_line == 3 and "question" in question.message
    assert finding.to_dict()["related"] == [question.to_dict()]


def test_a_claim_that_answers_nothing_has_no_related_place(lint):
    [finding] = lint("Our exosome therapy is FDA-approved.\n", "page.md")
    assert finding.related == () and "related" not in finding.to_dict()


@pytest.mark.parametrize(
    "answer",
    [
        "No. Exosome products are not FDA-approved.",
        "Absolutely not.",
        "Yes and no: it depends on the product.",
        "It depends on the product.",
    ],
)
def test_other_answers_leave_the_question_exempt(lint, answer):
    assert lint(f"## Is exosome therapy FDA-approved?\n\n{answer}\n", "faq.md") == []


@pytest.mark.parametrize(
    "opening", ["Yes!", "Of course.", "Absolutely,", "Definitely -", "Certainly."]
)
def test_affirmative_openings(lint, opening):
    findings = lint(f"Is it a miracle cure?\n\n{opening} Many patients think so.\n", "faq.md")
    assert rules_of(findings) == ["cures", "miracle-language"]
    assert all((f.line, f.column, f.text) == (3, 1, opening.strip("!.,- ")) for f in findings)


def test_an_answer_in_the_same_paragraph(lint):
    [finding] = lint("Is PRP better than minoxidil? Definitely, and it works faster.")
    assert finding.rule == "better-than"
    assert finding.text == "Definitely" and finding.column == 31


def test_an_answer_that_restates_the_claim_is_flagged_once_on_its_own_words(lint):
    findings = lint(
        "## Is the treatment completely safe?\n\nYes, it is completely safe.\n", "faq.md"
    )
    assert [(f.rule, f.text) for f in findings] == [("completely-safe", "completely safe")]


def test_faq_answers_in_json_and_html(lint):
    data = {
        "faq": [
            {"question": "Is the serum FDA-approved?", "answer": "Yes, since 2019."},
            {"question": "Is it a miracle cure?", "answer": "No."},
        ]
    }
    [finding] = lint(json.dumps(data), "faq.json")
    assert finding.where == "json:faq.0.answer" and finding.text == "Yes"
    html = (
        "<details><summary>Are results guaranteed?</summary><p>Yes &mdash; every patient "
        "sees them.</p></details>\n<dl><dt>Is it risk-free?</dt><dd>Certainly.</dd></dl>\n"
    )
    findings = lint(html, "faq.html")
    assert [(f.rule, f.line, f.text) for f in findings] == [
        ("guaranteed-results", 1, "Yes"),
        ("completely-safe", 2, "Certainly"),
    ]
    assert html.splitlines()[1][findings[1].column - 1 : findings[1].end_column - 1] == "Certainly"


def test_a_negated_question_answered_yes_is_still_not_a_claim(lint):
    # "Is it not FDA-approved?" -- yes: the suppression is the negation, not only the question.
    assert lint("Is it not FDA-approved?\n\nYes, that is right.\n", "faq.md") == []


# --- a named real approval vs an approval carried over to the clinic ---------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Finasteride and minoxidil are FDA-approved for male pattern hair loss.",
        "Finasteride (Propecia) and minoxidil (Rogaine) are FDA-approved for male pattern "
        "hair loss.",
        "Only minoxidil and finasteride are FDA-approved for hair loss; exosomes are not.",
        "Botox is FDA-approved for frown lines.",
        "Juvéderm is FDA-approved for lip augmentation.",  # the rule lists "juvederm"
    ],
)
def test_a_named_product_with_a_real_approval_is_a_fact(lint, sentence):
    assert "regulator-approval" not in rules_of(lint(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "Our exosome protocol uses FDA-approved ingredients, so it is safe.",
        "Minoxidil is FDA-approved, so our exosome serum is safe too.",
        "Like minoxidil, our exosome serum is FDA-approved.",
        "We combine minoxidil with an FDA-approved PRP system.",
        "The clinic is FDA-registered.",
    ],
)
def test_an_approval_carried_over_to_the_clinic_is_a_claim(lint, sentence):
    assert "regulator-approval" in rules_of(lint(sentence))


# --- who speaks: a regulator exempts, a patient never does -------------------------------


def test_a_regulator_speaking_is_not_the_clinic_claiming(lint):
    assert lint("The FDA states that no exosome product is approved for any use.") == []
    assert lint("The CAP Code says a treatment cannot be called completely safe.") == []


def test_the_clinics_own_code_is_not_an_authority(lint):
    assert rules_of(lint("Our code of practice means the treatment is completely safe.")) == [
        "completely-safe"
    ]


@pytest.mark.parametrize(
    "sentence, rule",
    [
        ('"It cured my hair loss," says Maria, one of our patients.', "cures"),
        ("“I had no side effects at all,” one patient told us.", "no-side-effects"),
        ("According to our patients, the treatment is risk-free.", "completely-safe"),
        ("Patients say it is a miracle.", "miracle-language"),
    ],
)
def test_a_patient_speaking_is_never_an_exemption(lint, sentence, rule):
    assert rule in rules_of(lint(sentence))


def test_scare_quotes_still_exempt(lint):
    assert lint('Is this just another "miracle cure"?') == []
    assert lint("Beware of so-called “miracle” treatments.") == []
    assert lint('Clinics sell "miracle" serums online.') == []


@pytest.mark.parametrize(
    "text",
    [
        "The term lunchtime facelift is a label invented by marketers.",
        "Be careful with words like miracle and guaranteed results.",
    ],
)
def test_words_named_as_words_are_mentions(lint, text):
    assert lint(text) == []


def test_the_claim_itself_is_still_flagged(lint):
    assert rules_of(lint("Book our lunchtime facelift today.")) == ["holiday-or-quick-fix"]


def test_quotes_around_the_clinics_own_product_are_no_distance(lint):
    assert rules_of(lint("Try our “miracle” serum today.")) == ["miracle-language"]


@pytest.mark.parametrize(
    "text, rules",
    [
        ('Our serum is "FDA-approved".', ["regulator-approval"]),
        ('This treatment is "100% safe".', ["completely-safe"]),
        ("The results are truly “miraculous”.", ["miracle-language"]),
        ('It’s "100% safe" and "FDA-approved".', ["completely-safe", "regulator-approval"]),
        ('Our website says the serum is "FDA-approved".', ["regulator-approval"]),
    ],
)
def test_emphasis_quotes_around_the_clinics_own_claim_are_no_distance(lint, text, rules):
    assert rules_of(lint(text)) == rules


@pytest.mark.parametrize(
    "text",
    [
        'Some clinics call it "FDA-approved", which it is not.',
        'Other clinics say their serum is "FDA-approved".',
        'Sellers online promise the cream is "100% safe".',
        "A business will point out that it is 'FDA-registered'; that means little.",
    ],
)
def test_a_quoted_word_somebody_else_said_is_still_a_mention(lint, text):
    assert lint(text) == []


# --- a disclaimer next to the claim softens it; a footer far away does not ----------------

CLAIM = "Our patients report thicker hair after three sessions."


def test_a_disclaimer_in_the_same_block_softens_an_outcome_claim(lint):
    [alone] = lint(CLAIM)
    [with_disclaimer] = lint(CLAIM + " Individual results vary.")
    assert alone.rule == with_disclaimer.rule == "patient-outcome-testimonial"
    assert (alone.severity, with_disclaimer.severity) == ("warning", "info")
    assert "disclaimer" in with_disclaimer.contexts


def test_a_footer_disclaimer_does_not_reach_the_claim(lint):
    page = (
        f"# Guaranteed results in 30 days\n\n{CLAIM}\n\n---\n\n"
        "Results vary. Results are not guaranteed.\n"
    )
    findings = {f.rule: f for f in lint(page, "page.md")}
    assert findings["guaranteed-results"].severity == "error"
    assert findings["patient-outcome-testimonial"].severity == "warning"
    assert not any("disclaimer" in f.contexts for f in findings.values())


def test_a_disclaimer_does_not_soften_a_safety_or_approval_claim(lint):
    [finding] = lint("The serum is FDA-approved. This statement has not been evaluated by the FDA.")
    assert finding.rule == "regulator-approval" and finding.severity == "error"


# --- lexical false friends ----------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "We remove the lesion by curettage under local anaesthetic.",
        "Book through our secure online portal.",
        "Your details are kept on a secure server.",
        "Natural-looking results from an experienced injector.",
        "We aim for a natural-looking finish.",
        "Price-match guarantee: we will match any local quote for the same consultation.",
        "Our money-back guarantee covers unopened skincare products.",
        "Ask for the safety data sheet of any product we use.",
    ],
)
def test_false_friends_pass(lint, sentence):
    assert lint(sentence) == []


@pytest.mark.parametrize(
    "sentence, rule",
    [
        ("Exosomes cure hair loss.", "cures"),
        ("100% natural, so completely safe.", "natural-means-safe"),
        ("Guaranteed results or your money back.", "guaranteed-results"),
    ],
)
def test_their_risky_twins_flag(lint, sentence, rule):
    assert rule in rules_of(lint(sentence))


# --- one claim, many spellings --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, rule",
    [
        ("The treatment is approved by the FDA.", "regulator-approval"),
        ("Approved By The U.S. FDA", "regulator-approval"),
        ("Our device received FDA approval last year.", "regulator-approval"),
        ("The laboratory is registered with the FDA.", "regulator-approval"),
        ("An FDA cleared laser.", "regulator-approval"),
        ("An FDA–cleared laser.", "regulator-approval"),
        ("FDA APPROVED EXOSOME THERAPY", "regulator-approval"),
        ("It won’t cause cancer.", "no-cancer-risk"),
        ("Exosomes don’t cause cancer.", "no-cancer-risk"),
        ("CURES HAIR LOSS FOREVER", "cures"),
        ("We are curing baldness.", "cures"),
        ("Reversing the signs of ageing.", "reverses-condition"),
        ("We guarantee results.", "guaranteed-results"),
        ("Miraculous results.", "miracle-language"),
        ("No downtime and no side-effects.", "no-side-effects"),
        ("There’s no risk.", "no-side-effects"),
        ("There aren’t any side effects.", "no-side-effects"),
        ("There aren’t any contraindications.", "no-contraindications"),
        ("Clinically-proven.", "proven-effective"),
        ("Clinically Proven Results", "proven-effective"),
        ("Proven to regrow hair.", "proven-effective"),
        ("Only 3 places left this month!", "time-pressure"),
        ("Limited-time offer.", "time-pressure"),
        ("The lunchtime facelift.", "holiday-or-quick-fix"),
        ("Be beach-body ready in no time.", "holiday-or-quick-fix"),
        ("Book before Friday to save 30%.", "time-pressure"),
        ("We guarantee you will love your results.", "guaranteed-results"),
        ("Ninety percent of our patients see results.", "outcome-percentage"),
        ("9 out of 10 patients saw thicker hair.", "outcome-percentage"),
        ("Stem cells regenerate damaged cartilage.", "reverses-condition"),
    ],
)
def test_spellings_of_one_claim(lint, text, rule):
    assert rule in rules_of(lint(text)), rules_of(lint(text))


@pytest.mark.parametrize(
    "text",
    [
        "Exosome treatments aren’t FDA-approved.",
        "Exosomes have yet to be proven to regrow hair.",
        "It is not proven to regrow hair.",
    ],
)
def test_their_denials_pass(lint, text):
    assert lint(text) == []


# --- copy set in capitals reads as it does in lower case -----------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "IT HASN'T BEEN APPROVED BY THE FDA",
        "OUR SERUM ISN’T FDA-APPROVED.",
        "THESE PRODUCTS AREN'T APPROVED BY THE TGA",
    ],
)
def test_a_negation_in_capitals_negates(lint, text):
    assert lint(text) == []


def test_a_contraction_in_capitals_is_split_where_its_lower_case_is(lint):
    from copylint.nlp import pipeline

    doc = pipeline()("WE DON'T AND IT HASN’T")
    assert [(t.text, t.norm_) for t in doc] == [
        ("WE", "we"),
        ("DO", "do"),
        ("N'T", "not"),
        ("AND", "and"),
        ("IT", "it"),
        ("HAS", "has"),
        ("N’T", "not"),
    ]
    [finding] = lint("IT'S FDA-APPROVED, WE DON'T DOUBT IT.")
    assert (finding.rule, finding.column, finding.text) == ("regulator-approval", 6, "FDA-APPROVED")


@pytest.mark.parametrize(
    "text, rules",
    [
        ("Are you ready for a miracle cure for your knees?", ["cures", "miracle-language"]),
        ("Tired of wrinkles? Looking for a permanent solution?", ["cures", "outcome-promise"]),
        ("Is PRP a miracle cure?", []),
    ],
)
def test_a_question_that_sells_keeps_its_claim(lint, text, rules):
    assert sorted({f.rule for f in lint(text)}) == rules


def test_a_dash_after_a_figure_is_its_own_token(lint):
    from copylint.nlp import pipeline

    doc = pipeline()("Infections under 0.5%—far below average, since 2019–today")
    assert [t.text for t in doc][2:7] == ["0.5", "%", "—", "far", "below"]
    assert [t.text for t in doc][-3:] == ["2019", "–", "today"]
    [finding] = lint("Our infection rate is under 0.5%—far below the average.")
    assert (finding.rule, finding.text) == (
        "outcome-percentage",
        "Our infection rate is under 0.5%",
    )


# --- a word inside one claim governs nothing outside it -------------------------------------


@pytest.mark.parametrize(
    "text, rules",
    [
        ("Approved by the FDA and 100% safe.", ["completely-safe", "regulator-approval"]),
        ("It is FDA approved and completely safe.", ["completely-safe", "regulator-approval"]),
        ("No bruising and no downtime.", ["minimal-side-effects"]),
        ("It has no bruising and no downtime.", ["minimal-side-effects"]),
        ("No needles, no bruising and no downtime.", ["minimal-side-effects"] * 2),
    ],
)
def test_one_claims_authority_or_negator_leaves_the_next_claim_standing(lint, text, rules):
    assert rules_of(lint(text)) == rules


@pytest.mark.parametrize(
    "text",
    [
        "We cannot promise no bruising and no downtime.",
        "The FDA says the treatment is completely safe.",
    ],
)
def test_a_negator_or_authority_over_the_whole_list_still_governs_it(lint, text):
    assert lint(text) == []


# --- who reports the claim: a third party's frame is a mention, the clinic's is its claim ----


@pytest.mark.parametrize(
    "text",
    [
        "Clinics claim exosomes cure everything.",
        "Be wary of clinics that promise guaranteed results.",
        "Some providers advertise stem cells as a cure.",
        "Other clinics promise miracles, so ask for the evidence.",
    ],
)
def test_a_third_party_claiming_without_that_is_a_mention(lint, text):
    assert lint(text) == []


@pytest.mark.parametrize(
    "text, rule",
    [
        ("We promise guaranteed results.", "guaranteed-results"),
        ("Our clinic claims to cure baldness.", "cures"),
        ("We claim that exosomes cure baldness.", "cures"),
        ("Unlike other clinics, we promise guaranteed results.", "guaranteed-results"),
        ("Other clinics promise miracles; we offer a miracle cure.", "cures"),
        ("Our patients say it cured their arthritis.", "cures"),
    ],
)
def test_the_clinic_reporting_its_own_claim_still_makes_it(lint, text, rule):
    assert rule in rules_of(lint(text))


# --- a medicine named as a precaution is not advertised ---------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Please stop fish oil, aspirin and Botox two weeks before your appointment.",
        "Avoid alcohol and anti-wrinkle injections for 48 hours after the peel.",
        "Stop taking Ozempic a week before surgery.",
        "Tell your practitioner if you are taking Wegovy.",
        "Let us know if you have had Botox in the last three months.",
        "Contraindications: pregnancy, recent Botox, blood thinners.",
    ],
)
def test_a_medicine_in_a_precaution_is_not_advertised(lint, text):
    assert "names-prescription-medicine" not in rules_of(lint(text))
    assert "implies-prescription-medicine" not in rules_of(lint(text))


@pytest.mark.parametrize(
    "text",
    [
        "Botox from £99 per area this month.",
        "Avoid frown lines with Botox before your wedding.",
        "Avoid the queues and book Botox online today.",
        "If you want Botox, book a slot.",
    ],
)
def test_a_medicine_offered_is_still_advertised(lint, text):
    assert rules_of(lint(text)) == ["names-prescription-medicine"]


def test_a_claim_in_the_time_phrase_of_a_precaution_is_not_one_of_its_items(lint):
    [finding] = lint("Avoid sun beds for two weeks before our 100% safe peel.")
    assert finding.rule == "completely-safe" and "precaution" not in finding.contexts
