#!/bin/sh
# Stands in for docker in tests that must stop before docker runs: any call fails loudly.
echo "no docker here: $*" >&2
exit 1
