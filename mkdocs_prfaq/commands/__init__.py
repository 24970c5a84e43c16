"""The command line (`mkdocs-prfaq check`, `new`, `init`, `import`, `export`): it reads mkdocs.yml
itself and reuses the core, without MkDocs' build."""
