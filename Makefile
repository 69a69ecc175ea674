# Every target sets itself up from nothing (tools/bootstrap): system packages when missing and
# root, then .venv with the package installed editable.
VENV   := .venv
PY     := $(VENV)/bin/python

.PHONY: setup test demo bench fuzz lint clean translations screenshots test-target

setup:
	@tools/bootstrap

test: setup
	$(VENV)/bin/ruff check veilor_installer tests bench tools
	$(VENV)/bin/mypy
	$(PY) -m pytest -q

# The whole suite on the target: Python 3.14 and the distribution's libraries in a Debian
# unstable root (cached in /var/cache/veilor-installer), against the built wheel, as root.
# Needs root and debootstrap; fails loudly when the root cannot be built. tools/target-lane.
test-target:
	tools/target-lane

demo: setup
	$(PY) -m veilor_installer.demo

bench: setup
	$(PY) bench/run.py
	$(PY) bench/gui.py
	$(PY) bench/gui_flood.py
	$(PY) bench/qr.py
	$(PY) bench/firstboot.py
	$(MAKE) --no-print-directory fuzz

fuzz: setup
	VEILOR_FUZZ_EXAMPLES=2000 $(PY) -m pytest -q tests/test_properties.py -p no:cacheprovider --hypothesis-show-statistics

# Refresh the .ts files from the sources (English complete), then compile them into .qm files.
# How to add a language: docs/TRANSLATING.md.
translations: setup
	$(PY) tools/translations.py update && $(PY) tools/translations.py release

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(PY) tools/screenshots.py

lint: setup
	$(VENV)/bin/ruff check veilor_installer tests bench tools
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) veilor-install build *.egg-info .pytest_cache .mypy_cache .ruff_cache
