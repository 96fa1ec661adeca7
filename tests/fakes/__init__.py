"""Fakes with a real process boundary (HTTP servers on loopback) shared by test suites and benches."""
