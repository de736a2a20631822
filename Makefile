# rprocsim: the two commands of the README, and a few more.
#   make demo    set up everything needed, build, run the main job
#   make check   set up everything needed, build, run every test
# Both are idempotent: the second run only rebuilds what changed.
#   KERNEL=stable|backports|unstable   the Debian kernel the guest runs
#   (default stable; docs/kernels.md), for demo, check, shell, bench, guest.
#   make check without KERNEL runs the system tests on stable and backports;
#   make check-matrix on every suite.
#   BOARD=qcs6490-sim|am64x-sim   the simulated board, for demo (default:
#   each in turn), shell and bench (default: qcs6490-sim).
#   PATCHES="a.patch b.patch"   kernel patches whose modules are rebuilt and
#   replace the stock ones (docs/patches.md), for demo, check, shell, bench.
#   make compat-table   regenerate docs/am64x.md's graceful-shutdown table
#   from a run of both am64x sets on backports.
#   make asan    QEMU with ASan, LSan and UBSan in BUILD/qemu-asan, the demo on it;
#   fails on any sanitizer report (docs/building.md; not part of check).

BUILD       ?= build
KERNEL      ?= stable
MESON_BUILD := $(BUILD)/meson
RPROCSIM    := $(MESON_BUILD)/tools/rprocsim
FIRMWARE    := $(MESON_BUILD)/firmware-stubs
BENCH_JSON  := $(BUILD)/bench$(if $(filter stable,$(KERNEL)),,-$(KERNEL)).json
PATCHES     ?=
# absolute: meson runs the tests from its own folder
PATCHES_ABS := $(abspath $(PATCHES))
PATCH_ARGS  := $(foreach p,$(PATCHES_ABS),--patch $(p))
BOARD       ?=
BOARD_ARGS  := $(if $(BOARD),--board $(BOARD))

# the kernels 'make check' runs the system tests on
CHECK_KERNELS := $(if $(filter command line environment,$(origin KERNEL)),$(KERNEL),stable backports)
MATRIX_KERNELS := stable backports unstable

.PHONY: all setup kernel-suite patches guest demo check check-matrix run-tests bench shell clean \
	compat-table

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

# a PATCHES file that is not there stops before anything is built
patches:
	@for p in $(PATCHES_ABS); do [ -f "$$p" ] && [ -r "$$p" ] || \
	    { echo "PATCHES: $$p is not a readable file" >&2; exit 2; }; done

# the build (ninja) makes the stable guest; another suite's is made here
guest: all
	@if [ '$(KERNEL)' != stable ]; then \
	    RPROCSIM_KERNEL_SUITE='$(KERNEL)' guest/build.sh $(BUILD) $(abspath $(FIRMWARE)); fi

demo: patches guest
	$(RPROCSIM) demo --kernel-suite $(KERNEL) $(BOARD_ARGS) $(PATCH_ARGS)

# unit, qtest and fuzz once; the system suite per kernel (meson suites
# kernel-SUITE; each builds its guest image first); PATCHES reach every
# rprocsim the tests start through RPROCSIM_PATCHES
check: patches all
	@$(MAKE) --no-print-directory run-tests TEST_KERNELS='$(CHECK_KERNELS)'

check-matrix: patches all
	@$(MAKE) --no-print-directory run-tests TEST_KERNELS='$(MATRIX_KERNELS)'

run-tests:
	@for k in $(TEST_KERNELS); do \
	    bash -c '. scripts/common.sh && rp_kernel_suite_check "$$1"' _ "$$k" || exit 2; done
	@set +e; $(if $(PATCHES_ABS),RPROCSIM_PATCHES='$(PATCHES_ABS)') meson test -C $(MESON_BUILD) --print-errorlogs --suite unit --suite qtest \
	    --suite fuzz $(foreach k,$(TEST_KERNELS),--suite kernel-$(k)); \
	    rc=$$?; scripts/test-summary.py $(MESON_BUILD)/meson-logs/testlog.json; exit $$rc

bench: patches guest
	$(RPROCSIM) bench --kernel-suite $(KERNEL) --json $(BENCH_JSON) $(BOARD_ARGS) $(PATCH_ARGS)

shell: patches guest
	$(RPROCSIM) shell --kernel-suite $(KERNEL) $(BOARD_ARGS) $(PATCH_ARGS)

# docs/am64x.md's graceful-shutdown compatibility table, from a fresh run of
# the stock and the graceful sets on backports (the series is for 7.3)
compat-table: all
	@$(MAKE) --no-print-directory guest KERNEL=backports
	$(RPROCSIM) run --kernel-suite backports --out $(BUILD)/compat/stock \
	    --junit $(BUILD)/compat/stock/junit.xml scenarios/am64x
	$(RPROCSIM) run -j 1 --kernel-suite backports --out $(BUILD)/compat/graceful \
	    --junit $(BUILD)/compat/graceful/junit.xml scenarios/am64x/graceful
	scripts/k3-compat-table.py $(BUILD)/compat/stock $(BUILD)/compat/graceful \
	    --write docs/am64x.md

# the sanitized QEMU in its own folder and the demo on it, with the rprocsim,
# guest and firmware of 'make' (run that first); nothing else is rebuilt
.PHONY: asan
asan: setup
	qemu/build.sh $(BUILD) asan
	qemu/asan-demo.py $(BUILD) $(RPROCSIM) --kernel-suite $(KERNEL)

clean:
	rm -rf $(MESON_BUILD) $(BUILD)/demo
