/* placeholder: being written */
typedef int rprocsim_placeholder_k3_r5f;
