"""Every proposal at once: the index, status pages, roadmap and export, and what `mkdocs serve` keeps
between rebuilds so a save does not redo the site."""
