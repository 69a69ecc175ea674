# Every target sets itself up from nothing (tools/bootstrap): system packages when missing and
# root, then .venv with the package installed editable.
VENV   := .venv
PY     := $(VENV)/bin/python

.PHONY: setup test demo bench fuzz lint clean translations screenshots rpm test-target

setup:
	@tools/bootstrap

test: setup
	$(VENV)/bin/ruff check veilor_installer tests bench tools
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(PY) -m pytest -q

# The whole suite on the target: Python 3.14 and the distribution's libraries in a Debian
# unstable root (cached in /var/cache/veilor-installer), against the built wheel, as root.
# Needs root and debootstrap; fails loudly when the root cannot be built. tools/target-lane.
test-target:
	tools/target-lane

demo: setup
	$(PY) -m veilor_installer.demo.install

bench: setup
	$(PY) bench/run.py
	$(PY) bench/gui.py
	$(PY) bench/gui_flood.py
	$(PY) bench/qr.py
	$(PY) bench/firstboot.py
	$(PY) bench/startup.py
	$(PY) bench/languages.py
	$(MAKE) --no-print-directory fuzz

fuzz: setup
	VEILOR_FUZZ_EXAMPLES=2000 $(PY) -m pytest -q tests/unit/test_properties.py -p no:cacheprovider --hypothesis-show-statistics

# Refresh the template (data/po/veilor-installer.pot) from the sources and bring every
# <lang>.po up to date with it. How to add a language: docs/TRANSLATING.md.
translations: setup
	$(PY) tools/translations.py update

screenshots: setup
	QT_QPA_PLATFORM=offscreen $(PY) tools/screenshots.py

lint: setup
	$(VENV)/bin/ruff check veilor_installer tests bench tools
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports  # the import contracts: pyproject.toml [tool.importlinter]

# The RPM (packaging/veilor-installer.spec) built here with Debian's rpmbuild, then rpmlint.
# Debian has no pyproject-rpm-macros: packaging/macros.build-here stands in for them (this
# machine only), with the venv's Python as the build's Python (the build requirements added to
# it). The source is what a fresh clone holds. %check's test run is skipped unless RPM_TESTS=1
# (it is most of the suite); it still validates the desktop files and the metainfo.
RPM_TOP     := $(CURDIR)/build/rpm
RPM_VERSION  = $(shell sed -n 's/^Version: *//p' packaging/veilor-installer.spec)
rpm: setup
	@command -v rpmbuild >/dev/null && command -v rpmlint >/dev/null \
	    || { echo "rpm: rpmbuild and rpmlint are needed (apt-get install rpm rpmlint)"; exit 2; }
	$(PY) -m pip install -q --disable-pip-version-check 'setuptools>=77' wheel
	rm -rf $(RPM_TOP) && mkdir -p $(RPM_TOP)/SOURCES
	git ls-files -z --cached --others --exclude-standard | xargs -0 ls -d 2>/dev/null \
	    | tar -czf $(RPM_TOP)/SOURCES/veilor-installer-$(RPM_VERSION).tar.gz -T - \
	    --transform 's,^,veilor-installer-$(RPM_VERSION)/,'
	cp packaging/pyproject_save_files.py $(RPM_TOP)/SOURCES/
	rpmbuild -bb --nodeps --load packaging/macros.build-here --define '_topdir $(RPM_TOP)' \
	    --define 'python3 $(CURDIR)/$(PY)' $(if $(RPM_TESTS),,--without tests) \
	    packaging/veilor-installer.spec
	rpmlint --file packaging/rpmlintrc packaging/veilor-installer.spec $(RPM_TOP)/RPMS/noarch/*.rpm

clean:
	rm -rf $(VENV) veilor-install build *.egg-info .pytest_cache .mypy_cache .ruff_cache
