#!/bin/sh
# git's GIT_ASKPASS: git asks for a username, then a password; both come from the environment
# of the one git call that needs them, never from a file or the command line.
case "$1" in
Username*) printf '%s\n' "${DESIGNER_GIT_USERNAME:-x-access-token}" ;;
*) printf '%s\n' "$DESIGNER_GIT_PASSWORD" ;;
esac
