"""Member workbooks: the template members fill in, and the readers of returned files."""

from __future__ import annotations

from .members import MemberTemplates, write_member_templates
from .reader import TIDY_COLUMNS, MemberFile, read_member_file
from .template import build_template, write_template

__all__ = [
    "TIDY_COLUMNS",
    "MemberFile",
    "MemberTemplates",
    "build_template",
    "read_member_file",
    "write_member_templates",
    "write_template",
]
