# The two commands of the README:
#   make demo   install into .venv and draft the example letters into out/ (PDF included)
#   make test   install into .venv and run the whole test suite (lint, types, tests)
#   make bench  install into .venv and run the benchmark (bench/run.py)
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --editable '.[dev]'
	touch $@

demo: $(STAMP)
	mkdir -p out
	$(BIN)/letterkit check
	$(BIN)/letterkit draft harris-2021 -o out/harris-2021.md
	$(BIN)/letterkit draft harris-2021 -o out/harris-2021.html
	$(BIN)/letterkit draft harris-2021 -o out/harris-2021.txt
	$(BIN)/letterkit draft harris-2021 -o out/harris-2021.pdf
	$(BIN)/letterkit draft harris-2021 -o out/harris-2021.docx
	$(BIN)/letterkit draft harris-2021-press -o out/harris-2021-press.pdf
	$(BIN)/letterkit draft biden-2023 -o out/biden-2023.html
	$(BIN)/letterkit draft biden-2023 --layout parallel -o out/biden-2023.pdf
	$(BIN)/letterkit draft human-rights-day-2024 -o out/human-rights-day-2024.pdf
	$(BIN)/letterkit draft market-economy-2024 -o out/market-economy-2024.pdf
	$(BIN)/letterkit draft market-economy-2024 -o out/market-economy-2024.docx
	@echo
	@echo "The example letters, drafted into out/ (open them; the .md and .txt are text):"
	@ls -l out | tail -n +2

lint: $(STAMP)
	$(BIN)/ruff check letter_kit tests bench
	$(BIN)/ruff format --check letter_kit tests bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest -n auto

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache .hypothesis
