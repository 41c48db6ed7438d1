# Claimtrack — the commands a new user types. See README.md.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
# Tests and lint need requirements-dev.txt on top (make test, make lint, make bench).
DEV_STAMP := $(VENV)/.installed-dev

# Tests run against the machine's PostgreSQL and Redis (override as needed).
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/claimtrack
TEST_BROKER_URL   ?= redis://127.0.0.1:6379/15

.PHONY: setup system-packages run lint test eval bench bench-million train clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(DEV_STAMP)

## setup: create .venv, install every requirement (spaCy models included), compile translations, migrate
setup: $(STAMP)
	-bin/install-system-packages
	if command -v msgfmt >/dev/null; then $(PY) manage.py compilemessages --ignore=.venv -v 0; fi
	$(PY) manage.py migrate --noinput

## system-packages: Debian packages for browser tests and PDF reports (chromium, gettext, pango, fonts)
system-packages:
	bin/install-system-packages

## run: set up, load the demo, serve http://127.0.0.1:8000 with a worker (SQLite defaults)
run: setup
	$(PY) manage.py load_demo
	bin/run-dev

## lint: ruff (rules and format in pyproject.toml); fix with `ruff check --fix . && ruff format .`
lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

## test: set up, lint, then run the whole suite on PostgreSQL + Redis, then the embedded (SQLite) smoke tests
test: $(DEV_STAMP) system-packages lint
	if command -v msgfmt >/dev/null; then $(PY) manage.py compilemessages --ignore=.venv -v 0; fi
	bin/check-services
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) $(PY) -m pytest
	CLAIMTRACK_VAR_DIR=$(CURDIR)/var/test-embedded DATABASE_URL= CELERY_BROKER_URL= $(PY) -m pytest -m embedded -q

## eval: extraction quality on ../shared/eval (writes bench/results/eval.json);
## FEEDBACK=gold.jsonl (from `manage.py export_gold`) scores it against the desk's own corrections
## (texts from FEEDBACK_ARTICLES, or the database); writes bench/results/eval-feedback.json
eval: $(STAMP)
	$(PY) bench/eval.py $(if $(FEEDBACK),--feedback $(FEEDBACK)) $(if $(FEEDBACK_ARTICLES),--feedback-articles $(FEEDBACK_ARTICLES))
	$(if $(FEEDBACK),,$(PY) bench/matching_eval.py)

BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/claimtrack_bench
BENCH_BROKER_URL   ?= redis://127.0.0.1:6379/11

## bench: speed figures → bench/results/ (extraction; submit→claims on SQLite and PostgreSQL;
## the same requests at 1k and 100k claims; exports of 100k claims; HTTP load with gunicorn + wrk;
## 1 vs 2 workers; 500 followed feeds; then bench-million). Needs PostgreSQL, Redis, wrk.
bench: $(DEV_STAMP)
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/scale.py
	$(PY) bench/extraction.py
	CLAIMTRACK_VAR_DIR=$(CURDIR)/var/bench DATABASE_URL= CELERY_BROKER_URL= $(PY) bench/submit_latency.py
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/load.py
	DATABASE_URL=$(BENCH_DATABASE_URL) CELERY_BROKER_URL=$(BENCH_BROKER_URL) $(PY) bench/submit_latency.py
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/exports.py
	DATABASE_URL=$(BENCH_DATABASE_URL) CELERY_BROKER_URL=$(BENCH_BROKER_URL) $(PY) bench/scaleout.py
	DATABASE_URL=$(BENCH_DATABASE_URL) CELERY_BROKER_URL=$(BENCH_BROKER_URL) $(PY) bench/sources.py
	$(PY) bench/matching.py
	$(MAKE) bench-million

## bench-million: the queue, API, search, dashboard and CSV export memory at 1,000,000 claims, in a
## database of their own (<BENCH_DATABASE_URL>_1000000). Seeding it the first time takes about 50 min on
## a busy 2-core machine (then it is reused); the measures take a few minutes.
BENCH_MILLION_URL ?= $(BENCH_DATABASE_URL)_1000000
bench-million: $(STAMP)
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/scale.py --sizes 1000 1000000 --rounds 9
	DATABASE_URL=$(BENCH_MILLION_URL) $(PY) bench/exports.py --articles 100000 --claims 1000000 --formats csv \
		--no-trace --requests 100 --results exports-1m.json

## train: retrain the check-worthiness models: the debate model (ClaimBuster; then its e5 embedding stage,
## ~10 min to encode 22k sentences once, cached under var/enc_cache), then the news stage on the
## labelled train articles (article-grouped 5-fold figures in cw_model/news.json), then the type model
## (cw_model/types.json)
train: $(STAMP)
	$(PY) -m training.train_debate
	$(PY) -m training.debate_embed
	$(PY) -m training.train_cw
	$(PY) -m training.train_types

clean:
	rm -rf var/test-embedded .pytest_cache
