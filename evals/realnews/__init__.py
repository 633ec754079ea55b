"""The realnews set: RealTimeQA questions asked open-ended over the news articles of their weeks.

    python -m evals --set realnews --run ci          # the bundled CI slice (evals/realnews/data/)
    python -m evals.realtimeqa stats --split dev     # the counts of a run, from the data folder

Its modules hold what is its own: the benchmark's weekly files
(`realtimeqa`), their articles as a corpus folder (`corpus`), the words of a
gold answer (`words`, `answer_match`), the questions that become cases
(`questions`), the case file (`cases`), a run prepared on disk (`runs`), the
metrics of the gold's words (`scoring`), the run with the margin over the peer
(`runner`) and the commands (`command`, `cli`). See evals/REALNEWS.md.
"""
