"""How a live-commerce script is built: timing, beats per scene, phrase banks, voice, modifications.

Pure logic (domain layer): the template writer (template.py) composes from it, and the LLM port's
template backend only adapts that writer; the prompt states the same beats and timing as targets for
real models, so every layer of the fallback chain aims at one structure.
"""
