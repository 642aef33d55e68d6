#!/usr/bin/env bash
# Runs K8sCompatParityTest's kubernetes.core playbooks with the real ansible-playbook (Debian's ansible with
# kubernetes.core) and rewrites src/test/resources/k8s-ansible-results.yml, the results the test compares the engine
# with (the engine runs too, and is compared as with -Dk8scompat.live=true). Run it after changing a playbook folder
# (k8scompat, k8snodes, ...) or a test's steps, after raising K8sAnsibleResults.LAB_REVISION, or to check the recording
# against another ansible or kubernetes.core.
#   tools/compat/record-k8s-results.sh                                  every folder
#   tools/compat/record-k8s-results.sh '-Dtest=K8sCompatParityTest#waitsRunAsWithAnsible'   one (the others are kept)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x /usr/bin/ansible-playbook ] && [ -d /usr/lib/python3/dist-packages/ansible_collections/kubernetes/core ] \
  || { echo "install Debian's ansible first (apt-get install ansible: ansible-playbook with kubernetes.core)" >&2; exit 1; }
exec mvn -B -o -q -pl src -am -Dtest=K8sCompatParityTest -Dsurefire.failIfNoSpecifiedTests=false -Dcds.skip=true \
  -Dk8scompat.record=true "$@" test
