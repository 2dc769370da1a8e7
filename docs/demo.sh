#!/bin/sh
# demo.sh CLAIMLOG - the main job of claimlog on the bundled dataset (the
# claims of the five seed documents in claims/ and sources/): check the
# repository, look at a claim and its evidence, review what is contested,
# and read a claim's history.  It only reads; nothing is changed.
set -e
cl=${1:?usage: sh docs/demo.sh path/to/claimlog}
case $cl in /*) ;; *) cl=$PWD/$cl ;; esac
cd "$(dirname "$0")/.."
if [ -d ../shared/seeds ]; then
	CLAIMLOG_SNAPSHOTS=${CLAIMLOG_SNAPSHOTS:-../shared/seeds}
	export CLAIMLOG_SNAPSHOTS
else
	echo "(../shared/seeds is absent: quotes cannot be checked against the documents)"
fi
step() { printf '\n\033[1m$ claimlog %s\033[0m\n' "$*"; "$cl" "$@"; }

step verify
step show ch92a-delivery-2020-06
step contested
step log serbia-fk3-procured
