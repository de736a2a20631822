/* placeholder: being written */
typedef int rprocsim_placeholder_k3_sec_proxy;
