"""What a PR/FAQ is and how a page is read and checked: front matter and the body form, the schema and
its compiled validator, the lifecycle, placeholders, length limits and the problems they report."""
