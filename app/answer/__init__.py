"""Answering a question with citations: retrieve, read the passages' units, answer extractively or with the
organisation's model, and resolve follow-ups against the conversation.

The way a question travels: `ask.answer` -> `conversation.resolve` (follow-ups) -> `Index.understand` (one typed
`Query`) -> `ask.retrieve` (`Index.search`) -> `generate.generated_answer` (with a model endpoint) or
`read.read` (units from `units`, filtered by `fit`, scored by `score`, shown by `trim`) -> `cited.Answer`.
"""

from app.answer.ask import answer, compose, retrieve
from app.answer.cited import ABSTAIN_TEXT, Answer, Citation, Sentence, citation, closest

__all__ = ["ABSTAIN_TEXT", "Answer", "Citation", "Sentence", "answer", "citation", "closest", "compose", "retrieve"]
