# Shared environment for the project's scripts (sourced, not run).
export PYRITE_CACHE=${PYRITE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pyrite}
export PYRITE_SOURCES=$PYRITE_CACHE/sources
# Debian's emcc needs Debian's acorn, which the machine's node does not find on its own.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}
export EM_CACHE=${EM_CACHE:-}
[ -n "$EM_CACHE" ] || unset EM_CACHE
