#!/bin/bash
# The Jenkins rehearsal's helm: there is no Kubernetes API on the machines that rehearse, so this stub is helm on the
# node image's PATH. The real helm (/opt/helm/helm) answers version, and renders every upgrade with `helm template`
# and the same chart, values and --set-string arguments, so a bad chart or value still fails; what a cluster would
# do is faked: the release's revisions are kept in $FAKE_CLUSTER (a folder the rehearsal owns), every command is
# logged to $FAKE_CLUSTER/helm.log, helm test passes, and a --kubeconfig must name a readable file with a context.
set -euo pipefail
real=/opt/helm/helm
cluster="${FAKE_CLUSTER:?FAKE_CLUSTER names the folder that stands in for the cluster}"
printf '%s\n' "$*" >> "$cluster/helm.log"

command="${1:-}"
[ $# -gt 0 ] && shift
arguments=("$@")
release=
chart=
namespace=default
description=
kubeconfig=
render=()
positional=()
while [ $# -gt 0 ]; do
    case "$1" in
        --namespace|-n) namespace="$2"; shift ;;
        --description) description="$2"; shift ;;
        --kubeconfig) kubeconfig="$2"; shift ;;
        --values|-f|--set-string|--set) render+=("$1" "$2"); shift ;;
        --timeout|--history-max|--max|--output|-o|--kube-context|--revision) shift ;;
        --*) ;;
        *) positional+=("$1") ;;
    esac
    shift
done
release="${positional[0]:-}"
chart="${positional[1]:-}"
state="$cluster/$namespace/$release.tsv"

if [ -n "$kubeconfig" ] && ! grep -q '^current-context:' "$kubeconfig"; then
    echo "Error: kubeconfig $kubeconfig is missing or has no current-context" >&2
    exit 1
fi

json() { sed 's/\\/\\\\/g; s/"/\\"/g'; }

case "$command" in
    upgrade)
        "$real" template "$release" "$chart" --namespace "$namespace" "${render[@]}" > "$cluster/last-render.yaml"
        mkdir -p "$cluster/$namespace"
        touch "$state"
        next=$(( $(wc -l < "$state") + 1 ))
        sed -i 's/\tdeployed\t/\tsuperseded\t/' "$state"
        printf '%s\tdeployed\t%s\n' "$next" "${description:-Upgrade complete}" >> "$state"
        echo "Release \"$release\" has been upgraded. Happy Helming! (faked: no cluster; the chart rendered with the real helm)"
        ;;
    history)
        if [ ! -s "$state" ]; then echo "Error: release: not found" >&2; exit 1; fi
        first=1
        printf '['
        while IFS=$'\t' read -r revision status text; do
            [ $first = 1 ] || printf ','
            first=0
            printf '{"revision":%s,"status":"%s","description":"%s"}' "$revision" "$status" "$(printf '%s' "$text" | json)"
        done < "$state"
        printf ']\n'
        ;;
    test) echo "TEST SUITE: $release (faked: no cluster to run the test pod in)" ;;
    rollback|uninstall) echo "$command $release (faked: no cluster)" ;;
    *) exec "$real" "$command" "${arguments[@]}" ;;
esac
