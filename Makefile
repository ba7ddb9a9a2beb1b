# Pollstr: the two commands of the README, and the set-up steps they share.
#
#   make dev    installs what is missing, then serves the app with live reload (cargo leptos watch)
#   make test   installs what is missing (Chromium, PostgreSQL too), then runs every test,
#               on SQLite and on PostgreSQL
#   make release  what to deploy, in target/dist/pollstr (see docs/deploy.md)
#
# Everything is installed from crates.io, npm or Debian: nothing is downloaded from GitHub.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

CARGO_LEPTOS_VERSION := 0.3.10
# The CLI must match the wasm-bindgen crate in Cargo.lock exactly.
WASM_BINDGEN_VERSION := $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3 }' Cargo.lock)

# cargo-installed tools, and wasm-opt from the npm package binaryen (release builds).
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMIUM_PATH ?= $(shell command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)

# The end-to-end run gets its own fresh database and always the simulator (asked for
# explicitly: outside development the app refuses to start without a key), whatever .env says.
# Every test browser comes from 127.0.0.1, so the per-IP limits on codes and sign-ups are lifted.
E2E_DB := target/e2e.db
E2E_ENV := NEXMO_API_KEY= NEXMO_API_SECRET= VONAGE_API_KEY= VONAGE_API_SECRET= \
	VERIFY_SIMULATOR=true POLLSTR_DEMO=true \
	THROTTLE_STARTS_PER_IP=1000/3600 THROTTLE_SIGNUPS_PER_IP=1000/3600

# The PostgreSQL server the suite runs against a second time (each test makes a database of
# its own there). The default is a local server; the password is ignored with trust auth.
TEST_DATABASE_URL ?= postgres://postgres:postgres@127.0.0.1:5432/postgres
# The end-to-end specs that run once more on PostgreSQL: the journey, with and without JS, and
# live results (there also across two instances).
E2E_POSTGRES_SPECS := a-new-member-verifies-a-phone-by-sms-and-votes,the-whole-journey-works-without-javascript,results-move-live-as-votes-land

.PHONY: release bench bench-live screenshots dev test test-rust test-postgres test-e2e test-e2e-postgres postgres setup setup-test \
	wasm-target cargo-leptos wasm-bindgen node-deps chromium lint fmt

# The end-to-end runs share port 3000, and the suites the machine's two cores.
.NOTPARALLEL:

# LEPTOS_ENV=DEV marks a developer's machine: with no API key the Verify simulator runs.
dev: setup
	LEPTOS_ENV=DEV cargo leptos watch

test: setup setup-test test-rust test-postgres test-e2e test-e2e-postgres

# The integration tests start one app each and run side by side (the old hang was Leptos'
# route-list generation stalling other apps' renders; see tests/api/route_generation.rs).
test-rust:
	cargo test --features ssr --lib --bins --test logs
	env -u TEST_DATABASE_URL cargo test --features ssr --test api

# The same integration suite against PostgreSQL, then the multi-instance test is not skipped.
test-postgres: postgres
	TEST_DATABASE_URL="$(TEST_DATABASE_URL)" cargo test --features ssr --test api

test-e2e:
	rm -f $(E2E_DB) $(E2E_DB)-shm $(E2E_DB)-wal
	$(E2E_ENV) DATABASE_URL="sqlite://$(E2E_DB)?mode=rwc" cargo leptos end-to-end

# (The URL is taken first: a failure inside "$$(…)" on the command's own line would pass
# unnoticed and leave DATABASE_URL empty, which means the default SQLite file.)
test-e2e-postgres: postgres
	url="$$(scripts/postgres.sh fresh-database "$(TEST_DATABASE_URL)" pollstr_e2e)" && \
	  $(E2E_ENV) E2E_SPECS=$(E2E_POSTGRES_SPECS) DATABASE_URL="$$url" cargo leptos end-to-end

# A reachable PostgreSQL: started, or installed as root on Debian, when it is local and down.
postgres:
	@scripts/postgres.sh ensure "$(TEST_DATABASE_URL)"

# The README's pictures (docs/*.png), from the app on port 3000 with the simulator.
screenshots: setup setup-test
	scripts/screenshots.sh

# What to deploy, built offline with the pinned tools: the server, its hash file and the site,
# whose /pkg files carry their content hash and Brotli and gzip siblings; see docs/deploy.md.
RELEASE_DIR := target/dist/pollstr
release: setup
	cargo leptos build --release --precompress
	@# cargo-leptos' gzip (libflate) is about 20 % bigger than gzip -9: the .gz siblings again.
	for file in target/site/pkg/*.js target/site/pkg/*.wasm target/site/pkg/*.css; do \
	  gzip -9 -n -k -f "$$file"; \
	done
	rm -rf $(RELEASE_DIR) && mkdir -p $(RELEASE_DIR)
	cp target/release/pollstr target/release/hash.txt $(RELEASE_DIR)/
	cp -R target/site $(RELEASE_DIR)/site
	@echo "$(RELEASE_DIR): pollstr, hash.txt (keep them side by side) and site/ (LEPTOS_SITE_ROOT)"

# The release build under load (wrk), every figure from one run; see scripts/bench.sh.
# It measures and prints; it never fails on timing, and `make test` does not run it.
bench: release
	scripts/bench.sh

# Only the live results part of the benchmark.
bench-live: release
	scripts/bench.sh live

lint: node-deps
	cargo fmt --all -- --check
	cd end2end && tsc --noEmit -p .
	cargo clippy --features ssr --all-targets -- -D warnings
	cargo clippy --lib --features hydrate --target wasm32-unknown-unknown -- -D warnings

fmt:
	cargo fmt --all

setup: wasm-target cargo-leptos wasm-bindgen node-deps

setup-test: chromium

wasm-target:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown

cargo-leptos:
	@if ! cargo leptos --version 2>/dev/null | grep -q " $(CARGO_LEPTOS_VERSION)"; then \
	  echo "Installing cargo-leptos $(CARGO_LEPTOS_VERSION) (about 10 minutes on 2 cores, once)"; \
	  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
	    cargo install cargo-leptos --locked --version $(CARGO_LEPTOS_VERSION); \
	fi

wasm-bindgen:
	@if ! wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)$$"; then \
	  echo "Installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (matches Cargo.lock)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION); \
	fi

# Playwright and binaryen (wasm-opt); the lock file pins them.
node-deps: end2end/node_modules/.package-lock.json

end2end/node_modules/.package-lock.json: end2end/package.json end2end/package-lock.json
	cd end2end && npm ci --no-audit --no-fund
	@touch $@

# Playwright drives Debian's Chromium (its own browser download cannot work offline).
chromium:
	@if [ ! -x "$(CHROMIUM_PATH)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; elif command -v sudo >/dev/null; then SUDO=sudo; else \
	    echo "Chromium is missing and cannot be installed without root: run 'apt-get install chromium' or set CHROMIUM_PATH."; exit 1; fi; \
	  echo "Installing Debian's chromium for the end-to-end tests"; \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq chromium; \
	fi
