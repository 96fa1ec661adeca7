# syntax=docker/dockerfile:1
# One image for both entrypoints:
#   docker run IMAGE                                   -> script-agent serve --host 0.0.0.0 --port 8080
#   docker run IMAGE operator --namespace default      -> the kopf operator
# Pin PYTHON_IMAGE to a digest in CI (python:3.11-slim@sha256:...) for reproducible builds.
ARG PYTHON_IMAGE=python:3.11-slim

# --- builder: every dependency from the lock (hash-checked), then the project wheel -----------------
FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
COPY requirements/runtime.lock ./requirements/runtime.lock
# The lock pins setuptools and wheel too: the build backend comes from it, not from the day's index.
RUN python -m pip install --require-hashes --no-deps -r requirements/runtime.lock \
 && python -m pip wheel --require-hashes --no-deps --wheel-dir /wheels -r requirements/runtime.lock
COPY pyproject.toml README.md ./
COPY script_agent ./script_agent
COPY operator ./operator
RUN python -m pip wheel --no-deps --no-build-isolation --wheel-dir /wheels .

# --- runtime: a venv with only the wheels, run as an unprivileged user --------------------------
FROM ${PYTHON_IMAGE} AS runtime
# Set by CI (docker build --build-arg VERSION=... --build-arg REVISION=$(git rev-parse HEAD) ...).
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="script-agent" \
      org.opencontainers.image.description="Chinese live-commerce sales-script platform: gateway and ScriptJob operator" \
      org.opencontainers.image.source="https://github.com/script-agent/script-agent" \
      org.opencontainers.image.url="https://github.com/script-agent/script-agent" \
      org.opencontainers.image.documentation="https://github.com/script-agent/script-agent#readme" \
      org.opencontainers.image.vendor="script-agent maintainers" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.base.name="${PYTHON_IMAGE}"
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    HOME=/tmp
RUN --mount=type=bind,from=builder,source=/wheels,target=/wheels \
    python -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-index --no-deps --find-links=/wheels /wheels/*.whl \
 && /opt/venv/bin/pip check \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --no-create-home --shell /usr/sbin/nologin app
# The root filesystem is read-only in the chart; /tmp is an emptyDir there (jieba's cache lives in it).
WORKDIR /tmp
USER 10001:10001
EXPOSE 8080 8081 9090
# For plain `docker run` (Kubernetes uses the chart's probes instead): the gateway's liveness
# endpoint, else the operator's kopf liveness endpoint; the image has no curl, Python is enough.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import sys, urllib.request as u\nfor url in ('http://127.0.0.1:8080/api/v1/health/live', 'http://127.0.0.1:8081/healthz'):\n    try:\n        u.urlopen(url, timeout=3); sys.exit(0)\n    except Exception:\n        pass\nsys.exit(1)"]
ENTRYPOINT ["script-agent"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
