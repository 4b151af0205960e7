"""Share: what leaves the machine for others; for now the podcast feed (``feed``)."""
