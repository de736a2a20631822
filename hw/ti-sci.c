/* placeholder: being written */
typedef int rprocsim_placeholder_ti_sci;
