# The S-400 research workbook.
#   make        set up .venv (when missing or the lock changed), execute every notebook, write build/html/
#   make test   build what is out of date, then run the whole test suite (unit, notebooks, browser)
#   make annotate  fill the annotation cache build/cache/ (make does it first; WORKERS=2 uses two processes,
#                  SCHEDULER=local a Dask LocalCluster, SCHEDULER=tcp://host:8786 a Dask cluster)
#   make lab    open JupyterLab on 127.0.0.1 (token authentication stays on)
#   make add FILE=page.html|article.txt|https://... [TITLE=... OUTLET=... PUBLISHED=YYYY-MM-DD REFERENCE_DATE=... URL=... AUTHOR=...]
#               add an article to corpus/ (text, saved page, catalog row with its sha256)
# Conda users: `conda env create -f environment.yml && conda activate s400-workbook && make PY=python`

PY ?= .venv/bin/python
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
EXECUTED  := $(NOTEBOOKS:notebooks/%.ipynb=build/notebooks/%.ipynb)
PAGES     := $(NOTEBOOKS:notebooks/%.ipynb=build/html/%.html)
INPUTS    := helpers.py $(wildcard workbook/*.py workbook/*/*.py) $(wildcard corpus/*.csv corpus/articles/*.txt)
TEMPLATE  := $(wildcard tools/templates/offline/*)
ANNOTATED := build/cache/.annotated
WORKERS   ?= 1
SCHEDULER ?=

ifeq ($(PY),.venv/bin/python)
SETUP := .venv/.installed
else
SETUP :=
endif

.PHONY: all pages annotate test lab clean bench add
.DELETE_ON_ERROR:
.SECONDARY: $(EXECUTED)

SITE_JS   := build/html/workbook-site.js
ZIP       := build/s400-workbook.zip

# One build of build/ at a time (tools/build.py locked): a second `make` waits, then finds it up to date.
# build/ is always corpus/: another corpus is built with tools/build.py --corpus (README, "Another corpus").
all: $(SETUP)
	@if [ -n "$$WORKBOOK_CORPUS" ]; then echo "WORKBOOK_CORPUS is set ($$WORKBOOK_CORPUS), but make builds corpus/ into build/." \
		"Unset it, or build the other corpus elsewhere with tools/build.py execute --corpus DIR (see README)." >&2; exit 2; fi
	@$(PY) tools/build.py locked $(MAKE) --no-print-directory pages

pages: $(ANNOTATED) $(EXECUTED) build/html/index.html $(SITE_JS) $(ZIP)

# Annotate once: every article's sentences, mentions, statements, time expressions ... are computed into
# build/cache/ (only the articles the cache does not hold yet), and the notebooks read them from there.
annotate: $(SETUP)
	@$(PY) tools/build.py locked $(MAKE) --no-print-directory $(ANNOTATED)

$(ANNOTATED): $(INPUTS) $(SETUP)
	PYTHONPATH=$(CURDIR) $(PY) -m workbook.annotate --workers $(WORKERS) $(if $(SCHEDULER),--scheduler $(SCHEDULER))
	@touch $@

.venv/.installed: requirements.txt
	test -x .venv/bin/python || python3 -m venv .venv
	.venv/bin/python -m pip install --quiet --upgrade pip
	.venv/bin/python -m pip install --quiet -r requirements.txt
	touch $@

build/notebooks/%.ipynb: notebooks/%.ipynb $(INPUTS) tools/build.py $(SETUP) $(ANNOTATED)
	PYTHONPATH=$(CURDIR) $(PY) tools/build.py execute $< $@

# a page also names its neighbours (previous/next), so it is rebuilt when a notebook's title may have changed
build/html/%.html: build/notebooks/%.ipynb $(NOTEBOOKS) tools/build.py $(TEMPLATE) workbook/show/site.py
	$(PY) tools/build.py html $< $@

# one page per article (build/html/articles/) and workbook-site.js, which tells a page the folder is complete
$(SITE_JS): $(INPUTS) $(NOTEBOOKS) tools/build.py
	PYTHONPATH=$(CURDIR) $(PY) tools/build.py articles build/html

build/html/index.html: $(PAGES) $(EXECUTED) $(NOTEBOOKS) tools/build.py workbook/show/site.py
	$(PY) tools/build.py index $@ $(NOTEBOOKS)

# the folder as one attachment for mailing
$(ZIP): $(PAGES) build/html/index.html $(SITE_JS)
	$(PY) tools/build.py zip build/html $@

test: all
	$(PY) -m pytest

# As root (containers, cloud notebooks) Jupyter needs --allow-root; the token stays on either way.
lab: $(SETUP)
	PYTHONPATH=$(CURDIR) $(PY) -m jupyter lab --config=tools/jupyter_server_config.py --ServerApp.ip=127.0.0.1 \
		--ServerApp.root_dir=$(CURDIR) $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

# The values reach Python through the environment ("$$TITLE"), so quotes and spaces in a title are safe.
add: $(SETUP)
	@PYTHONPATH=$(CURDIR) $(PY) -m workbook.ingest "$$FILE" --title "$$TITLE" --outlet "$$OUTLET" \
		--published "$$PUBLISHED" --reference-date "$$REFERENCE_DATE" --url "$$URL" --author "$$AUTHOR"

clean:
	rm -rf build

bench: $(SETUP)
	$(PY) -m pip install --quiet -r bench/requirements.txt
	$(PY) bench/mentions_speed.py --mb 50
