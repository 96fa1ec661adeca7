"""LLM adapters: HTTP backends (OpenAI-compatible / vLLM, Ollama), the template writer, and the layered
reliable client that composes retries, breakers, timeouts, fallback and in-flight sharing."""
