# rprocsim: the two commands of the README, and a few more.
#   make demo    set up everything needed, build, run the main job
#   make check   set up everything needed, build, run every test
# Both are idempotent: the second run only rebuilds what changed.
#   KERNEL=stable|backports|unstable   the Debian kernel the guest runs
#   (default stable; docs/kernels.md), for demo, check, shell, bench, guest.

BUILD       ?= build
KERNEL      ?= stable
MESON_BUILD := $(BUILD)/meson
RPROCSIM    := $(MESON_BUILD)/tools/rprocsim
FIRMWARE    := $(MESON_BUILD)/firmware-stubs/qcom/qcs6490
BENCH_JSON  := $(BUILD)/bench$(if $(filter stable,$(KERNEL)),,-$(KERNEL)).json

.PHONY: all setup kernel-suite guest demo check bench shell clean

all: setup
	@if [ ! -f $(MESON_BUILD)/build.ninja ]; then \
	    meson setup $(MESON_BUILD) -Dbuild_top=$(abspath $(BUILD)); fi
	ninja -C $(MESON_BUILD)
	@cat $(BUILD)/packages.txt | sed 's/^/  package: /'

setup: kernel-suite
	@scripts/host-deps.sh $(BUILD)

# an unknown KERNEL stops before anything is built
kernel-suite:
	@bash -c '. scripts/common.sh && rp_kernel_suite_check "$$1"' _ '$(KERNEL)'

# the build (ninja) makes the stable guest; another suite's is made here
guest: all
	@if [ '$(KERNEL)' != stable ]; then \
	    RPROCSIM_KERNEL_SUITE='$(KERNEL)' guest/build.sh $(BUILD) $(abspath $(FIRMWARE)); fi

demo: guest
	$(RPROCSIM) demo --kernel-suite $(KERNEL)

check: guest
	@set +e; RPROCSIM_KERNEL_SUITE='$(KERNEL)' meson test -C $(MESON_BUILD) --print-errorlogs; \
	    rc=$$?; scripts/test-summary.py $(MESON_BUILD)/meson-logs/testlog.json; exit $$rc

bench: guest
	$(RPROCSIM) bench --kernel-suite $(KERNEL) --json $(BENCH_JSON)

shell: guest
	$(RPROCSIM) shell --kernel-suite $(KERNEL)

clean:
	rm -rf $(MESON_BUILD) $(BUILD)/demo
