#!/usr/bin/env bash
# The script part of action.yml: installs ccnet from the action's own checkout (runtime dependencies only; the CLI
# then runs its TypeScript through tsx), runs `npx ccnet check`, writes the report and the exit code to
# $GITHUB_OUTPUT. The step never fails here, so the SARIF upload runs first; action.yml fails the job afterwards.
set -uo pipefail
home="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
if [ ! -d "$home/node_modules" ]; then
  npm ci --prefix "$home" --omit=dev --ignore-scripts --no-audit --no-fund >&2 || exit 1
fi
read -r -a paths <<<"${CCNET_PATHS:-templates/*.txt}"
read -r -a extra <<<"${CCNET_ARGS:-}"
format="${CCNET_FORMAT:-sarif}"
args=(check "${paths[@]}" --format "$format" --severity "${CCNET_SEVERITY:-info}" "${extra[@]}")
case "$format" in
  sarif | json | junit)
    npx --no-install --prefix "$home" ccnet "${args[@]}" >"${CCNET_OUTPUT:-ccnet.sarif}"
    code=$?
    echo "ccnet: report written to ${CCNET_OUTPUT:-ccnet.sarif}" >&2
    ;;
  *)
    npx --no-install --prefix "$home" ccnet "${args[@]}"
    code=$?
    ;;
esac
echo "exit-code=$code" >>"${GITHUB_OUTPUT:-/dev/null}"
exit 0
