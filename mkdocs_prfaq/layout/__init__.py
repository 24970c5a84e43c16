"""How a PR/FAQ page is shown: its Markdown fields rendered and sanitised (nh3), the page's layout, the
statuses' colours (badges, ``statuses.css``, the sidebar's marks) and the generated reference tables."""
