"""Text-to-speech engines, one module each, exposing ``ENGINE``."""
