"""How a PR/FAQ page is shown: its Markdown fields rendered and sanitised (nh3), the page's layout, and
the sidebar's status colours."""
