#!/usr/bin/env bash

set -eux

./test_run_once.py -i inventory "$@"
