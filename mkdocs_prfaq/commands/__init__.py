"""The command line (`mkdocs-prfaq check`, `new`, `init`, `import`, `export`, `schema`): it reads
mkdocs.yml or zensical.toml without MkDocs (:mod:`mkdocs_prfaq.siteconfig`) and reuses the core,
without MkDocs' build."""
