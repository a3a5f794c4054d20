"""Reading a workspace: the records, their YAML files, validation and cross-checks."""
