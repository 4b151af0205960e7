"""briefing: offline comparative news briefs."""

__version__ = "0.1.0"
