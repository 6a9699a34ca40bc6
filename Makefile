# Two commands for a newcomer: `make demo` (set up, run the streaming pipeline on the sample
# stream: local broker, topics, a worker, live decisions; Ctrl-C stops) and `make test`.
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: setup demo test lint bench clean kafka-tools kafka-jars prometheus-deps browser

$(BIN)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

setup: $(BIN)/.installed

demo: kafka-jars
	$(BIN)/screening demo $(DEMO_ARGS)

lint: setup
	$(BIN)/ruff check src tests benchmarks streams
	$(BIN)/ruff format --check src tests benchmarks streams
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

test: lint kafka-jars prometheus-deps browser
	$(BIN)/pytest

bench: setup
	$(BIN)/python benchmarks/bench_matcher.py
	$(BIN)/python benchmarks/bench_stream.py
	$(BIN)/python benchmarks/evaluate_devset.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .mypy_cache .ruff_cache deploy/kafka/libs
