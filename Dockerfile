# The screening worker image (deploy/docker-compose.yml runs N of these beside apache/kafka).
# The package reads its wire contracts (streams/) and bundled policy/lists (lists/) from the
# source tree, so the tree is copied and installed in place.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN useradd --system --create-home --home-dir /home/screening screening
WORKDIR /app
# The runtime dependencies and the build backend from the hash-pinned lock (the same pins as
# `make setup`); then the package alone, without dependencies and without build isolation.
COPY requirements/runtime.lock ./requirements/runtime.lock
RUN pip install --require-hashes -r requirements/runtime.lock
COPY pyproject.toml README.md ./
COPY src ./src
COPY streams ./streams
COPY lists ./lists
# src/screening/data/acls.toml links here (principals and ACLs, `screening topics create`)
COPY deploy/kafka/acls.toml ./deploy/kafka/acls.toml
RUN pip install --no-deps --no-build-isolation -e . && mkdir /work && chown screening /work
USER screening
# faust writes <app>-data/ into the working directory
WORKDIR /work
# Prometheus metrics (SCREENING_METRICS_PORT)
EXPOSE 9108
ENTRYPOINT ["screening"]
CMD ["worker"]
