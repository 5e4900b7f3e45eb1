# prov: the two commands a new user needs are `make demo` and `make test`.
GO ?= go
PKGS := ./...

.PHONY: all build demo test check tools bench fuzz clean screenshots

all: build

# VERSION names the build in the User-Agent, in every capture and in
# prov version; a plain go build says 0.1.0.
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo 0.1.0)

build:
	$(GO) build -ldflags "-X github.com/prov-archive/prov/crawl.Version=$(VERSION)" -o bin/prov ./cmd/prov

# demo: start the embedded mini-web on loopback, crawl it, report, export.
demo:
	rm -rf demo
	$(GO) run ./cmd/prov demo --db demo/prov.db --out demo/bundle

# test: check, the tests of the benchmark programs (their own module,
# bench/: the harnesses the tuning discipline rests on), then every test
# with the race detector. clean's tests take 7-9 minutes under it on two
# cores (418 s alone, 518 s beside other work), close to go test's
# default of 10 minutes a package: -timeout 25m keeps a busy machine
# from failing them, and still ends a hung test well inside CI's time.
# check: formatting, vet, tidy go.mod files, and the layering of the
# packages (layering/doc.go says which may import which).
test: check tools
	cd bench && $(GO) test -count=1 ./...
	$(GO) test -race -count=1 -timeout 25m $(PKGS)

# tools: what the tests need that Go does not bring. Debian's redis-server
# (the distributed crawl's integration test), chromium and
# fonts-wqy-microhei (the web UI's browser tests), installed with apt-get
# when missing and this user may install; and the outside validators the
# export tests run: warcio.js from npm,
# pinned by tools/node/package-lock.json, installed into tools/node (git
# ignores node_modules) when missing or when the pins change. Without
# node the tests that need it skip, saying so.
NODE_STAMP := tools/node/node_modules/.prov-installed
tools: sysdeps $(NODE_STAMP)

# SYSDEPS pairs what must be there (a command, or a file by its absolute
# path) with the Debian package that brings it.
SYSDEPS := redis-server:redis-server chromium:chromium fc-list:fontconfig \
	/usr/share/fonts/truetype/wqy/wqy-microhei.ttc:fonts-wqy-microhei
.PHONY: sysdeps
sysdeps:
	@missing=""; \
	for pair in $(SYSDEPS); do \
		need=$${pair%%:*}; \
		case $$need in \
		/*) [ -e $$need ] ;; \
		*) command -v $$need >/dev/null 2>&1 ;; \
		esac || missing="$$missing $${pair#*:}"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
		echo "not installed:$$missing (no apt-get here: install them by hand)"; exit 0; fi; \
	sudo=""; [ "$$(id -u)" = 0 ] || sudo="sudo -n"; \
	echo "installing:$$missing"; \
	$$sudo apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq$$missing >/dev/null || \
	echo "could not install:$$missing (the tests that need them fail under CI=true and skip otherwise)"

$(NODE_STAMP): tools/node/package.json tools/node/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tools/node --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the export validators cannot be installed"; fi

check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) mod tidy -diff
	cd bench && $(GO) vet ./... && $(GO) mod tidy -diff
	$(GO) test -count=1 -run 'TestLayering|TestForbidden' ./layering/

# benchdeps: the charset benchmark's peer, Debian's uchardet, which it
# runs in the same pass as prov's decision (without it the peer's columns
# are left out, saying so).
.PHONY: benchdeps
benchdeps:
	@$(MAKE) --no-print-directory sysdeps SYSDEPS=uchardet:uchardet

# bench: benchmarks over ../shared/eval (skipped where it is absent), the
# charset decision on the translated messages in /usr/share/locale (text
# it was never tuned on, split by program into tune and check), the
# WARC export of 5,000 stored captures of about 40 KB, prov works and
# export --format jsonl on 100,000 copies of one work (#20: under 30 s each),
# and prov serve's search over 20,000 generated documents.
bench: benchdeps
	$(GO) test -run '^$$' -bench . -benchtime 1x ./clean/charset/
	$(GO) test -run '^$$' -bench Eval -benchtime 1x ./clean/
	cd bench && $(GO) run ./extract -eval ../../shared/eval/extraction
	cd bench && $(GO) run ./warcexport -n 5000 -size 40000
	cd bench && $(GO) run ./works -n 100000
	$(GO) test -run '^$$' -bench Search20000 -benchtime 3x ./serve/

# screenshots: run prov serve's browser tests (Debian's chromium) over the
# demo archive and keep a PNG of each page they visit in SHOTS.
SHOTS ?= screenshots
screenshots: sysdeps
	mkdir -p $(SHOTS)
	PROV_SCREENSHOTS=$(abspath $(SHOTS)) CI=true $(GO) test -count=1 -run 'TestServeBrowser$$' ./cmd/prov/
	@ls $(SHOTS)

# test-distrib: the shared crawl's integration test alone (a real
# redis-server, three prov workers); make test runs it too.
.PHONY: test-distrib
test-distrib: sysdeps
	$(GO) test -race -count=1 -run TestDistributedCrawl -v ./cmd/prov/

FUZZTIME ?= 1m
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzDecide -fuzztime $(FUZZTIME) ./clean/charset/
	$(GO) test -run '^$$' -fuzz FuzzClean -fuzztime $(FUZZTIME) ./clean/

clean:
	rm -rf bin demo screenshots
