"""Content types: typed models and their loaders (experiments, lectures, publications, registries,
project facts, site settings, hand-written pages), and the whole `Site` they make."""
