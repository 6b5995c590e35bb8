"""The top: MkDocs hooks, the command line, serving, publishing and the repository's own checks."""
