"""The scenario room: YAML reading, the schema, cross-key checks, error messages, distributions."""
