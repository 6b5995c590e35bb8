"""The toolkit every layer uses: problems and messages, safe file reading, the strict YAML reader,
field kinds, Markdown, privacy scan, clock, caches. Knows no content type."""
