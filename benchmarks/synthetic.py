"""Synthetic corpus: thousands of news articles, the same for the same seed.

Each article is written like the ones in `corpus/`: YAML front matter (id,
title, outlet, date), then one sentence per line. Sentences come from news
templates filled with names, places, organisations, figures and verbs drawn
from a seeded `random.Random`, so the text has real sentence structure (and
realistic passage lengths for the splitter and the model) without being copied
from anywhere. `questions()` asks about facts the generated articles state.

It does not index or measure anything; see `benchmarks.measure`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

__all__ = ["SyntheticArticle", "generate", "write_corpus", "questions"]

DEFAULT_SEED = 20240611
SENTENCES_PER_ARTICLE = (9, 16)

FIRST_NAMES = (
    "Maria",
    "James",
    "Ana",
    "Robert",
    "Linda",
    "Carlos",
    "Grace",
    "David",
    "Sofia",
    "Michael",
    "Elena",
    "Thomas",
    "Rosa",
    "Daniel",
    "Hannah",
    "Luis",
    "Karen",
    "Peter",
    "Yolanda",
    "Samuel",
    "Teresa",
    "Victor",
    "Nadia",
    "George",
    "Irene",
    "Omar",
    "Paula",
    "Frank",
    "Alicia",
    "Henry",
)
LAST_NAMES = (
    "Alvarez",
    "Bennett",
    "Castillo",
    "Dawson",
    "Espinoza",
    "Fletcher",
    "Gutierrez",
    "Harlan",
    "Ibarra",
    "Jennings",
    "Kowalski",
    "Lindqvist",
    "Moreno",
    "Nakamura",
    "Okafor",
    "Pruitt",
    "Quintero",
    "Ramsey",
    "Salazar",
    "Thornton",
    "Underwood",
    "Valencia",
    "Whitaker",
    "Yates",
    "Zamora",
    "Brennan",
    "Cardenas",
    "Delgado",
    "Ellison",
    "Fuentes",
)
ROLES = (
    "Sheriff",
    "Mayor",
    "Supervisor",
    "Police Chief",
    "District Attorney",
    "Councilmember",
    "Superintendent",
    "Public Defender",
    "County Executive",
    "Fire Chief",
)
PLACES = (
    "Fresno",
    "Kern",
    "Tulare",
    "Merced",
    "Madera",
    "Stanislaus",
    "Kings",
    "San Joaquin",
    "Sacramento",
    "Alameda",
    "Monterey",
    "Santa Cruz",
    "Ventura",
    "Riverside",
    "San Benito",
    "Placer",
    "Yolo",
    "Butte",
    "Shasta",
    "Imperial",
    "Napa",
    "Sonoma",
    "Marin",
    "Solano",
)
ORGANISATIONS = (
    "the county Board of Supervisors",
    "the city council",
    "the school board",
    "the water district",
    "the transit authority",
    "the housing commission",
    "the planning commission",
    "the public health department",
    "the sheriff's office",
    "the community college district",
    "the farm bureau",
    "the chamber of commerce",
    "the civil liberties union chapter",
    "the tenants' association",
    "the teachers' union",
)
OUTLETS = (
    "The Valley Ledger",
    "Central Coast Courier",
    "The Foothill Record",
    "Delta Daily News",
    "The Sierra Gazette",
    "Harbor City Tribune",
    "The Orchard Post",
    "Capitol Wire Report",
)
TOPICS = (
    ("budget", "a budget of {money}", "spending"),
    ("jail", "a jail expansion costing {money}", "detention"),
    ("water", "a water recycling plant costing {money}", "drought"),
    ("housing", "{count} new affordable homes", "housing"),
    ("schools", "{count} new classrooms", "education"),
    ("transit", "{count} electric buses", "transit"),
    ("clinic", "a health clinic serving {count} families", "health care"),
    ("wildfire", "a wildfire plan covering {count} acres", "fire safety"),
    ("broadband", "broadband for {count} rural homes", "internet access"),
    ("policing", "{count} body cameras for deputies", "policing"),
)
DECISIONS = ("approved", "rejected", "delayed", "debated", "narrowly passed", "sent back for review")
SAY_VERBS = ("said", "told reporters", "argued", "wrote in a statement", "warned", "added")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class SyntheticArticle:
    """One generated article and the facts it states, for asking about them."""

    id: str
    title: str
    outlet: str
    date: str
    text: str
    official: str  # "Sheriff Maria Alvarez"
    place: str
    organisation: str
    topic: str
    decision: str
    votes: tuple[int, int]

    def to_file_text(self) -> str:
        """The article as a corpus file: front matter, then the text."""
        return (
            "---\n"
            f"id: {self.id}\n"
            f'title: "{self.title}"\n'
            f'outlet: "{self.outlet}"\n'
            f'date: "{self.date}"\n'
            "---\n"
            f"{self.text}"
        )


def generate(count: int, *, seed: int = DEFAULT_SEED) -> list[SyntheticArticle]:
    """`count` articles; the first n are the same whatever `count` is.

    Example: generate(2)[0].id == generate(1000)[0].id
    """
    return [_article(number, random.Random(f"{seed}:{number}")) for number in range(count)]


def write_corpus(folder: Path, count: int, *, seed: int = DEFAULT_SEED) -> Path:
    """Write `count` articles as .txt files into `folder` (created; files already there are kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    for article in generate(count, seed=seed):
        path = folder / f"{article.id}.txt"
        content = article.to_file_text()
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
    return folder


def questions(articles: list[SyntheticArticle], count: int, *, seed: int = DEFAULT_SEED) -> list[str]:
    """Questions about facts the articles state, spread over the corpus."""
    rng = random.Random(f"{seed}:questions")
    out = []
    for _ in range(count):
        a = rng.choice(articles)
        out.append(
            rng.choice(
                (
                    f"What did {a.organisation} in {a.place} decide about {a.topic}?",
                    f"How many members voted for the {a.topic} plan in {a.place}?",
                    f"What did {a.official} say about the {a.topic} plan?",
                    f"When did {a.organisation} in {a.place} vote on {a.topic}?",
                )
            )
        )
    return out


def _article(number: int, rng: random.Random) -> SyntheticArticle:
    place = rng.choice(PLACES)
    organisation = rng.choice(ORGANISATIONS)
    topic, project, theme = rng.choice(TOPICS)
    decision = rng.choice(DECISIONS)
    year = rng.randint(2009, 2024)
    month = rng.randint(1, 12)
    official = f"{rng.choice(ROLES)} {_person(rng)}"
    critic = _person(rng)
    ayes = rng.randint(3, 9)
    noes = rng.randint(0, ayes - 1)
    money = f"${rng.randint(2, 950)}.{rng.randint(1, 9)} million"
    count = f"{rng.randint(12, 4800):,}"
    project_text = project.format(money=money, count=count)
    outlet = rng.choice(OUTLETS)
    day = rng.randint(1, 28)
    when = f"{MONTHS[month - 1]} {day}, {year}"

    facts = [
        f"{organisation.capitalize()} in {place} County {decision} {project_text} on {when}, "
        f"by a vote of {ayes} to {noes}.",
        f"{official} {rng.choice(SAY_VERBS)} that the plan would \u201cchange how {place} handles "
        f"{theme} for a generation.\u201d",
        f"{critic}, who has followed {theme} in {place} for {rng.randint(3, 30)} years, "
        f"{rng.choice(SAY_VERBS)} the decision came \u201cwithout enough public input.\u201d",
    ]
    filler = [
        f"The {topic} proposal drew {rng.randint(20, 900)} public comments before the vote.",
        f"Staff estimated that {rng.randint(4, 96)} percent of the cost would come from state grants.",
        f"A similar measure failed in neighbouring {rng.choice(PLACES)} County "
        f"in {year - rng.randint(1, 6)}.",
        f"{_person(rng)}, a resident of {place} since {rng.randint(1960, 2015)}, spoke against the plan "
        f"for {rng.randint(2, 15)} minutes.",
        f"The meeting lasted {rng.randint(2, 7)} hours and ended shortly before {rng.randint(9, 11)} p.m.",
        f"Officials said a second reading is scheduled for {MONTHS[rng.randint(0, 11)]}.",
        f"Officials in {rng.randint(2, 12)} other counties have asked for copies of the {topic} report.",
        f"According to county records, {theme} spending rose {rng.randint(2, 40)} percent "
        f"between {year - 5} and {year}.",
        f"{rng.choice(OUTLETS)} first reported the proposal in {MONTHS[rng.randint(0, 11)]} {year}.",
        f"The {organisation.removeprefix('the ')} will publish a progress report every "
        f"{rng.choice(('three', 'six', 'twelve'))} months.",
        f"{_person(rng)} of the {place} County Taxpayers Association called the estimate "
        f"\u201coptimistic at best.\u201d",
        f"Construction or hiring could begin as early as {year + 1}, officials said.",
        f"The vote followed {rng.randint(2, 9)} earlier hearings on {theme}.",
        f"Supporters wore {rng.choice(('green', 'blue', 'orange', 'yellow'))} shirts and filled "
        f"{rng.randint(40, 300)} seats in the chamber.",
        f"{_person(rng)} {rng.choice(SAY_VERBS)} that {theme} \u201chas been ignored for too long.\u201d",
    ]
    rng.shuffle(filler)
    lines = facts[:1] + filler[: rng.randint(*SENTENCES_PER_ARTICLE) - 3]
    lines[2:2] = facts[1:]
    title = f"{place} County {organisation.removeprefix('the ')} {decision} {topic} plan"
    return SyntheticArticle(
        id=f"synthetic-{number:05d}-{place.lower().replace(' ', '-')}-{topic}",
        title=title,
        outlet=outlet,
        date=f"{year}-{month:02d}",
        text="\n".join(lines) + "\n",
        official=official,
        place=place,
        organisation=organisation,
        topic=topic,
        decision=decision,
        votes=(ayes, noes),
    )


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
