# rmad: the two commands a newcomer needs are `make demo` and `make test`.
GO        ?= go
BIN       := bin/rmad
STATICCHECK := $(shell $(GO) env GOPATH)/bin/staticcheck
TEST_FLAGS ?=
FUZZTIME  ?= 60s

export RMAD_REQUIRE_SERVERS = 1

# The build's stamp (`rmad version`): git describe, the commit and its date
# (not the build's, so a commit always builds the same binary).
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
DATE    ?= $(shell git log -1 --format=%cI 2>/dev/null || echo unknown)
LDFLAGS := -X main.version=$(VERSION) -X main.commit=$(COMMIT) -X main.date=$(DATE)

.PHONY: all build release deps demo test lint fuzz bench parse-score bench-parse bench-jobs clean

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/rmad

# Static linux/amd64 and linux/arm64 binaries, .deb and .rpm (nfpm) and
# SHA256SUMS in dist/ (scripts/release.sh).
release:
	GO=$(GO) VERSION=$(VERSION) COMMIT=$(COMMIT) DATE=$(DATE) ./scripts/release.sh

# deps installs the servers the tests and the demo run (PostgreSQL, Dovecot)
# and the unprivileged account they run as under root.
deps:
	@./scripts/deps.sh

demo: deps build
	./$(BIN) demo

test: deps
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 30m $(TEST_FLAGS) ./...
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime 20000x ./parser
	$(GO) test -run '^$$' -fuzz FuzzRead -fuzztime 50000x ./registry
	$(GO) test -run '^$$' -fuzz FuzzReadAuthResults -fuzztime 12000x ./workflow

lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: the files above need formatting"; exit 1; }
	$(GO) vet ./...
	@test -x $(STATICCHECK) || $(GO) install honnef.co/go/tools/cmd/staticcheck@v0.8.2
	$(STATICCHECK) ./...

fuzz:
	$(GO) test -run '^$$' -fuzz FuzzParse -fuzztime $(FUZZTIME) ./parser

# The labelled cases' score, per field (parser/testdata/cases).
parse-score:
	RMAD_CASES=$(CASES) RMAD_SCORE_WRONG=$(WRONG) $(GO) test -count=1 -run '^TestParseScore$$' -v ./parser | sed -n '/^=== RUN/,/^--- /p' | grep -v '^=== RUN'

bench-parse:
	$(GO) test -run '^$$' -bench . -benchmem ./parser

BENCH_N     ?= 20000
BENCH_FLAGS ?=
BENCH_PREFILL ?= 0

# The load benchmark: real Dovecot, durable PostgreSQL, an SMTP sink and
# `rmad serve` as its own process; prints a table and writes bench/results.json.
# `make bench BENCH_N=2000` is the short version. BENCH_PREFILL=1000000
# first fills each run's database with that many tickets (3 messages each,
# an RMA for every second one) and times every job over it afterwards.
bench: deps
	$(GO) run ./bench -n $(BENCH_N) -prefill $(BENCH_PREFILL) $(BENCH_FLAGS)

# One run of every scheduled job over 1,000,000 RMAs with 1,000 due.
bench-jobs: deps
	$(GO) test -run '^$$' -bench BenchmarkJobs1M -benchtime 3x -timeout 30m ./workflow

clean:
	rm -rf bin dist
