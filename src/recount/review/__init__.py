"""The review stage: a web app where people confirm or reject uncertain links.

`create_app(ws)` builds the FastAPI app; `effective_labels(ws)` and
`active_actions` are what `recount link` reads (see docs/review.md).
"""

from recount.review.app import create_app
from recount.review.clusters import active_actions
from recount.tables.views import effective_labels

__all__ = ["active_actions", "create_app", "effective_labels"]
