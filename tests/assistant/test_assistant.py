"""The assistant end to end: real embedding model, real Chroma store, the shipped corpus."""

from __future__ import annotations

import json

import pytest

from assistant import Assistant, InvalidQuestion, UnknownArticle

pytestmark = pytest.mark.slow

# Questions of every kind, written for this test (not the eval set), to check
# the one guarantee that holds for any question: quotes are verbatim at their offsets.
QUESTIONS = [
    "How many immigrants had been placed in deportation proceedings?",
    "What did the ACLU letter urge Sheriff Mims to do?",
    "How many organizations signed the letter?",
    "Who is Jose Correa?",
    "What is the TRUST Act?",
    "What did ICE say about cooperation with local law enforcement?",
    "What happened in San Francisco?",
    "What did the sheriff say about the ACLU report?",
    "When was SB 54 signed?",
    "Which counties let ICE agents into their jails?",
    "What did Zack Taylor say?",
    "What are detainers?",
    "What charges did deported people face?",
    "Why did activists protest?",
    "What is the capital of France?",
    "ice",
    "Fresno",
    "2015",
    "?!",
    "Tell me everything about everything",
]


def test_ask__answers_134_with_a_citation_to_the_fresno_bee_letter_article(bot):
    answer = bot.ask("How many immigrants had been placed in deportation proceedings?")
    assert not answer.abstained
    assert "134" in answer.text
    first = answer.citations[0]
    assert first.article_id == "fresno-bee-aclu-letter-2015"
    assert first.outlet == "The Fresno Bee"
    assert "134 immigrants in deportation proceedings" in first.quote
    assert answer.text.startswith(first.quote) and "[1]" in answer.text


def test_ask__off_topic_question_abstains_without_citations(bot):
    answer = bot.ask("What is the capital of France?")
    assert answer.abstained
    assert answer.citations == ()
    assert "does not say" in answer.text
    # Confidence is the probability that the reply is right: here, that the articles do not say.
    assert answer.confidence > 0.5


@pytest.mark.parametrize("question", QUESTIONS)
def test_ask__every_quote_is_the_article_text_at_its_offsets(bot, question):
    answer = bot.ask(question)
    assert 0.0 <= answer.confidence <= 1.0
    for citation in answer.citations:
        article = bot.article(citation.article_id)
        assert article.text[citation.start : citation.end] == citation.quote
        assert f"{citation.quote} [{citation.number}]" in answer.text
        assert (citation.title, citation.outlet, citation.date) == (article.title, article.outlet, article.date)
    if answer.abstained:
        assert answer.citations == ()
    else:
        assert answer.citations


def test_ask__follow_up_is_answered_from_the_same_letter(bot):
    first = bot.ask("What did the ACLU letter urge Sheriff Mims to do?")
    assert first.citations[0].article_id == "fresno-bee-aclu-letter-2015"
    follow = bot.ask("By when did they want her to answer?", history=[first])
    assert not follow.abstained
    assert "Dec. 1" in follow.text
    assert {c.article_id for c in follow.citations} == {"fresno-bee-aclu-letter-2015"}


def test_ask__a_quotation_is_quoted_whole_with_who_said_it(bot):
    answer = bot.ask("What did Correa say ICE screens for?")
    assert not answer.abstained
    quote = answer.citations[0].quote
    # The quotation runs over two sentences; the answer holds both and the speaker.
    assert "Jose Correa said" in quote
    assert "public safety risk if released" in quote


def test_ask__a_question_naming_two_outlets_is_answered_from_each(bot):
    answer = bot.ask("What do KSEE and Breitbart Texas report about detainers or transfers to ICE?")
    assert not answer.abstained
    # Both named articles, and only they: not a third article that also speaks of detainers.
    assert {c.article_id for c in answer.citations} == {"ksee-aclu-report-2022", "breitbart-alameda-detainers-2014"}


def test_ask__the_years_that_name_two_stories_are_no_facts_their_sentences_must_hold(bot):
    # The KSEE sentence on the sanctuary state bill gives 2017, not 2019 or 2022: no rival year to them.
    answer = bot.ask("What do the 2019 Declined Detainer story and the 2022 KSEE story say about sanctuary laws?")
    assert {c.article_id for c in answer.citations} == {"ice-declined-detainer-report-2019", "ksee-aclu-report-2022"}
    assert any("SB 54" in c.quote for c in answer.citations)


def test_ask__a_question_after_a_clause_that_sets_the_scene_is_read_from_its_own_question_word(bot):
    # "When ..., what ...?" asks what, not when.
    answer = bot.ask("When agents screen inmates at the jail, what does Correa say they look for?")
    assert not answer.abstained
    assert any("public safety risk" in c.quote for c in answer.citations)


def test_ask__a_place_need_not_have_a_name(bot):
    answer = bot.ask("Before the program, where did ICE take the people it picked up?")
    assert not answer.abstained
    assert "immigration detention facility" in answer.citations[0].quote


def test_ask__the_sheriff_is_known_by_her_name_when_her_words_are_asked_for(bot):
    answer = bot.ask("What has the sheriff said about how the program affects immigrants who report crimes?")
    assert not answer.abstained
    assert "Mims has said" in answer.citations[0].quote


def test_ask__a_question_naming_one_outlet_is_answered_from_it(bot):
    answer = bot.ask("What does the Fresno Bee say the ACLU called the program?")
    assert not answer.abstained
    assert answer.citations[0].article_id == "fresno-bee-aclu-letter-2015"


def test_ask__a_why_question_about_an_event_no_article_reports_abstains(bot):
    # The corpus says the bill was signed; nothing says anyone vetoed it.
    assert bot.ask("Why did Governor Jerry Brown veto the sanctuary state bill?").abstained
    assert not bot.ask("When did Governor Jerry Brown sign the sanctuary state bill?").abstained


def test_ask__a_follow_up_about_him_is_answered_from_the_quote_that_named_him(bot):
    first = bot.ask("What did Matthew Albence say about the Declined Detainer report?")
    follow = bot.ask("To which network did he say it?", history=[first])
    assert not follow.abstained
    assert "Fox News" in follow.citations[0].quote


def test_ask__a_persons_words_are_quoted_from_them_not_from_the_report_they_answer(bot):
    answer = bot.ask("What did Mims say about the ACLU report's authors?")
    assert not answer.abstained
    first = answer.citations[0].quote
    assert "authors of the report" in first
    assert "Mims" in first


def test_ask__a_name_asked_for_by_office_is_one_the_corpus_gives_that_office_or_none(bot):
    # The Alameda article speaks of the sheriff's office and of a coalition, but names no sheriff.
    assert bot.ask("What is the name of the Alameda County sheriff?").abstained
    answer = bot.ask("What is the name of the Fresno County sheriff?")
    assert not answer.abstained
    assert "Mims" in answer.text


@pytest.mark.parametrize(
    "question",
    ["How many organizations signed the letter?", "What did Zack Taylor say?", "When was SB 54 signed?"],
)
def test_retrieve__the_passage_the_answer_quotes_comes_first(bot, question):
    quoted = bot.ask(question).citations[0]
    top = bot.retrieve(question)[0]
    assert top.article_id == quoted.article_id
    assert top.start < quoted.end and quoted.start < top.end


def test_retrieve__gives_as_many_passages_as_asked_for(bot):
    assert len(bot.retrieve("How many organizations signed the letter?", k=20)) == 20


def test_to_dict__is_json_ready_with_the_same_fields(bot):
    answer = bot.ask("How many organizations signed the letter?")
    data = json.loads(json.dumps(answer.to_dict()))
    assert set(data) == {"question", "text", "abstained", "confidence", "citations", "reader", "notice"}
    assert data["citations"][0]["quote"] == answer.citations[0].quote


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ("", "The question is empty"),
        ("   \n\t ", "The question is empty"),
        ("x" * 100_000, "100,000 characters long; the limit is 2,000"),
        (None, "A question must be text"),
    ],
)
def test_ask__bad_questions_get_a_clear_error(bot, question, message):
    with pytest.raises(InvalidQuestion, match=message):
        bot.ask(question)


def test_article__unknown_id_says_where_to_look(bot):
    with pytest.raises(UnknownArticle, match="Assistant.articles"):
        bot.article("nope")


def test_from_corpus__reopening_an_unchanged_corpus_embeds_nothing(bot, corpus_dir):
    again = Assistant.from_corpus(corpus_dir, index_dir=bot.catalog.settings.index_dir)
    assert not again.last_sync.changed
    assert again.last_sync.unchanged == 5
