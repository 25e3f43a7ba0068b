# The S-400 research workbook.
#   make        set up .venv (when missing or the lock changed), execute every notebook, write build/html/
#   make CORPUS=/path/to/corpus   the same for another corpus folder, into build/corpora/<name>-<hash>/
#               (its own pages, cache and zip; `make annotate`, `lab`, `add` and `clean` take CORPUS= too)
#   make test   build what is out of date, then run the whole test suite (unit, notebooks, browser)
#   make annotate  fill the annotation cache build/cache/ (make does it first; WORKERS=2 uses two processes,
#                  SCHEDULER=local a Dask LocalCluster, SCHEDULER=tcp://host:8786 a Dask cluster)
#   make lab    open JupyterLab on 127.0.0.1 (token authentication stays on)
#   make add FILE=page.html|article.txt|https://... [TITLE=... OUTLET=... PUBLISHED=YYYY-MM-DD REFERENCE_DATE=... URL=... AUTHOR=...]
#               add an article to corpus/ (text, saved page, catalog row with its sha256)
# Conda users: `conda env create -f environment.yml && conda activate s400-workbook && make PY=python`

PY ?= .venv/bin/python
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
WORKERS   ?= 1
SCHEDULER ?=

# Which corpus, and where its build goes. Plain `make` builds corpus/ into build/; `make CORPUS=DIR`
# builds DIR into a folder of its own, build/corpora/<folder name>-<first 10 hex of sha256 of its
# resolved path>/ (notebooks/, html/, cache/, the zip), so pages of two corpora never mix and the same
# folder always lands in the same place. Each corpus keeps its own annotation cache there (the cache
# keeps one corpus-wide result per step, so two corpora sharing one would redo each other's), unless
# WORKBOOK_CACHE names one.
CORPUS ?=
ifeq ($(strip $(CORPUS)),)
CORPUS_DIR := corpus
OUT        := build
CORPUS_ARG :=
else
ifneq ($(words $(CORPUS)),1)
$(error CORPUS="$(CORPUS)": the folder's path has a space, which make cannot pass along; move or link it to a path without spaces)
endif
CORPUS_DIR := $(or $(realpath $(CORPUS)),$(abspath $(CORPUS)))
ifneq ($(shell printf '%s\n' '$(CORPUS_DIR)' | LC_ALL=C grep -c '^[A-Za-z0-9._/+@=,-]*$$'),1)
$(error CORPUS=$(CORPUS): use a folder path of letters, digits and . _ - / + @ = , only (make cannot pass other characters along safely))
endif
OUT        := build/corpora/$(notdir $(CORPUS_DIR))-$(shell printf '%s' '$(CORPUS_DIR)' | sha256sum | cut -c1-10)
CORPUS_ARG := --corpus $(CORPUS_DIR)
unexport WORKBOOK_CORPUS
endif
CACHE     := $(abspath $(or $(WORKBOOK_CACHE),$(OUT)/cache))
EXECUTED  := $(NOTEBOOKS:notebooks/%.ipynb=$(OUT)/notebooks/%.ipynb)
PAGES     := $(NOTEBOOKS:notebooks/%.ipynb=$(OUT)/html/%.html)
INPUTS    := helpers.py $(wildcard workbook/*.py workbook/*/*.py) $(wildcard $(CORPUS_DIR)/*.csv $(CORPUS_DIR)/articles/*.txt)
TEMPLATE  := $(wildcard tools/templates/offline/*)
ANNOTATED := $(OUT)/cache/.annotated
RUN       := PYTHONPATH=$(CURDIR) WORKBOOK_CACHE=$(CACHE)

ifeq ($(PY),.venv/bin/python)
SETUP := .venv/.installed
else
SETUP :=
endif

.PHONY: all pages annotate test lab clean bench add
.DELETE_ON_ERROR:
.SECONDARY: $(EXECUTED)

SITE_JS   := $(OUT)/html/workbook-site.js
ZIP       := $(OUT)/s400-workbook.zip

# One build of a build folder at a time (tools/build.py locked holds $(OUT)/.lock): a second `make`
# waits, then finds it up to date. Plain make is corpus/ into build/: an exported WORKBOOK_CORPUS is refused
# (it would build another corpus into build/ and keep it as fresh); `make CORPUS=DIR` is the way to build DIR.
all: $(SETUP)
ifeq ($(strip $(CORPUS)),)
	@if [ -n "$$WORKBOOK_CORPUS" ]; then echo "WORKBOOK_CORPUS is set ($$WORKBOOK_CORPUS), but make builds corpus/ into build/." \
		"Unset it, or build that corpus into a folder of its own with: make CORPUS=$$WORKBOOK_CORPUS (see README, \"Another corpus\")." >&2; exit 2; fi
else
	@$(PY) tools/build.py check-corpus $(CORPUS)
	@echo "Building $(CORPUS_DIR) into $(OUT)/ (open $(OUT)/html/index.html)"
endif
	@$(PY) tools/build.py locked --folder $(OUT) $(MAKE) --no-print-directory pages

pages: $(ANNOTATED) $(EXECUTED) $(OUT)/html/index.html $(SITE_JS) $(ZIP)

# Annotate once: every article's sentences, mentions, statements, time expressions ... are computed into
# the cache (build/cache/, or the other corpus's folder; only the articles it does not hold yet), and the
# notebooks read them from there.
annotate: $(SETUP)
ifneq ($(strip $(CORPUS)),)
	@$(PY) tools/build.py check-corpus $(CORPUS)
endif
	@$(PY) tools/build.py locked --folder $(OUT) $(MAKE) --no-print-directory $(ANNOTATED)

$(ANNOTATED): $(INPUTS) $(SETUP)
	$(RUN) $(PY) tools/build.py annotate $(CORPUS_ARG) --workers $(WORKERS) $(if $(SCHEDULER),--scheduler $(SCHEDULER))
	@mkdir -p $(@D) && touch $@

.venv/.installed: requirements.txt
	test -x .venv/bin/python || python3 -m venv .venv
	.venv/bin/python -m pip install --quiet --upgrade pip
	.venv/bin/python -m pip install --quiet -r requirements.txt
	touch $@

$(OUT)/notebooks/%.ipynb: notebooks/%.ipynb $(INPUTS) tools/build.py $(SETUP) $(ANNOTATED)
	$(RUN) $(PY) tools/build.py execute $(CORPUS_ARG) $< $@

# a page also names its neighbours (previous/next), so it is rebuilt when a notebook's title may have changed
$(OUT)/html/%.html: $(OUT)/notebooks/%.ipynb $(NOTEBOOKS) tools/build.py $(TEMPLATE) workbook/show/site.py
	$(PY) tools/build.py html $< $@

# one page per article ($(OUT)/html/articles/) and workbook-site.js, which tells a page the folder is complete
$(SITE_JS): $(INPUTS) $(NOTEBOOKS) tools/build.py
	$(RUN) $(PY) tools/build.py articles $(CORPUS_ARG) $(OUT)/html

$(OUT)/html/index.html: $(PAGES) $(EXECUTED) $(NOTEBOOKS) tools/build.py workbook/show/site.py
	$(RUN) $(PY) tools/build.py index $(CORPUS_ARG) $@ $(NOTEBOOKS)

# the folder as one attachment for mailing
$(ZIP): $(PAGES) $(OUT)/html/index.html $(SITE_JS)
	$(PY) tools/build.py zip $(OUT)/html $@

# The tests check the workbook's code on corpus/ (their expected answers are worked out on its seeds), so
# they do not take another corpus: `make CORPUS=DIR` builds and checks DIR's pages, `make test` the code.
ifeq ($(strip $(CORPUS)),)
test: all
	$(PY) -m pytest
else
test:
	@echo "make test checks the workbook on corpus/, not on CORPUS=$(CORPUS): run 'make CORPUS=$(CORPUS)' to build" \
		"that corpus's pages, and 'make test' without CORPUS to test the code." >&2; exit 2
endif

# As root (containers, cloud notebooks) Jupyter needs --allow-root; the token stays on either way.
lab: $(SETUP)
	$(if $(CORPUS),WORKBOOK_CORPUS=$(CORPUS_DIR)) $(RUN) $(PY) -m jupyter lab --config=tools/jupyter_server_config.py --ServerApp.ip=127.0.0.1 \
		--ServerApp.root_dir=$(CURDIR) $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

# The values reach Python through the environment ("$$TITLE"), so quotes and spaces in a title are safe.
add: $(SETUP)
	@PYTHONPATH=$(CURDIR) $(PY) -m workbook.ingest "$$FILE" $(CORPUS_ARG) --title "$$TITLE" --outlet "$$OUTLET" \
		--published "$$PUBLISHED" --reference-date "$$REFERENCE_DATE" --url "$$URL" --author "$$AUTHOR"

# make clean removes build/ (every corpus's build with it); make clean CORPUS=DIR only DIR's folder
clean:
	rm -rf $(OUT)

bench: $(SETUP)
	$(PY) -m pip install --quiet -r bench/requirements.txt
	$(PY) bench/mentions_speed.py --mb 50
