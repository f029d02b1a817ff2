"""recount: verify conflict casualty counts.

The public API is small: a :class:`Workspace` with one method per stage, and
the estimators in :mod:`recount.estimate`.
"""

from recount.workspace import Workspace

__version__ = "0.1.0"
__all__ = ["Workspace", "__version__"]
