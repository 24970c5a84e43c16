"""`mkdocs-prfaq import`: existing Markdown PR/FAQs as pages of the body form.

``document.py`` turns one original's text into the text of a page (pure: no files, no git, no
MkDocs); ``files.py`` asks git about the original and checks and copies the files it links.
"""

from __future__ import annotations

from .document import Converted, Dateline, History, Note, convert, full_date, local_target, month_date
from .files import asset_check, copy_asset, git_history, git_user, site_files

__all__ = ["Converted", "Dateline", "History", "Note", "asset_check", "convert", "copy_asset", "full_date",
           "git_history", "git_user", "local_target", "month_date", "site_files"]
