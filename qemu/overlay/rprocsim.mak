# Device configuration of rprocsim's qemu-system-aarch64
# (--without-default-devices --with-devices-aarch64=rprocsim).
CONFIG_RPROCSIM_QCS6490=y
CONFIG_RPROCSIM_AM64X=y
# plain 'virt' stays in the binary for boot-time comparisons (rprocsim bench)
CONFIG_ARM_VIRT=y
