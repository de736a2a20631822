#include "trace/trace-hw_rprocsim.h"
