"""HTTP backends speaking one upstream protocol each; reliability lives in the client, not here."""
