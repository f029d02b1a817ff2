"""Record linkage: records that name the same person, across lists and within them, become people.

Public API: `link_workspace(ws, **options) -> LinkResult`, `explain_pair`,
`evaluate_workspace`, and `LinkOptions` for the `[link]` section.
"""

from recount.link.options import LinkOptions, parse_link_options
from recount.link.pipeline import LinkResult, link_workspace, model_path

__all__ = ["LinkOptions", "LinkResult", "link_workspace", "model_path", "parse_link_options"]
