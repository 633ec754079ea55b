"""The seeds set: hand-made cases about the articles of `corpus/`, with key facts and evidence quotes.

    python -m evals                                  # evals/cases.jsonl, gated in CI
    python -m evals --cases evals/heldout.jsonl      # written from the articles alone, never tuned on

Its modules hold what is its own: the case file and its soundness
(`evals.seeds.cases`, fields in evals/CASES.md), the metrics of key facts,
citations and quotes (`evals.seeds.scoring`), the run with its per-case
baseline (`evals.seeds.runner`) and the command (`evals.seeds.command`). The
case files, floors and baseline stay in `evals/`.
"""
