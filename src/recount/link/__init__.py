"""Record linkage: records that name the same person, across lists and within them, become people.

Public API: `link_workspace(ws, **options) -> LinkResult`, `explain_pair`,
`evaluate_workspace`. The `[link]` section is `recount.settings.LinkSettings`.
"""

from recount.link.pipeline import LinkResult, link_workspace, model_path

__all__ = ["LinkResult", "link_workspace", "model_path"]
