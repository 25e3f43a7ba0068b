# The S-400 research workbook.
#   make        set up .venv (when missing or the lock changed), execute every notebook, write build/html/
#   make test   build what is out of date, then run the whole test suite (unit, notebooks, browser)
#   make lab    open JupyterLab on 127.0.0.1 (token authentication stays on)
# Conda users: `conda env create -f environment.yml && conda activate s400-workbook && make PY=python`

PY ?= .venv/bin/python
NOTEBOOKS := $(sort $(wildcard notebooks/*.ipynb))
EXECUTED  := $(NOTEBOOKS:notebooks/%.ipynb=build/notebooks/%.ipynb)
PAGES     := $(NOTEBOOKS:notebooks/%.ipynb=build/html/%.html)
INPUTS    := helpers.py $(wildcard workbook/*.py workbook/*/*.py) $(wildcard corpus/*.csv corpus/articles/*.txt)
TEMPLATE  := $(wildcard tools/templates/offline/*)

ifeq ($(PY),.venv/bin/python)
SETUP := .venv/.installed
else
SETUP :=
endif

.PHONY: all test lab clean bench
.DELETE_ON_ERROR:
.SECONDARY: $(EXECUTED)

SITE_JS   := build/html/workbook-site.js
ZIP       := build/s400-workbook.zip

all: $(EXECUTED) build/html/index.html $(SITE_JS) $(ZIP)

.venv/.installed: requirements.txt
	test -x .venv/bin/python || python3 -m venv .venv
	.venv/bin/python -m pip install --quiet --upgrade pip
	.venv/bin/python -m pip install --quiet -r requirements.txt
	touch $@

build/notebooks/%.ipynb: notebooks/%.ipynb $(INPUTS) tools/build.py $(SETUP)
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

lab: $(SETUP)
	PYTHONPATH=$(CURDIR) $(PY) -m jupyter lab --ServerApp.ip=127.0.0.1 --notebook-dir=notebooks

clean:
	rm -rf build

bench: $(SETUP)
	$(PY) -m pip install --quiet -r bench/requirements.txt
	$(PY) bench/mentions_speed.py --mb 50
