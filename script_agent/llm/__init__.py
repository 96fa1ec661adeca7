"""LLM adapters: HTTP backends (OpenAI-compatible / vLLM, Ollama), the template backend (the domain's
deterministic writer behind the LLM port), and the layered reliable client that composes retries,
breakers, timeouts, fallback and in-flight sharing."""
