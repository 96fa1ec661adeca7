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
ENTRYPOINT ["script-agent"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
