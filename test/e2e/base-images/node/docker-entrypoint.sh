#!/bin/sh
set -e

# Same behaviour as the entrypoint of the official node image: run the command with node if
# the first argument looks like an option or is not a command on PATH (or is a non-executable
# file, e.g. `docker run node:24-slim app.js`); then exec, so the process is PID 1.
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi

exec "$@"
