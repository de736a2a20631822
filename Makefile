# rprocsim: the two commands of the README, and a few more.
#   make demo    set up everything needed, build, run the main job
#   make check   set up everything needed, build, run every test
# Both are idempotent: the second run only rebuilds what changed.

BUILD       ?= build
MESON_BUILD := $(BUILD)/meson
RPROCSIM    := $(MESON_BUILD)/tools/rprocsim

.PHONY: all setup demo check bench shell clean

all: setup
	@if [ ! -f $(MESON_BUILD)/build.ninja ]; then \
	    meson setup $(MESON_BUILD) -Dbuild_top=$(abspath $(BUILD)); fi
	ninja -C $(MESON_BUILD)
	@cat $(BUILD)/packages.txt | sed 's/^/  package: /'

setup:
	@scripts/host-deps.sh $(BUILD)

demo: all
	$(RPROCSIM) demo

check: all
	@set +e; meson test -C $(MESON_BUILD) --print-errorlogs; rc=$$?; \
	    scripts/test-summary.py $(MESON_BUILD)/meson-logs/testlog.json; exit $$rc

bench: all
	$(RPROCSIM) bench --json $(BUILD)/bench.json

shell: all
	$(RPROCSIM) shell

clean:
	rm -rf $(MESON_BUILD) $(BUILD)/demo
