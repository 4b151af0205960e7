"""Output formats: one module each, named as on the command line."""
