"""recount: verify conflict casualty counts.

The public API is small: a :class:`Project` (a workspace and one method per
stage, what the CLI calls), the :class:`Workspace` it stores its tables and
configuration in, and the estimators in :mod:`recount.estimate`.
"""

import importlib.metadata

from recount.project import Project
from recount.workspace import Workspace

__version__ = importlib.metadata.version("recount")
__all__ = ["Project", "Workspace", "__version__"]
