"""Pages and templates: the public paths, the Markdown pages the templates make, feeds and the
files beside the pages."""
