#!/bin/sh
# Run a set-up script and touch a stamp file when it succeeds, so that meson
# can order targets after it. Usage: stamp.sh STAMP SCRIPT ARGS...
set -e
stamp=$1
shift
"$@"
touch "$stamp"
