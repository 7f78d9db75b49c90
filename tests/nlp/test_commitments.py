"""Commitments: invented sentences in, (donor, recipient, item, quantity, status) out."""

from __future__ import annotations

import pytest

from presswatch.models import Commitment, Document, aid_kind
from presswatch.pipeline import Pipeline

PUBLISHED = "2024-03-20"


def commitments(
    pipeline: Pipeline, text: str, published: str | None = PUBLISHED, url: str | None = None
) -> list[Commitment]:
    doc = Document(text=text, path="t.txt", published=published, url=url)
    ex = pipeline.extract_parsed(doc, pipeline.nlp(text))
    for c in ex.commitments:
        for sp in (c.span, c.trigger, c.date_expression):
            assert sp is None or text[sp.start : sp.end] == sp.text
    return ex.commitments


def summary(cs: list[Commitment]) -> list[tuple[str | None, str | None, str, float | None, str]]:
    return [(c.donor, c.recipient, c.item, c.quantity, c.status) for c in cs]


def test_announced_named_system_with_quantity(pipeline: Pipeline) -> None:
    text = "Germany announced it would send 50 Gepard anti-aircraft vehicles to Ukraine."
    [c] = commitments(pipeline, text)
    assert (c.donor, c.item, c.item_class, c.quantity, c.status) == (
        "Germany",
        "Gepard",
        "air defence",
        50,
        "announced",
    )
    assert c.source == "author"
    assert c.recipient == "Ukraine"  # the giving verb in what was announced names it


def test_delivered_in_the_perfect(pipeline: Pipeline) -> None:
    [c] = commitments(pipeline, "The United States has sent HIMARS to Ukraine.")
    assert summary([c]) == [("United States", "Ukraine", "HIMARS", None, "delivered")]


def test_a_request_swaps_donor_and_recipient(pipeline: Pipeline) -> None:
    [c] = commitments(pipeline, "Ukraine asked Germany for Leopard 2 tanks.")
    assert (c.donor, c.recipient, c.item, c.status) == (
        "Germany",
        "Ukraine",
        "Leopard 2",
        "requested",
    )


def test_hypothetical_is_proposed(pipeline: Pipeline) -> None:
    [c] = commitments(pipeline, "France could send fighter jets to Ukraine.")
    assert (c.donor, c.item, c.status) == ("France", "fighter jets", "proposed")


def test_each_item_of_a_list_is_a_commitment(pipeline: Pipeline) -> None:
    text = "Britain has given Ukraine tanks, howitzers and Stinger missiles."
    cs = commitments(pipeline, text)
    assert [c.item for c in cs] == ["tanks", "howitzers", "Stinger"]
    assert {c.donor for c in cs} == {"United Kingdom"}
    assert {c.status for c in cs} == {"delivered"}


def test_what_a_relative_clause_names_is_not_given(pipeline: Pipeline) -> None:
    text = "Germany will send Gepard vehicles, which can shoot down drones and aircraft."
    assert [c.item for c in commitments(pipeline, text)] == ["Gepard"]


def test_a_person_gives_for_the_country_of_their_office(pipeline: Pipeline) -> None:
    text = "Olaf Scholz promised Ukraine more howitzers."
    [c] = commitments(pipeline, text, "2023-01-10")
    assert (c.donor, c.recipient, c.item) == ("Germany", "Ukraine", "howitzers")


def test_a_quoted_promise_rests_on_its_speaker(pipeline: Pipeline) -> None:
    text = "“We will deliver ammunition to Ukraine,” said Olaf Scholz."
    [c] = commitments(pipeline, text, "2023-01-10")
    assert (c.donor, c.item, c.status, c.source) == (
        "Germany",
        "ammunition",
        "announced",
        "Olaf Scholz",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Germany provided leadership in the talks.",  # nothing given
        "Russia fired missiles at Kyiv.",  # not a giving verb
    ],
)
def test_not_commitments(pipeline: Pipeline, text: str) -> None:
    assert commitments(pipeline, text) == []


def test_an_announced_package_with_its_value_and_date(pipeline: Pipeline) -> None:
    text = (
        "President Biden today announced an additional $800 million in security "
        "assistance to Ukraine."
    )
    [c] = commitments(pipeline, text, "2022-03-16")
    assert (c.donor, c.recipient, c.status) == ("United States", "Ukraine", "announced")
    assert (c.amount, c.currency, c.value_usd) == (800_000_000, "USD", 800_000_000)
    assert c.item_class == "military aid"
    assert c.date == "2022-03-16"


def test_the_author_of_a_government_site_speaks_for_its_country(pipeline: Pipeline) -> None:
    text = "Today, we are announcing a $725 million security assistance package for Ukraine."
    url = "https://www.whitehouse.gov/briefing-room/statements-releases/2024/12/02/x/"
    [c] = commitments(pipeline, text, "2024-12-02", url)
    assert (c.donor, c.value_usd, c.date) == ("United States", 725_000_000, "2024-12-02")
    # the same words on a news site: the author speaks for no country, so the aid is
    # credited to the domain pack's coalition for the recipient, marked as inferred
    [news] = commitments(pipeline, text, "2024-12-02", "https://example.com/a")
    assert (news.donor, news.donor_inferred) == ("West", True)


def test_a_running_total_is_not_a_commitment(pipeline: Pipeline) -> None:
    text = (
        "The United States has provided more than $6 billion in security assistance "
        "to Ukraine since the start of the war."
    )
    assert commitments(pipeline, text) == []


def test_a_package_being_prepared(pipeline: Pipeline) -> None:
    text = "The $1 billion defense aid package reportedly being prepared would help Kyiv."
    [c] = commitments(pipeline, text)
    assert (c.status, c.value_usd) == ("being-prepared", 1_000_000_000)


def test_euros_are_converted_at_the_packs_rate_for_the_year(pipeline: Pipeline) -> None:
    text = "Germany pledged €500 million in military aid to Ukraine on March 3rd."
    [c] = commitments(pipeline, text, "2023-03-05")
    rate = pipeline.pack.usd_rate("EUR", 2023)
    assert rate is not None
    assert (c.amount, c.currency) == (500_000_000, "EUR")
    assert c.value_usd == pytest.approx(500_000_000 * rate)
    assert (c.date, c.status) == ("2023-03-03", "announced")


@pytest.mark.parametrize(
    "text",
    [
        # a payment to people, not a commitment between actors
        "The United States will send $650 to each family.",
        # money for no named aid and no one: domestic spending
        "The United States will provide $22 billion in new funding.",
        # an order of magnitude, a yearly rate
        "The United States gives Israel billions of dollars in aid.",
        "The United States will give $3 billion each year in military aid to Israel.",
    ],
)
def test_money_that_is_not_a_commitment(pipeline: Pipeline, text: str) -> None:
    assert commitments(pipeline, text) == []


# ------------------------------------------------------------ unnamed and implied donors


def test_a_list_after_a_colon_is_what_is_given_each_item_its_own(pipeline: Pipeline) -> None:
    text = (
        "There has been a change in the arms being sent to Ukraine: not only anti-tank "
        "missiles but also tanks and howitzers."
    )
    cs = commitments(pipeline, text)
    # the heading ("arms") is not an item; no giver is named, so the pack's coalition
    # for the recipient is credited, and marked as inferred
    assert [(c.donor, c.recipient, c.item_class, c.donor_inferred) for c in cs] == [
        ("West", "Ukraine", "anti-tank weapons", True),
        ("West", "Ukraine", "tanks", True),
        ("West", "Ukraine", "howitzers", True),
    ]


def test_an_unnamed_donor_stays_unnamed_for_a_recipient_the_pack_does_not_cover(
    pipeline: Pipeline,
) -> None:
    [c] = commitments(pipeline, "Tanks are being sent to Armenia.")
    assert (c.donor, c.recipient, c.donor_inferred) == (None, "Armenia", False)


def test_the_coalition_recipient_may_be_named_in_the_sentence_before(pipeline: Pipeline) -> None:
    text = "The effort to help Ukraine is changing. It involves providing heavier weapons."
    [c] = commitments(pipeline, text)
    assert (c.donor, c.recipient, c.item, c.donor_inferred) == ("West", "Ukraine", "weapons", True)


@pytest.mark.parametrize(
    "text",
    [
        "Hungary refused to send tanks to Ukraine.",
        "Austria did not send howitzers to Ukraine.",
        "Critics argued against sending howitzers to Ukraine.",
        "Italy, ending its refusal to provide tanks, stayed quiet.",
        "Hungary blocked the transfer of weapons to Ukraine.",
        "He withheld at least one arms shipment to Israel.",
        # stopping a transfer, or asking for it to stop
        "Iran must stop sending drones to Russia.",
        "We urged Iran to stop sending weapons to Russia.",
        "North Korea should cease shipping artillery shells to Russia.",
        # unable or failing to give
        "We were unable to provide these ATACMS to Ukraine.",
        "Congress failed to provide more aid to Ukraine.",
    ],
)
def test_refused_or_negated_giving_is_no_commitment(pipeline: Pipeline, text: str) -> None:
    assert commitments(pipeline, text) == []


def test_a_broad_topic_with_no_giver_is_no_commitment(pipeline: Pipeline) -> None:
    text = "Increasing military assistance to Ukraine would not cross any red line."
    assert commitments(pipeline, text) == []
    # with a giver it is one
    [c] = commitments(pipeline, "The German government is right to release more aid to Ukraine.")
    assert (c.donor, c.recipient, c.item) == ("Germany", "Ukraine", "aid")


def test_a_stock_is_not_a_transfer(pipeline: Pipeline) -> None:
    assert commitments(pipeline, "Their ammunition supplies are running low.") == []


def test_a_proposed_law_that_authorises_aid_is_proposed_by_its_proposer(
    pipeline: Pipeline,
) -> None:
    text = (
        "Chancellor Olaf Scholz proposed a law authorising the government to sell frozen "
        "assets and use the proceeds to help Ukraine."
    )
    [c] = commitments(pipeline, text)
    assert summary([c]) == [("Germany", "Ukraine", "seized assets", None, "proposed")]


def test_permission_to_use_a_weapon_is_granted_by_its_maker(pipeline: Pipeline) -> None:
    text = (
        "The decision to let Ukraine use Storm Shadow missiles inside Russia came late. "
        "Letting Ukraine use Storm Shadow missiles inside Russia will not end the war."
    )
    [c] = commitments(pipeline, text)  # told twice, one commitment
    assert (c.donor, c.recipient, c.item, c.item_class, c.status, c.donor_inferred) == (
        "United Kingdom",
        "Ukraine",
        "permission to use Storm Shadow",
        "permission",
        "authorised",
        True,
    )


def test_a_foreign_weapon_used_by_an_actor_was_delivered_to_it(pipeline: Pipeline) -> None:
    [c] = commitments(pipeline, "Russia launched Iranian drones at Kyiv overnight.")
    assert summary([c]) == [("Iran", "Russia", "drones", None, "delivered")]
    assert commitments(pipeline, "Russian missiles hit Kyiv overnight.") == []
    assert commitments(pipeline, "Ukraine fired its own Neptune missiles.") == []


def test_an_amount_in_aid_with_no_verb_is_a_commitment(pipeline: Pipeline) -> None:
    text = "Nor can the arrival of $2 billion in new German weapons change this."
    [c] = commitments(pipeline, text)
    assert (c.donor, c.item_class, c.value_usd) == ("Germany", "weapons", 2e9)


def test_financing_what_a_recipient_owns_is_financial_aid(pipeline: Pipeline) -> None:
    text = "The Dutch plan to finance Ukraine's drone production was welcomed."
    [c] = commitments(pipeline, text)
    assert (c.donor, c.recipient, c.item, c.item_class) == (
        "Netherlands",
        "Ukraine",
        "financial aid",
        "financial aid",
    )
    # paying for one's own things is not aid
    assert commitments(pipeline, "Germany will fund its own drone production.") == []


def test_a_class_word_used_as_a_verb_is_no_item(pipeline: Pipeline) -> None:
    assert commitments(pipeline, "Poland sent engineers to aid Ukraine.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Over the past two weeks, we have delivered $300 million of security aid to Ukraine.",
        "We have sent $2 billion in security assistance to Ukraine.",
        "The United States has delivered more than $900 million in aid to Ukraine.",
        "The United States has provided $8.5 billion to Ukraine since February.",
    ],
)
def test_an_amount_delivered_over_time_is_a_sum_not_a_delivery(
    pipeline: Pipeline, text: str
) -> None:
    assert commitments(pipeline, text, url="https://www.whitehouse.gov/x") == []


def test_a_new_amount_in_the_perfect_is_a_delivery(pipeline: Pipeline) -> None:
    text = "The United States has sent a new $300 million package of weapons to Ukraine."
    [c] = commitments(pipeline, text)
    assert (c.donor, c.recipient, c.value_usd) == ("United States", "Ukraine", 300e6)


def test_money_spent_at_home_is_no_commitment(pipeline: Pipeline) -> None:
    text = "The United States approved $175 billion in loans for 5 million Americans."
    assert commitments(pipeline, text) == []
    # a request for one's own country is still a request
    [c] = commitments(pipeline, "Ukraine asked Germany for tanks for Ukraine.")
    assert (c.donor, c.recipient, c.status) == ("Germany", "Ukraine", "requested")


def test_a_receiver_is_named_in_the_phrase_not_in_a_clause_inside_it(
    pipeline: Pipeline,
) -> None:
    text = (
        "The United States will provide $1 billion in humanitarian assistance for those "
        "affected by Russia's war."
    )
    [c] = commitments(pipeline, text)
    assert (c.donor, c.recipient, c.value_usd) == ("United States", None, 1e9)


# ------------------------------------------------------------ amounts of aid: which count

WH = "https://www.whitehouse.gov/briefing-room/statements-releases/2024/03/20/x/"


def test_a_running_total_after_a_new_amount_leaves_the_new_amount(pipeline: Pipeline) -> None:
    text = (
        "Today the United States announced an additional $800 million in security "
        "assistance to Ukraine, bringing the total to $1 billion."
    )
    [c] = commitments(pipeline, text)
    assert (c.donor, c.recipient, c.value_usd) == ("United States", "Ukraine", 800_000_000)


@pytest.mark.parametrize(
    "text",
    [
        # a period or the perfect with nothing new: a sum over time
        "In the last year alone, we committed $650 million in security assistance to Ukraine.",
        "Let me reiterate that we have committed $1.7 billion in weapons to Ukraine.",
        "The $1.2 billion in military assistance that we have provided has helped Ukraine.",
        # a budget, an authority, a question: no aid given
        "The bill provides $4 billion in security assistance for Ukraine.",
        "The request includes $5 billion in drawdown authority for Ukraine.",
        "Will the United States send $1 billion in weapons to Ukraine?",
        # a stock held, not aid given
        "We had $3.5 billion in military assistance for Ukraine.",
    ],
)
def test_amounts_that_are_no_new_commitment(pipeline: Pipeline, text: str) -> None:
    assert [c.value_usd for c in commitments(pipeline, text, url=WH)] == []


def test_a_government_site_speaks_for_its_government(pipeline: Pipeline) -> None:
    text = "Today, the President authorized an additional $350 million of military assistance."
    [c] = commitments(pipeline, text, url=WH)
    assert (c.donor, c.value_usd, c.item_class) == ("United States", 350_000_000, "military aid")
    # the same words elsewhere name no giver
    [news] = commitments(pipeline, text, url="https://example.com/a")
    assert news.donor != "United States"


def test_another_giver_on_a_government_site_is_not_that_government(pipeline: Pipeline) -> None:
    text = (
        "The United States welcomes Australia's announcement that it will provide an "
        "additional $13 million in military assistance to Ukraine."
    )
    assert all(c.donor != "United States" for c in commitments(pipeline, text, url=WH))


def test_the_announcer_of_an_amount_gives_it(pipeline: Pipeline) -> None:
    text = (
        "President Biden spoke with President Zelenskyy. Biden also previewed his "
        "announcement today of an additional $800 million in security assistance."
    )
    money = [c for c in commitments(pipeline, text, url=WH) if c.value_usd]
    assert [(c.donor, c.value_usd) for c in money] == [("United States", 800_000_000)]


def test_class_phrases_match_across_line_breaks(pipeline: Pipeline) -> None:
    text = "Today, we announced an additional $400 million security\nassistance package."
    [c] = commitments(pipeline, text, url=WH)
    assert (c.item_class, c.value_usd, c.date) == ("military aid", 400_000_000, PUBLISHED)


def test_the_parts_of_a_rough_whole_are_the_commitments(pipeline: Pipeline) -> None:
    text = (
        "Today the United States announced over $3 billion in new military assistance to "
        "Ukraine, including a $2.85 billion drawdown and $225 million in military financing."
    )
    assert [c.value_usd for c in commitments(pipeline, text)] == [2_850_000_000, 225_000_000]


def test_an_unnamed_amount_takes_the_kind_of_the_sentences_around_it(pipeline: Pipeline) -> None:
    text = (
        "Last week, I signed an $800 million package of security assistance to Ukraine. "
        "Today, I'm announcing another $500 million to further augment Ukraine's ability "
        "to fight in the east."
    )
    today = [c for c in commitments(pipeline, text, url=WH) if c.value_usd == 500_000_000]
    assert [(c.donor, c.recipient, c.item_class) for c in today] == [
        ("United States", "Ukraine", "military aid")
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("We will provide $500 million in budgetary support to Ukraine.", "financial"),
        ("We will provide $2.9 billion in food security assistance to Ukraine.", "humanitarian"),
        ("We will provide $300 million in civilian security assistance to Ukraine.", "other"),
        ("We will provide $300 million in security assistance to Ukraine.", "military"),
        # aid of several kinds in one amount is of no one kind
        ("We will give $33 billion in security assistance and food aid to Ukraine.", "unspecified"),
        # ... also when the kinds share one head noun
        (
            "We will give $13 billion in humanitarian and security assistance to Ukraine.",
            "unspecified",
        ),
        ("The US sent $40 billion in economic, humanitarian, and security aid.", "unspecified"),
        ("We will send $200 million in tank and artillery ammunition to Ukraine.", "military"),
    ],
)
def test_the_kind_of_aid(pipeline: Pipeline, text: str, kind: str) -> None:
    [c] = commitments(pipeline, text, url=WH)
    assert aid_kind(c.item_class) == kind
    assert c.to_dict()["kind"] == kind


def test_an_amount_of_several_kinds_is_named_as_the_text_names_it(pipeline: Pipeline) -> None:
    text = "The United States will provide $300 million in humanitarian and security assistance."
    [c] = commitments(pipeline, text, url=WH)
    assert (c.item, c.item_class, c.value_usd) == (
        "humanitarian and security assistance",
        None,
        300_000_000,
    )


def test_joined_modifiers_add_no_items_of_their_own(pipeline: Pipeline) -> None:
    """Without an amount, "humanitarian and security assistance" is one item, as before."""
    text = "The United States is providing humanitarian and security assistance to Ukraine."
    assert len(commitments(pipeline, text, url=WH)) == 1


def test_a_pronoun_gives_the_amount_of_the_package_just_told_of(pipeline: Pipeline) -> None:
    text = (
        "Last night, we announced our 21st package of security assistance for Ukraine. "
        "This is a $600 million package that includes ammunition for HIMARS."
    )
    cs = commitments(pipeline, text, published="2022-09-16", url=WH)
    valued = [c for c in cs if c.value_usd is not None]
    assert [(c.donor, c.recipient, c.item_class, c.value_usd, c.date) for c in valued] == [
        ("United States", "Ukraine", "military aid", 600_000_000, "2022-09-15")
    ]
    assert valued[0].span.text.startswith("a $600 million package")


def test_a_pronoun_names_no_package_without_one_just_told_of(pipeline: Pipeline) -> None:
    text = "The talks went well. It's a $700 million package."
    assert commitments(pipeline, text, url=WH) == []
    text = "Germany pledged tanks to Ukraine. That is a $2 billion package."
    assert [(c.donor, c.item, c.value_usd) for c in commitments(pipeline, text)] == [
        ("Germany", "tanks", None),
        ("Germany", "tanks", 2_000_000_000),
    ]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # aid going on, with nothing new and no date: what has been given all along
        ("We are providing a billion dollars in security assistance to Ukraine.", []),
        # ... but a new package, or one dated, is one commitment
        ("We are providing another $1 billion in security assistance to Ukraine.", [1e9]),
        ("This week we are sending $300 million in security assistance to Ukraine.", [3e8]),
    ],
)
def test_aid_going_on_is_a_sum(pipeline: Pipeline, text: str, values: list[float]) -> None:
    assert [c.value_usd for c in commitments(pipeline, text, url=WH)] == values


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Germany is sending tanks to Ukraine.", PUBLISHED),
        ("Germany sends tanks to Ukraine.", PUBLISHED),
        # the present perfect tells of a day before the text's, which it does not name
        ("Germany has sent tanks to Ukraine.", None),
        ("We’ve announced recently another $450 million in security assistance.", None),
        ("We have sent tanks to Ukraine.", None),
    ],
)
def test_the_present_is_the_day_of_publication(
    pipeline: Pipeline, text: str, date: str | None
) -> None:
    [c] = commitments(pipeline, text, url=WH)
    assert c.date == date


def test_an_amount_of_aid_goes_to_the_recipient_the_text_is_about(pipeline: Pipeline) -> None:
    text = (
        "Ukraine's forces are running short of shells. "
        "Today the United States announced an additional $800 million in security assistance."
    )
    [c] = commitments(pipeline, text)
    assert (c.donor, c.recipient, c.value_usd) == ("United States", "Ukraine", 800_000_000)
    text = "The United States announced an additional $800 million in security assistance."
    assert [c.recipient for c in commitments(pipeline, text)] == [None]


def test_a_date_belongs_to_its_own_clause(pipeline: Pipeline) -> None:
    text = (
        "While I have nothing to announce today, I would remind you that we announced "
        "more than $60 million in security assistance for Ukraine earlier this year."
    )
    [c] = commitments(pipeline, text, url=WH)
    assert c.value_usd == 60_000_000
    # "earlier this year": the year, which says which package of that amount it was
    assert c.date == PUBLISHED[:4]
    assert c.date_expression is not None and c.date_expression.text == "earlier this year"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # the verb that reports the commitment dates it
        ("Last week, the Pentagon said that it is sending another $450 million in security "
         "assistance to Ukraine.", "2024-W11"),
        # a date in a clause joined to it dates that clause
        ("Last week, the United States announced that it is giving $450 million in security "
         "assistance to Ukraine, and in January 2018 the then-President had announced a ban.",
         "2024-W11"),
        ("The United States announced $450 million in security assistance for Ukraine, and in "
         "January 2018 the then-President had announced a ban.", None),
        # a date that names another noun ("the 1994 agreement") dates no commitment
        ("The United States sent tanks to Ukraine under the 1994 agreement.", None),
        # a clause on the trigger, or a modifier of a noun the trigger hangs on, dates it
        ("There is a new $550 million security assistance package for Ukraine that the "
         "administration will authorize on March 22.", "2024-03-22"),
        ("President Biden underscored U.S. readiness to continue delivering security "
         "assistance to Ukraine, including today's announcement of an additional $375 million "
         "in ammunition and equipment.", PUBLISHED),
    ],
)  # fmt: skip
def test_a_date_dates_the_clause_it_hangs_on(
    pipeline: Pipeline, text: str, date: str | None
) -> None:
    # the last commitment to Ukraine: the one with the amount, where there is one
    c = [c for c in commitments(pipeline, text, url=WH) if c.recipient == "Ukraine"][-1]
    assert c.date == date


def test_a_superlative_to_date_is_no_running_total(pipeline: Pipeline) -> None:
    # "to date" closes "our biggest tranche": the largest yet, one package; a short
    # adverbial of the verb may stand before the colon that opens the amount; "I am
    # proud to announce" is the present of its "be", so the day of publication
    text = (
        "I am proud to announce our biggest tranche of security assistance to date: "
        "approximately $2.98 billion of weapons and equipment for Ukraine."
    )
    [c] = commitments(pipeline, text, url=WH)
    assert (c.donor, c.recipient, c.value_usd, c.date) == (
        "United States",
        "Ukraine",
        2_980_000_000,
        PUBLISHED,
    )
    # without the superlative, "to date" is a sum
    text = "We have provided $6 billion in security assistance to Ukraine to date."
    assert commitments(pipeline, text, url=WH) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("We are pleased to announce $300 million in security assistance for Ukraine.",
         PUBLISHED),
        ("We were pleased to announce $300 million in security assistance for Ukraine.", None),
    ],
)  # fmt: skip
def test_an_infinitive_after_an_adjective_has_the_tense_of_its_be(
    pipeline: Pipeline, text: str, date: str | None
) -> None:
    [c] = commitments(pipeline, text, url=WH)
    assert (c.value_usd, c.date) == (300_000_000, date)


def test_an_announcement_by_someone_to_send_is_theirs(pipeline: Pipeline) -> None:
    # on a government's site: the announcer named by "by", not the publisher; the
    # noun's status ("an announcement to send": announced; "an offer": proposed)
    text = (
        "We also wanted to welcome an important announcement by our German allies today to "
        "send Ukraine some 50 Cheetah anti-aircraft systems."
    )
    [c] = commitments(pipeline, text, url=WH)
    assert (c.donor, c.recipient, c.quantity, c.status) == ("Germany", "Ukraine", 50, "announced")
    [offer] = commitments(pipeline, "Poland made an offer to send MiG-29 jets to Ukraine.")
    assert (offer.donor, offer.item, offer.status) == ("Poland", "MiG-29", "proposed")


@pytest.mark.parametrize(
    "text",
    [
        # "no" on the noun the giving hangs on
        "The President has no plans to send troops to fight a war with Russia.",
        "There is no intention or desire by the President to send troops to Ukraine.",
        # packages counted, and rough counts in the perfect: tallies
        "We’ve done 47 presidential drawdown packages.",
        "More than 50 nations have committed nearly 2,000 tanks and more than 800 "
        "artillery systems to Ukraine.",
        "Together with our allies, we have sent more than 3,000 armored vehicles to Ukraine.",
        "Soon after, he authorized two military aid packages under the drawdown authority.",
    ],
)
def test_no_plans_and_tallies_are_no_commitments(pipeline: Pipeline, text: str) -> None:
    assert commitments(pipeline, text, url=WH) == []


def test_an_exact_count_in_the_perfect_is_a_delivery(pipeline: Pipeline) -> None:
    [c] = commitments(pipeline, "Germany has sent 18 Leopard tanks to Ukraine.")
    assert (c.donor, c.item, c.quantity, c.status) == ("Germany", "Leopard 2", 18, "delivered")
    [new] = commitments(pipeline, "Today we have sent more than 30 tanks to Ukraine.", url=WH)
    assert (new.item, new.quantity) == ("tanks", 30)


@pytest.mark.parametrize(
    "text",
    [
        "I just signed another $200 million drawdown for Ukraine.",
        # the perfect with "just" is new, not a sum
        "We've just announced $200 million in security assistance for Ukraine.",
    ],
)
def test_just_is_recent_but_no_day(pipeline: Pipeline, text: str) -> None:
    [c] = commitments(pipeline, text, url=WH)
    assert (c.value_usd, c.date) == (200_000_000, None)


def test_a_demonym_names_its_country_as_the_giver(pipeline: Pipeline) -> None:
    [c] = commitments(pipeline, "Russia fired Iranian-made drones at Kyiv.")
    assert (c.donor, c.recipient, c.item) == ("Iran", "Russia", "drones")


def test_a_number_of_something_else_is_not_a_quantity(pipeline: Pipeline) -> None:
    text = "Ministers from 30 countries met in Germany to rally more artillery for Ukraine."
    assert all(c.quantity is None for c in commitments(pipeline, text))


def test_supplies_someone_holds_are_a_stock(pipeline: Pipeline) -> None:
    text = "Kyiv is short of shells. Their munitions supplies are running low."
    assert commitments(pipeline, text) == []


def test_a_part_of_a_month_dates_the_commitment_with_its_modifier(pipeline: Pipeline) -> None:
    text = (
        "And late last month, the Department of Defense announced a $6 billion package "
        "for Ukraine through the Ukraine Security Assistance Initiative."
    )
    [c] = commitments(pipeline, text, "2024-05-17")
    assert (c.donor, c.value_usd, c.date, c.date_mod) == (
        "United States",
        6_000_000_000,
        "2024-04",
        "END",
    )
    assert c.date_expression is not None and c.date_expression.text == "late last month"
    assert c.to_dict()["date_mod"] == "END"
    [plain] = commitments(pipeline, text.replace("late last month", "last month"), "2024-05-17")
    assert (plain.date, plain.date_mod) == ("2024-04", None)


def test_supplying_someone_with_something_makes_them_the_recipient(pipeline: Pipeline) -> None:
    [c] = commitments(pipeline, "Germany supplied Ukraine with 50 Gepard tanks.")
    assert (c.donor, c.recipient, c.quantity) == ("Germany", "Ukraine", 50)
    [c] = commitments(
        pipeline,
        "We will provide Ukraine with five strategic air defense systems.",
        url="https://www.whitehouse.gov/briefing-room/x",
    )
    assert (c.donor, c.recipient, c.item_class) == ("United States", "Ukraine", "air defence")


def test_a_transfer_from_a_country_is_that_countrys(pipeline: Pipeline) -> None:
    text = "We condemn the unlawful arms transfers from North Korea to Russia."
    [c] = commitments(pipeline, text, url="https://www.whitehouse.gov/briefing-room/x")
    # not the publishing government's, though it speaks
    assert c.donor == "North Korea"


def test_the_name_before_a_gerund_is_its_subject(pipeline: Pipeline) -> None:
    text = (
        "It came within 24 hours of the United States announcing the single largest "
        "transfer of weapons since the beginning of the conflict — more than $3 billion."
    )
    [c] = commitments(pipeline, text, "2023-01-09")
    assert (c.donor, c.value_usd) == ("United States", 3e9)


def test_a_shipment_from_a_group_that_is_no_country_names_no_giver(pipeline: Pipeline) -> None:
    text = "We are seeing shipments of security assistance from our Allies and partners to Ukraine."
    assert all(c.donor not in ("Allies", "Allied") for c in commitments(pipeline, text))
    [c] = commitments(pipeline, "We saw at least one arms shipment from the Israelis.")
    assert c.donor == "Israel"


def test_what_was_sent_named_with_its_country_is_that_countrys(pipeline: Pipeline) -> None:
    [c] = commitments(pipeline, "Iranian drones were delivered to Russia.")
    assert (c.donor, c.recipient) == ("Iran", "Russia")
    text = (
        "In October, we announced that more than 1,000 North Korean troops were deployed "
        "to Russia on a purported training mission."
    )
    [c] = commitments(pipeline, text, url="https://www.whitehouse.gov/briefing-room/x")
    assert c.donor == "North Korea"  # not the government that announced it


def test_the_subject_of_a_passive_given_something_is_the_recipient(pipeline: Pipeline) -> None:
    [c] = commitments(pipeline, "Ukrainian forces were given 50 tanks by Germany.")
    assert (c.donor, c.recipient, c.quantity) == ("Germany", "Ukraine", 50)


def test_a_speaker_of_the_transcript_named_by_first_name_speaks_for_their_government(
    pipeline: Pipeline,
) -> None:
    text = (
        "Press Briefing by Press Secretary Karine Jean-Pierre and John Kirby\n\n"
        "MS. JEAN-PIERRE:  Good afternoon, everybody.\n\n"
        "Q    Karine, is there more aid coming?\n\n"
        "MS. JEAN-PIERRE:  I'll let the Admiral take that.\n\n"
        "MR. KIRBY:  Just last week, Karine announced $400 million in security assistance "
        "to Ukraine.\n"
    )
    [c] = commitments(pipeline, text, published="2022-11-10", url=WH)
    assert (c.donor, c.recipient, c.value_usd, c.donor_inferred) == (
        "United States",
        "Ukraine",
        400_000_000,
        False,
    )


@pytest.mark.parametrize(
    "text",
    [
        # a pseudo-cleft: the clause before "was" says who gives
        "What the President announced today was an additional $800 million in security "
        "assistance to Ukraine.",
        # a relative clause on the amount
        "Kyiv welcomed the $300 million in security assistance that the United States "
        "announced to Ukraine on Friday.",
    ],
)
def test_the_clause_on_an_amount_of_aid_names_its_giver(pipeline: Pipeline, text: str) -> None:
    found = [(c.donor, c.recipient) for c in commitments(pipeline, text, url=WH) if c.value_usd]
    assert found == [("United States", "Ukraine")]


def test_the_clause_on_an_amount_of_aid_says_how_far_it_has_gone(pipeline: Pipeline) -> None:
    text = "Ukraine awaits the $60 billion in security assistance that Congress is considering."
    [c] = commitments(pipeline, text)
    assert (c.donor, c.value_usd, c.status) == ("United States", 60e9, "proposed")


def test_he_continues_the_subject_of_the_sentences_before(pipeline: Pipeline) -> None:
    text = (
        "President Biden spoke today with President Zelenskyy of Ukraine. He congratulated "
        "Ukraine on its Independence Day. He announced $775 million in security "
        "assistance to Ukraine."
    )
    [c] = commitments(pipeline, text, published="2022-08-24")
    assert (c.donor, c.recipient, c.value_usd) == ("United States", "Ukraine", 775_000_000)


def test_a_giving_verb_that_gives_an_account_gives_no_aid(pipeline: Pipeline) -> None:
    text = (
        "The Secretary provided an update on the provision of security assistance to "
        "Ukraine, including the $3 billion announced yesterday."
    )
    found = commitments(pipeline, text)
    assert "provided" not in [c.trigger.text for c in found if c.trigger]
    assert all(c.status != "delivered" for c in found)


@pytest.mark.parametrize(
    ("text", "donor"),
    [
        ("Ukraine received 31 Abrams tanks from the United States.", "United States"),
        ("Ukraine has received hundreds of air defense missiles.", "West"),
    ],
)
def test_the_subject_of_receive_receives(pipeline: Pipeline, text: str, donor: str) -> None:
    [c] = commitments(pipeline, text)
    assert (c.donor, c.recipient, c.status) == (donor, "Ukraine", "delivered")


def test_what_a_package_provides_is_given_by_who_gives_the_package(pipeline: Pipeline) -> None:
    text = (
        "Today the President approved a new security assistance package for Ukraine that "
        "will provide them with additional drones."
    )
    drones = [c for c in commitments(pipeline, text, url=WH) if c.item == "drones"]
    assert [(c.donor, c.recipient, c.donor_inferred) for c in drones] == [
        ("United States", "Ukraine", False)
    ]


def test_it_is_a_package_names_no_giver(pipeline: Pipeline) -> None:
    """ "It is" says what the package is, not who gives it: in a government's release,
    that government."""
    text = "It is a $700 million package of weapons for Ukraine."
    [c] = commitments(pipeline, text, url=WH)
    assert (c.donor, c.recipient, c.value_usd, c.donor_inferred) == (
        "United States",
        "Ukraine",
        700e6,
        False,
    )


@pytest.mark.parametrize(
    ("text", "recipient"),
    [
        (
            "We will continue to support the Ukrainian people and provide them with security "
            "assistance as they resist Russia's invasion.",
            "Ukraine",
        ),
        (
            "Russia keeps buying oil. We met the Saudis last week. We are giving them weapons.",
            "Saudi Arabia",
        ),
    ],
)
def test_they_may_stand_for_a_people_named_in_the_plural(
    pipeline: Pipeline, text: str, recipient: str
) -> None:
    [c] = commitments(pipeline, text, url=WH)
    assert (c.donor, c.recipient) == ("United States", recipient)


def test_a_receiver_pronoun_skips_an_organisation_of_no_known_country(
    pipeline: Pipeline,
) -> None:
    text = (
        "Ukraine's soldiers fought well, the Kiel Institute said. "
        "We have given them more security assistance than any other country."
    )
    [c] = commitments(pipeline, text, url=WH)
    assert (c.donor, c.recipient) == ("United States", "Ukraine")


def test_a_phrase_after_the_receiver_names_no_receiver(pipeline: Pipeline) -> None:
    text = (
        "Ukraine needs help. We announced a weapons package to strengthen their air "
        "defenses against Russian attacks."
    )
    [c] = commitments(pipeline, text, url=WH)
    assert (c.donor, c.item) == ("United States", "weapons")
    assert c.recipient != "Russia"
    # "of" belongs to the receiver
    text = "We announced a security assistance package to help the people of Ukraine."
    [c] = commitments(pipeline, text, url=WH)
    assert c.recipient == "Ukraine"


def test_a_ratio_before_the_verb_is_neither_receiver_nor_item(pipeline: Pipeline) -> None:
    text = (
        "For every Russian armored vehicle in Ukraine, the United States will have provided "
        "about three anti-armor systems."
    )
    [c] = commitments(pipeline, text, url=WH)
    # three for each vehicle is a ratio, not how many were sent
    assert (c.donor, c.item, c.quantity) == ("United States", "anti-tank weapons", None)
    assert c.recipient != "Russia"


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            "The United States has provided 10 anti-armor systems for every Russian tank "
            "that is in Ukraine.",
            [("anti-tank weapons", None)],
        ),
        ("We will send 500 rounds for each howitzer to Ukraine.", [("ammunition", None)]),
        (
            "We will send 500 rounds and 4 howitzers to Ukraine.",
            [("ammunition", 500), ("howitzers", 4)],
        ),
    ],
)
def test_a_ratio_after_the_object_names_neither_item_nor_quantity(
    pipeline: Pipeline, text: str, items: list[tuple[str, float | None]]
) -> None:
    assert [(c.item, c.quantity) for c in commitments(pipeline, text, url=WH)] == items


def test_a_city_stands_for_its_country(pipeline: Pipeline) -> None:
    text = "The President authorized a package to send more urgently needed weapons to Kharkiv."
    [c] = commitments(pipeline, text, url=WH)
    assert (c.donor, c.recipient) == ("United States", "Ukraine")
    [c] = commitments(pipeline, "Moscow sent more troops to Belarus.")
    assert (c.donor, c.recipient, c.item) == ("Russia", "Belarus", "troops")


def test_an_infinitive_on_the_object_has_the_governing_verbs_status_and_day(
    pipeline: Pipeline,
) -> None:
    text = "Last week the President announced a new package to provide Ukraine with drones."
    [c] = commitments(pipeline, text, url=WH)
    assert summary([c]) == [("United States", "Ukraine", "drones", None, "announced")]
    assert c.date == "2024-W11"
    text = "On Monday, the President authorized a package to send more weapons to Ukraine."
    found = commitments(pipeline, text, url=WH)
    assert {(c.status, c.date) for c in found} == {("authorised", "2024-03-18")}


def test_what_something_includes_names_no_giver(pipeline: Pipeline) -> None:
    text = (
        "The Administration is delivering security assistance to the region. It also "
        "includes $650 million in military assistance to Ukraine."
    )
    found = [c for c in commitments(pipeline, text, url=WH) if c.value_usd]
    assert [(c.donor, c.donor_inferred, c.value_usd) for c in found] == [
        ("United States", False, 650_000_000)
    ]
    # in a text no government publishes, the giver stays unnamed
    found = [c for c in commitments(pipeline, text) if c.value_usd]
    assert [(c.donor, c.donor_inferred) for c in found] == [("West", True)]


def test_it_in_a_clause_on_an_announcement_is_the_announcer(pipeline: Pipeline) -> None:
    text = (
        "The United States welcomes Australia's recent announcement that it will provide "
        "an additional $13 million in military assistance to Ukraine."
    )
    [c] = commitments(pipeline, text, url=WH)
    assert (c.donor, c.recipient, c.value_usd) == ("Australia", "Ukraine", 13_000_000)


def test_an_amount_shared_with_other_receivers_is_not_the_recipients(pipeline: Pipeline) -> None:
    text = (
        "The United States will provide $650 million in military assistance to Ukraine, "
        "eastern flank countries, and other partners in the region."
    )
    [c] = commitments(pipeline, text)
    assert (c.donor, c.recipient, c.item_class, c.value_usd) == (
        "United States",
        "Ukraine",
        "military aid",
        None,
    )
    # a line break inside the list makes the parser join "countries" to the amount, not
    # to "Ukraine": the list is still shared
    text = (
        "It also includes $650 million in military assistance to Ukraine,\neastern flank "
        "countries, and other partners in the region, as well as\nhundreds of millions "
        "of dollars in food, shelter, and other humanitarian\naid to help Ukrainians."
    )
    found = [c for c in commitments(pipeline, text, url=WH) if c.recipient == "Ukraine"]
    assert found and all(c.value_usd is None for c in found)
    # the receiver again, by another name, shares nothing
    text = "The United States announced $400 million in aid to Ukraine and the Ukrainian people."
    [c] = commitments(pipeline, text)
    assert (c.recipient, c.value_usd) == ("Ukraine", 400_000_000)


@pytest.mark.parametrize(
    "text",
    [
        "At the same time, the Administration is delivering security assistance to Ukraine.",
        "Today, the Departments of State and Defense announced a new package of weapons "
        "and equipment for Ukraine.",
    ],
)
def test_the_publishers_own_offices_give_for_its_government(pipeline: Pipeline, text: str) -> None:
    [c] = commitments(pipeline, text, url=WH)
    assert (c.donor, c.recipient) == ("United States", "Ukraine")


def test_a_ministry_of_a_named_country_gives_for_that_country(pipeline: Pipeline) -> None:
    [c] = commitments(pipeline, "The Ministry of Defence of Poland sent tanks to Ukraine.", url=WH)
    assert (c.donor, c.recipient) == ("Poland", "Ukraine")


def test_one_allowed_to_obtain_weapons_receives_only_as_a_country(pipeline: Pipeline) -> None:
    text = (
        "The administration closed the loophole that allowed the Columbine shooters to "
        "obtain their weapons."
    )
    assert all(c.recipient is None for c in commitments(pipeline, text, url=WH))
    [c] = commitments(pipeline, "The President allowed Ukraine to use ATACMS.", url=WH)
    assert c.recipient == "Ukraine"


def test_receivers_named_but_of_no_country_receive_nothing(pipeline: Pipeline) -> None:
    text = (
        "The decision supports Ukraine, while still ensuring other partners receive the "
        "air defense missiles they ordered."
    )
    assert commitments(pipeline, text) == []
    [c] = commitments(pipeline, "Ukrainian forces will receive 31 Abrams tanks.")
    assert (c.recipient, c.item) == ("Ukraine", "M1 Abrams")


def test_a_request_stays_a_request_inside_another_clause(pipeline: Pipeline) -> None:
    text = (
        "President Zelenskyy asked for additional air defense systems, President Macron "
        "agreed to work with him."
    )
    [c] = commitments(pipeline, text)
    assert (c.recipient, c.item, c.status) == ("Ukraine", "air defence", "requested")
    assert c.trigger is not None and c.trigger.text == "asked"


def test_it_continues_the_country_the_sentence_before_had_for_subject(
    pipeline: Pipeline,
) -> None:
    text = (
        "Germany has been a critical partner. It has been the second largest provider of "
        "aid and has provided a number of tanks."
    )
    assert {c.donor for c in commitments(pipeline, text)} == {"Germany"}
    text = "Talks with Germany ended. It has provided tanks to Ukraine."
    assert "Germany" not in {c.donor for c in commitments(pipeline, text)}


def test_another_word_for_a_people_names_its_country(pipeline: Pipeline) -> None:
    [c] = commitments(pipeline, "The Brits have sent Storm Shadow missiles to Ukraine.")
    assert (c.donor, c.recipient, c.item) == ("United Kingdom", "Ukraine", "Storm Shadow")


def test_a_followed_recipient_before_an_aid_noun_is_aided_not_giving(pipeline: Pipeline) -> None:
    text = "Thank you for joining the call this evening on Ukraine security assistance."
    assert [c.donor for c in commitments(pipeline, text)] == []
    [c] = commitments(pipeline, "U.S. security assistance to Ukraine arrived in May.")
    assert (c.donor, c.recipient) == ("United States", "Ukraine")


def test_an_infinitive_hung_on_the_verb_tells_the_announcement_before_it(
    pipeline: Pipeline,
) -> None:
    text = (
        "We welcome an announcement by our German allies today to send Ukraine 50 Cheetah "
        "anti-aircraft systems, and we will keep providing Ukraine the weapons it needs."
    )
    sent = [
        c for c in commitments(pipeline, text, url=WH) if c.trigger and c.trigger.text == "send"
    ]
    assert [(c.donor, c.status) for c in sent] == [("Germany", "announced")]


def test_the_recipient_of_a_giving_verb_in_what_is_announced(pipeline: Pipeline) -> None:
    text = "Poland announced today plans to send a company of Leopard tanks to Ukraine."
    assert [(c.donor, c.recipient) for c in commitments(pipeline, text)] == [("Poland", "Ukraine")]
    text = "Poland announced that its president would travel to Romania and send more tanks."
    assert all(c.recipient != "Romania" for c in commitments(pipeline, text))


def test_letting_someone_speak_of_aid_gives_nothing(pipeline: Pipeline) -> None:
    text = (
        "I'll let President Yoon speak to his comments and to whatever aid and assistance "
        "South Korea might provide."
    )
    assert commitments(pipeline, text, url=WH) == []
