"""mkdocs-prfaq: Working Backwards PR/FAQs for MkDocs, validated, rendered and indexed."""

__version__ = "0.1.0"
