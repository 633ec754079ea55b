"""Pure parts of the answerer: sentences, question reading, answer values."""

from __future__ import annotations

import pytest

import assistant
from assistant.answering import attributed, conflicts
from assistant.answers import Answer, Citation
from assistant.evidence import fits_answer_type, is_heading, score_sentence
from assistant.questions import analyze
from assistant.sentences import split_sentences
from assistant.sources import Sources
from index.articles import Article
from index.terms import tokens


def _sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He left. She stayed.", ["He left.", "She stayed."]),
        ("They asked Mims to respond by Dec. 1. The letter says so.", ["They asked Mims to respond by Dec. 1.", "The letter says so."]),
        ("FRESNO, Calif. (KFSN) -- A plan. Next.", ["FRESNO, Calif. (KFSN) -- A plan.", "Next."]),
        ('He said, "No." Then he left.', ['He said, "No."', "Then he left."]),
        ("Line one\nLine two.", ["Line one", "Line two."]),
        ("What the laws say. Fresno County Sheriff Margaret Mims", ["What the laws say. Fresno County Sheriff Margaret Mims"]),
        ("in the U.S. illegally. Now more.", ["in the U.S. illegally.", "Now more."]),
    ],
)
def test_split_sentences__cuts_at_sentence_ends_not_abbreviations(text, expected):
    assert _sentences(text) == expected


def test_split_sentences__very_long_unpunctuated_text_is_cut_into_pieces_within_the_text():
    text = "word " * 1000
    spans = split_sentences(text)
    assert len(spans) > 1
    assert all(0 < s.end - s.start <= 600 for s in spans)
    assert all(text[s.start : s.end].strip() == text[s.start : s.end] for s in spans)


@pytest.mark.parametrize(
    ("question", "answer_type"),
    [
        ("How many immigrants were placed in deportation proceedings?", "number"),
        ("By when did they want her to answer?", "date"),
        ("In what year was SB 54 signed?", "date"),
        ("Who called the program misguided?", "person"),
        ("Where are the agents stationed?", "place"),
        ("What happened to the people who were not deported?", "other"),
        ("And what does it say happens when a jurisdiction ignores detainers?", "other"),
        ("Which organizations signed the letter?", "person"),
        ("What did Sheriff Mims say about it?", "other"),
        ("Which California jurisdictions refused?", "place"),
        ("Do the two reports agree on how many agents there are?", "number"),
        ("How did the count of arrests change?", "number"),
        ("When agents screen inmates, what are they looking for?", "other"),
        ("When the ACLU wrote, who answered?", "person"),
        ("When did Sheriff Cole, who took office in 2007, let agents in?", "date"),
        ("In what year did the governor, who had vetoed it, sign the bill?", "date"),
        ("For how long has the county, which runs the jail, held detainees?", "number"),
        ("How long before the article was the memo released?", "date"),
        ("How long ago did it start?", "date"),
        ("How long after the raid were they released?", "number"),
        ("How long did the program last?", "number"),
        ("On what exact date was the ruling issued?", "date"),
        ("What did day laborers say?", "other"),
    ],
)
def test_analyze__answer_type_comes_from_the_question_word_not_a_relative_clause(question, answer_type):
    assert analyze(question).answer_type == answer_type


@pytest.mark.parametrize(
    ("question", "wants_name"),
    [
        ("Which judge ordered the agents out?", True),
        ("What is the name of the county sheriff?", True),
        ("Who called the program misguided?", False),
        ("How many agents are there?", False),
    ],
)
def test_analyze__a_question_asking_which_person_or_group_wants_a_name(question, wants_name):
    assert analyze(question).wants_name is wants_name


@pytest.mark.parametrize(
    ("question", "presupposed"),
    [
        ("Why did Governor Jerry Brown veto SB 54?", "veto"),
        ("When did the ACLU sue Fresno County?", "sue"),
        ("Why does Mims argue that the arrests are independent?", None),  # a reporting verb
        ("What did the governor veto?", None),
        ("By when did they want her to answer?", None),
    ],
)
def test_analyze__why_and_when_did_questions_take_their_event_as_given(question, presupposed):
    assert analyze(question).presupposed == presupposed


def test_analyze__salient_words_are_names_acronyms_and_figures():
    q = analyze("Which organization was the 19th to sign the ACLU letter to Sheriff Mims?")
    assert q.salient == ("19", "aclu", "sheriff", "mims")


@pytest.mark.parametrize(
    ("question", "refers_back"),
    [
        ("By when did they want her to answer?", True),
        ("And how long was it?", True),
        ("How many organizations signed the ACLU letter to Sheriff Mims?", False),
    ],
)
def test_analyze__follow_up_questions_are_recognised(question, refers_back):
    assert analyze(question).refers_back is refers_back


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("How many inmates does the Kern County jail book?", "It books 100 inmates in Fresno County Jail.", True),
        ("How many inmates does the Kern County jail book?", "Kern County books 5 a day.", False),
        ("How many were released in 2014?", "36,000 were released in 2013.", True),
        ("How many were released in 2013?", "36,000 were released in 2013.", False),
        ("How many were released in 2014?", "Thousands were released.", False),
    ],
)
def test_conflicts__same_kind_of_fact_for_something_else(question, sentence, expected):
    assert conflicts(analyze(question), sentence) is expected


@pytest.mark.parametrize(
    ("answer_type", "sentence", "fits"),
    [
        ("number", "Eighteen organizations signed the letter.", 1),
        ("number", "The process takes about an hour per person.", 1),
        ("number", "It was signed into law in 2017.", -1),
        ("date", "They asked Mims to respond by Dec. 1.", 1),
        ("date", "The ACLU called the program misguided.", -1),
        ("date", "They were released three days later.", 1),
        ("number", "Fresno was one of the first counties to do it.", -1),
        ("number", "It began on June 22.", -1),
        ("number", "date 2022-02-09 FRESNO, Calif. -- A report was released.", -1),
        ("number", "It violates SB 54, the state law.", -1),
        ("number", "Under Section 8 the county must act.", -1),
        ("other", "Anything at all.", 0),
    ],
)
def test_fits_answer_type(answer_type, sentence, fits):
    assert fits_answer_type(answer_type, sentence) == fits


@pytest.mark.parametrize(
    ("answer_type", "question", "sentence", "fits"),
    [
        ("number", "How many agents work in the jail in 2015?", "In 2015 agents worked there.", -1),
        ("number", "How many agents work in the jail in 2015?", "In 2015 two agents worked there.", 1),
        ("person", "Who runs the Alameda County jail?", "The Alameda County jail is large.", -1),
        ("person", "Who runs the Alameda County jail?", "Sheriff Greg Ahern runs it.", 1),
        ("date", "When was the 2015 letter answered?", "The letter was sent in 2015.", -1),
        ("person", "Which ICE official spoke?", "As Immigration and Customs Enforcement (ICE) began, it spoke.", -1),
        ("person", "Who wrote the report?", "“The Report highlights cases,” it said.", -1),
        ("person", "Who spoke at the meeting?", "The speaker was Ann Taylor, a lawyer.", 1),
        ("place", "Where were they taken?", "They were taken to an immigration detention facility.", 1),
        ("place", "Where is the jail?", "The jail is full.", -1),
        ("place", "Where are the jails?", "The jail is full.", -1),
        ("place", "Where were they taken?", "They were taken away quickly.", -1),
    ],
)
def test_fits_answer_type__what_the_question_already_says_is_no_answer(answer_type, question, sentence, fits):
    asked = frozenset(tokens(question))
    assert fits_answer_type(answer_type, sentence, asked) == fits


@pytest.mark.parametrize(
    ("question", "office"),
    [
        ("What is the name of the Alameda County sheriff?", "sheriff"),
        ("Which judge ordered the county to stop?", "judge"),
        ("Which ICE leader commented on the report?", "ice"),
        ("Which group sued the county?", ""),
        ("Which news outlet ran the story?", ""),
    ],
)
def test_analyze__office_is_the_word_the_name_asked_for_must_stand_by(question, office):
    assert analyze(question).office == office


@pytest.mark.parametrize(
    ("question", "sentence", "fits"),
    [
        ("Which judge ordered the county to stop?", "Judge Ann Lee ordered it.", 1),
        ("Which judge ordered the county to stop?", "The order came from Ann Lee, the judge.", 1),
        ("Which judge ordered the county to stop?", "The Valley Rights Coalition asked a judge to order it.", -1),
        ("Which ICE leader commented?", "ICE acting Director Sam Hale said it was wrong.", 1),
        ("Which ICE leader commented?", "The report followed President Lee's order, and ICE agreed.", -1),
    ],
)
def test_fits_answer_type__a_name_asked_for_by_office_must_stand_by_it(question, sentence, fits):
    parsed = analyze(question)
    assert fits_answer_type(parsed.answer_type, sentence, parsed.words, office=parsed.office) == fits


def test_score_sentence__a_written_out_name_matches_the_questions_acronym():
    question = analyze("What term does the ACLU use for the transfers?")
    weights = {t: 1.0 for t in question.terms}
    spelled, _ = score_sentence(question, "The American Civil Liberties Union calls them shadow transfers.", dense=0.5, weights=weights)
    absent, _ = score_sentence(question, "The union calls them shadow transfers.", dense=0.5, weights=weights)
    assert spelled > absent


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("Grassroots Groups Denounce New Jail Program and Launch Campaign", True),
        ("Read more here: Sheriff answers letter | The Daily News", True),
        ("The ACLU called the program misguided.", False),
        ("the report followed an executive order and the Department of Homeland Security memorandum", False),
    ],
)
def test_is_heading(text, heading):
    assert is_heading(text) is heading


def _article(article_id: str, title: str, outlet: str, date: str) -> Article:
    return Article(id=article_id, title=title, outlet=outlet, date=date, date_approximate=False, text="Text.")


def test_sources__an_article_is_named_by_what_no_other_article_shares():
    sources = Sources(
        [
            _article("a", "Sheriff puts ICE agents in Fresno County Jail", "KFSN", "2015-07"),
            _article("b", "ACLU asks Fresno sheriff to end ICE program", "The Fresno Bee", "2015-11"),
            _article("c", "ACLU report on Central Valley jails", "KSEE", "2022-02-09"),
        ]
    )
    assert sources.named("Do the KFSN and Fresno Bee reports agree?") == ["a", "b"]
    assert sources.named("What did the 2022 report find?") == ["c"]
    # A year and a name that only one article has both of.
    assert sources.named("What did the ACLU say in 2015, and what did it say in 2022?") == ["b", "c"]
    # "Both" and a year with names two articles share: those two.
    assert sources.named("What do both 2015 Fresno stories say?") == ["a", "b"]
    # Shared by two articles ('Fresno', 'ACLU'), no year, or not a name: names nothing.
    assert sources.named("What did the ACLU say about Fresno?") == []
    assert sources.named("What happened in 2015?") == []
    assert sources.named("Where are the jails of the central valley?") == []


def test_sources__naming_words_are_what_tells_the_named_articles_apart():
    sources = Sources(
        [
            _article("a", "Sheriff puts ICE agents in Fresno County Jail", "KFSN", "2015-07"),
            _article("b", "ACLU asks Fresno sheriff to end ICE program", "The Fresno Bee", "2015-11"),
        ]
    )
    assert sources.naming_words("Do the KFSN and Fresno Bee reports from 2015 agree?") == {"kfsn", "bee", "2015"}
    # 2017 dates no article: it is what the question asks about, not which article to read.
    assert "2017" not in sources.naming_words("What do the KFSN and Bee stories say happened in 2017?")


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # A sentence that a new paragraph carries on ("Among those steps") takes it in.
        ("The letter asks for steps.\n\nAmong those steps is access to a lawyer. Other news.", "The letter asks for steps.\n\nAmong those steps is access to a lawyer."),
        # More of the same speaker's words after "says X."
        ('"End it," says Ana Ruiz, an organizer. "It erodes trust." Next story.', '"End it," says Ana Ruiz, an organizer. "It erodes trust."'),
        ("Agents placed 134 in proceedings. Many have been deported. Other news.", "Agents placed 134 in proceedings. Many have been deported."),
        ("The sheriff agreed. A new topic begins.", "The sheriff agreed."),
    ],
)
def test_quotes_take_in_the_sentence_that_carries_them_on(text, quoted):
    spans = split_sentences(text)
    start, end = attributed(text, spans, spans[0].start, spans[0].end)
    assert text[start:end] == quoted


def test_answer__to_dict_and_from_dict_round_trip():
    citation = Citation(1, "a", "Title", "Outlet", "2015-11", True, "Quote.", 3, 9)
    answer = Answer("Q?", "Quote. [1]", False, 0.9, (citation,))
    data = answer.to_dict()
    assert data["citations"][0] == {
        "number": 1, "article_id": "a", "title": "Title", "outlet": "Outlet", "date": "2015-11",
        "date_approximate": True, "quote": "Quote.", "start": 3, "end": 9, "page": None,
    }
    assert (data["reader"], data["notice"]) == ("extractive", None)
    assert Answer.from_dict(data) == answer


def test_answer__from_dict_reads_an_answer_saved_before_readers_were_named():
    data = {"question": "Q?", "text": "Quote. [1]", "abstained": False, "confidence": 0.9, "citations": []}
    answer = Answer.from_dict(data)
    assert (answer.reader, answer.notice) == ("extractive", None)


def test_answer__from_dict_names_what_is_missing():
    with pytest.raises(ValueError, match="'question'"):
        Answer.from_dict({"text": "x"})


def test_public_api__exports_exactly_these_names():
    assert sorted(assistant.__all__) == sorted(
        [
            "Answer", "Article", "Assistant", "AssistantError", "Citation", "CorpusError", "CorpusNotFound",
            "EmptyCorpus", "ExtractiveReader", "IndexBusy", "InvalidQuestion", "LLMReader", "ModelNotFound",
            "Reader", "ReaderUnavailable", "Settings", "StoreError", "UnknownArticle",
        ]
    )
