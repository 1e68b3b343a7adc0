# Two commands do all set-up: `make demo` and `make test`. Both create .venv when it is missing.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install bench clean browser-deps postgres-up

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip==26.3
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@for f in samples/*.txt; do $(BIN)/gongbao parse "$$f"; echo; done
	$(BIN)/gongbao ingest samples --db gongbao.db
	$(BIN)/gongbao search --db gongbao.db --limit 3 重污染天气 应急预案
	$(BIN)/gongbao search --db gongbao.db '阳政办发[2020]132号'
	$(BIN)/gongbao search --db gongbao.db --limit 3 怎么申请阳泉市质量奖
	$(BIN)/gongbao search --db gongbao.db --limit 3 石峥 --year 2022
	OMP_NUM_THREADS=1 $(BIN)/gongbao embed --db gongbao.db --limit 6   # the rest: gongbao embed --db gongbao.db
	OMP_NUM_THREADS=1 $(BIN)/gongbao search --db gongbao.db --limit 3 企业产品做得好政府给什么荣誉
	$(BIN)/gongbao serve --db gongbao.db --host 127.0.0.1 --port 8000

test: $(STAMP) browser-deps postgres-up
	$(BIN)/python -m pytest

# The PostgreSQL tests use the server on 127.0.0.1:5432 (this kind of machine has one); start it
# if it is installed and down. Without a server those tests are skipped, saying so.
postgres-up:
	@if command -v pg_isready >/dev/null 2>&1 && ! pg_isready -h 127.0.0.1 -p 5432 -q; then \
	  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then \
	    pg_ctlcluster --skip-systemctl-redirect "$$(ls /etc/postgresql | head -1)" main start || true; fi; fi

# The browser tests (tests/test_browser.py) drive Debian's chromium with Playwright; Playwright's
# own browser download is never used. Installs chromium and a CJK font when they are missing and
# apt-get can run as root; otherwise, or if that fails, the browser tests skip and say why.
browser-deps:
	@if [ -x /usr/bin/chromium ] && fc-list :lang=zh 2>/dev/null | grep -q .; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "browser-deps: installing chromium and a CJK font (apt-get)"; \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	      chromium fonts-wqy-microhei >/dev/null; } \
	  || echo "browser-deps: could not install chromium: the browser tests will be skipped"; \
	else echo "browser-deps: no chromium, and apt-get cannot run here: the browser tests will be skipped"; fi

bench: $(STAMP)
	$(BIN)/python bench/parse.py

clean:
	rm -rf $(VENV) gongbao.db gongbao.db-wal gongbao.db-shm
