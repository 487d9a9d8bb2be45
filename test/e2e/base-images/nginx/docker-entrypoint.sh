#!/bin/sh
# The official image's entrypoint, reduced: run /docker-entrypoint.d/*.sh when the command is
# nginx, then exec the command. (This stand-in ships no scripts in /docker-entrypoint.d.)
set -e
if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    for f in /docker-entrypoint.d/*.sh; do
        [ -x "$f" ] && "$f"
    done
fi
exec "$@"
