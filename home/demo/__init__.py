"""Demo content: the programme's public facts, written in the site's own words, and the tools
that build them into a complete site. Each app has a `demo.py` with a `build(demo)` step that
the `load_demo_content` command runs in order."""
