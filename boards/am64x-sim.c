/* placeholder: being written */
typedef int rprocsim_placeholder_am64x_sim;
