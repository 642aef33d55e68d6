#!/bin/sh
# a vault password script: its password comes from the run's environment
printf '%s\n' "$RUNBOOK_VAULT_PASS"
