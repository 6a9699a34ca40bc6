# Two commands for a newcomer: `make demo` (set up, run the streaming pipeline on the sample
# stream: local broker, topics, a worker, live decisions; Ctrl-C stops) and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: setup lock audit demo test lint bench clean kafka-tools kafka-jars prometheus-deps browser

# Dependencies come only from the hash-pinned lock (pip refuses any file whose sha256 differs);
# the package itself is installed without dependencies and without build isolation, so not
# even the build backend is fetched unpinned. `make lock` regenerates the locks from
# pyproject.toml (LOCK_ARGS=--upgrade bumps every pin, --upgrade-package NAME one).
LOCK := requirements/dev.lock
RUNTIME_LOCK := requirements/runtime.lock
PIP_LOCK := requirements/pip.lock
LOCK_ARGS ?=
UV_COMPILE = $(BIN)/uv pip compile -q --generate-hashes --python-version 3.11 \
	--python-platform x86_64-unknown-linux-gnu --custom-compile-command 'make lock' $(LOCK_ARGS)

$(BIN)/.installed: pyproject.toml $(LOCK)
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r $(PIP_LOCK)
	$(BIN)/pip install -q --require-hashes -r $(LOCK)
	$(BIN)/pip install -q --no-deps --no-build-isolation -e .
	@$(BIN)/pip check >/dev/null || { $(BIN)/pip check; echo "$(LOCK) is out of date with" \
		"pyproject.toml: run 'make lock' and commit requirements/" >&2; exit 1; }
	touch $@

setup: $(BIN)/.installed

# dev.lock: runtime + dev/test tools (make setup); runtime.lock: the same pins for the runtime
# dependencies and the build backend only (the Docker image); pip.lock: pip itself, upgraded
# first (the venv's bundled pip installs the lock ~2x slower). uv comes from the lock, so
# `make lock` works even when setup stopped on an out-of-date lock.
$(BIN)/uv:
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --require-hashes -r $(PIP_LOCK)
	$(BIN)/pip install -q --require-hashes -r $(LOCK)

lock: $(BIN)/uv
	$(UV_COMPILE) pyproject.toml --extra dev -o $(LOCK)
	$(UV_COMPILE) pyproject.toml requirements/build.in -c $(LOCK) -o $(RUNTIME_LOCK)
	$(UV_COMPILE) requirements/pip.in -c $(LOCK) -o $(PIP_LOCK)
	touch $(LOCK)

# pip-audit of the locked pins against PyPI's vulnerability data (scripts/audit.py says what
# happens when the service cannot be reached); exceptions in requirements/audit-ignore.txt.
AUDIT_ARGS ?=
audit: setup
	$(BIN)/python scripts/audit.py --lock $(LOCK) --ignore-file requirements/audit-ignore.txt \
		$(AUDIT_ARGS)

demo: kafka-jars
	$(BIN)/screening demo $(DEMO_ARGS)

lint: setup
	$(BIN)/ruff check src tests benchmarks streams scripts
	$(BIN)/ruff format --check src tests benchmarks streams scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

# The broker's Debian tools (apt-get when missing, as root) and its jars (Maven, downloaded once
# into deploy/kafka/libs/); the Kafka tests start a real broker from them.
kafka-tools:
	bash deploy/kafka/install-tools.sh

kafka-jars: setup kafka-tools
	$(BIN)/screening broker fetch

# Debian's prometheus + promtool for the Prometheus tests (apt-get as root; else a message).
prometheus-deps:
	@bash scripts/ensure-prometheus

# The console's browser test drives the system Chromium (Debian packages, no browser download).
browser:
	@if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
		apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver; \
	else \
		echo "chromium/chromedriver missing: run 'sudo apt-get install -y chromium chromium-driver'" \
			"(the console browser test fails without them)" >&2; \
	fi

test: lint audit kafka-jars prometheus-deps browser
	$(BIN)/pytest

bench: setup
	$(BIN)/python benchmarks/bench_matcher.py
	$(BIN)/python benchmarks/bench_stream.py
	$(BIN)/python benchmarks/evaluate_devset.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache deploy/kafka/libs
